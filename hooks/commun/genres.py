"""Les genres de contenu, déclarés une fois : ce qu'est une fiche, un outil, un compte rendu.

Chaque ``Genre`` dit le dossier où vivent ses fichiers, la classe du modèle qui les porte, ses
champs (leur ordre, leur fragment de schéma JSON, lesquels sont obligatoires), comment en parler à
un contributeur et les sections du corps. Son schéma JSON, le chargement, les contrôles de
sections, les squelettes et les assistants, le vérificateur et le motif du crochet pre-commit en
sont tirés : ajouter un genre, c'est une classe du modèle, une déclaration ici et ses pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from commun import champs
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
    titre_schema: str  # le titre de son schéma JSON
    proprietes: dict[str, Any]  # ses champs propres, en fragments de schéma (commun.champs)
    requis: tuple[str, ...] | None = None  # les champs obligatoires ; par défaut, ``champs``
    sections_obligatoires: bool = True  # sinon, celles qu'un nouveau fichier propose

    @property
    def sorte(self) -> str:
        """Ce qu'est sa page, pour la recherche et les exports (« Fiche projet »)."""
        return self.classe.sorte

    @property
    def champs_requis(self) -> tuple[str, ...]:
        """Les champs obligatoires pour le schéma ; la provenance ne l'est qu'une fois validé
        (``verification.verifier_provenance``)."""
        if self.requis is not None:
            return self.requis
        return tuple(c for c in self.champs if c not in champs.PROVENANCE)

    @property
    def sections_exigees(self) -> tuple[str, ...]:
        return self.sections if self.sections_obligatoires else ()


GENRES: dict[str, Genre] = {g.nom: g for g in (
    Genre(
        "outil", "outils", Outil, "l'outil", "Nouvel outil",
        champs=("titre", "resume", "type", "phase", "duree_minutes", "participants_min",
                "participants_max", "difficulte", "materiel", "outils_lies", "a_distance",
                "audio", "mis_a_jour", "validation", *champs.PROVENANCE, "licence"),
        sections=v.SECTIONS_OUTIL,
        titre_schema="Outil ou méthode du commun",
        proprietes={
            "resume": champs.texte("Une phrase qui dit à quoi sert l'outil.", 10, 200),
            "type": champs.choix(v.TYPES_OUTIL, "La nature de l'outil."),
            "phase": champs.choix(v.PHASES, "La phase de la démarche de design."),
            "duree_minutes": champs.entier("Durée en minutes.", 1, 60 * 24 * 5),
            "participants_min": champs.entier("Nombre minimum de participants.", 1, 500),
            "participants_max": champs.entier("Nombre maximum de participants.", 1, 500),
            "difficulte": champs.choix(v.DIFFICULTES, "La difficulté d'animation."),
            "materiel": {"type": "array", "items": champs.texte("Un élément de matériel."),
                         "maxItems": 30,
                         "description": "Le matériel nécessaire, une ligne par élément."},
            "outils_lies": champs.references(
                "Identifiants d'outils liés (noms de fichiers sans .md).", 8),
            "a_distance": champs.a_distance(),
            "audio": champs.enregistrements(),
        },
        requis=("titre", "resume", "type", "phase", "duree_minutes", "participants_min",
                "participants_max", "difficulte", "materiel", "outils_lies", "a_distance",
                "licence", "validation"),
    ),
    Genre(
        "fiche", "fiches", Fiche, "la fiche projet", "Nouvelle fiche",
        champs=("titre", "resume", "ccas", "thematique", "priorite", "etat", "labos", "outils",
                "equipe", "mis_a_jour", "validation", *champs.PROVENANCE, "licence"),
        sections=v.SECTIONS_FICHE,
        titre_schema="Fiche projet d'un CCAS",
        proprietes={
            "resume": champs.texte("Une phrase qui résume le projet.", 10, 200),
            "ccas": champs.reference(
                "Le CCAS (ou l'UDCCAS) qui porte le projet : voir commun.yml."),
            "thematique": champs.reference("La thématique : voir commun.yml."),
            "priorite": champs.choix(v.PRIORITES, "Projet prioritaire ou secondaire."),
            "etat": champs.choix(v.ETATS, "L'état du projet."),
            "labos": champs.references(
                "Les labos où le projet a été travaillé : voir commun.yml.", 20),
            "outils": champs.references(
                "Les outils utilisés (noms de fichiers de outils/ sans .md).", 30),
            "equipe": {"type": "array", "items": champs.texte("Un rôle, jamais un nom.", 2, 120),
                       "minItems": 1, "maxItems": 6,
                       "description": "Les rôles de l'équipe projet, sans aucun nom de personne."},
        },
    ),
    Genre(
        "compte-rendu", "labos", CompteRendu, "le compte rendu", "Nouveau compte rendu",
        champs=("titre", "labo", "debut", "fin", "lieu", "format", "ccas_presents", "outils",
                "fiches", "validation", *champs.PROVENANCE, "licence"),
        # pas de section obligatoire : celles du compte rendu du labo 1, qui sert de modèle
        sections=("Objectifs", "Déroulé", "Ce qui a été produit",
                  "Ce que les participants en disent", "Suites à donner pendant l'intersession"),
        sections_obligatoires=False,
        titre_schema="Compte rendu de labo",
        proprietes={
            "labo": champs.reference("Le labo : voir commun.yml."),
            "debut": champs.date("Premier jour du labo."),
            "fin": champs.date("Dernier jour du labo."),
            "lieu": champs.texte("La commune ou le lieu (pas d'adresse privée).", 2, 120),
            "format": champs.choix(v.FORMATS, "Le format du labo."),
            "ccas_presents": champs.references("Les CCAS présents : voir commun.yml.", 40, 1),
            "outils": champs.references("Les outils utilisés pendant le labo.", 40),
            "fiches": champs.references(
                "Les fiches projets travaillées (noms de fichiers sans .md).", 60),
        },
    ),
)}

# dossier → genre : où le chargement cherche les contenus, et ce qu'il en fait
PAR_DOSSIER: dict[str, Genre] = {g.dossier: g for g in GENRES.values()}


def motif_des_fichiers() -> str:
    """Les fichiers que le crochet pre-commit vérifie (``.pre-commit-config.yaml``, testé)."""
    return rf"^(({'|'.join(PAR_DOSSIER)})/.+\.md|commun\.yml)$"
