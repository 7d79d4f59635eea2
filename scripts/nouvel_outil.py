"""Crée un nouvel outil (méthode, canevas, questionnaire, modèle) dans outils/, déjà valide.

Usage :
    python scripts/nouvel_outil.py              pose les questions une par une (dans un terminal)
    python scripts/nouvel_outil.py --titre "Photo-langage" \\
        --resume "Des photos pour aider chacun à dire ce qu'il vit, sans chercher ses mots." \\
        --type methode --phase comprendre --duree-minutes 45 --participants-min 3 \\
        --participants-max 10 --difficulte facile --materiel "Une trentaine de photos" \\
        --outils-lies carte-empathie
    python scripts/nouvel_outil.py --help       toutes les options et leurs valeurs possibles

Le fichier s'appelle d'après le titre (« outils/photo-langage.md ») et n'écrase jamais un
fichier existant. Il est créé en brouillon, avec les sections obligatoires (Pourquoi, Comment
faire, Conseils, Variante à distance, Exemple à …) et une consigne « À compléter : … » dans
chacune. L'assistant dit ensuite quoi faire.
"""

from __future__ import annotations

import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "hooks"))

from commun.assistant import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main("outil", sys.argv[1:], racine=RACINE,
                          programme="scripts/nouvel_outil.py", usage=__doc__))
