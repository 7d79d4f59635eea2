"""Le registre des pages générées (``commun.pages.registre``), en mémoire : quelles pages un
corpus produit, leur sorte, leur moteur, leur place dans la recherche, et le découpage des
longues listes (au-delà de ``pagination.PAR_PAGE`` fiches) et du Livret (au-delà de
``livret.FICHES_PAR_LIVRET``)."""

from __future__ import annotations

import re

import pytest

from commun import vocabulaire as v
from commun.modele import Fiche
from commun.pages import livret, registre
from commun.pages.catalogues import Catalogues
from commun.pages.elements import EXTRAIT
from commun.pages.pagination import PAR_PAGE
from outils import corpus_minimal, fiche

CATALOGUES = {"outils/index.md", "fiches/index.md", "fiches/par-etat.md", "ccas/index.md",
              "thematiques/index.md", "labos/index.md"}
SUIVI = {"suivi/index.md", "suivi/calendrier/index.md", "donnees/index.md",
         "certificats/index.md", "certificats/acoua.md", "certificats/bandrele.md",
         "certificats/udccas.md", "questions.md"}
# ce que le petit corpus produit : un outil, une fiche d'Acoua, le compte rendu du labo 1
PAGES_DU_PETIT_CORPUS = CATALOGUES | SUIVI | {
    "livret.md",
    "ccas/acoua.md", "ccas/bandrele.md", "ccas/udccas.md",
    "thematiques/acces-aux-droits.md", "thematiques/jeunesse-enfance-famille.md",
    *(f"fiches/etat/{e}.md" for e in v.ETATS),
    "labos/labo-2.md",  # le labo 1 a son compte rendu, qui est un contenu
}


def fiches_d_acoua(n: int, **champs: object) -> list[Fiche]:
    """``n`` fiches d'Acoua, « Projet 001 »… (les listes sont triées par titre)."""
    return [fiche(f"acoua-{i:03d}", titre=f"Projet {i:03d}", **champs) for i in range(1, n + 1)]


def test_les_pages_du_petit_corpus() -> None:
    assert set(registre(corpus_minimal())) == PAGES_DU_PETIT_CORPUS


def test_un_corpus_vide_a_encore_ses_catalogues_et_ses_pages_du_territoire() -> None:
    """Un nouveau territoire, sans contenu : les mêmes pages, le labo 1 compris (sans compte
    rendu, il a sa page générée)."""
    vide = corpus_minimal(outils=[], fiches=[], comptes_rendus=[])
    assert set(registre(vide)) == PAGES_DU_PETIT_CORPUS | {"labos/labo-1.md"}


def test_aucune_page_generee_ne_prend_la_place_d_un_contenu() -> None:
    corpus = corpus_minimal()
    assert {c.src_uri for c in corpus.contenus()} == {
        "outils/carte-empathie.md", "fiches/acoua-guichet.md", "labos/labo-1.md"}
    assert not {c.src_uri for c in corpus.contenus()} & set(registre(corpus))


def test_sortes_moteurs_et_recherche() -> None:
    pages = registre(corpus_minimal())
    sortes = {uri: p.sorte for uri, p in pages.items()}
    assert {uri for uri, s in sortes.items() if s == "Catalogue"} == CATALOGUES | {
        "suivi/index.md", "suivi/calendrier/index.md", "donnees/index.md",
        "certificats/index.md"}
    assert {uri for uri, s in sortes.items() if s == "CCAS"} == {
        "ccas/acoua.md", "ccas/bandrele.md", "ccas/udccas.md"}
    assert {uri for uri, s in sortes.items() if s == "Thématique"} == {
        "thematiques/acces-aux-droits.md", "thematiques/jeunesse-enfance-famille.md"}
    assert {uri for uri, s in sortes.items() if s == "Labo"} == {"labos/labo-2.md"}
    assert {uri for uri, s in sortes.items() if s == "Certificat"} == {
        "certificats/acoua.md", "certificats/bandrele.md", "certificats/udccas.md"}
    # le suivi, mis en page avec les extensions de Python-Markdown ; le reste par cmark-gfm
    assert {uri for uri, p in pages.items() if p.moteur == "markdown"} == SUIVI
    assert {p.moteur for uri, p in pages.items() if uri not in SUIVI} == {"cmark"}
    # le Livret reprend des textes déjà dans l'index : il n'y entre pas une seconde fois
    assert {uri for uri, p in pages.items() if not p.recherche} == {"livret.md"}


def test_chaque_page_se_rend_avec_un_seul_titre() -> None:
    for uri, page in registre(corpus_minimal()).items():
        markdown = page.rendre()
        assert markdown.endswith("\n"), uri
        assert len(re.findall(r"^# \S", markdown, re.MULTILINE)) == 1, uri


def test_le_rendu_attend_d_etre_demande() -> None:
    """Le registre se construit sans rien rendre : une page n'est rendue que si MkDocs la
    demande (``rendre`` est appelée au rendu)."""
    appels: list[str] = []

    class Espion(Catalogues):
        def catalogue_outils(self) -> str:
            appels.append("catalogue_outils")
            return super().catalogue_outils()

    with pytest.MonkeyPatch.context() as m:
        m.setattr("commun.pages.Catalogues", Espion)
        pages = registre(corpus_minimal())
    assert appels == []
    assert pages["outils/index.md"].rendre().startswith("# Les outils\n")
    assert appels == ["catalogue_outils"]


# --- les longues listes, découpées en pages de 60 -------------------------------------------


def test_soixante_fiches_tiennent_sur_une_page() -> None:
    pages = set(registre(corpus_minimal(fiches=fiches_d_acoua(PAR_PAGE))))
    assert "thematiques/acces-aux-droits/page-2.md" not in pages
    assert "fiches/etat/en-experimentation/page-2.md" not in pages
    # au-delà de l'extrait (12), la page du CCAS et celle de l'outil renvoient à une liste
    assert {"ccas/acoua/projets.md", "outils/carte-empathie/fiches.md"} <= pages
    assert not {p for p in pages if "/page-" in p}


def test_au_dela_de_soixante_fiches_les_listes_ont_une_page_d_archive() -> None:
    pages = registre(corpus_minimal(fiches=fiches_d_acoua(PAR_PAGE + 1)))
    assert {p for p in pages if "/page-" in p} == {
        "thematiques/acces-aux-droits/page-1.md",
        "fiches/etat/en-experimentation/page-1.md",
        "ccas/acoua/projets/page-1.md",
        "outils/carte-empathie/fiches/page-1.md",
    }
    assert pages["thematiques/acces-aux-droits.md"].sorte == "Thématique"
    assert pages["thematiques/acces-aux-droits/page-1.md"].sorte == "Page"
    # la première page : la plus récemment publiée ; la page 1 : les 60 premières publiées
    premiere = pages["thematiques/acces-aux-droits.md"].rendre()
    assert "/fiches/acoua-061.md" in premiere and premiere.count("- [Projet ") == 1
    archive = pages["thematiques/acces-aux-droits/page-1.md"].rendre()
    assert archive.startswith("# Accès aux droits — page 1\n")
    assert archive.count("- [Projet ") == 60 and "/fiches/acoua-061.md" not in archive
    assert archive.index("/fiches/acoua-060.md") < archive.index("/fiches/acoua-001.md")


def test_cent_vingt_et_une_fiches_ont_trois_pages() -> None:
    pages = set(registre(corpus_minimal(fiches=fiches_d_acoua(2 * PAR_PAGE + 1))))
    assert {p for p in pages if p.startswith("thematiques/acces-aux-droits")} == {
        "thematiques/acces-aux-droits.md", "thematiques/acces-aux-droits/page-1.md",
        "thematiques/acces-aux-droits/page-2.md"}


def test_les_fiches_d_un_labo_sans_compte_rendu_ont_leur_liste() -> None:
    """Un labo sans compte rendu a une page générée, et au-delà de 12 fiches sa liste ; un labo
    avec compte rendu n'en a pas (la page est le compte rendu)."""
    fiches = fiches_d_acoua(EXTRAIT + 1, labos=("labo-1", "labo-2"))
    pages = set(registre(corpus_minimal(fiches=fiches)))
    assert {p for p in pages if p.startswith("labos/")} == {
        "labos/index.md", "labos/labo-2.md", "labos/labo-2/fiches.md"}
    pages = set(registre(corpus_minimal(fiches=fiches[:EXTRAIT], comptes_rendus=[])))
    assert {p for p in pages if p.startswith("labos/")} == {
        "labos/index.md", "labos/labo-1.md", "labos/labo-2.md"}


# --- le Livret du Labo, en volumes au-delà de FICHES_PAR_LIVRET fiches ----------------------


@pytest.fixture
def livret_de_deux(monkeypatch: pytest.MonkeyPatch) -> int:
    """Le seuil du Livret baissé à 2 fiches (150 en vrai) : le registre le lit à chaque appel."""
    monkeypatch.setattr(livret, "FICHES_PAR_LIVRET", 2)
    return 2


def test_jusqu_au_seuil_le_livret_est_d_un_seul_tenant(livret_de_deux: int) -> None:
    pages = registre(corpus_minimal(fiches=fiches_d_acoua(livret_de_deux)))
    assert {p for p in pages if p.startswith("livret")} == {"livret.md"}
    assert "### Projet 002 {#fiche-acoua-002}" in pages["livret.md"].rendre()


def test_au_dela_du_seuil_le_livret_se_decoupe_en_volumes(livret_de_deux: int) -> None:
    """Cinq fiches « accès aux droits » et une « jeunesse » : les outils, trois parties pour la
    première thématique, une pour la seconde ; aucun volume n'entre dans la recherche."""
    fiches = [*fiches_d_acoua(5),
              fiche("acoua-jeunes", thematique="jeunesse-enfance-famille")]
    pages = registre(corpus_minimal(fiches=fiches))
    volumes = {p: page for p, page in pages.items() if p.startswith("livret")}
    assert set(volumes) == {
        "livret.md", "livret/outils.md", "livret/acces-aux-droits.md",
        "livret/acces-aux-droits/page-2.md", "livret/acces-aux-droits/page-3.md",
        "livret/jeunesse-enfance-famille.md"}
    assert not any(page.recherche for page in volumes.values())
    sommaire = volumes["livret.md"].rendre()
    assert ("- [Projets — Accès aux droits, partie 3 sur 3](/livret/acces-aux-droits/page-3.md)"
            " — 1 fiches") in sommaire
    assert ("- [Projets — Jeunesse, enfance et famille](/livret/jeunesse-enfance-famille.md) — "
            "1 fiches") in sommaire
    partie_2 = volumes["livret/acces-aux-droits/page-2.md"].rendre()
    assert partie_2.startswith("# Livret du Labo — Accès aux droits, partie 2 sur 3\n")
    assert re.findall(r"\{#fiche-([a-z0-9-]+)\}", partie_2) == ["acoua-003", "acoua-004"]
    assert "{#outil-carte-empathie}" in volumes["livret/outils.md"].rendre()
