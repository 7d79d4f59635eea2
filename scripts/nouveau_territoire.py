"""Crée le commun d'un autre territoire à partir de celui-ci.

Usage :
    python scripts/nouveau_territoire.py DOSSIER --territoire "La Réunion" [--nom "le commun"]
                                          [--depot ADRESSE] [--url ADRESSE]

Le nouveau dossier reçoit le moteur (hooks/, scripts/, tests du moteur, Makefile…), les fiches
méthode et outils partagés (outils/), les pages écrites à la main (docs/), les licences, et un
commun.yml au nom du territoire dont le référentiel (communes, thématiques, labos) est vide, à
remplir. Aucune fiche projet, aucun compte rendu, aucune présence n'est copié. Le script vérifie
ensuite le nouveau commun avec son propre validateur ; « make build » le construit.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parents[1]

# Ce qui part avec le moteur. Le contenu propre au territoire (fiches/, labos/) reste ici.
A_COPIER = ["hooks", "scripts", "schemas", "docs", "outils", "tests", ".ci", ".github", ".vscode",
            ".pre-commit-config.yaml", ".gitignore", "Makefile", "mkdocs.yml", "requirements.txt",
            "requirements-properdocs.txt", "package.json", "package-lock.json", "pyproject.toml",
            "LICENSE", "LICENCE-CONTENUS.txt", "README.md", "CONTRIBUTING.md"]
IGNORES = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "node_modules")
# Les tests qui vérifient le contenu livré ici (fiches de Mayotte…) ne suivent pas.
MARQUE_CONTENU = "pytest.mark.contenu_livre"


def commun_yml(source: str, territoire: str, nom: str, depot: str | None,
               url: str | None) -> str:
    """Le commun.yml du nouveau territoire : même rubrique site, référentiel vide."""
    import yaml

    donnees = yaml.safe_load(source)
    site = donnees["site"]
    ancien = site["territoire"]
    site["territoire"] = territoire
    site["nom"] = nom
    site["description"] = (f"L'espace ressource partagé des CCAS de {territoire} et de leurs "
                           "partenaires : méthodes, outils, fiches projets et comptes rendus, à "
                           "réutiliser librement.")
    if depot:
        site["depot"] = depot.rstrip("/")
    if url:
        site["url"] = url.rstrip("/") + "/"
    for cle in ("carte", "populations"):  # les communes de l'autre territoire : pas de carte
        site.pop(cle, None)                # tant qu'il n'a pas déposé les siennes
    for cle in ("programme", "porteur", "cofinancement"):
        if isinstance(site.get(cle), str) and ancien in site[cle]:
            site[cle] = site[cle].replace(ancien, territoire)
    entete = (f"# Configuration du commun de {territoire} : tout ce qui est propre au territoire "
              "est dans ce fichier.\n"
              "# Remplissez le référentiel : une ligne par commune (et l'union départementale),\n"
              "# par thématique, par labo, sur le modèle :\n"
              "#   ccas:\n#     - {id: saint-denis, nom: Saint-Denis}\n"
              "#     - {id: udccas, nom: UDCCAS, type: union}\n"
              "#   thematiques:\n#     - {id: acces-aux-droits, nom: Accès aux droits}\n"
              "#   labos:\n#     - {id: labo-1, nom: Labo 1, periode: mars 2027}\n\n")
    referentiel: dict[str, list[Any]] = {cle: [] for cle in ("ccas", "thematiques", "labos")}
    autres = {k: v for k, v in donnees.items() if k not in {"site", *referentiel}}
    for cle, valeur in autres.items():  # listes propres au territoire : vidées aussi
        if isinstance(valeur, list) and cle not in VOYAGENT:
            autres[cle] = []
    corps = yaml.safe_dump({"site": site, **referentiel, **autres}, allow_unicode=True,
                           sort_keys=False, width=100)
    return "# yaml-language-server: $schema=schemas/commun.schema.json\n" + entete + corps


# Ce qui part avec les outils : qui les a validés (leur « valide_par » y renvoie).
VOYAGENT = {"validateurs"}


def main(arguments: list[str]) -> int:
    parseur = argparse.ArgumentParser(
        description="Crée le commun d'un autre territoire à partir de celui-ci.")
    parseur.add_argument("dossier", type=Path, help="le dossier à créer (il ne doit pas exister)")
    parseur.add_argument("--territoire", required=True, help="ex. « La Réunion »")
    parseur.add_argument("--nom", default="le commun", help="nom du site (défaut : le commun)")
    parseur.add_argument("--depot", help="adresse du dépôt git du nouveau commun")
    parseur.add_argument("--url", help="adresse publique du nouveau site")
    options = parseur.parse_args(arguments)
    cible: Path = options.dossier.resolve()
    if cible.exists() and any(cible.iterdir()):
        print(f"{options.dossier} existe déjà et n'est pas vide : choisissez un autre dossier",
              file=sys.stderr)
        return 2
    if cible.is_relative_to(RACINE):
        print("créez le nouveau commun hors de ce dépôt", file=sys.stderr)
        return 2
    cible.mkdir(parents=True, exist_ok=True)
    for nom in A_COPIER:
        source = RACINE / nom
        if source.is_dir():
            shutil.copytree(source, cible / nom, ignore=IGNORES)
        elif source.exists():
            shutil.copy2(source, cible / nom)
    for test in (cible / "tests").glob("test_*.py"):
        if MARQUE_CONTENU in test.read_text(encoding="utf-8"):
            test.unlink()
    for dossier in ("fiches", "labos"):
        (cible / dossier).mkdir()
        (cible / dossier / "README.md").write_text(
            f"Les {'fiches projets' if dossier == 'fiches' else 'comptes rendus de labo'} "
            f"de {options.territoire}. Voir CONTRIBUTING.md.\n", encoding="utf-8")
    (cible / "commun.yml").write_text(
        commun_yml((RACINE / "commun.yml").read_text(encoding="utf-8"), options.territoire,
                   options.nom, options.depot, options.url), encoding="utf-8")
    readme = cible / "README.md"
    texte = readme.read_text(encoding="utf-8")
    readme.write_text(re.sub(r"CCAS de Mayotte", f"CCAS de {options.territoire}", texte),
                      encoding="utf-8")
    for script in ("modeles_github.py",):  # fichiers tirés du référentiel, à refaire
        if (cible / "scripts" / script).exists():
            subprocess.run([sys.executable, str(cible / "scripts" / script)], cwd=cible,
                           capture_output=True, check=False)
    verification = subprocess.run([sys.executable, str(cible / "scripts" / "verifier.py")],
                                  cwd=cible, capture_output=True, text=True)
    print(verification.stdout, end="")
    if verification.returncode:
        print(verification.stderr, file=sys.stderr)
        return 1
    print(f"Le commun de {options.territoire} est prêt dans {options.dossier}.\n"
          f"Ensuite : remplissez le référentiel de {options.dossier}/commun.yml (communes, "
          "thématiques, labos), puis « make serve » dans ce dossier pour le voir.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
