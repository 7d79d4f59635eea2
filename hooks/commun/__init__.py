"""Le moteur du commun, indépendant de MkDocs.

Le pipeline, dans l'ordre où les données le traversent :

- ``configuration`` : lit ``commun.yml`` (le site et le référentiel du territoire) ;
- ``source``        : lit un fichier Markdown et son en-tête YAML, avec les numéros de ligne ;
- ``schemas``       : les schémas JSON des en-têtes, construits depuis ``vocabulaire`` ;
- ``verification``  : les contrôles, qui produisent des ``Probleme`` (chemin, ligne, message) ;
- ``chargement``    : lit tout le contenu une fois et construit le ``Corpus`` (``modele``) ;
- ``rendu``         : transforme le modèle en pages Markdown (fiches, outils, catalogues…).

Les hooks MkDocs (``hooks/*.py``) et les scripts (``scripts/``) ne font qu'appeler ce paquet.
"""
