"""Vérifie le contenu du commun : en-têtes, référentiel, sections, liens, doublons.

Usage :
    python scripts/verifier.py                  tout le contenu (outils/, fiches/, labos/)
    python scripts/verifier.py fiches/x.md …    seulement ces fichiers ou dossiers

Chaque problème s'affiche sur sa ligne, « fichier:ligne: message », en français, avec la
façon de le corriger. Code de sortie : 0 si tout va bien, 1 s'il y a au moins un problème.
Le build du site (``make build``) fait exactement les mêmes contrôles.
"""

from __future__ import annotations

import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "hooks"))

from commun.chargement import COLLECTIONS, ConfigurationInvalide, charger  # noqa: E402
from commun.modele import Probleme  # noqa: E402


def concerne(probleme: Probleme, chemins: list[str]) -> bool:
    return not chemins or any(
        probleme.chemin == c or probleme.chemin.startswith(c.rstrip("/") + "/") for c in chemins
    )


def main(arguments: list[str]) -> int:
    if any(a in ("-h", "--help") for a in arguments):
        print(__doc__)
        return 0
    racine = RACINE
    chemins: list[str] = []
    for argument in arguments:
        chemin = Path(argument).resolve()
        if not chemin.exists():
            print(f"{argument}: fichier introuvable", file=sys.stderr)
            return 2
        if not chemin.is_relative_to(racine):
            print(f"{argument}: ce fichier n'est pas dans le dépôt du commun", file=sys.stderr)
            return 2
        chemins.append(chemin.relative_to(racine).as_posix())
    try:
        problemes = charger(racine).problemes
    except ConfigurationInvalide as e:
        problemes = e.problemes
    else:
        problemes = [p for p in problemes if concerne(p, chemins)]
    for probleme in problemes:
        print(probleme)
    n = len(problemes)
    verifies = ", ".join(chemins) or ", ".join(f"{d}/" for d in COLLECTIONS)
    if n:
        print(f"\n{n} problème{'s' if n > 1 else ''} dans {verifies}.", file=sys.stderr)
        return 1
    print(f"Aucun problème dans {verifies}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
