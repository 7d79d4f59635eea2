"""Réécrit les schémas JSON des en-têtes dans schemas/ (pour les éditeurs et la publication).

Usage :
    python scripts/schemas.py            écrit schemas/*.schema.json
    python scripts/schemas.py --verifier code de sortie 1 si un fichier n'est pas à jour

Les schémas viennent de hooks/commun/schemas.py, construits depuis hooks/commun/vocabulaire.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "hooks"))

from commun.generes import ecrire_ou_verifier  # noqa: E402
from commun.schemas import schemas  # noqa: E402

DOSSIER = RACINE / "schemas"


def textes() -> dict[Path, str]:
    return {DOSSIER / f"{nom}.schema.json": json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
            for nom, schema in schemas().items()}


def main(arguments: list[str]) -> int:
    return ecrire_ou_verifier(textes(), RACINE, "make schemas", "--verifier" in arguments)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
