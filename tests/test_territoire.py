"""Un autre territoire adopte le commun : ``scripts/nouveau_territoire.py``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import RACINE

pytestmark = pytest.mark.lent  # chaque test construit un site entier


def test_nouveau_territoire_se_construit_tout_de_suite(tmp_path: Path, monkeypatch) -> None:
    cible = tmp_path / "commun-reunion"
    resultat = subprocess.run(
        [sys.executable, str(RACINE / "scripts" / "nouveau_territoire.py"), str(cible),
         "--territoire", "La Réunion", "--depot", "https://forge.example/reunion/commun"],
        capture_output=True, text=True, timeout=300)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert "Le commun de La Réunion est prêt" in resultat.stdout

    config = yaml.safe_load((cible / "commun.yml").read_text(encoding="utf-8"))
    assert config["site"]["territoire"] == "La Réunion"
    assert config["site"]["depot"] == "https://forge.example/reunion/commun"
    assert config["ccas"] == config["thematiques"] == config["labos"] == []
    # le moteur, les outils et les licences suivent ; les fiches et labos de Mayotte non
    assert sorted(p.name for p in (cible / "outils").glob("*.md")) == \
        sorted(p.name for p in (RACINE / "outils").glob("*.md"))
    assert list((cible / "fiches").glob("*.md")) == [(cible / "fiches" / "README.md")]
    assert not list((cible / "labos").rglob("*.yml"))
    assert (cible / "LICENSE").exists() and (cible / "LICENCE-CONTENUS.txt").exists()
    assert not (cible / "tests" / "test_contenu_livre.py").exists()
    assert (cible / "tests" / "test_verification.py").exists()
    textes = " ".join(p.read_text(encoding="utf-8") for p in (cible / "hooks").rglob("*.py"))
    assert "Mayotte" not in textes

    # il se construit, avec --strict, sans rien toucher d'autre
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site = tmp_path / "site"
    build(load_config(config_file=str(cible / "mkdocs.yml"), strict=True, site_dir=str(site)))
    accueil = (site / "index.html").read_text(encoding="utf-8")
    assert "La Réunion" in accueil and "Mayotte" not in accueil
    assert (site / "outils" / "carte-empathie" / "index.html").exists()
    assert not (site / "fiches" / "permanence-droits-itinerante").exists()
    assert (site / "telechargements" / "commun-hors-ligne.zip").exists()

    # et refuse d'écraser un dossier existant
    encore = subprocess.run([sys.executable, str(RACINE / "scripts" / "nouveau_territoire.py"),
                             str(cible), "--territoire", "Guyane"], capture_output=True,
                            text=True, timeout=60)
    assert encore.returncode == 2 and "existe déjà" in encore.stderr
