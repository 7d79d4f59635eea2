"""Réécrit territoire/populations.json depuis le découpage administratif officiel (paquet npm
@etalab/decoupage-administratif, installé par « npm ci ») : pour chaque commune du référentiel
(« insee » dans commun.yml), son nom au Code officiel géographique et sa population, avec la
source. Aucun chiffre n'est tapé à la main ; le build lit ce fichier sans avoir besoin de npm.

Usage :
    python scripts/communes.py              écrit territoire/populations.json
    python scripts/communes.py --verifier   code de sortie 1 si le fichier n'est pas à jour
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "hooks"))

from commun.chargement import charger_configuration  # noqa: E402
from commun.generes import ecrire_ou_verifier  # noqa: E402

PAQUET = RACINE / "node_modules" / "@etalab" / "decoupage-administratif"
FICHIER = RACINE / "territoire" / "populations.json"
# D'où viennent les populations du paquet (son README, « Sources ») : les populations légales de
# l'INSEE, sauf Mayotte, dont la dernière population publiée par commune vient du recensement 2017.
SOURCES = {"976": "INSEE, recensement de la population de Mayotte 2017"}
SOURCE_PAR_DEFAUT = "INSEE, populations légales"


def communes_du_paquet() -> dict[str, dict]:
    """Les communes du paquet, par code INSEE (lève une erreur claire s'il manque)."""
    donnees = PAQUET / "data" / "communes.json"
    if not donnees.is_file():
        raise SystemExit("le paquet @etalab/decoupage-administratif manque : lancez « npm ci »")
    return {c["code"]: c for c in json.loads(donnees.read_text(encoding="utf-8"))
            if c.get("type") == "commune-actuelle"}


def texte() -> str:
    config = charger_configuration(RACINE)
    paquet = json.loads((PAQUET / "package.json").read_text(encoding="utf-8"))
    officielles = communes_du_paquet()
    communes = {}
    for c in config.ccas.values():
        if not c.insee:
            continue
        officielle = officielles[c.insee]
        communes[c.insee] = {
            "nom_cog": officielle["nom"], "population": officielle.get("population"),
            "source": SOURCES.get(officielle["departement"], SOURCE_PAR_DEFAUT)}
    return json.dumps({
        "paquet": f"{paquet['name']} {paquet['version']}",
        "licence": "Licence Ouverte (Etalab)",
        "communes": dict(sorted(communes.items())),
    }, ensure_ascii=False, indent=2) + "\n"


def main(arguments: list[str]) -> int:
    return ecrire_ou_verifier({FICHIER: texte()}, RACINE, "make communes",
                              "--verifier" in arguments)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
