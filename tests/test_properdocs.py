"""Le commun se construit aussi avec ProperDocs, la continuation de MkDocs 1.x : le même site.

Material for MkDocs finit sa vie le 5 mai 2027 et MkDocs 1.x n'évolue plus. ProperDocs
(``requirements-properdocs.txt``, installé dans ``.venv-properdocs`` par ``make test`` et
``make build-properdocs``) reprend MkDocs 1.6.1 sous un autre nom. Ce test copie le dépôt dans un
dossier temporaire, le construit avec MkDocs puis avec ProperDocs (``--strict`` tous les deux,
ProperDocs par la même commande que ``make build-properdocs``) et compare les deux sites avec
``scripts/comparer_sites.py``, qui neutralise déjà les horodatages et la version de la copie hors
ligne (empreinte de tous les fichiers, donc différente dès qu'un octet change). Les seuls autres
écarts admis sont dans ``ECARTS_ADMIS``, chacun avec sa raison ; tout le reste fait échouer le test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs import __version__ as version_mkdocs

from commun.hors_ligne import lire_liste
from conftest import RACINE

# scripts/ comme mypy le voit (modules au premier niveau), pas en paquet « scripts »
sys.path.insert(0, str(RACINE / "scripts"))
from comparer_sites import ecarts, fichiers

pytestmark = pytest.mark.properdocs

VENV = RACINE / ".venv-properdocs" / "bin"
EXIGENCES = RACINE / "requirements-properdocs.txt"

# Les écarts entre les deux builds, neutralisés ci-dessous après vérification de leur valeur.
ECARTS_ADMIS = {
    "balise generator": "chaque page porte <meta name=\"generator\" content=\"mkdocs-{{ "
    "mkdocs_version }}, mkdocs-material-…\"> (gabarit de Material) ; ProperDocs donne "
    "« ProperDocs 1.6.7 » pour mkdocs_version, MkDocs « 1.6.1 ».",
    "octets de hors-ligne/fichiers.json": "la taille totale de la copie pour téléphone compte "
    "ces balises : elle grandit de leur différence de longueur, par page copiée.",
}
GENERATEUR = re.compile(rb'<meta name="generator" content="mkdocs-([^",]+), mkdocs-material-')
OCTETS = re.compile(rb'"octets":\d+')
LISTE = "hors-ligne/fichiers.json"

# Ni l'historique, ni les environnements, ni les sites déjà construits : le reste est copié.
NON_COPIES = {".git", ".venv", ".venv-properdocs", "node_modules", "site", "site-apercu",
              "site-properdocs", ".hypothesis", "__pycache__", ".mypy_cache", ".ruff_cache",
              ".pytest_cache"}


def version_properdocs() -> str:
    epingle = re.search(r"^properdocs==(\S+)", EXIGENCES.read_text(encoding="utf-8"), re.M)
    assert epingle, f"properdocs==… absent de {EXIGENCES.name}"
    return epingle[1]


def lancer(commande: list[str], depot: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("COMMUN_APERCU", None)
    fini = subprocess.run(commande, cwd=depot, env=env, capture_output=True, text=True,
                          timeout=600)
    assert fini.returncode == 0, f"{' '.join(commande)}\n{fini.stdout}{fini.stderr}"


def generateurs(lus: dict[str, bytes]) -> dict[str, set[str]]:
    """Fichier → versions de ses balises generator ; ces balises neutralisées dans ``lus``."""
    trouves: dict[str, set[str]] = {}
    for chemin, octets in lus.items():
        versions = {m.decode() for m in GENERATEUR.findall(octets)}
        if versions:
            trouves[chemin] = versions
            lus[chemin] = GENERATEUR.sub(b"~", octets)
    return trouves


def octets_annonces(site: Path, lus: dict[str, bytes]) -> tuple[int, list[str]]:
    """La taille et les fichiers de la copie pour téléphone ; la taille neutralisée dans ``lus``."""
    liste = json.loads((site / LISTE).read_text(encoding="utf-8"))
    lus[LISTE] = OCTETS.sub(b'"octets":~', lus[LISTE])
    return liste["octets"], list(lire_liste(site))


@pytest.fixture(scope="module")
def properdocs() -> Path:
    executable = VENV / "properdocs"
    assert executable.exists(), (
        f"{executable.relative_to(RACINE)} manque : lancez « make test » ou "
        "« make build-properdocs », qui installent .venv-properdocs")
    return executable


def test_properdocs_redirige_les_imports_de_mkdocs(properdocs: Path) -> None:
    """Material et nos hooks importent ``mkdocs.*`` : sous ProperDocs, ce sont ses modules à lui,
    même si le paquet mkdocs est installé à côté (Material en dépend)."""
    code = ("import properdocs.replacement, mkdocs.plugins, mkdocs.structure.files as f; "
            "print(f.__name__, f.__file__)")
    fini = subprocess.run([str(VENV / "python"), "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert fini.returncode == 0, fini.stderr
    nom, fichier = fini.stdout.split()
    assert nom == "properdocs.structure.files"
    assert Path(fichier).parts[-3:] == ("properdocs", "structure", "files.py")


def test_properdocs_construit_le_meme_site(properdocs: Path, tmp_path: Path) -> None:
    depot = tmp_path / "depot"
    shutil.copytree(RACINE, depot, ignore=lambda _, noms: [n for n in noms if n in NON_COPIES])
    site_mkdocs, site_properdocs = tmp_path / "site-mkdocs", tmp_path / "site-properdocs"
    lancer([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml",
            "-d", str(site_mkdocs)], depot)
    lancer([str(properdocs), "build", "--strict", "--clean", "-f", "mkdocs.yml",
            "-d", str(site_properdocs)], depot)

    avant, apres = fichiers(site_mkdocs), fichiers(site_properdocs)

    # 1. la balise generator : la même sur les mêmes pages, seul le nom du moteur change
    ancienne, nouvelle = version_mkdocs, f"ProperDocs {version_properdocs()}"
    pages_mkdocs, pages_properdocs = generateurs(avant), generateurs(apres)
    assert pages_mkdocs.keys() == pages_properdocs.keys()
    assert len(pages_mkdocs) > 100
    assert set().union(*pages_mkdocs.values()) == {ancienne}
    assert set().union(*pages_properdocs.values()) == {nouvelle}

    # 2. la taille de la copie pour téléphone : exactement la différence de ces balises
    octets_mkdocs, copies = octets_annonces(site_mkdocs, avant)
    octets_properdocs, copies_properdocs = octets_annonces(site_properdocs, apres)
    assert copies == copies_properdocs
    balises = sum(
        (site_properdocs / (url + "index.html" if url == "" or url.endswith("/") else url))
        .read_bytes().count(b'content="mkdocs-' + nouvelle.encode()) for url in copies)
    assert balises > 100
    assert octets_properdocs - octets_mkdocs == balises * (len(nouvelle) - len(ancienne))

    # 3. rien d'autre
    assert ecarts(avant, apres) == [], f"écarts non admis (admis : {', '.join(ECARTS_ADMIS)})"
