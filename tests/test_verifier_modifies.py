"""``scripts/verifier.py --modifies`` dans un vrai dépôt git temporaire, et les annotations
GitHub (``GITHUB_ACTIONS=true``)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, RACINE, Projet

CASSE = (FIXTURES / "verification" / "yaml-casse.md").read_text(encoding="utf-8")
VIDE = "le fichier est vide : ajoutez un en-tête « --- » et le texte"


def git(racine: Path, *arguments: str) -> str:
    resultat = subprocess.run(
        ["git", "-c", "user.name=Essai", "-c", "user.email=essai@example.invalid",
         "-c", "commit.gpgsign=false", *arguments],
        cwd=racine, capture_output=True, text=True, timeout=60,
        env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"})
    assert resultat.returncode == 0, resultat.stderr
    return resultat.stdout


def verifier(racine: Path, *arguments: str, github: bool = False
             ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(racine / "scripts" / "verifier.py"), *arguments], cwd=racine,
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1",
             "GITHUB_ACTIONS": "true" if github else "", "GIT_CONFIG_GLOBAL": os.devnull})


def fichiers_signales(resultat: subprocess.CompletedProcess[str]) -> set[str]:
    return {ligne.split(":", 1)[0] for ligne in resultat.stdout.splitlines()
            if not ligne.startswith("::")}


@pytest.fixture
def depot(projet: Projet) -> Path:
    """Le petit commun dans un dépôt git : main a déjà un fichier cassé (qui n'est pas l'affaire
    de la proposition), puis une branche « proposition » est créée."""
    shutil.copytree(RACINE / "scripts", projet.racine / "scripts",
                    ignore=shutil.ignore_patterns("__pycache__"))
    racine = projet.racine
    git(racine, "init", "-q", "-b", "main")
    projet.ecrire("fiches/ancienne-cassee.md", CASSE)
    git(racine, "add", "-A")
    git(racine, "commit", "-q", "-m", "départ")
    git(racine, "switch", "-q", "-c", "proposition")
    return racine


def test_seulement_ce_qui_a_change(depot: Path, projet: Projet) -> None:
    projet.ecrire("outils/vide-enregistre.md", "")            # enregistré sur la branche
    git(depot, "add", "-A")
    git(depot, "commit", "-q", "-m", "un outil")
    projet.remplacer("fiches/mtsangamouji-guichet.md", "ccas: mtsangamouji", "ccas: sada")
    projet.ecrire("labos/nouveau vide.md", "")                # nouveau, pas encore ajouté
    resultat = verifier(depot, "--modifies")
    assert resultat.returncode == 1
    assert fichiers_signales(resultat) == {
        "outils/vide-enregistre.md", "fiches/mtsangamouji-guichet.md", "labos/nouveau vide.md"}
    assert "fiches/ancienne-cassee.md" not in resultat.stdout  # déjà cassé sur main
    assert "(modifiés par rapport à main)" in resultat.stderr
    assert "3 problèmes" in resultat.stderr


def test_origin_main_passe_avant_main(depot: Path, projet: Projet) -> None:
    projet.ecrire("outils/vide-enregistre.md", "")
    git(depot, "add", "-A")
    git(depot, "commit", "-q", "-m", "un outil")
    # origin/main a déjà reçu ce commit : seul ce qui vient après compte
    git(depot, "update-ref", "refs/remotes/origin/main", "HEAD")
    projet.ecrire("fiches/vide.md", "")
    resultat = verifier(depot, "--modifies")
    assert resultat.returncode == 1
    assert resultat.stdout.splitlines() == [f"fiches/vide.md:1: {VIDE}"]
    assert "par rapport à origin/main" in resultat.stderr
    # une base donnée explicitement
    assert fichiers_signales(verifier(depot, "--modifies", "--base", "main")) == {
        "outils/vide-enregistre.md", "fiches/vide.md"}


def test_rien_de_modifie(depot: Path) -> None:
    resultat = verifier(depot, "--modifies")
    assert resultat.returncode == 0 and resultat.stdout == ""
    assert "Aucun contenu modifié par rapport à main : rien à vérifier." in resultat.stderr


def test_commun_yml_ou_une_suppression_font_tout_verifier(depot: Path, projet: Projet) -> None:
    projet.remplacer("commun.yml", "nom: commun d'essai", "nom: commun d'essai modifié")
    resultat = verifier(depot, "--modifies")
    assert "fiches/ancienne-cassee.md" in fichiers_signales(resultat)
    assert "tout : commun.yml a changé" in resultat.stderr
    git(depot, "checkout", "--", "commun.yml")
    git(depot, "rm", "-q", "outils/prototype-papier.md")
    assert "fiches/ancienne-cassee.md" in fichiers_signales(verifier(depot, "--modifies"))
    # pre-commit donne les noms de fichiers : commun.yml parmi eux vérifie tout aussi
    assert "fiches/ancienne-cassee.md" in fichiers_signales(verifier(depot, "commun.yml"))


def test_base_introuvable(projet: Projet) -> None:
    shutil.copytree(RACINE / "scripts", projet.racine / "scripts",
                    ignore=shutil.ignore_patterns("__pycache__"))
    git(projet.racine, "init", "-q", "-b", "travail")
    git(projet.racine, "add", "-A")
    git(projet.racine, "commit", "-q", "-m", "départ")
    resultat = verifier(projet.racine, "--modifies")
    assert resultat.returncode == 2
    assert "ni origin/main ni main n'existent dans ce dépôt" in resultat.stderr
    assert verifier(projet.racine, "--modifies", "fiches/x.md").returncode == 2


def test_annotations_github(depot: Path, projet: Projet) -> None:
    projet.ecrire("fiches/vide.md", "")
    resultat = verifier(depot, "--modifies", github=True)
    assert resultat.stdout.splitlines() == [
        f"fiches/vide.md:1: {VIDE}",
        "::error file=fiches/vide.md,line=1,title=Contenu à corriger::" + VIDE,
    ]
    sans = verifier(depot, "--modifies")
    assert "::error" not in sans.stdout


def test_echappement_des_annotations() -> None:
    spec = importlib.util.spec_from_file_location("verifier_script",
                                                  RACINE / "scripts" / "verifier.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.echapper("50 % : a,b\r\nc") == "50 %25 : a,b%0D%0Ac"
    assert module.echapper("fiches/a:b,c%.md", propriete=True) == "fiches/a%3Ab%2Cc%25.md"
    probleme = module.Probleme("fiches/a,b.md", 3, "titre : trop court\n100 %")
    assert module.annotation(probleme) == ("::error file=fiches/a%2Cb.md,line=3,"
                                           "title=Contenu à corriger::titre : trop court%0A100 %25")
