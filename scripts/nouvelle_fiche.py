"""Crée une nouvelle fiche projet dans fiches/, prête à remplir et déjà valide (en brouillon).

Usage :
    python scripts/nouvelle_fiche.py            pose les questions une par une (dans un terminal)
    python scripts/nouvelle_fiche.py --titre "Un café des parents à Ouangani" \\
        --resume "Un rendez-vous mensuel où les parents échangent autour d'un café." \\
        --ccas ouangani --thematique jeunesse-enfance-famille --priorite prioritaire \\
        --etat idee --labos labo-1 labo-2 --outils carte-empathie \\
        --equipe "Référente du projet, agente du CCAS" "Partenaire associatif"
    python scripts/nouvelle_fiche.py --help     toutes les options et leurs valeurs possibles

Le fichier s'appelle d'après le CCAS et le titre (« fiches/ouangani-cafe-parents.md ») et
n'écrase jamais un fichier existant. Les valeurs possibles (CCAS, thématiques, labos) viennent
de commun.yml ; les outils, des fichiers de outils/. Chaque section contient une consigne
« À compléter : … » à remplacer par votre texte. L'assistant dit ensuite quoi faire.
"""

from __future__ import annotations

import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "hooks"))

from commun.assistant import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main("fiche", sys.argv[1:], racine=RACINE,
                          programme="scripts/nouvelle_fiche.py", usage=__doc__))
