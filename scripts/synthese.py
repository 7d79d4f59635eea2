"""Le rapport de synthèse d'un questionnaire, depuis ses réponses exportées.

Usage :
    python scripts/synthese.py ID REPONSES.csv [AUTRES.csv …] [--precedent ANCIENNES.csv …]
                               [--titre « Labo 2 : questionnaire de fin de labo »]
                               [--section] [--sortie FICHIER.md]
                               [--indicateurs labos/indicateurs/LABO.yml [--exemple]]

ID : le questionnaire (questionnaires/ID.yml). Les réponses : les fichiers CSV du formulaire du
site (un par personne), ou l'export CSV de KoboToolbox ou d'ODK, séparés par des virgules ou des
points-virgules. Rangez-les dans reponses/ (ignoré par git) : ce sont des données personnelles,
jamais publiées. Le rapport (Markdown) va sur la sortie standard, ou dans --sortie. Un fichier
illisible, une colonne inconnue, une valeur impossible ou une réponse en double : un message
« fichier:ligne: message » par problème, et le code de sortie 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "hooks"))

from commun.construction import construire  # noqa: E402
from commun.synthese import (  # noqa: E402
    ReponsesInvalides,
    fichier_indicateurs,
    lire,
    rapport,
)


def main(arguments: list[str]) -> int:
    parseur = argparse.ArgumentParser(description="Le rapport de synthèse d'un questionnaire.")
    parseur.add_argument("id", help="le questionnaire (nom du fichier de questionnaires/)")
    parseur.add_argument("reponses", nargs="+", type=Path, help="les fichiers de réponses (CSV)")
    parseur.add_argument("--precedent", nargs="+", type=Path, default=[],
                         help="les réponses d'une passation précédente, pour l'évolution")
    parseur.add_argument("--titre", default="", help="le titre du rapport")
    parseur.add_argument("--sortie", type=Path, help="le fichier Markdown à écrire")
    parseur.add_argument("--indicateurs", type=Path,
                         help="écrit aussi le fichier d'indicateurs du labo (labos/indicateurs/"
                              "<labo>.yml), en brouillon, pour le tableau de bord")
    parseur.add_argument("--exemple", action="store_true",
                         help="des réponses fictives : le fichier d'indicateurs le dit")
    parseur.add_argument("--section", action="store_true",
                         help="une section de compte rendu : titres « ## », tableaux sans "
                              "graphique (le compte rendu n'écrit pas de HTML)")
    options = parseur.parse_args(arguments)
    questionnaires = construire(RACINE).corpus.questionnaires
    if options.id not in questionnaires:
        print(f"questionnaire « {options.id} » inconnu : choisissez parmi "
              f"{', '.join(sorted(questionnaires)) or 'aucun'}", file=sys.stderr)
        return 1
    q = questionnaires[options.id]
    try:
        reponses = lire(q, options.reponses)
        precedent = lire(q, options.precedent) if options.precedent else None
    except ReponsesInvalides as e:
        print("\n".join(e.problemes), file=sys.stderr)
        return 1
    texte = rapport(q, reponses, options.titre, precedent, section=options.section)
    if options.indicateurs:
        options.indicateurs.write_text(fichier_indicateurs(q, reponses, exemple=options.exemple),
                                       encoding="utf-8")
        print(f"écrit {options.indicateurs} (à valider avant publication)", file=sys.stderr)
    if options.sortie:
        options.sortie.write_text(texte, encoding="utf-8")
        print(f"écrit {options.sortie} ({len(reponses.lignes)} réponses)", file=sys.stderr)
    else:
        sys.stdout.write(texte)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
