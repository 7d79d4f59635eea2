"""Les genres de contenu, déclarés une fois : ce qu'est une fiche, un outil, un compte rendu.

Chaque ``Genre`` dit le dossier où vivent ses fichiers, la classe du modèle qui les porte, le nom
de son schéma JSON, comment en parler à un contributeur, l'ordre des champs de l'en-tête et les
sections du corps. Le chargement, les contrôles de sections, les squelettes et les assistants,
le vérificateur et le motif du crochet pre-commit en sont tirés : ajouter un genre, c'est une
classe du modèle, une ligne ici, son schéma et ses pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from commun import vocabulaire as v
from commun.modele import CompteRendu, Contenu, Fiche, Outil


@dataclass(frozen=True)
class Genre:
    nom: str          # nom du schéma : « fiche », « outil », « compte-rendu »
    dossier: str      # où vit le fichier : « fiches »
    classe: type[Contenu]
    libelle: str      # « la fiche projet »
    nouveau: str      # « Nouvelle fiche » (message de commit proposé)
    champs: tuple[str, ...]  # l'ordre des champs dans l'en-tête
    sections: tuple[str, ...]  # les sections du corps (« Exemple à… » : le territoire suit)
    sections_obligatoires: bool = True  # sinon, celles qu'un nouveau fichier propose

    @property
    def sorte(self) -> str:
        """Ce qu'est sa page, pour la recherche et les exports (« Fiche projet »)."""
        return self.classe.sorte

    @property
    def sections_exigees(self) -> tuple[str, ...]:
        return self.sections if self.sections_obligatoires else ()


GENRES: dict[str, Genre] = {g.nom: g for g in (
    Genre("outil", "outils", Outil, "l'outil", "Nouvel outil", (
        "titre", "resume", "type", "phase", "duree_minutes", "participants_min",
        "participants_max", "difficulte", "materiel", "outils_lies", "mis_a_jour", "validation",
        "licence"), v.SECTIONS_OUTIL),
    Genre("fiche", "fiches", Fiche, "la fiche projet", "Nouvelle fiche", (
        "titre", "resume", "ccas", "thematique", "priorite", "etat", "labos", "outils", "equipe",
        "mis_a_jour", "validation", "licence"), v.SECTIONS_FICHE),
    # pas de section obligatoire : celles du compte rendu du labo 1, qui sert de modèle
    Genre("compte-rendu", "labos", CompteRendu, "le compte rendu", "Nouveau compte rendu", (
        "titre", "labo", "debut", "fin", "lieu", "format", "ccas_presents", "outils", "fiches",
        "validation", "licence"), ("Objectifs", "Déroulé", "Ce qui a été produit",
                                   "Ce que les participants en disent",
                                   "Suites à donner pendant l'intersession"),
          sections_obligatoires=False),
)}

# dossier → genre : où le chargement cherche les contenus, et ce qu'il en fait
PAR_DOSSIER: dict[str, Genre] = {g.dossier: g for g in GENRES.values()}


def motif_des_fichiers() -> str:
    """Les fichiers que le crochet pre-commit vérifie (``.pre-commit-config.yaml``, testé)."""
    return rf"^(({'|'.join(PAR_DOSSIER)})/.+\.md|commun\.yml)$"
