"""Fixtures partagées : un petit commun copié dans tmp_path, et son build MkDocs."""

from __future__ import annotations

import functools
import http.server
import logging
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

RACINE = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"

# Chromium de Debian, lancé comme le demande la machine (aucun accès réseau en arrière-plan).
CHROMIUM = "/usr/bin/chromium"
ARGUMENTS_CHROMIUM = ["--headless", "--no-sandbox", "--disable-gpu",
                      "--disable-background-networking", "--disable-component-update",
                      "--disable-sync", "--no-first-run"]


class _Silencieux(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def temps_de_calcul() -> float:
    """Le temps de calcul de ce processus et de ses fils terminés, en secondes : une borne de
    temps s'y mesure plutôt qu'à l'horloge, qu'une machine chargée par d'autres fausse."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


@contextmanager
def servir(site: Path) -> Iterator[str]:
    """Sert un site construit sur 127.0.0.1 (port libre) le temps du bloc ; rend son adresse."""
    serveur = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Silencieux, directory=str(site)))
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{serveur.server_address[1]}"
    finally:
        serveur.shutdown()
        serveur.server_close()


class PageNotee(Page):
    """Pour mypy seulement : la page de Playwright à laquelle ``telephone_360`` ajoute ses
    requêtes et ses erreurs JavaScript (aucune n'est créée de cette classe)."""

    requetes: list[str]
    erreurs: list[str]


def noter_page(page: Page, requetes: list[str], erreurs: list[str]) -> None:
    """Note dans ces listes les adresses que la page demande et ses erreurs JavaScript."""
    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            erreurs.append(message.text)

    page.on("request", lambda r: requetes.append(r.url))
    page.on("console", console)
    page.on("pageerror", lambda e: erreurs.append(str(e)))


@pytest.fixture(scope="session")
def site_du_depot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Le site du dépôt lui-même (contenu livré), construit strictement une fois pour toute la
    session : les tests du navigateur, du formulaire, du HTML valide et du contenu livré le
    lisent sans le modifier."""
    site = tmp_path_factory.mktemp("site-du-depot")
    build(load_config(config_file=str(RACINE / "mkdocs.yml"), strict=True, site_dir=str(site)))
    return site


def telephone_360(navigateur: Browser, **options: Any) -> tuple[BrowserContext, PageNotee]:
    """Un onglet de téléphone (360 × 740, tactile, en français) qui note ses requêtes et ses
    erreurs JavaScript dans ``page.requetes`` et ``page.erreurs``."""
    contexte = navigateur.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR",
                                      is_mobile=True, has_touch=True, **options)
    page = cast(PageNotee, contexte.new_page())
    page.requetes, page.erreurs = [], []
    noter_page(page, page.requetes, page.erreurs)
    return contexte, page


@pytest.fixture(scope="module")
def navigateur() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Chromium manque : lancez « make navigateur »"
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS_CHROMIUM)
        yield navigateur
        navigateur.close()


# La couche lente, que « make test-rapide » (pytest -m "not lent") laisse de côté : les tests
# marqués « lent » (un site construit par MkDocs, mille essais au hasard), et tous ceux qui
# demandent Chromium, Java ou ProperDocs.
LENTS_PAR_NATURE = ("navigateur", "validateur", "properdocs")


@pytest.hookimpl(tryfirst=True)  # avant que « -m » ne choisisse les tests
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(item.get_closest_marker(m) for m in LENTS_PAR_NATURE):
            item.add_marker(pytest.mark.lent)


# Le test en cours (ses fixtures de module comprises) : Projet.construire y lit sa marque.
_EN_COURS: dict[str, pytest.Item] = {}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _EN_COURS["test"] = item


@dataclass
class Projet:
    """Un commun complet (moteur du dépôt, contenu d'essai) dans un dossier temporaire."""

    racine: Path

    def ecrire(self, chemin: str, texte: str | bytes) -> Path:
        fichier = self.racine / chemin
        fichier.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(texte, bytes):
            fichier.write_bytes(texte)
        else:
            fichier.write_text(texte, encoding="utf-8")
        return fichier

    def remplacer(self, chemin: str, avant: str, apres: str) -> None:
        fichier = self.racine / chemin
        texte = fichier.read_text(encoding="utf-8")
        assert avant in texte, f"{avant!r} absent de {chemin}"
        fichier.write_text(texte.replace(avant, apres), encoding="utf-8")

    def construire(self, *, strict: bool = True, site: str = "site") -> Path:
        """Le site construit par MkDocs. Seul un test marqué ``lent`` le peut : ``make
        test-rapide`` laisse ces tests de côté, et un build oublié hors de la marque échoue ici
        plutôt que de ralentir la couche rapide en silence."""
        test = _EN_COURS.get("test")
        if test is not None and test.get_closest_marker("lent") is None:
            pytest.fail(f"{test.nodeid} construit un site avec MkDocs : marquez-le "
                        "« @pytest.mark.lent » (ou son module : « pytestmark »), pour que "
                        "make test-rapide le laisse de côté", pytrace=False)
        config = load_config(config_file=str(self.racine / "mkdocs.yml"), strict=strict,
                             site_dir=str(self.racine / site))
        build(config)
        return self.racine / site

    def page(self, site: Path, chemin: str) -> str:
        return (site / chemin / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def projet(tmp_path: Path) -> Projet:
    return nouveau_projet(tmp_path / "commun")


def nouveau_projet(racine: Path) -> Projet:
    """Le petit commun d'essai (tests/fixtures/projet) et le moteur du dépôt, dans ``racine``."""
    shutil.copytree(FIXTURES / "projet", racine)
    # la configuration du dépôt, avec un menu réduit aux pages que le petit commun possède
    config = yaml.safe_load((RACINE / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = [{"Accueil": "index.md"}, {"Outils": "outils/index.md"},
                     {"Fiches projets": "fiches/index.md"}, {"CCAS": "ccas/index.md"},
                     {"Labos": "labos/index.md"}, {"Rechercher": "recherche.md"},
                     {"Commencer": "commencer.md"}, {"À propos": "a-propos.md"},
                     {"Hors ligne": "hors-ligne.md"}, {"Contribuer": "contribuer.md"}]
    (racine / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    shutil.copytree(RACINE / "hooks", racine / "hooks",
                    ignore=shutil.ignore_patterns("__pycache__", ".mypy_cache",
                                                  ".ruff_cache"))
    shutil.copytree(RACINE / "docs" / "assets", racine / "docs" / "assets")
    for page in ("recherche.md", "hors-ligne.md"):
        shutil.copy(RACINE / "docs" / page, racine / "docs" / page)
    return Projet(racine)


@pytest.fixture
def journal(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="mkdocs")
    return caplog


@pytest.fixture(autouse=True)
def sans_apercu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COMMUN_APERCU", raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
