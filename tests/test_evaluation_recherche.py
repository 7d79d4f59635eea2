"""Le jeu d'évaluation de la recherche (issue 16) : requêtes jugées, corpus public, mesures.

Rien n'est construit ni lancé dans un navigateur ici : ``scripts/evaluer_recherche.py`` le fait.
On vérifie que le fichier des requêtes se tient (pages jugées existantes, ensembles disjoints,
sortes connues, réserve tirée par la graine écrite dans le fichier), que le corpus reste propre
et que les mesures calculent ce qu'elles disent sur un petit exemple fait à la main.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from commun.construction import construire
from conftest import RACINE

# scripts/ comme mypy le voit (modules au premier niveau), pas en paquet « scripts »
sys.path.insert(0, str(RACINE / "scripts"))
from evaluer_recherche import (
    CORPUS,
    ENSEMBLES,
    SORTES,
    RequetesInvalides,
    charger_requetes,
    chemin_de_page,
    chemins_possibles,
    mrr,
    rang,
    succes,
    tirage_reserve,
)

GRAINE, REQUETES = charger_requetes()


# --- les requêtes jugées ----------------------------------------------------------------------

def test_assez_de_requetes_et_une_reserve_d_un_tiers() -> None:
    assert len(REQUETES) >= 80
    par_ensemble = Counter(r.ensemble for r in REQUETES)
    assert set(par_ensemble) == set(ENSEMBLES)
    assert 0.25 <= par_ensemble["reserve"] / len(REQUETES) <= 0.40
    par_source = Counter(r.source for r in REQUETES)
    assert set(par_source) == {"corpus", "commun"}
    assert min(par_source.values()) / len(REQUETES) >= 0.40  # à peu près moitié-moitié


def test_ensembles_disjoints_et_requetes_uniques() -> None:
    developpement = {r.id for r in REQUETES if r.ensemble == "developpement"}
    reserve = {r.id for r in REQUETES if r.ensemble == "reserve"}
    assert not developpement & reserve
    assert developpement | reserve == {r.id for r in REQUETES}
    textes = Counter(r.texte for r in REQUETES)
    assert [t for t, n in textes.items() if n > 1] == []


def test_la_reserve_est_celle_du_tirage_de_la_graine() -> None:
    reserve = {r.id for r in REQUETES if r.ensemble == "reserve"}
    assert reserve == tirage_reserve([r.id for r in REQUETES], GRAINE)
    assert reserve != tirage_reserve([r.id for r in REQUETES], GRAINE + 1)


def test_sortes_de_la_liste_fermee_et_chacune_representee() -> None:
    sortes = Counter(r.sorte for r in REQUETES)
    assert set(sortes) == set(SORTES)
    assert min(sortes.values()) >= 5


def test_chaque_requete_ressemble_a_ce_qu_on_tape_sur_un_telephone() -> None:
    for r in REQUETES:
        assert r.texte == r.texte.lower().strip(), r.id
        assert len(r.texte.split()) <= 6, r.id


def pages_du_commun() -> set[str]:
    """Les pages publiées du commun livré : contenus, pages générées, pages de docs/."""
    construction = construire(RACINE)
    sources = set(construction.contenus) | set(construction.pages)
    sources |= {p.relative_to(RACINE / "docs").as_posix()
                for p in (RACINE / "docs").rglob("*.md")}
    return sources


def test_chaque_page_jugee_existe() -> None:
    commun = pages_du_commun()
    absentes = []
    for r in REQUETES:
        for page in r.pertinentes:
            if page.startswith("corpus/"):
                existe = (CORPUS / (page.removeprefix("corpus/").removesuffix("/") + ".md")) \
                    .is_file()
            else:
                existe = any(c in commun for c in chemins_possibles(page))
            if not existe:
                absentes.append(f"{r.id} : {page}")
    assert absentes == []


def test_les_requetes_du_corpus_visent_le_corpus() -> None:
    for r in REQUETES:
        assert all(p.startswith("corpus/") == (r.source == "corpus") for p in r.pertinentes), r.id


@pytest.mark.parametrize(("remplacer", "par", "message"), [
    ("sorte: exact", "sorte: exacte", "sorte inconnue « exacte »"),
    ("ensemble: developpement", "ensemble: dev", "ensemble inconnu « dev »"),
    ("  - id: c02", "  - id: c01", "identifiant « c01 » déjà pris ligne"),
    ("      - corpus/criteres/critere-4-3/", "      - /corpus/criteres/critere-4-3",
     "« pertinentes » : une liste de chemins"),
    ("graine: ", "graine: 1", "devrait être en"),
])
def test_un_fichier_mal_forme_est_signale_ligne_par_ligne(
        tmp_path: Path, remplacer: str, par: str, message: str) -> None:
    source = (RACINE / "tests" / "fixtures" / "recherche" / "requetes.yml").read_text("utf-8")
    assert remplacer in source
    fichier = tmp_path / "requetes.yml"
    fichier.write_text(source.replace(remplacer, par, 1), encoding="utf-8")
    with pytest.raises(RequetesInvalides) as erreur:
        charger_requetes(fichier)
    assert message in str(erreur.value)
    assert re.match(rf"{re.escape(str(fichier))}:\d+: ", str(erreur.value))


# --- le corpus --------------------------------------------------------------------------------

def test_le_corpus_est_petit_titre_et_documente() -> None:
    pages = [p for p in CORPUS.rglob("*.md") if p.parent != CORPUS]
    assert len(pages) >= 200
    assert sum(p.stat().st_size for p in CORPUS.rglob("*")) <= 3_000_000
    for p in pages:
        assert p.read_text(encoding="utf-8").startswith("# "), p
    lisez_moi = (CORPUS / "README.md").read_text(encoding="utf-8")
    for attendu in ("Licence Ouverte", "DISIC/accessibilite.numerique.gouv.fr",
                    "c27e511fe3a3eced1c8e6a47ada8b43dfa2820d6"):
        assert attendu in lisez_moi


def test_le_corpus_est_sans_donnees_personnelles() -> None:
    exemples = {"xxx@xxx.yyy", "vous@domaine.com", "fred@example.net"}
    telephone = re.compile(r"(?<!\d)(?:\+33 ?|0)[1-9](?:[ .]?\d{2}){4}(?!\d)")
    for p in CORPUS.rglob("*.md"):
        texte = p.read_text(encoding="utf-8")
        assert set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", texte)) <= exemples, p
        assert not telephone.search(texte), p


# --- les mesures ------------------------------------------------------------------------------

def test_rang_du_premier_resultat_pertinent() -> None:
    resultats = ["a/", "b/", "c/", "d/"]
    assert rang(resultats, {"c/", "d/"}) == 3
    assert rang(resultats, {"a/"}) == 1
    assert rang(resultats, {"z/"}) is None
    assert rang([], {"a/"}) is None


def test_succes_et_mrr_sur_un_exemple_fait_a_la_main() -> None:
    # quatre requêtes : trouvée en 1re place, en 2e, en 6e, pas trouvée
    rangs = [1, 2, 6, None]
    assert succes(rangs, 1) == 0.25
    assert succes(rangs, 5) == 0.5
    assert succes(rangs, 10) == 0.75
    assert mrr(rangs) == pytest.approx((1 + 1 / 2 + 1 / 6 + 0) / 4)
    assert succes([], 5) == 0.0 and mrr([]) == 0.0


def test_adresse_d_un_resultat_en_chemin_de_page() -> None:
    assert chemin_de_page("http://127.0.0.1:8000/outils/persona/") == "outils/persona/"
    assert chemin_de_page("/corpus/faq/loi/") == "corpus/faq/loi/"
    assert chemin_de_page("http://127.0.0.1:8000/outils/persona/index.html") == "outils/persona/"
    assert chemin_de_page("http://127.0.0.1:8000/") == ""
    assert chemins_possibles("ccas/koungou/") == ("ccas/koungou.md", "ccas/koungou/index.md")
