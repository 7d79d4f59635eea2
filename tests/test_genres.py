"""Les genres de contenu (``commun.genres``), en mémoire : chaque genre s'accorde avec sa classe
du modèle, son schéma JSON (``commun.schemas``) et les listes fermées (``commun.vocabulaire``),
et les fabriques des tests (``tests/outils.py``) rendent des contenus que le chargement
accepterait."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

import pytest

from commun import schemas, verification
from commun import vocabulaire as v
from commun.genres import GENRES, PAR_DOSSIER, motif_des_fichiers
from commun.modele import ADistance, CompteRendu, Contenu, Fiche, Outil
from commun.source import Source
from outils import compte_rendu, fiche, outil

# ce que le chargement donne à la classe sans que l'en-tête l'écrive
HORS_ENTETE = {"id", "chemin", "corps", "ligne_corps"}

FABRIQUES: dict[str, Callable[..., Contenu]] = {
    "outil": outil, "fiche": fiche, "compte-rendu": compte_rendu}


def champs_du_modele(classe: type[Contenu]) -> set[str]:
    return {c.name for c in dataclasses.fields(classe) if c.init} - HORS_ENTETE


def en_tete(contenu: Contenu) -> dict[str, Any]:
    """L'en-tête YAML qu'un contributeur écrirait pour ce contenu (le contraire de
    ``chargement._construire``)."""
    valeurs = {c: getattr(contenu, c) for c in sorted(champs_du_modele(type(contenu)))}
    return {c: _yaml(x) for c, x in valeurs.items() if x is not None}


def _yaml(valeur: Any) -> Any:
    if isinstance(valeur, ADistance):
        return {k: _yaml(x) for k, x in dataclasses.asdict(valeur).items() if x}
    return list(valeur) if isinstance(valeur, tuple) else valeur


def test_les_trois_genres_et_leurs_dossiers() -> None:
    assert {nom: (g.dossier, g.classe) for nom, g in GENRES.items()} == {
        "outil": ("outils", Outil), "fiche": ("fiches", Fiche),
        "compte-rendu": ("labos", CompteRendu)}
    assert {"outils": GENRES["outil"], "fiches": GENRES["fiche"],
            "labos": GENRES["compte-rendu"]} == PAR_DOSSIER


@pytest.mark.parametrize("nom", GENRES)
def test_le_dossier_est_la_collection_de_la_classe(nom: str) -> None:
    genre = GENRES[nom]
    assert FABRIQUES[nom]().collection == genre.dossier
    assert genre.sorte == genre.classe.sorte


def test_les_sortes_sont_distinctes_et_dites_en_francais() -> None:
    assert [g.sorte for g in GENRES.values()] == ["Outil", "Fiche projet", "Compte rendu de labo"]


@pytest.mark.parametrize("nom", GENRES)
def test_chaque_genre_a_son_schema(nom: str) -> None:
    schema = schemas.schemas()[nom]
    assert schema["$id"] == f"{schemas.BASE_URL}{nom}.schema.json"
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("nom", GENRES)
def test_l_entete_du_schema_est_celle_de_la_classe(nom: str) -> None:
    """Tout champ que le schéma permet devient un champ de la classe (le chargement les lui
    passe tels quels), et tout champ sans valeur par défaut de la classe est exigé."""
    genre, schema = GENRES[nom], schemas.schemas()[nom]
    proprietes, requis = set(schema["properties"]), set(schema["required"])
    assert proprietes <= champs_du_modele(genre.classe)
    sans_defaut = {c.name for c in dataclasses.fields(genre.classe) if c.init
                   and c.default is dataclasses.MISSING
                   and c.default_factory is dataclasses.MISSING} - HORS_ENTETE
    assert sans_defaut <= requis


@pytest.mark.parametrize("nom", GENRES)
def test_les_champs_du_genre_sont_ceux_du_schema(nom: str) -> None:
    """L'ordre des champs (squelettes, assistants) ne cite que des champs du schéma, sans
    doublon, et tous les champs exigés."""
    genre, schema = GENRES[nom], schemas.schemas()[nom]
    assert len(set(genre.champs)) == len(genre.champs)
    assert set(schema["required"]) <= set(genre.champs) <= set(schema["properties"])
    assert set(schema["properties"]) - set(genre.champs) <= {"exemple", "mis_a_jour"}


@pytest.mark.parametrize(("nom", "champ", "termes"), [
    ("outil", "type", v.TYPES_OUTIL), ("outil", "phase", v.PHASES),
    ("outil", "difficulte", v.DIFFICULTES), ("fiche", "priorite", v.PRIORITES),
    ("fiche", "etat", v.ETATS), ("compte-rendu", "format", v.FORMATS),
    ("outil", "validation", v.VALIDATIONS), ("fiche", "validation", v.VALIDATIONS),
    ("compte-rendu", "validation", v.VALIDATIONS)])
def test_les_choix_du_schema_sont_le_vocabulaire(nom: str, champ: str,
                                                 termes: dict[str, v.Terme]) -> None:
    assert schemas.schemas()[nom]["properties"][champ]["enum"] == list(termes)


@pytest.mark.parametrize("nom", GENRES)
def test_la_licence_est_une_licence_de_contenu(nom: str) -> None:
    assert schemas.schemas()[nom]["properties"]["licence"]["enum"] == list(v.LICENCES_CONTENU)
    assert set(v.LICENCES_CONTENU) <= set(v.LICENCES)


def test_les_sections_viennent_du_vocabulaire() -> None:
    assert GENRES["outil"].sections_exigees == v.SECTIONS_OUTIL
    assert GENRES["fiche"].sections_exigees == v.SECTIONS_FICHE
    # le compte rendu propose des sections à un nouveau fichier, sans les exiger
    assert GENRES["compte-rendu"].sections[0] == "Objectifs"
    assert GENRES["compte-rendu"].sections_exigees == ()
    assert verification.SECTIONS == {"outil": v.SECTIONS_OUTIL, "fiche": v.SECTIONS_FICHE,
                                     "compte-rendu": ()}


@pytest.mark.parametrize("nom", GENRES)
def test_les_fabriques_des_tests_donnent_un_contenu_valide(nom: str) -> None:
    """Les contenus en mémoire des tests unitaires sont ceux que le chargement accepterait :
    un en-tête conforme au schéma, les sections exigées dans l'ordre."""
    contenu = FABRIQUES[nom]()
    entete = en_tete(contenu)
    assert list(schemas.erreurs(nom, entete)) == []
    source = Source(contenu.chemin, entete, contenu.corps, contenu.ligne_corps)
    assert list(verification.verifier_sections(source, GENRES[nom].sections_exigees)) == []


def test_une_fabrique_qui_s_ecarte_du_schema_est_vue() -> None:
    """Le contrôle précédent peut échouer : une valeur hors du vocabulaire est signalée."""
    assert [c for c, _ in schemas.erreurs("fiche", en_tete(fiche(etat="fini")))] == [("etat",)]


@pytest.mark.parametrize(("chemin", "verifie"), [
    ("fiches/acoua-guichet.md", True), ("outils/persona.md", True), ("labos/labo-1.md", True),
    ("commun.yml", True), ("docs/index.md", False), ("fiches/acoua.txt", False),
    ("labos/presences/labo-1.yml", False), ("xfiches/a.md", False), ("commun.yml.bak", False)])
def test_le_crochet_pre_commit_voit_les_contenus_et_commun_yml(chemin: str, verifie: bool) -> None:
    assert bool(re.search(motif_des_fichiers(), chemin)) is verifie
