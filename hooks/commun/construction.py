"""Le commun construit, en une fonction : ce que partagent les hooks, ``scripts/verifier.py`` et
les tests.

``construire(racine, apercu=…)`` rend une ``Construction``, étape par étape :

1. **configuration et contenu** : ``commun.yml``, puis outils/, fiches/, labos/, feuilles de
   présence et fichiers joints, lus et vérifiés (``chargement.charger`` : schéma, référentiel,
   sections, sûreté, données personnelles, cohérence, liens). Un contenu en défaut n'entre pas
   dans le corpus ; chacun de ses problèmes est un ``Probleme`` (chemin, ligne, message) ;
2. **corpus publiable** : seul le contenu validé, sauf en aperçu ; les exemples selon
   ``commun.yml`` ;
3. **registre des pages générées** (``commun.pages``) : catalogues, CCAS, thématiques, labos,
   Livret, suivi, chacune avec son rendu, sa sorte, son moteur et sa place dans la recherche. Les
   liens du contenu ont été vérifiés contre ce même registre (étape 1).

Ensuite viennent les étapes de MkDocs, dans les hooks (``hooks/*.py``, chacun une seule
affaire, leur ordre dit par ``@event_priority``) : ``contenu`` ajoute les pages du registre et
rend chaque page, ``surete`` nettoie le HTML de chaque page, ``recherche`` l'indexe,
``donnees`` écrit les données ouvertes, ``hors_ligne`` la copie ZIP, en dernier.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from commun.chargement import charger, empreinte
from commun.modele import Configuration, Contenu, Corpus, Probleme
from commun.pages import PageGeneree, registre


@dataclass(frozen=True)
class Construction:
    racine: Path
    apercu: bool
    corpus: Corpus  # tout le contenu sans défaut, brouillons compris
    problemes: list[Probleme]
    fichiers_joints: dict[str, Path]  # images et PDF acceptés : src_uri → chemin
    publiable: Corpus  # ce que le site montre
    pages: dict[str, PageGeneree]  # src_uri → page générée

    @property
    def configuration(self) -> Configuration:
        return self.corpus.configuration

    @cached_property
    def contenus(self) -> dict[str, Contenu]:
        """Les contenus publiés, par chemin de page."""
        return {c.src_uri: c for c in self.publiable.contenus()}

    def sorte(self, src_uri: str) -> str:
        """Ce qu'est une page pour la recherche et les exports : « Fiche projet », « CCAS »…,
        « Page » pour une page écrite à la main (docs/)."""
        if (contenu := self.contenus.get(src_uri)) is not None:
            return contenu.sorte
        generee = self.pages.get(src_uri)
        return generee.sorte if generee is not None else "Page"

    def indexee(self, src_uri: str) -> bool:
        """Si la recherche indexe la page (le registre le dit pour les pages générées)."""
        generee = self.pages.get(src_uri)
        return generee is None or generee.recherche


def construire(racine: Path, *, apercu: bool = False) -> Construction:
    """Le commun de ``racine`` lu, vérifié, filtré pour la publication, ses pages déclarées.
    Lève ``chargement.ConfigurationInvalide`` si ``commun.yml`` est inutilisable."""
    # 1. configuration et contenu, vérifiés ; les liens, contre le registre du corpus publié
    lu = charger(racine, lambda publie: registre(publie).keys())
    # 2. ce qui est publié
    publiable = lu.corpus.publiable(apercu=apercu)
    # 3. les pages générées
    pages = registre(publiable)
    return Construction(racine, apercu, lu.corpus, lu.problemes, lu.fichiers_joints, publiable,
                        pages)


_memoire: dict[tuple[Path, bool], tuple[tuple, Construction]] = {}


def construire_en_cache(racine: Path, *, apercu: bool = False) -> Construction:
    """``construire``, refait seulement si un fichier lu a changé (« mkdocs serve » ne relit que
    ce qui a bougé). Le hook de contenu l'appelle au début de chaque build ; les autres hooks
    reprennent ce qu'il a obtenu (``construction_du_build``)."""
    marque, deja = empreinte(racine), _memoire.get((racine, apercu))
    if deja is not None and deja[0] == marque:
        return deja[1]
    construction = construire(racine, apercu=apercu)
    _memoire[(racine, apercu)] = (marque, construction)
    return construction


def construction_du_build(racine: Path, *, apercu: bool = False) -> Construction:
    """La construction que le hook de contenu a faite ou vérifiée au début de ce build
    (``on_files``, le premier à la demander) : les hooks qui passent après la reprennent sans
    relire l'état de chaque fichier (0,13 s par appel à 5 000 fiches)."""
    if (deja := _memoire.get((racine, apercu))) is not None:
        return deja[1]
    return construire_en_cache(racine, apercu=apercu)
