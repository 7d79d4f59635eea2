"""Le site public dans un vrai navigateur (Chromium headless, écran de téléphone 360 × 740)."""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route, expect

from conftest import PageNotee, noter_page, servir, telephone_360
from outils import violations_axe

# Le site du dépôt (contenu livré) dans Chromium : un nouveau territoire ne les reprend pas.
pytestmark = [pytest.mark.navigateur, pytest.mark.contenu_livre]

@pytest.fixture(scope="module")
def adresse(site_du_depot: Path) -> Iterator[str]:
    with servir(site_du_depot) as adresse:
        yield adresse


@pytest.fixture
def telephone(navigateur: Browser, adresse: str) -> Iterator[PageNotee]:
    contexte, page = telephone_360(navigateur)
    yield page
    contexte.close()


def test_accueil_lisible_sur_telephone(telephone: PageNotee, adresse: str, tmp_path: Path) -> None:
    telephone.goto(adresse + "/")
    telephone.wait_for_load_state("networkidle")
    assert telephone.locator("h1").inner_text().startswith("Le commun")
    assert telephone.get_by_role("link", name="Par où commencer ?").first.is_visible()
    assert telephone.evaluate("document.documentElement.scrollWidth") <= 360
    telephone.screenshot(path=tmp_path / "accueil.png", full_page=True)
    assert [u for u in telephone.requetes if not u.startswith(adresse)] == []
    assert telephone.erreurs == []


def test_du_catalogue_a_la_fiche_et_retour(telephone: PageNotee, adresse: str) -> None:
    telephone.goto(adresse + "/fiches/")
    telephone.get_by_role("link", name="Une permanence itinérante d'accès aux droits dans "
                                        "deux villages du nord").click()
    telephone.wait_for_url("**/fiches/permanence-droits-itinerante/")
    assert telephone.get_by_text("Ce contenu est un exemple fictif").is_visible()
    modifier = telephone.locator("a.md-content__button[href*='/edit/']")
    assert (modifier.get_attribute("href") or "").endswith(
        "/edit/main/fiches/permanence-droits-itinerante.md")
    assert telephone.evaluate("document.documentElement.scrollWidth") <= 360
    # la fiche mène à un outil, et l'outil revient à la fiche (« Utilisé dans »)
    telephone.locator("#outils-utilises ~ ul a").first.click()
    telephone.wait_for_load_state()
    assert "/outils/" in telephone.url
    retour = telephone.locator("#utilise-dans ~ ul a[href*='permanence-droits-itinerante']")
    assert retour.count() == 1
    assert telephone.erreurs == []


def chercher(telephone: PageNotee, texte: str) -> list[str]:
    champ = telephone.locator("#commun-q")
    champ.fill("")
    champ.press_sequentially(texte, delay=10)
    expect(telephone.locator("#commun-q")).to_have_value(texte)
    expect(telephone.locator("#commun-etat")).to_have_text(re.compile(r"\S"))
    telephone.wait_for_timeout(300)  # la dernière frappe a pu relancer la recherche
    return telephone.locator("#commun-resultats a").evaluate_all("l => l.map(a => a.textContent)")


def test_ce_qui_est_tape_avant_le_script_est_cherche(telephone: PageNotee, adresse: str) -> None:
    """Sur un téléphone lent, on tape avant que recherche.js (en fin de page) ne soit chargé :
    les résultats viennent quand même. Le script est retenu jusqu'après la frappe."""
    retenues: list[Route] = []
    telephone.route("**/assets/recherche.js", lambda route: retenues.append(route))
    telephone.goto(adresse + "/recherche/", wait_until="commit")
    telephone.locator("#commun-q").fill("empathie")
    for _ in range(100):  # la demande du script part quand l'analyse de la page l'atteint
        if retenues:
            break
        telephone.wait_for_timeout(50)
    assert len(retenues) == 1
    assert telephone.locator("#commun-resultats a").count() == 0  # rien encore : script retenu
    retenues[0].continue_()
    telephone.locator("#commun-resultats a").first.wait_for()
    assert "Carte d'empathie" in telephone.locator("#commun-resultats").inner_text()


def test_recherche_en_francais(telephone: PageNotee, adresse: str) -> None:
    telephone.goto(adresse + "/")
    telephone.locator("a.commun-bouton-recherche").click()
    telephone.wait_for_url("**/recherche/")
    telephone.wait_for_load_state("networkidle")
    avant = len(telephone.requetes)
    # sans accents, au pluriel, après une apostrophe
    assert chercher(telephone, "personnes agees")[0] == "Personnes âgées / personnes handicapées"
    assert "Un réseau d'interprètes de confiance à l'accueil du CCAS" in \
        chercher(telephone, "interprete")[:3]
    assert chercher(telephone, "empathie")[0] == "Carte d'empathie"
    assert chercher(telephone, "EMPATHIES")[0] == "Carte d'empathie"
    assert chercher(telephone, "empat")[0] == "Carte d'empathie"  # en cours de frappe
    assert chercher(telephone, "zzzzqx") == []
    assert telephone.locator("#commun-etat").inner_text() == "Aucun résultat pour « zzzzqx »."
    charges = telephone.requetes[avant:]
    assert all(u.startswith(adresse + "/recherche/") for u in charges), charges
    assert not any(u.endswith(".json") for u in telephone.requetes)
    assert telephone.erreurs == []


def test_la_recherche_ne_charge_rien_avant_usage(telephone: PageNotee, adresse: str) -> None:
    telephone.goto(adresse + "/outils/carte-empathie/")
    telephone.wait_for_load_state("networkidle")
    assert not [u for u in telephone.requetes if "/recherche/" in u]


def test_normalisation_identique_en_python_et_en_javascript(telephone: PageNotee,
                                                            adresse: str) -> None:
    from commun.recherche import mots
    textes = ["Récoltes", "récolte", "moustiquaires", "Moustiquaire", "personnes âgées", "âgé",
              "journaux", "Œuvre", "M'Tsangamouji", "l'accès aux droits", "idées", "2022",
              "Kani-Kéli", "C'EST", "enfants", "déployé", "aïeux", "naïve", "ça", "été",
              "travaux", "bien-être", "x", "CAF 976", "Zoë", "MAÏS", "éco-conception",
              "sous-titres", "RGAA 5", "covid\u201119", "2026-12-05", "va-et-vient",
              "a-b-c-d-e", "-tiret-", "l'Île-de-France"]
    telephone.goto(adresse + "/recherche/")
    en_js = telephone.evaluate("t => t.map(x => window.CommunRecherche.mots(x))", textes)
    assert en_js == [mots(t) for t in textes]
    assert mots("Récoltes") == mots("recolte") == ["recolt"]
    assert mots("moustiquaires") == mots("moustiquaire")


def test_liste_de_cles_relue_en_javascript(telephone: PageNotee, adresse: str) -> None:
    from commun.recherche import liste_de_cles
    cles = ["acc", "acq", "act", "ada", "5", "ai", "b", "07", "z9a", "zz"]
    telephone.goto(adresse + "/recherche/")
    relues = telephone.evaluate("l => [...window.CommunRecherche.lireCles(l)]",
                                liste_de_cles(cles))
    assert sorted(relues) == sorted(cles)


def test_brouillon_introuvable(telephone: PageNotee, adresse: str) -> None:
    reponse = telephone.goto(adresse + "/fiches/jardin-partage-seniors/")
    assert reponse is not None and reponse.status == 404


def test_copie_hors_ligne_depuis_file(navigateur: Browser, site_du_depot: Path,
                                      tmp_path: Path) -> None:
    with zipfile.ZipFile(site_du_depot / "telechargements" / "commun-hors-ligne.zip") as z:
        z.extractall(tmp_path)
    accueil = (tmp_path / "le-commun" / "index.html").as_uri()
    contexte = navigateur.new_context(viewport={"width": 360, "height": 740}, offline=True)
    page = contexte.new_page()
    requetes: list[str] = []
    erreurs: list[str] = []  # la CSP des pages vaut aussi depuis file:// : rien n'y est refusé
    noter_page(page, requetes, erreurs)
    page.goto(accueil)
    page.get_by_role("link", name="Les outils").first.click()
    assert page.url.endswith("/le-commun/outils/index.html")
    page.get_by_role("link", name="Carte d'empathie").click()
    assert page.url.endswith("/le-commun/outils/carte-empathie/index.html")
    assert page.locator("h1").inner_text().rstrip("¶") == "Carte d'empathie"
    page.locator("a.commun-bouton-recherche").click()
    debut = time.perf_counter()
    page.locator("#commun-q").press_sequentially("interpretes", delay=5)
    premier = page.locator("#commun-resultats a").first
    premier.wait_for()
    assert time.perf_counter() - debut < 3  # le budget (1 s à 2 000 fiches) est mesuré par le banc
    premier.click()
    assert page.url.startswith("file://") and page.url.endswith("/index.html")
    assert "Copie hors ligne du" in page.locator(".commun-pied-hors-ligne").inner_text()
    assert all(u.startswith(("file://", "data:")) for u in requetes), requetes
    assert page.evaluate("() => typeof __md_scope") == "object"  # assets/portee.js chargé
    assert erreurs == []
    contexte.close()


def test_page_visitee_lisible_sans_reseau(navigateur: Browser, adresse: str) -> None:
    contexte = navigateur.new_context(viewport={"width": 360, "height": 740})
    page = contexte.new_page()
    page.goto(adresse + "/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto(adresse + "/outils/persona/")  # visitée sous le contrôle du service worker
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    contexte.set_offline(True)
    page.reload()
    assert page.locator("h1").inner_text().rstrip("¶") == "Portrait type (persona)"
    page.goto(adresse + "/outils/world-cafe/")  # jamais visitée : la page « hors ligne »
    assert page.locator("h1").inner_text().rstrip("¶") == "Consulter sans réseau"
    contexte.close()


def test_consulter_hors_ligne_telecharge_tout(navigateur: Browser, adresse: str) -> None:
    contexte = navigateur.new_context(viewport={"width": 360, "height": 740})
    page = contexte.new_page()
    page.goto(adresse + "/hors-ligne/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    bouton = page.get_by_role("button", name="Consulter hors ligne")
    bouton.wait_for()
    assert bouton.is_enabled()
    bouton.click()
    etat = page.locator("#commun-etat-hors-ligne")
    # (expect plutôt que wait_for_function, qui évalue une chaîne : la CSP des pages le refuse)
    expect(page.locator("#commun-etat-hors-ligne")).to_have_text(re.compile("^Prêt"),
                                                                 timeout=60_000)
    assert page.locator("#commun-progression").evaluate("p => p.value === p.max && p.max > 100")
    assert "fichiers" in etat.inner_text()
    contexte.set_offline(True)
    page.goto(adresse + "/fiches/vacances-de-proximite/")  # jamais ouverte
    assert "CCAS fictif de l'Est" in page.locator(".commun-meta").inner_text()
    page.goto(adresse + "/recherche/?q=empathie")
    page.locator("#commun-resultats a").first.wait_for()
    contexte.close()


TYPES_DE_PAGES = ["", "fiches/", "fiches/permanence-droits-itinerante/",
                  "outils/carte-empathie/", "recherche/", "hors-ligne/", "ccas/acoua/",
                  "labos/labo-1/", "livret/", "suivi/", "questionnaires/quiz-intersession/",
                  "questions/"]


@pytest.mark.parametrize("chemin", TYPES_DE_PAGES)
def test_accessibilite_axe(telephone: PageNotee, adresse: str, chemin: str) -> None:
    """RGAA : aucune violation axe-core (WCAG 2.2 A/AA et bonnes pratiques) à 360 px."""
    telephone.goto(f"{adresse}/{chemin}")
    telephone.wait_for_load_state("networkidle")
    assert violations_axe(telephone) == []


CIBLES_TROP_PETITES = """() => {
  const petites = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, label[for]')) {
    // une commune de la carte : la même page est un lien de la liste qui suit (WCAG 2.5.8,
    // « équivalent »)
    if (el.closest('.commun-carte svg')) continue;
    // une case dans son étiquette : toute l'étiquette se touche pour la cocher
    const r = ((el.tagName === 'INPUT' && el.closest('label')) || el).getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
    const parent = el.parentElement;  // un lien au fil d'une phrase est exempté (WCAG 2.5.8)
    if (el.tagName === 'A' && ['P', 'TD', 'TH'].includes(parent.tagName)
        && parent.textContent.trim() !== el.textContent.trim()) continue;
    if (r.height < 44 && r.width < 44 || r.height < 40) {
      petites.push(`${el.tagName}.${el.className} « ${el.textContent.trim().slice(0, 30)} » `
                   + `${Math.round(r.width)}×${Math.round(r.height)}`);
    }
  }
  return petites;
}"""


@pytest.mark.parametrize("chemin", [*TYPES_DE_PAGES[:6], "questionnaires/quiz-intersession/"])
def test_telephone_360_px(telephone: PageNotee, adresse: str, chemin: str) -> None:
    """À 360 px : pas de défilement horizontal, des cibles tactiles d'environ 44 px."""
    telephone.goto(f"{adresse}/{chemin}")
    telephone.wait_for_load_state("networkidle")
    assert telephone.evaluate("document.documentElement.scrollWidth") <= 360
    assert telephone.evaluate(CIBLES_TROP_PETITES) == []
