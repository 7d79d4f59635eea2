"""Crée le compte rendu d'un labo dans labos/, déjà valide (en brouillon).

Usage :
    python scripts/nouveau_compte_rendu.py      pose les questions une par une (dans un terminal)
    python scripts/nouveau_compte_rendu.py --labo labo-2 \\
        --titre "Labo 2 : imaginer des solutions" --debut 2021-12-07 --fin 2021-12-09 \\
        --lieu Mamoudzou --format presentiel --ccas-presents acoua sada udccas \\
        --outils world-cafe --fiches permanence-droits-itinerante
    python scripts/nouveau_compte_rendu.py --help   toutes les options et leurs valeurs possibles

Un labo a un seul compte rendu : le fichier s'appelle comme le labo (« labos/labo-2.md ») et
seuls les labos sans compte rendu sont proposés. Seules les fiches qui citent ce labo peuvent
être listées. Rien n'est jamais écrasé. L'assistant dit ensuite quoi faire.
"""

from __future__ import annotations

import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "hooks"))

from commun.assistant import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main("compte-rendu", sys.argv[1:], racine=RACINE,
                          programme="scripts/nouveau_compte_rendu.py", usage=__doc__))
