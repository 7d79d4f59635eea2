"""Le site public dans un vrai navigateur (Chromium headless, écran de téléphone 360 × 740)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, Page, sync_playwright

from conftest import RACINE

pytestmark = pytest.mark.navigateur

CHROMIUM = "/usr/bin/chromium"
ARGUMENTS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]


class Silencieux(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def adresse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("site-navigateur")
    build(load_config(config_file=str(RACINE / "mkdocs.yml"), strict=True, site_dir=str(site)))
    serveur = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Silencieux, directory=str(site)))
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    yield f"http://127.0.0.1:{serveur.server_address[1]}"
    serveur.shutdown()
    serveur.server_close()


@pytest.fixture(scope="module")
def navigateur() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Chromium manque : lancez « make navigateur »"
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        yield navigateur
        navigateur.close()


@pytest.fixture
def telephone(navigateur: Browser, adresse: str) -> Iterator[Page]:
    contexte = navigateur.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR",
                                      is_mobile=True, has_touch=True)
    page = contexte.new_page()
    page.requetes = []  # type: ignore[attr-defined]
    page.erreurs = []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.requetes.append(r.url))
    page.on("console", lambda m: m.type == "error" and page.erreurs.append(m.text))
    page.on("pageerror", lambda e: page.erreurs.append(str(e)))
    yield page
    contexte.close()


def test_accueil_lisible_sur_telephone(telephone: Page, adresse: str, tmp_path: Path) -> None:
    telephone.goto(adresse + "/")
    telephone.wait_for_load_state("networkidle")
    assert telephone.locator("h1").inner_text().startswith("Le commun")
    assert telephone.get_by_role("link", name="Par où commencer ?").first.is_visible()
    assert telephone.evaluate("document.documentElement.scrollWidth") <= 360
    telephone.screenshot(path=tmp_path / "accueil.png", full_page=True)
    assert [u for u in telephone.requetes if not u.startswith(adresse)] == []
    assert telephone.erreurs == []


def test_du_catalogue_a_la_fiche_et_retour(telephone: Page, adresse: str) -> None:
    telephone.goto(adresse + "/fiches/")
    telephone.get_by_role("link", name="Une permanence itinérante d'accès aux droits à Acoua "
                                        "et Mtsangadoua").click()
    telephone.wait_for_url("**/fiches/acoua-permanence-droits-itinerante/")
    assert telephone.get_by_text("Ce contenu est un exemple fictif").is_visible()
    modifier = telephone.locator("a.md-content__button[href*='/edit/']")
    assert modifier.get_attribute("href").endswith(
        "/edit/main/fiches/acoua-permanence-droits-itinerante.md")
    assert telephone.evaluate("document.documentElement.scrollWidth") <= 360
    # la fiche mène à un outil, et l'outil revient à la fiche (« Utilisé dans »)
    telephone.locator("#outils-utilises ~ ul a").first.click()
    telephone.wait_for_load_state()
    assert "/outils/" in telephone.url
    retour = telephone.locator("#utilise-dans ~ ul a[href*='acoua-permanence-droits-itinerante']")
    assert retour.count() == 1
    assert telephone.erreurs == []


def test_recherche_trouve_un_outil(telephone: Page, adresse: str) -> None:
    telephone.goto(adresse + "/")
    telephone.locator("label.md-header__button[for='__search']").click()
    telephone.locator("input.md-search__input").press_sequentially("empathie", delay=30)
    resultat = telephone.locator(".md-search-result__item a[href*='outils/carte-empathie']")
    resultat.first.wait_for(timeout=15_000)
    assert [u for u in telephone.requetes if not u.startswith(adresse)] == []


def test_brouillon_introuvable(telephone: Page, adresse: str) -> None:
    reponse = telephone.goto(adresse + "/fiches/sada-jardin-partage-seniors/")
    assert reponse is not None and reponse.status == 404
