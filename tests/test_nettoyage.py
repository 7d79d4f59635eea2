"""Le filet du HTML (``commun.nettoyage``, appliqué par ``hooks/surete.py``) et la politique de
sécurité des pages (CSP), vérifiés sur les pages où un texte contribué est recopié : table des
matières, page du CCAS (feuilles de route), Livret, page de la fiche, copie hors ligne.

Les charges utiles écrivent dans ``document.title`` ou appellent une fonction : si l'une
s'exécute dans Chromium, le test le voit."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from commun import nettoyage, surete
from conftest import Projet, nouveau_projet, servir, telephone_360

CHARGE = "document.title='EXECUTE'"

# Une fiche dont le titre et les titres de section sont du HTML écrit de toutes les façons qui
# passent le contrôle d'entrée (affichées comme texte sur la page de la fiche), et dont la
# feuille de route commence après un bloc de code fermé par une autre sorte de clôture.
FICHE_PIEGEE = f"""---
titre: "<img src=x onerror=\\"{CHARGE}\\"> Guichet"
resume: "Un résumé \\"><svg onload={CHARGE}>"
ccas: mtsangamouji
thematique: acces-aux-droits
priorite: secondaire
etat: idee
labos: [labo-1]
outils: [carte-empathie]
equipe: [Référente du projet]
mis_a_jour: 2022-07-01
validation: validé
valide_par: coordination-unccas
valide_le: 2022-01-10
licence: CC-BY-SA-4.0
---
## Le besoin
Les habitants font une heure de route.

### `<img src=y onerror="{CHARGE}">` dans un titre

### &lt;img src=z onerror="{CHARGE}"&gt; en entités

## La solution
Un guichet.

````
~~~
## La feuille de route
<img src=w onerror="{CHARGE}">
~~~
````

## L'expérimentation
Trois mois.

## Les enseignements
Il faut un interprète.

## La feuille de route
1. Ouvrir — d'ici mars — la référente. `<script>{CHARGE}</script>`
"""

PAGES = ["fiches/mtsangamouji-piege/", "ccas/mtsangamouji/", "livret/", "fiches/",
         "thematiques/acces-aux-droits/", "outils/carte-empathie/"]


class _Actif(HTMLParser):
    """Ce qui exécuterait quelque chose dans une page : attribut ``on…``, script en ligne, lien
    ``javascript:`` (lu par un vrai analyseur HTML : un texte échappé n'est pas une balise)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.trouve: list[str] = []

    def handle_starttag(self, balise: str, attributs: list[tuple[str, str | None]]) -> None:
        for nom, valeur in attributs:
            if nom.startswith("on") or (valeur or "").strip().lower().startswith("javascript:"):
                self.trouve.append(f"<{balise} {nom}>")
        if balise == "script" and not dict(attributs).get("src") \
                and dict(attributs).get("type") != "application/json":  # données, pas du code
            self.trouve.append("<script> en ligne")


def actif(code_html: str) -> list[str]:
    analyseur = _Actif()
    analyseur.feed(code_html)
    return analyseur.trouve


def test_nettoyer_garde_le_contenu_et_retire_ce_qui_execute() -> None:
    sale = ('<p onclick="x()">texte <strong>gras</strong></p><script>alert(1)</script>'
            '<a href="javascript:alert(1)">a</a><a href="/outils/x/#y">b</a>'
            '<img src="photo.jpg" alt="une photo" onerror="alert(1)">'
            '<div id="__config" class="admonition note" markdown="1">c</div>'
            '<form action="https://ailleurs.example/"><input name="q"></form>'
            '<svg viewBox="0 0 10 10" onload="alert(1)"><rect x="1" width="2"></rect></svg>')
    assert nettoyage.nettoyer(sale) == (
        '<p>texte <strong>gras</strong></p><a>a</a><a href="/outils/x/#y">b</a>'
        '<img src="photo.jpg" alt="une photo"><div class="admonition note">c</div>'
        '<form><input name="q"></form><svg viewBox="0 0 10 10"><rect x="1" width="2"></rect>'
        '</svg>')


def test_texte_echappe_une_fois_et_pour_un_attribut() -> None:
    assert nettoyage.texte('<code>&lt;img src=x onerror="a"&gt;</code> & « é »') == \
        "&lt;img src=x onerror=&quot;a&quot;&gt; &amp; « é »"
    deja = nettoyage.texte("<b>a</b> \"b\" 'c' &lt;d&gt;")
    assert nettoyage.texte(deja) == deja == "a &quot;b&quot; &#x27;c&#x27; &lt;d&gt;"


@pytest.mark.parametrize(("sale", "propre"), [
    # les identifiants que le thème cherche dans la page (« DOM clobbering »)
    ('<p id="md-header">a</p><p id="__config">b</p><label for="md-toggle">c</label>'
     '<p id="acoua">d</p>', '<p>a</p><p>b</p><label>c</label><p id="acoua">d</p>'),
    # une cible de lien : un nouvel onglet, jamais une fenêtre nommée
    ('<a href="x" target="_self">a</a><a href="x" target="_blank" rel="noopener">b</a>',
     '<a href="x">a</a><a href="x" target="_blank" rel="noopener">b</a>'),
    # un style : l'alignement d'une cellule de tableau, rien d'autre
    ('<table><tbody><tr><td style="text-align: right; color: red">a</td>'
     '<th style="position: fixed">b</th></tr></tbody></table><p style="color: red">c</p>',
     '<table><tbody><tr><td style="text-align:right">a</td><th style="">b</th></tr></tbody>'
     "</table><p>c</p>"),
    # des adresses : http(s), mailto, tel ou relatives
    ('<a href="mailto:accueil@ccas.example">m</a><a href="tel:+262269000000">t</a>'
     '<a href="data:text/html,x">d</a><a href="vbscript:x">v</a>'
     '<img src="data:image/png;base64,AAAA" alt="">',
     '<a href="mailto:accueil@ccas.example">m</a><a href="tel:+262269000000">t</a>'
     '<a>d</a><a>v</a><img alt="">'),
    # les repères des hooks restent ; style, cadre et objet partent (le texte d'un objet reste)
    ('<!-- commun:page -->x<style>p{}</style><iframe src="x"></iframe><object>o</object>',
     "<!-- commun:page -->xo"),
    ('<p data-numero="1" aria-label="a" onmouseover="x()">t</p>',
     '<p data-numero="1" aria-label="a">t</p>'),
    # un graphique SVG : ses formes et leurs attributs, sans script ni objet étranger
    ('<svg viewBox="0 0 1 1"><text x="1" onclick="y()">t</text><foreignObject>f'
     "</foreignObject><script>s()</script></svg>",
     '<svg viewBox="0 0 1 1"><text x="1">t</text>f</svg>'),
])
def test_nettoyer_selon_la_liste(sale: str, propre: str) -> None:
    assert nettoyage.nettoyer(sale) == propre


def test_nettoyer_ne_change_pas_une_page_deja_propre() -> None:
    page = ('<h2 id="le-besoin">Le besoin</h2><p>Une <a href="/fiches/x/">fiche</a> et '
            '<code>&lt;b&gt;</code>.</p><div class="admonition example"><p '
            'class="admonition-title">Exemple</p></div><ul><li>un</li></ul>')
    assert nettoyage.nettoyer(page) == page
    assert nettoyage.nettoyer(nettoyage.nettoyer(page)) == page


def test_texte_d_un_titre_sans_script_ni_balise() -> None:
    assert nettoyage.texte('<h2>Titre <em>"cité"</em> & l\'autre</h2><script>x()</script>') == \
        "Titre &quot;cité&quot; &amp; l&#x27;autre"


@pytest.fixture(scope="module")
def site_piege(tmp_path_factory: pytest.TempPathFactory) -> Path:
    projet = nouveau_projet(tmp_path_factory.mktemp("piege") / "commun")
    projet.ecrire("fiches/mtsangamouji-piege.md", FICHE_PIEGEE)
    return projet.construire()


@pytest.mark.lent
def test_la_fiche_piegee_est_publiee_et_inerte_partout(site_piege: Path) -> None:
    for chemin in PAGES:
        page = (site_piege / chemin / "index.html").read_text(encoding="utf-8")
        assert "Guichet" in page, chemin
        assert actif(page) == [], chemin
        csp = re.search(r"script-src[^;\"]*", page)
        assert csp and "'unsafe-inline'" not in csp.group(), chemin
    ccas = (site_piege / "ccas/mtsangamouji/index.html").read_text(encoding="utf-8")
    # la feuille de route recopiée est la vraie (après le bloc de code), pas celle du bloc
    assert "Ouvrir — d'ici mars" in ccas and "src=w" not in ccas
    copie = next((site_piege / "telechargements").glob("*.zip"))
    with zipfile.ZipFile(copie) as zip_:
        for nom in zip_.namelist():
            if nom.endswith(".html"):
                texte = zip_.read(nom).decode("utf-8")
                assert actif(texte) == [], nom


@pytest.mark.navigateur
def test_rien_ne_s_execute_dans_chromium(site_piege: Path, navigateur: Browser) -> None:
    with servir(site_piege) as adresse:
        contexte, page = telephone_360(navigateur)
        for chemin in PAGES:
            page.goto(f"{adresse}/{chemin}")
            page.wait_for_load_state("networkidle")
            assert page.title() != "EXECUTE", chemin
            assert "Guichet" in page.content(), chemin
        assert not [e for e in page.erreurs if "Content Security Policy" in e]  # rien à bloquer
        contexte.close()


@pytest.fixture
def sans_filets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Le contrôle d'entrée et le nettoyage désactivés : seule la CSP reste."""
    monkeypatch.setattr(nettoyage, "nettoyer", lambda code_html: code_html)
    monkeypatch.setattr(surete, "verifier_corps", lambda source: [])
    monkeypatch.setattr(surete, "html_refuse", lambda code_html: [])


@pytest.mark.navigateur
def test_la_csp_arrete_ce_qui_passerait_les_deux_filets(
        projet: Projet, sans_filets: None, navigateur: Browser) -> None:
    projet.remplacer("fiches/mtsangamouji-guichet.md", "Un guichet itinérant.",
                     f'Un guichet. <img src="x.png" onerror="{CHARGE}">\n\n'
                     f'<a href="#" onclick="{CHARGE}" id="piege">lien</a>')
    site = projet.construire(strict=False)
    page_html = projet.page(site, "fiches/mtsangamouji-guichet")
    assert f'onerror="{CHARGE}"' in page_html and f'onclick="{CHARGE}"' in page_html
    with servir(site) as adresse:
        contexte, page = telephone_360(navigateur)
        page.goto(f"{adresse}/fiches/mtsangamouji-guichet/")
        page.wait_for_load_state("networkidle")
        page.locator("#piege").click()
        assert page.title() != "EXECUTE"
        refus = [e for e in page.erreurs if "Content Security Policy" in e]
        assert len(refus) >= 2, page.erreurs  # l'attribut onerror, le clic
        contexte.close()


@pytest.mark.navigateur
def test_recherche_hors_ligne_et_scripts_marchent_sous_la_csp(
        site_piege: Path, navigateur: Browser) -> None:
    with servir(site_piege) as adresse:
        contexte, page = telephone_360(navigateur)
        page.goto(f"{adresse}/recherche/?q=guichet")
        page.locator("#commun-resultats a").first.wait_for()
        assert page.evaluate("() => typeof __md_scope === 'object' && "
                             "__md_scope.href") == f"{adresse}/"
        assert page.evaluate("() => navigator.serviceWorker.ready.then(r => !!r.active)")
        assert page.erreurs == []
        contexte.close()
