"""Refait les captures d'écran du guide du contributeur (docs/assets/contribuer/*.png).

Usage :
    python scripts/captures.py

Construit le site public dans un dossier temporaire, le sert sur 127.0.0.1 et le photographie
dans Chromium (Playwright), sur un écran de téléphone de 360 px de large : le formulaire
« Proposer une fiche » rempli, ses messages d'erreur, la fiche prête à envoyer, et le bouton
« Modifier cette page » d'une fiche. Chaque image doit peser moins de 80 Ko (le guide se lit sur
un téléphone) : le script échoue sinon. CONTRIBUTING.md et docs/contribuer.md les affichent.
Chromium : /usr/bin/chromium (« make navigateur » l'installe).
"""

from __future__ import annotations

import functools
import http.server
import logging
import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Playwright n'est importé qu'au moment des captures (voir main)
    from playwright.sync_api import Page

RACINE = Path(__file__).resolve().parents[1]
DOSSIER = RACINE / "docs" / "assets" / "contribuer"
TAILLE_MAX = 80_000  # octets
CHROMIUM = "/usr/bin/chromium"
ARGUMENTS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]
FICHE = "fiches/permanence-droits-itinerante/"  # une fiche publiée, pour « Modifier »
# ce qui met en évidence l'élément montré, le temps de la capture
SURLIGNE = "outline: 4px solid #d9480f !important; outline-offset: 3px !important;"


class Silencieux(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def construire(sortie: Path) -> None:
    """Le site public, comme « make build » : la moindre alerte l'arrête (et s'affiche)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.pop("COMMUN_APERCU", None)
    build(load_config(config_file=str(RACINE / "mkdocs.yml"), strict=True,
                      site_dir=str(sortie)))


def remplir(page: Page) -> None:
    page.fill("#proposer-titre", "Un café des parents à Ouangani")
    page.fill("#proposer-resume", "Un rendez-vous mensuel où les parents échangent autour "
                                  "d'un café.")
    page.select_option("#proposer-ccas", "ouangani")
    page.select_option("#proposer-thematique", "jeunesse-enfance-famille")
    page.locator("input[name=priorite][value=prioritaire]").check()
    page.fill("#proposer-equipe", "Référente du projet, agente du CCAS\nPartenaire associatif")


def capturer(adresse: str) -> dict[str, bytes]:
    from playwright.sync_api import sync_playwright

    images: dict[str, bytes] = {}
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        contexte = navigateur.new_context(viewport={"width": 360, "height": 640},
                                          device_scale_factor=1, locale="fr-FR",
                                          is_mobile=True, has_touch=True)
        page = contexte.new_page()

        page.goto(adresse + "/proposer/")
        # l'en-tête du site, fixe, masquerait le haut des éléments photographiés
        page.add_style_tag(content=".md-top, .md-header { display: none !important; }")
        page.locator("button[type=submit]").click()
        images["erreurs.png"] = page.locator("#proposer-bilan").screenshot()

        remplir(page)
        page.locator("#proposer-formulaire > fieldset").first.scroll_into_view_if_needed()
        images["formulaire.png"] = page.locator("#proposer-formulaire > fieldset").first \
            .screenshot()

        page.locator("button[type=submit]").click()
        page.locator("#proposer-resultat").wait_for()
        page.add_style_tag(content=".commun-apercu { max-height: 9rem !important; }")
        images["resultat.png"] = page.locator("#proposer-resultat").screenshot()

        page.goto(adresse + "/" + FICHE)
        page.add_style_tag(content=f"a.md-content__button {{ {SURLIGNE} }}")
        images["modifier.png"] = page.screenshot(clip={"x": 0, "y": 0, "width": 360,
                                                        "height": 330})
        navigateur.close()
    return images


def main(arguments: list[str]) -> int:
    if any(a in ("-h", "--help") for a in arguments):
        print(__doc__)
        return 0
    from mkdocs.exceptions import Abort

    with tempfile.TemporaryDirectory() as dossier:
        site = Path(dossier) / "site"
        try:
            construire(site)
        except Abort as e:
            print(f"Le site ne se construit pas ({e.message}) : corrigez d'abord les alertes "
                  "ci-dessus.", file=sys.stderr)
            return 1
        serveur = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Silencieux, directory=str(site)))
        threading.Thread(target=serveur.serve_forever, daemon=True).start()
        try:
            images = capturer(f"http://127.0.0.1:{serveur.server_address[1]}")
        finally:
            serveur.shutdown()
            serveur.server_close()
    DOSSIER.mkdir(parents=True, exist_ok=True)
    trop_lourdes = 0
    for nom, octets in images.items():
        (DOSSIER / nom).write_bytes(octets)
        lourde = len(octets) > TAILLE_MAX
        trop_lourdes += lourde
        print(f"écrit {(DOSSIER / nom).relative_to(RACINE)} ({len(octets) // 1000} Ko)"
              + (f" : plus de {TAILLE_MAX // 1000} Ko, réduisez la zone capturée" if lourde
                 else ""))
    return 1 if trop_lourdes else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
