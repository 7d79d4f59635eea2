"""Le HTML du site est valide : chaque page passe au Nu HTML Checker (vnu-jar, figé dans
package.json), en un seul passage de Java pour tout le site (la machine virtuelle met quelques
secondes à démarrer).

Aucune erreur ne doit venir de notre HTML (gabarits de ``hooks/theme``, pages générées,
formulaire, graphiques, pages de ``docs/``). Les seules erreurs admises sont celles du HTML de
Material, listées une à une ci-dessous par leur message et l'élément exact qu'elles désignent :
toute autre erreur, même sur une seule page, fait échouer le test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import RACINE

pytestmark = pytest.mark.validateur

VNU = RACINE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

_AUTOCOMPLETE = ("Attribute “autocomplete” is only allowed when the input type is “color”, "
                 "“date”, “datetime-local”, “email”, “hidden”, “month”, “number”, “password”, "
                 "“range”, “search”, “tel”, “text”, “time”, “url”, or “week”.")
# (message de vnu, élément désigné) : les erreurs du HTML de Material, et d'où elles viennent
ERREURS_DE_MATERIAL = {
    # base.html : la case qui ouvre le menu sur téléphone, avec « autocomplete » (pour Firefox)
    (_AUTOCOMPLETE, '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" '
                    'id="__drawer" autocomplete="off">'),
    # base.html : la case qui ouvre la recherche de Material, idem
    (_AUTOCOMPLETE, '<input class="md-toggle" data-md-toggle="search" type="checkbox" '
                    'id="__search" autocomplete="off">'),
    # partials/toc.html : le titre de la table des matières vise la case « __toc », que
    # partials/nav-item.html n'écrit que pour une page du menu (fiches, outils : hors menu)
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden "
     "form control.", '<label class="md-nav__title" for="__toc">'),
}


@pytest.fixture(scope="module")
def verdict(site_du_depot: Path) -> tuple[list[str], list[dict]]:
    """Les fichiers lus par vnu et ses erreurs, pour tout le site en un seul appel."""
    assert shutil.which("java"), "Java manque : lancez « make java »"
    assert VNU.exists(), "vnu-jar manque : lancez « npm ci »"
    fini = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html",
         "--also-check-svg", "--verbose", str(site_du_depot)],
        capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    try:  # --verbose : les fichiers lus sur la sortie ; les messages en JSON sur l'erreur
        messages = json.loads(fini.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu n'a pas répondu en JSON (code {fini.returncode}) : {fini.stderr[-2000:]}")
    return fini.stdout.splitlines(), messages


def _designe(message: dict) -> str:
    debut = message.get("hiliteStart", 0)
    return message.get("extract", "")[debut:debut + message.get("hiliteLength", 0)]


def _cle(message: dict) -> tuple[str, str]:
    return message["message"], _designe(message)


def test_chaque_page_est_lue(site_du_depot: Path, verdict: tuple[list[str], list[dict]]) -> None:
    lus, _ = verdict
    pages = {str(p) for p in site_du_depot.rglob("*.html")}
    # le formulaire, la page la plus riche
    assert str(site_du_depot / "proposer" / "index.html") in pages
    assert pages <= set(lus)


def test_aucune_erreur_dans_notre_html(site_du_depot: Path,
                                       verdict: tuple[list[str], list[dict]]) -> None:
    _, messages = verdict
    erreurs = [f"{m.get('url', '').removeprefix('file:' + str(site_du_depot) + '/')}:"
               f"{m.get('lastLine', '?')}: {m['message']} ({_designe(m).strip()})"
               for m in messages if _cle(m) not in ERREURS_DE_MATERIAL]
    assert erreurs == []


def test_les_erreurs_admises_existent_encore(verdict: tuple[list[str], list[dict]]) -> None:
    """Une erreur que Material ne fait plus (nouvelle version) sort de la liste."""
    _, messages = verdict
    assert ERREURS_DE_MATERIAL - {_cle(m) for m in messages} == set()
