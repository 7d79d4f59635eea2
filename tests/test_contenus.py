"""Le Markdown des pages des contenus (``commun.pages.contenus``) : une fiche, un outil, un
compte rendu, avec leurs bandeaux, métadonnées, liens et pied, sur un corpus construit par les
fabriques de ``tests/outils.py``."""

from __future__ import annotations

from commun.pages.contenus import PagesContenus
from commun.pages.elements import EXTRAIT
from outils import compte_rendu, configuration_minimale, corpus_minimal, fiche, outil

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

Validé par la coordination du programme d'essai, le 10 janvier 2022. Mis à jour le 30 juin 2022. \
Publié sous licence [Creative Commons Attribution – Partage dans \
les mêmes conditions 4.0](https://creativecommons.org/licenses/by-sa/4.0/deed.fr). [Fichier \
source](https://forge.example/essai/commun/blob/main/fiches/acoua-guichet.md).

</div>
"""


def test_page_d_une_fiche() -> None:
    """Le Markdown entier de la page : en-tête, métadonnées, corps, outils cités (seulement
    ceux qui sont publiés), pied avec licence et source."""
    f = fiche(corps=CORPS, labos=("labo-1", "labo-2"), outils=("carte-empathie", "absent"),
              equipe=("Référente du projet", "Agent d'accueil"))
    r = PagesContenus(corpus_minimal(fiches=[f]))
    assert r.page_fiche(f) == PAGE_FICHE
    assert r.page(f) == PAGE_FICHE


def test_page_d_une_fiche_brouillon_exemple_abandonnee() -> None:
    f = fiche(corps=CORPS, validation="brouillon", exemple=True, etat="abandonne", labos=(),
              titre="<script>x</script>", resume="Un résumé <b>en gras</b> & plus.",
              mis_a_jour=None, licence="CC0-1.0")
    page = PagesContenus(corpus_minimal(fiches=[f], apercu=True)).page_fiche(f)
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
    r = PagesContenus(corpus_minimal(outils=[o, lie]))
    page = r.page_outil(o)
    assert "- **Phase** : [Comprendre](/outils/index.md#comprendre)\n" in page
    assert ("- **À distance** : appel téléphonique (GSM) ; en français, shimaoré. Un appel court, "
            "sur le téléphone de service du CCAS.\n") in page
    assert "**Matériel**\n\n- Feutres\n- Post-it\n\n" in page
    # aucun enregistrement : l'appel aux locuteurs des trois langues, puis le corps
    assert ("- Pas encore d'enregistrement en français, en shimaoré, en kibushi. Vous parlez "
            "l'une de ces langues ? [Enregistrez ces consignes depuis un téléphone]"
            "(/contribuer.md#enregistrer-les-consignes)\n\n</div>\n\n## Pourquoi\n\n"
            "Pour comprendre.\n\n") in page
    assert "## Outils liés\n\n- **[Prototype papier](/outils/prototype-papier.md)** — " in page
    assert page.count("](/outils/") == 2  # la phase et l'outil lié publié, pas « absent »
    assert ("## Utilisé dans\n\n- [Un guichet d'accès aux droits](/fiches/acoua-guichet.md) "
            "— Acoua\n- [Labo 1 : comprendre](/labos/labo-1.md)\n\n") in page
    # sans fiche ni compte rendu qui le cite
    seul = PagesContenus(corpus_minimal(outils=[lie], fiches=[], comptes_rendus=[])).page_outil(lie)
    assert "## Utilisé dans\n\n*Aucune fiche publiée ne cite encore cet outil.*" in seul
    assert "**Matériel**" in seul and "## Outils liés" not in seul


def test_page_d_un_outil_tres_utilise_renvoie_a_la_liste() -> None:
    def utilise(n: int) -> str:
        fiches = [fiche(f"acoua-{i:02d}", mis_a_jour=f"2022-01-{i:02d}",
                        valide_le=f"2023-01-{i:02d}") for i in range(1, n + 1)]
        r = PagesContenus(corpus_minimal(fiches=fiches, comptes_rendus=[]))
        return r.page_outil(outil()).split("## Utilisé dans\n\n")[1]

    assert utilise(12).count("- [Un guichet") == EXTRAIT == 12
    assert "les plus récentes d'abord" not in utilise(12)
    # au-delà, les 12 premières publiées et le lien vers toutes : une fiche de plus ne change
    # pas la page de l'outil (ni sa copie sur un téléphone)
    treize = utilise(13)
    assert treize.count("- [Un guichet") == 12
    assert "/fiches/acoua-01.md" in treize and "/fiches/acoua-13.md" not in treize
    assert ("- [Toutes les fiches qui l'utilisent, les plus récentes d'abord]"
            "(/outils/carte-empathie/fiches.md)") in treize
    assert utilise(14) == treize


def test_page_d_un_compte_rendu() -> None:
    c = compte_rendu(corps="## Objectifs\n\nComprendre.\n", lieu="Salle <des> fêtes",
                     fiches=("acoua-guichet", "absente"))
    page = PagesContenus(corpus_minimal(comptes_rendus=[c])).page(c)
    assert ("- **Labo** : Labo 1\n- **Dates** : du 12 au 14 octobre 2021\n"
            "- **Lieu** : Salle &lt;des&gt; fêtes\n- **Format** : Présentiel\n"
            "- **CCAS présents (2)** : [Acoua](/ccas/acoua.md), "
            "[UDCCAS d'essai](/ccas/udccas.md)\n") in page
    assert "## Fiches travaillées\n\n<div class=\"commun-hors-recherche\" markdown>\n\n" \
        "- [Un guichet d'accès aux droits](/fiches/acoua-guichet.md)  \n" in page
    assert "absente" not in page


def test_pied_d_une_licence_inconnue_et_d_un_autre_depot() -> None:
    r = PagesContenus(corpus_minimal(configuration=configuration_minimale(
        depot="https://forge.example/autre", branche="publie")))
    assert r.pied(fiche(licence="Licence *maison*", mis_a_jour="2022-03-01")) == (
        '<div class="commun-pied" markdown>\n\nValidé par la coordination du programme '
        "d'essai, le 10 janvier 2022. Mis à jour le 1er mars 2022. Publié sous "
        r"licence Licence \*maison\*. [Fichier source](https://forge.example/autre/blob/"
        "publie/fiches/acoua-guichet.md).\n\n</div>")
