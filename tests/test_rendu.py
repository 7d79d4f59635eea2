"""Du modèle aux pages (``commun.rendu``), en mémoire : les petits formats (texte échappé, dates,
durées, listes, pagination) et le Markdown des pages des contenus, sur un corpus construit par
les fabriques de ``tests/outils.py``."""

from __future__ import annotations

import pytest

from commun import rendu
from commun.rendu import Rendu
from outils import compte_rendu, configuration_minimale, corpus_minimal, fiche, outil

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
    assert rendu.texte(brut) == affiche


def test_texte_accepte_une_valeur_non_textuelle() -> None:
    assert rendu.texte(2021) == "2021"  # type: ignore[arg-type]  # une année lue par YAML


# --- dates, durées, participants ------------------------------------------------------------


@pytest.mark.parametrize(("iso", "lu"), [
    ("2021-10-12", "12 octobre 2021"), ("2022-06-01", "1er juin 2022"),
    ("2021-12-31", "31 décembre 2021"), ("2022-08-15", "15 août 2022"), ("", ""), (None, "")])
def test_date(iso: str | None, lu: str) -> None:
    assert rendu.date(iso) == lu


@pytest.mark.parametrize(("debut", "fin", "lu"), [
    ("2021-10-12", "2021-10-12", "le 12 octobre 2021"),
    ("2021-10-12", "2021-10-14", "du 12 au 14 octobre 2021"),
    ("2021-10-01", "2021-10-03", "du 1 au 3 octobre 2021"),
    ("2021-11-30", "2021-12-01", "du 30 novembre 2021 au 1er décembre 2021"),
    ("2021-12-30", "2022-01-02", "du 30 décembre 2021 au 2 janvier 2022"),
    ("2021-10-12", "2022-10-14", "du 12 octobre 2021 au 14 octobre 2022"),
])
def test_periode(debut: str, fin: str, lu: str) -> None:
    assert rendu.periode(debut, fin) == lu


@pytest.mark.parametrize(("minutes", "lu"), [
    (1, "1 min"), (45, "45 min"), (60, "1 h"), (90, "1 h 30"), (125, "2 h 05"),
    (24 * 60, "24 h"), (3 * 24 * 60 + 1, "72 h 01")])
def test_duree(minutes: int, lu: str) -> None:
    assert rendu.duree(minutes) == lu


def test_participants() -> None:
    assert rendu.participants(outil()) == "4 à 12 pers."
    assert rendu.participants(outil(participants_min=6, participants_max=6)) == "6 pers."


# --- liens, infos, métadonnées --------------------------------------------------------------


def test_lien_vers_une_page_publiee_ou_titre_seul() -> None:
    assert rendu.lien("Persona [v2]", "outils/persona.md") == \
        r"[Persona \[v2\]](/outils/persona.md)"
    assert rendu.lien("Persona <b>", None) == "Persona &lt;b&gt;"


def test_infos_omet_les_elements_vides() -> None:
    assert rendu.infos("Canevas", "", "1 h") == \
        '<span class="commun-infos">Canevas · 1 h</span>'
    assert rendu.infos() == '<span class="commun-infos"></span>'


def test_meta_omet_les_valeurs_vides() -> None:
    assert rendu.meta([("CCAS", "Acoua"), ("Labos", ""), ("État", "Idée")]) == (
        '<div class="commun-meta" markdown>\n\n- **CCAS** : Acoua\n- **État** : Idée'
        "\n\n</div>")


# --- pagination ----------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "pages"), [(0, 1), (1, 1), (60, 1), (61, 2), (120, 2), (121, 3)])
def test_nombre_de_pages(n: int, pages: int) -> None:
    assert rendu.PAR_PAGE == 60
    assert rendu.nombre_de_pages(list(range(n))) == pages


def test_tranche() -> None:
    elements = list(range(130))
    assert rendu.tranche(elements, 1) == list(range(60))
    assert rendu.tranche(elements, 3) == list(range(120, 130))
    assert rendu.tranche(elements, 4) == []


def test_page_numero() -> None:
    assert rendu.page_numero("thematiques/x", 1) == "thematiques/x.md"
    assert rendu.page_numero("thematiques/x", 2) == "thematiques/x/page-2.md"


def test_pagination() -> None:
    assert rendu.pagination("fiches/etat/idee", 1, 1) == ""
    debut = '<nav class="commun-pagination" aria-label="Pages" markdown>\n\n'
    assert rendu.pagination("fiches/etat/idee", 1, 3) == (
        debut + "Page 1 sur 3 · [Page suivante ›](/fiches/etat/idee/page-2.md)\n\n</nav>")
    assert rendu.pagination("fiches/etat/idee", 2, 3) == (
        debut + "[‹ Page précédente](/fiches/etat/idee.md) · Page 2 sur 3 · "
        "[Page suivante ›](/fiches/etat/idee/page-3.md)\n\n</nav>")
    assert rendu.pagination("fiches/etat/idee", 3, 3) == (
        debut + "[‹ Page précédente](/fiches/etat/idee/page-2.md) · Page 3 sur 3\n\n</nav>")


# --- listes ---------------------------------------------------------------------------------


def test_liste_fiches() -> None:
    r = Rendu(corpus_minimal())
    f = fiche(exemple=True, titre="Guichet *mobile*")
    assert r.liste_fiches([f], avec_thematique=True) == (
        "- [Guichet \\*mobile\\*](/fiches/acoua-guichet.md)  \n"
        '  <span class="commun-infos">Acoua · Accès aux droits · En expérimentation · '
        "prioritaire · exemple</span>")
    assert r.liste_fiches([f], avec_ccas=False).startswith(
        "- [Guichet \\*mobile\\*](/fiches/acoua-guichet.md)  \n"
        '  <span class="commun-infos">En expérimentation · ')
    assert r.liste_fiches([]) == "*Aucune fiche pour l'instant.*"


def test_liste_outils() -> None:
    r = Rendu(corpus_minimal())
    assert r.liste_outils([outil(duree_minutes=45, difficulte="avance")]) == (
        "- **[Carte d'empathie](/outils/carte-empathie.md)** — Se mettre à la place d'un "
        "habitant pour comprendre son besoin.  \n"
        '  <span class="commun-infos">Canevas · 45 min · 4 à 12 pers. · avancé</span>')
    assert r.liste_outils([]) == "*Aucun outil pour l'instant.*"


def test_liens_vers_ce_qui_n_est_pas_publie() -> None:
    r = Rendu(corpus_minimal(outils=[]))
    assert r.outil("carte-empathie") == "carte-empathie"  # l'identifiant, sans lien
    assert r.fiche("acoua-guichet") == "[Un guichet d'accès aux droits](/fiches/acoua-guichet.md)"
    assert r.ccas("udccas") == "[UDCCAS d'essai](/ccas/udccas.md)"


# --- les pages des contenus -----------------------------------------------------------------

CORPS = "## Le besoin\n\nUne heure de route.\n"

# « \u0020\u0020 » : les deux espaces qui font un retour à la ligne en Markdown
PAGE_FICHE = """\
# Un guichet d'accès aux droits

<p class="commun-resume">Une permanence hebdomadaire pour les démarches, au plus près des \
villages.</p>

<div class="commun-meta" markdown>

- **CCAS** : [Acoua](/ccas/acoua.md)
- **Thématique** : [Accès aux droits](/thematiques/acces-aux-droits.md)
- **Projet** : Projet prioritaire
- **État** : Idée › En conception › **En expérimentation** › Déployé
- **Labos** : [Labo 1](/labos/labo-1.md), [Labo 2](/labos/labo-2.md)
- **Équipe** : Référente du projet ; Agent d'accueil

</div>

## Le besoin

Une heure de route.

## Outils utilisés

- **[Carte d'empathie](/outils/carte-empathie.md)** — Se mettre à la place d'un habitant pour \
comprendre son besoin.\u0020\u0020
  <span class="commun-infos">Canevas · 1 h 30 · 4 à 12 pers. · facile</span>

<div class="commun-pied" markdown>

Mis à jour le 30 juin 2022. Publié sous licence [Creative Commons Attribution – Partage dans \
les mêmes conditions 4.0](https://creativecommons.org/licenses/by-sa/4.0/deed.fr). [Fichier \
source](https://forge.example/essai/commun/blob/main/fiches/acoua-guichet.md).

</div>
"""


def test_page_d_une_fiche() -> None:
    """Le Markdown entier de la page : en-tête, métadonnées, corps, outils cités (seulement
    ceux qui sont publiés), pied avec licence et source."""
    f = fiche(corps=CORPS, labos=("labo-1", "labo-2"), outils=("carte-empathie", "absent"),
              equipe=("Référente du projet", "Agent d'accueil"))
    r = Rendu(corpus_minimal(fiches=[f]))
    assert r.page_fiche(f) == PAGE_FICHE
    assert r.page(f) == PAGE_FICHE


def test_page_d_une_fiche_brouillon_exemple_abandonnee() -> None:
    f = fiche(corps=CORPS, validation="brouillon", exemple=True, etat="abandonne", labos=(),
              titre="<script>x</script>", resume="Un résumé <b>en gras</b> & plus.",
              mis_a_jour=None, licence="CC0-1.0")
    page = Rendu(corpus_minimal(fiches=[f], apercu=True)).page_fiche(f)
    assert page.startswith(
        "# &lt;script&gt;x&lt;/script&gt;\n\n"
        '<div class="admonition danger"><p class="admonition-title">Brouillon — non validé</p>'
        "<p>Ce contenu n&#x27;a pas encore été validé : il n&#x27;apparaît pas sur le site "
        "public.</p></div>\n\n"
        '<div class="admonition example"><p class="admonition-title">Exemple</p><p>')
    assert '<p class="commun-resume">Un résumé &lt;b&gt;en gras&lt;/b&gt; &amp; plus.</p>' in page
    assert "- **État** : **Abandonné**\n" in page
    assert "**Labos**" not in page and "Mis à jour" not in page
    assert "Publié sous licence [CC0 1.0 — domaine public](https://creativecommons.org/" \
        "publicdomain/zero/1.0/deed.fr)." in page


def test_page_d_un_outil_dit_ou_il_est_utilise() -> None:
    o = outil(corps="## Pourquoi\n\nPour comprendre.\n", materiel=("Feutres", "Post-it"),
              outils_lies=("prototype-papier", "absent"))
    lie = outil("prototype-papier", titre="Prototype papier", phase="prototyper")
    r = Rendu(corpus_minimal(outils=[o, lie]))
    page = r.page_outil(o)
    assert "- **Phase** : [Comprendre](/outils/index.md#comprendre)\n" in page
    assert "**Matériel**\n\n- Feutres\n- Post-it\n\n## Pourquoi\n\nPour comprendre.\n\n" in page
    assert "## Outils liés\n\n- **[Prototype papier](/outils/prototype-papier.md)** — " in page
    assert page.count("](/outils/") == 2  # la phase et l'outil lié publié, pas « absent »
    assert ("## Utilisé dans\n\n- [Un guichet d'accès aux droits](/fiches/acoua-guichet.md) "
            "— Acoua\n- [Labo 1 : comprendre](/labos/labo-1.md)\n\n") in page
    # sans fiche ni compte rendu qui le cite
    seul = Rendu(corpus_minimal(outils=[lie], fiches=[], comptes_rendus=[])).page_outil(lie)
    assert "## Utilisé dans\n\n*Aucune fiche publiée ne cite encore cet outil.*" in seul
    assert "**Matériel**" in seul and "## Outils liés" not in seul


def test_page_d_un_outil_tres_utilise_renvoie_a_la_liste() -> None:
    fiches = [fiche(f"acoua-{n:02d}", mis_a_jour=f"2022-01-{n:02d}") for n in range(1, 14)]
    r = Rendu(corpus_minimal(fiches=fiches, comptes_rendus=[]))
    utilise = r.page_outil(outil()).split("## Utilisé dans\n\n")[1]
    assert utilise.count("- [Un guichet") == rendu.EXTRAIT == 12
    assert "/fiches/acoua-13.md" in utilise and "/fiches/acoua-01.md" not in utilise  # récentes
    assert "- [Les 13 fiches qui l'utilisent](/outils/carte-empathie/fiches.md)" in utilise


def test_page_d_un_compte_rendu() -> None:
    c = compte_rendu(corps="## Objectifs\n\nComprendre.\n", lieu="Salle <des> fêtes",
                     fiches=("acoua-guichet", "absente"))
    page = Rendu(corpus_minimal(comptes_rendus=[c])).page(c)
    assert ("- **Labo** : Labo 1\n- **Dates** : du 12 au 14 octobre 2021\n"
            "- **Lieu** : Salle &lt;des&gt; fêtes\n- **Format** : Présentiel\n"
            "- **CCAS présents (2)** : [Acoua](/ccas/acoua.md), "
            "[UDCCAS d'essai](/ccas/udccas.md)\n") in page
    assert "## Fiches travaillées\n\n- [Un guichet d'accès aux droits]" \
        "(/fiches/acoua-guichet.md)  \n" in page
    assert "absente" not in page


def test_pied_d_une_licence_inconnue_et_d_un_autre_depot() -> None:
    r = Rendu(corpus_minimal(configuration=configuration_minimale(
        depot="https://forge.example/autre", branche="publie")))
    assert r.pied(fiche(licence="Licence *maison*", mis_a_jour="2022-03-01")) == (
        '<div class="commun-pied" markdown>\n\nMis à jour le 1er mars 2022. Publié sous '
        r"licence Licence \*maison\*. [Fichier source](https://forge.example/autre/blob/"
        "publie/fiches/acoua-guichet.md).\n\n</div>")
