"""Le chemin du contributeur : fichiers de .github/, pre-commit, guide et captures d'écran,
page « Proposer une fiche » et schémas publiés dans le site."""

from __future__ import annotations

import html
import json
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from commun import imprimes
from commun.chargement import charger_configuration
from commun.genres import motif_des_fichiers
from conftest import RACINE, Projet

GITHUB = RACINE / ".github"
CAPTURES = RACINE / "docs" / "assets" / "contribuer"
SHA = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def cibles_make() -> set[str]:
    texte = (RACINE / "Makefile").read_text(encoding="utf-8")
    return {c for ligne in re.findall(r"^([a-z][\w .-]*):(?!=)", texte, re.M)
            for c in ligne.split()}


def workflow(nom: str) -> dict:
    donnees = yaml.safe_load((GITHUB / "workflows" / nom).read_text(encoding="utf-8"))
    donnees["on"] = donnees.pop(True)  # YAML 1.1 lit « on » comme un booléen
    return donnees


def etapes(donnees: dict) -> list[dict]:
    return [e for job in donnees["jobs"].values() for e in job.get("steps", [])]


# --- .github ----------------------------------------------------------------------------

@pytest.mark.parametrize("nom", ["verifier.yml", "publier.yml"])
def test_workflows_valides(nom: str) -> None:
    donnees = workflow(nom)
    assert donnees["permissions"] == {"contents": "read"}
    cibles = cibles_make()
    for etape in etapes(donnees):
        if "uses" in etape:  # chaque action figée par l'empreinte de son commit
            assert SHA.match(etape["uses"]), etape["uses"]
        for commande in re.findall(r"\bmake ([\w-]+)", etape.get("run", "")):
            assert commande in cibles, f"{nom} : « make {commande} » n'existe pas"
    texte = (GITHUB / "workflows" / nom).read_text(encoding="utf-8")
    for ligne in texte.splitlines():
        if "uses:" in ligne:
            assert re.search(r"@[0-9a-f]{40}\s+# v\d", ligne), f"version en commentaire : {ligne}"


def test_workflow_des_demandes_de_fusion() -> None:
    donnees = workflow("verifier.yml")
    assert "pull_request" in donnees["on"]
    suite = etapes(donnees)
    checkout = next(e for e in suite if e.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # --modifies compare avec origin/main
    runs = [e.get("run", "") for e in suite]
    assert "make modifies" in runs and "make build" in runs
    assert "--modifies" in (RACINE / "Makefile").read_text(encoding="utf-8").split(
        "modifies:")[1].split("\n\n")[0]
    envoi = next(e for e in suite if e.get("uses", "").startswith("actions/upload-artifact@"))
    site_dir = yaml.safe_load((RACINE / "mkdocs.yml").read_text(encoding="utf-8"))["site_dir"]
    assert envoi["with"]["path"].rstrip("/") == site_dir


def test_workflow_de_publication() -> None:
    donnees = workflow("publier.yml")
    branche = charger_configuration(RACINE).site.branche
    assert donnees["on"]["push"]["branches"] == [branche]
    publier = donnees["jobs"]["publier"]
    assert publier["permissions"] == {"pages": "write", "id-token": "write"}
    assert publier["environment"]["name"] == "github-pages"
    utilisees = [e["uses"].split("@")[0] for e in etapes(donnees) if "uses" in e]
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= set(utilisees)
    suite = etapes(donnees)
    runs = [e.get("run") for e in suite]
    assert "make build" in runs
    # le cache des PDF du Livret, repris avant le build
    (cache,) = [i for i, e in enumerate(suite) if e.get("uses", "").startswith("actions/cache@")]
    assert suite[cache]["with"]["path"] == imprimes.CACHE and cache < runs.index("make build")


def test_formulaire_github_a_jour() -> None:
    resultat = subprocess.run([sys.executable, str(RACINE / "scripts" / "modeles_github.py"),
                               "--verifier"], capture_output=True, text=True, timeout=60)
    assert resultat.returncode == 0, resultat.stdout


def test_formulaire_github_tire_du_referentiel() -> None:
    formulaire = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "proposer-une-fiche.yml")
                                .read_text(encoding="utf-8"))
    listes = {e["id"]: e["attributes"]["options"] for e in formulaire["body"]
              if e["type"] == "dropdown"}
    config = charger_configuration(RACINE)

    def ids(options: list[str]) -> list[str]:
        trouves = [re.search(r"\(([a-z0-9-]+)\)$", o) for o in options]
        assert all(trouves), options
        return [m.group(1) for m in trouves if m]

    assert ids(listes["ccas"]) == list(config.ccas_reels)  # pas d'entité fictive
    assert ids(listes["thematique"]) == list(config.thematiques)
    assert ids(listes["labos"]) == list(config.labos)
    assert ids(listes["etat"]) == ["idee", "en-conception", "en-experimentation", "deploye",
                                   "abandonne"]
    textes = [e["attributes"]["label"] for e in formulaire["body"] if e["type"] == "textarea"]
    assert "Le besoin" in textes and "La feuille de route" in textes


def test_modele_de_demande_de_fusion() -> None:
    texte = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    cases = re.findall(r"^- \[ \] (.+)$", texte, re.M)
    assert len(cases) >= 8
    assert "donnée personnelle" in texte and "validation: brouillon" in texte
    assert "Vérifier et construire" in texte  # le nom du workflow, tel que GitHub l'affiche
    assert workflow("verifier.yml")["name"] == "Vérifier et construire"


def test_pre_commit() -> None:
    config = yaml.safe_load((RACINE / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [depot] = config["repos"]
    crochets = {c["id"]: c for c in depot["hooks"]}
    assert set(crochets) == {"verifier-le-contenu", "ruff"}
    crochet = crochets["verifier-le-contenu"]
    assert depot["repo"] == "local"
    assert crochet["files"] == motif_des_fichiers()  # tiré du registre des genres
    assert crochets["ruff"]["entry"].startswith(".venv/bin/ruff check")
    assert crochet["entry"].split()[1] == "scripts/verifier.py"
    assert (RACINE / crochet["entry"].split()[1]).exists()
    motif = re.compile(crochet["files"])
    for chemin in ("fiches/acoua-x.md", "outils/persona.md", "labos/labo-1.md", "commun.yml"):
        assert motif.search(chemin), chemin
    for chemin in ("docs/index.md", "README.md", "hooks/contenu.py", "fiches/photo.png"):
        assert not motif.search(chemin), chemin


def test_editeurs() -> None:
    reglages = json.loads((RACINE / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    for schema in reglages["yaml.schemas"]:
        assert (RACINE / schema).exists(), schema
    assert (RACINE / "commun.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=schemas/commun.schema.json")
    extensions = json.loads((RACINE / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


# --- Le guide et ses captures ---------------------------------------------------------------

def dimensions_png(chemin: Path) -> tuple[int, int]:
    octets = chemin.read_bytes()
    assert octets[:8] == b"\x89PNG\r\n\x1a\n", chemin
    return struct.unpack(">II", octets[16:24])


def test_captures_legeres_et_utilisees() -> None:
    captures = sorted(CAPTURES.glob("*.png"))
    assert len(captures) >= 4
    guide = (RACINE / "CONTRIBUTING.md").read_text(encoding="utf-8")
    page = (RACINE / "docs" / "contribuer.md").read_text(encoding="utf-8")
    for capture in captures:
        assert capture.stat().st_size < 80_000, f"{capture.name} : plus de 80 Ko"
        largeur, _ = dimensions_png(capture)
        assert largeur <= 360, f"{capture.name} : {largeur} px de large"
        assert f"docs/assets/contribuer/{capture.name}" in guide, capture.name
        assert f"assets/contribuer/{capture.name}" in page, capture.name


def test_liens_du_guide() -> None:
    guide = (RACINE / "CONTRIBUTING.md").read_text(encoding="utf-8")
    cibles = re.findall(r'<img src="([^"]+)"', guide) + re.findall(r"\]\(([^)#]+)\)", guide)
    for cible in cibles:
        if not cible.startswith("http"):
            assert (RACINE / cible).exists(), cible
    for commande in re.findall(r"^make ([\w-]+)", guide, re.M):
        assert commande in cibles_make(), commande
    for titre in ("Trois façons de contribuer", "La vérification automatique",
                  "Relire et fusionner (pour la coordination)", "Éditeurs de texte et schémas"):
        assert f"## {titre}" in guide


# --- Dans le site construit -----------------------------------------------------------------

@pytest.fixture
def site(projet: Projet) -> Path:
    """Le petit commun, avec les pages « Contribuer » et « Proposer une fiche » et les schémas."""
    for page in ("contribuer.md", "proposer.md"):
        projet.ecrire(f"docs/{page}", (RACINE / "docs" / page).read_text(encoding="utf-8"))
    for schema in (RACINE / "schemas").glob("*.schema.json"):
        projet.ecrire(f"schemas/{schema.name}", schema.read_text(encoding="utf-8"))
    config = yaml.safe_load((projet.racine / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] += [{"Contribuer": "contribuer.md"}, {"Proposer une fiche": "proposer.md"}]
    projet.ecrire("mkdocs.yml", yaml.safe_dump(config, allow_unicode=True))
    return projet.construire()


@pytest.mark.lent
def test_schemas_publies(site: Path) -> None:
    for schema in (RACINE / "schemas").glob("*.schema.json"):
        publie = json.loads((site / "schemas" / schema.name).read_text(encoding="utf-8"))
        assert publie.pop("$id") == f"https://essai.example/schemas/{schema.name}"
        original = json.loads(schema.read_text(encoding="utf-8"))
        original.pop("$id")
        assert publie == original
    contribuer = (site / "contribuer" / "index.html").read_text(encoding="utf-8")
    assert 'href="../schemas/fiche.schema.json"' in contribuer
    for capture in CAPTURES.glob("*.png"):
        assert f'src="../assets/contribuer/{capture.name}"' in contribuer
        assert (site / "assets" / "contribuer" / capture.name).exists()
    assert 'href="https://forge.example/essai/commun/blob/main/CONTRIBUTING.md"' in contribuer


@pytest.mark.lent
def test_page_proposer(site: Path) -> None:
    page = (site / "proposer" / "index.html").read_text(encoding="utf-8")
    trouve = re.search(r'data-commun="([^"]*)"', page)
    assert trouve
    donnees = json.loads(html.unescape(trouve.group(1)))
    assert donnees["depot"] == "https://forge.example/essai/commun"
    assert donnees["branche"] == "main" and donnees["dossier"] == "fiches"
    # les noms pris : dans la page, ceux qui ne commencent par aucun CCAS ; ceux des fiches d'un
    # CCAS dans son petit fichier (publiées seulement : pas le brouillon de Bandrélé)
    assert donnees["pris"] == ["index", "par-etat"]
    noms = site / "proposer" / "noms"
    assert json.loads((noms / "mtsangamouji.json").read_text()) == ["mtsangamouji-guichet"]
    assert json.loads((noms / "bandrele.json").read_text()) == []
    assert donnees["noms"] == "proposer/noms/"
    assert [s[0] for s in donnees["sections"]] == [
        "Le besoin", "La solution", "L'expérimentation", "Les enseignements",
        "La feuille de route"]
    assert donnees["limites"] == {"titre": [3, 120], "resume": [10, 200], "role": [2, 120],
                                  "equipe": [1, 6]}

    def valeurs(nom: str) -> list[str]:
        if (liste := re.search(rf'<select id="proposer-{nom}".*?</select>', page, re.S)):
            return re.findall(r'<option value="([^"]*)"', liste.group())
        return re.findall(rf'<input type="(?:checkbox|radio)" name="{nom}" value="([^"]*)"', page)

    assert valeurs("ccas") == ["", "mtsangamouji", "bandrele", "udccas"]
    assert valeurs("thematique") == ["", "acces-aux-droits", "jeunesse-enfance-famille"]
    assert valeurs("priorite") == ["prioritaire", "secondaire"]
    assert valeurs("labos") == ["labo-1", "labo-2"]
    assert valeurs("outils") == ["carte-empathie", "prototype-papier"]
    assert '<option value="idee" selected="">' in page  # tel que le nettoyage l'écrit
    assert "brouillon-secret" not in page
    assert " on" + "click=" not in page and "javascript:" not in page  # aucun gestionnaire en ligne
    assert 'src="../assets/proposer.js"' in page  # chargé par le thème, pas par le contenu


@pytest.mark.lent
def test_modifier_cette_page_ouvre_le_vrai_fichier(site: Path) -> None:
    for page, source in (("outils/carte-empathie", "outils/carte-empathie.md"),
                         ("labos/labo-1", "labos/labo-1.md"),
                         ("fiches/mtsangamouji-guichet", "fiches/mtsangamouji-guichet.md"),
                         ("proposer", "docs/proposer.md")):
        texte = (site / page / "index.html").read_text(encoding="utf-8")
        assert f'href="https://forge.example/essai/commun/edit/main/{source}"' in texte, page
