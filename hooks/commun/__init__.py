"""Le moteur du commun, indépendant de MkDocs.

Le pipeline, dans l'ordre où les données le traversent :

- ``configuration`` : lit ``commun.yml`` (le site et le référentiel du territoire) ;
- ``source``        : lit un fichier Markdown et son en-tête YAML, avec les numéros de ligne ;
- ``schemas``       : les schémas JSON des en-têtes, construits depuis ``vocabulaire`` ;
- ``verification``  : les contrôles, qui produisent des ``Probleme`` (chemin, ligne, message) ;
- ``surete``        : ce que le contenu contribué ne peut pas contenir (HTML, liens, données
  personnelles, images, limites) ;
- ``genres``        : les genres de contenu (fiche, outil, compte rendu), déclarés une fois ;
- ``chargement``    : lit tout le contenu une fois et construit le ``Corpus`` (``modele``) ;
- ``pages``         : le registre des pages générées et, une famille par module, leur Markdown
  (contenus, catalogues, CCAS, labos, Livret, suivi du programme) ;
- ``construction``  : le build en une fonction, ``construire(racine, apercu)`` ;
- ``suivi``         : ce qui se déduit du corpus pour le suivi (présences, calendrier, avancement),
  rendu par ``pages.programme`` (avec les graphiques SVG de ``graphiques``) ;
- ``donnees``       : les fichiers de données ouvertes (JSON, CSV, Atom, iCalendar).

Les hooks MkDocs (``hooks/*.py``) et les scripts (``scripts/``) ne font qu'appeler ce paquet.
"""
