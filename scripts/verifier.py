"""Vérifie le contenu du commun : en-têtes, référentiel, sections, liens, doublons.

Usage :
    python scripts/verifier.py                  tout le contenu (outils/, fiches/, labos/)
    python scripts/verifier.py fiches/x.md …    seulement ces fichiers ou dossiers
    python scripts/verifier.py --modifies       seulement ce qui a changé par rapport à la
                                                branche publiée (voir plus bas)
    python scripts/verifier.py --modifies --base REF    … par rapport à REF

Chaque problème s'affiche sur sa ligne, « fichier:ligne: message », en français, avec la
façon de le corriger. Code de sortie : 0 si tout va bien, 1 s'il y a au moins un problème,
2 si la commande est mal employée. Le build du site (``make build``) fait exactement les mêmes
contrôles, sur tout le contenu.

--modifies : les fichiers de contenu ajoutés ou modifiés depuis que la branche en cours s'est
séparée de la base (``git diff --name-only --diff-filter=ACMR <base>...HEAD``), plus ceux
modifiés mais pas encore enregistrés (commit) et les nouveaux fichiers pas encore ajoutés.
La base est ``origin/<branche>`` s'il existe, sinon ``<branche>`` (la branche publiée,
« branche » dans commun.yml, en général main). Si commun.yml a changé, ou si un contenu a été
supprimé ou renommé, tout est vérifié : d'autres fichiers peuvent y renvoyer.
Avec un nom de fichier « commun.yml », tout est vérifié aussi (c'est ce que fait pre-commit).

Dans GitHub Actions (variable GITHUB_ACTIONS=true), chaque problème est aussi écrit comme une
annotation « ::error file=…,line=…:: » : il s'affiche sur la ligne du fichier, dans la demande
de fusion (pull request).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "hooks"))

from commun.chargement import (  # noqa: E402
    COLLECTIONS,
    FICHIER_CONFIGURATION,
    ConfigurationInvalide,
    charger_configuration,
)
from commun.construction import construire  # noqa: E402
from commun.modele import Probleme  # noqa: E402


def concerne(probleme: Probleme, chemins: list[str]) -> bool:
    return not chemins or any(
        probleme.chemin == c or probleme.chemin.startswith(c.rstrip("/") + "/") for c in chemins
    )


class ErreurGit(Exception):
    """--modifies impossible (pas de dépôt git, base introuvable) ; le message dit quoi faire."""


def git(racine: Path, *arguments: str) -> list[str]:
    """Les chemins écrits par une commande git (séparés par des zéros : aucun guillemet)."""
    try:
        resultat = subprocess.run(["git", *arguments], cwd=racine, capture_output=True,
                                  check=True, timeout=60)
    except FileNotFoundError:
        raise ErreurGit("git est introuvable : installez-le, ou vérifiez des fichiers précis "
                        "(python scripts/verifier.py fiches/x.md)") from None
    except subprocess.CalledProcessError as e:
        raise ErreurGit(f"git {' '.join(arguments)} a échoué : "
                        f"{e.stderr.decode('utf-8', 'replace').strip()}") from None
    return [c for c in resultat.stdout.decode("utf-8", "replace").split("\0") if c]


def base_par_defaut(racine: Path) -> str:
    """``origin/<branche>`` s'il existe, sinon ``<branche>`` (la branche publiée)."""
    try:
        branche = charger_configuration(racine).site.branche
    except ConfigurationInvalide:
        branche = "main"
    for candidat in (f"origin/{branche}", branche):
        try:
            git(racine, "rev-parse", "--verify", "--quiet", candidat + "^{commit}")
            return candidat
        except ErreurGit:
            continue
    raise ErreurGit(f"ni origin/{branche} ni {branche} n'existent dans ce dépôt : récupérez-les "
                    f"(git fetch origin {branche}) ou donnez la base (--base REF)")


def fichiers_modifies(racine: Path, base: str) -> tuple[list[str], bool]:
    """(fichiers de contenu ajoutés ou modifiés, tout vérifier ?) par rapport à ``base``."""
    modifies = set(git(racine, "diff", "--name-only", "-z", "--relative", "--diff-filter=ACMR",
                       f"{base}...HEAD"))
    modifies |= set(git(racine, "diff", "--name-only", "-z", "--relative", "--diff-filter=ACMR",
                        "HEAD"))
    modifies |= set(git(racine, "ls-files", "-z", "--others", "--exclude-standard"))
    # un contenu supprimé, ou renommé (son ancien nom), peut casser les renvois d'autres fichiers
    partis = set(git(racine, "diff", "--name-only", "-z", "--relative", "--no-renames",
                     "--diff-filter=D", f"{base}...HEAD"))
    partis |= set(git(racine, "diff", "--name-only", "-z", "--relative", "--no-renames",
                      "--diff-filter=D", "HEAD"))

    def contenu(chemin: str) -> bool:
        return chemin.split("/", 1)[0] in COLLECTIONS

    tout = FICHIER_CONFIGURATION in modifies or any(contenu(c) for c in partis)
    return sorted(c for c in modifies if contenu(c) and (racine / c).exists()), tout


def echapper(texte: str, propriete: bool = False) -> str:
    """Un texte dans une commande de workflow GitHub (« ::error … »), échappé selon ses règles."""
    texte = texte.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return texte.replace(":", "%3A").replace(",", "%2C") if propriete else texte


def annotation(probleme: Probleme) -> str:
    return (f"::error file={echapper(probleme.chemin, True)},line={probleme.ligne},"
            f"title={echapper('Contenu à corriger', True)}::{echapper(probleme.message)}")


def main(arguments: list[str]) -> int:
    if any(a in ("-h", "--help") for a in arguments):
        print(__doc__)
        return 0
    racine = RACINE
    modifies = "--modifies" in arguments
    arguments = [a for a in arguments if a != "--modifies"]
    base = None
    if "--base" in arguments:
        i = arguments.index("--base")
        if i + 1 >= len(arguments):
            print("--base : donnez une référence git (ex. --base origin/main)", file=sys.stderr)
            return 2
        base = arguments[i + 1]
        del arguments[i:i + 2]
    chemins: list[str] = []
    tout = False
    if modifies:
        if arguments:
            print("--modifies choisit lui-même les fichiers : n'en donnez pas", file=sys.stderr)
            return 2
        try:
            base = base or base_par_defaut(racine)
            chemins, tout = fichiers_modifies(racine, base)
        except ErreurGit as e:
            print(f"--modifies : {e}", file=sys.stderr)
            return 2
        if not chemins and not tout:
            print(f"Aucun contenu modifié par rapport à {base} : rien à vérifier.",
                  file=sys.stderr)
            return 0
    for argument in arguments:
        chemin = Path(argument).resolve()
        if not chemin.exists():
            print(f"{argument}: fichier introuvable", file=sys.stderr)
            return 2
        if not chemin.is_relative_to(racine):
            print(f"{argument}: ce fichier n'est pas dans le dépôt du commun", file=sys.stderr)
            return 2
        relatif = chemin.relative_to(racine).as_posix()
        tout |= relatif == FICHIER_CONFIGURATION  # le référentiel concerne tout le contenu
        chemins.append(relatif)
    if tout:
        chemins = []
    try:
        problemes = construire(racine).problemes
    except ConfigurationInvalide as e:
        problemes = e.problemes
    else:
        problemes = [p for p in problemes if concerne(p, chemins)]
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for probleme in problemes:
        print(probleme)
        if github:
            print(annotation(probleme))
    n = len(problemes)
    verifies = ", ".join(chemins) or ", ".join(f"{d}/" for d in COLLECTIONS)
    if modifies:
        verifies += f" (modifiés par rapport à {base})" if chemins else \
            f" (tout : commun.yml a changé ou un contenu a été supprimé depuis {base})"
    if n:
        print(f"\n{n} problème{'s' if n > 1 else ''} dans {verifies}.", file=sys.stderr)
        return 1
    print(f"Aucun problème dans {verifies}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
