"""Les éléments communs des pages (``commun.pages.elements``), en mémoire : les petits formats
(texte échappé, dates, durées, liens, métadonnées) et les listes de fiches et d'outils, sur un
corpus construit par les fabriques de ``tests/outils.py``."""

from __future__ import annotations

import pytest

from commun.pages import elements
from commun.pages.elements import Pages
from outils import corpus_minimal, fiche, outil

# --- texte() : un texte d'en-tête est affiché, jamais interprété ---------------------------


@pytest.mark.parametrize(("brut", "affiche"), [
    ("Un guichet d'accès", "Un guichet d'accès"),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("R&D", "R&amp;D"),
    ("*gras* _pench_ `code`", r"\*gras\* \_pench\_ \`code\`"),
    ("[lien](javascript:x)", r"\[lien\](javascript:x)"),
    ("![image](x.png)", r"\!\[image\](x.png)"),
    ("# titre | colonne", r"\# titre \| colonne"),
    ("a\\b", "a\\\\b"),
    ("{{ config.extra }} {% if %}", "&#123;&#123; config.extra &#125;&#125; &#123;% if %&#125;"),
    ('« guillemets » "droits"', '« guillemets » "droits"'),
])
def test_texte_echappe_html_markdown_et_macros(brut: str, affiche: str) -> None:
    assert elements.texte(brut) == affiche


def test_texte_accepte_une_valeur_non_textuelle() -> None:
    assert elements.texte(2021) == "2021"  # type: ignore[arg-type]  # une année lue par YAML


# --- dates, durées, participants ------------------------------------------------------------


@pytest.mark.parametrize(("iso", "lu"), [
    ("2021-10-12", "12 octobre 2021"), ("2022-06-01", "1er juin 2022"),
    ("2021-12-31", "31 décembre 2021"), ("2022-08-15", "15 août 2022"), ("", ""), (None, "")])
def test_date(iso: str | None, lu: str) -> None:
    assert elements.date(iso) == lu


@pytest.mark.parametrize(("debut", "fin", "lu"), [
    ("2021-10-12", "2021-10-12", "le 12 octobre 2021"),
    ("2021-10-12", "2021-10-14", "du 12 au 14 octobre 2021"),
    ("2021-10-01", "2021-10-03", "du 1 au 3 octobre 2021"),
    ("2021-11-30", "2021-12-01", "du 30 novembre 2021 au 1er décembre 2021"),
    ("2021-12-30", "2022-01-02", "du 30 décembre 2021 au 2 janvier 2022"),
    ("2021-10-12", "2022-10-14", "du 12 octobre 2021 au 14 octobre 2022"),
])
def test_periode(debut: str, fin: str, lu: str) -> None:
    assert elements.periode(debut, fin) == lu


@pytest.mark.parametrize(("minutes", "lu"), [
    (1, "1 min"), (45, "45 min"), (60, "1 h"), (90, "1 h 30"), (125, "2 h 05"),
    (24 * 60, "24 h"), (3 * 24 * 60 + 1, "72 h 01")])
def test_duree(minutes: int, lu: str) -> None:
    assert elements.duree(minutes) == lu


def test_participants() -> None:
    assert elements.participants(outil()) == "4 à 12 pers."
    assert elements.participants(outil(participants_min=6, participants_max=6)) == "6 pers."


# --- liens, infos, métadonnées --------------------------------------------------------------


def test_lien_vers_une_page_publiee_ou_titre_seul() -> None:
    assert elements.lien("Persona [v2]", "outils/persona.md") == \
        r"[Persona \[v2\]](/outils/persona.md)"
    assert elements.lien("Persona <b>", None) == "Persona &lt;b&gt;"


def test_infos_omet_les_elements_vides() -> None:
    assert elements.infos("Canevas", "", "1 h") == \
        '<span class="commun-infos">Canevas · 1 h</span>'
    assert elements.infos() == '<span class="commun-infos"></span>'


def test_meta_omet_les_valeurs_vides() -> None:
    assert elements.meta([("CCAS", "Acoua"), ("Labos", ""), ("État", "Idée")]) == (
        '<div class="commun-meta" markdown>\n\n- **CCAS** : Acoua\n- **État** : Idée'
        "\n\n</div>")


# --- listes ---------------------------------------------------------------------------------


def test_liste_fiches() -> None:
    r = Pages(corpus_minimal())
    f = fiche(exemple=True, titre="Guichet *mobile*")
    # dans un bloc que l'index de recherche ne lit pas (la fiche y est par sa propre page)
    assert r.liste_fiches([f], avec_thematique=True) == (
        '<div class="commun-hors-recherche" markdown>\n\n'
        "- [Guichet \\*mobile\\*](/fiches/acoua-guichet.md)  \n"
        '  <span class="commun-infos">Acoua · Accès aux droits · En expérimentation · '
        "prioritaire · exemple</span>\n\n</div>")
    assert r.liste_fiches([f], avec_ccas=False).startswith(
        '<div class="commun-hors-recherche" markdown>\n\n'
        "- [Guichet \\*mobile\\*](/fiches/acoua-guichet.md)  \n"
        '  <span class="commun-infos">En expérimentation · ')
    assert r.liste_fiches([]) == "*Aucune fiche pour l'instant.*"


def test_liste_outils() -> None:
    r = Pages(corpus_minimal())
    assert r.liste_outils([outil(duree_minutes=45, difficulte="avance")]) == (
        "- **[Carte d'empathie](/outils/carte-empathie.md)** — Se mettre à la place d'un "
        "habitant pour comprendre son besoin.  \n"
        '  <span class="commun-infos">Canevas · 45 min · 4 à 12 pers. · avancé</span>')
    assert r.liste_outils([]) == "*Aucun outil pour l'instant.*"


def test_liens_vers_ce_qui_n_est_pas_publie() -> None:
    r = Pages(corpus_minimal(outils=[]))
    assert r.outil("carte-empathie") == "carte-empathie"  # l'identifiant, sans lien
    assert r.fiche("acoua-guichet") == "[Un guichet d'accès aux droits](/fiches/acoua-guichet.md)"
    assert r.ccas("udccas") == "[UDCCAS d'essai](/ccas/udccas.md)"
