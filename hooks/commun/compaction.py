"""Le HTML des pages sans les blancs d'indentation du gabarit.

Le gabarit de Material indente chaque balise et laisse des lignes vides partout : sur une fiche,
plus de la moitié de la page hors contenu n'est que blancs, répétés sur chacune des milliers de
pages que « Consulter hors ligne » range sur un téléphone. ``compacter`` ramène toute suite de
blancs qui contient un saut de ligne à un seul saut de ligne : pour le navigateur, c'est le même
blanc (un blanc entre deux mots reste un blanc, une ligne vide entre deux balises n'en était
pas un). Rien ne change dans ``<pre>``, ``<code>``, ``<textarea>``, ``<script>`` et ``<style>``
(où les blancs comptent), ni dans les balises elles-mêmes (leurs attributs).
"""

from __future__ import annotations

import re

# ce qui garde ses blancs, et les balises entières (attributs compris)
INTACT = re.compile(r"<(pre|code|textarea|script|style)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)
BLANCS = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")


def compacter(html: str) -> str:
    """``html`` sans les suites de blancs à saut de ligne (voir plus haut)."""
    morceaux: list[str] = []
    debut = 0
    for intact in INTACT.finditer(html):
        morceaux.append(BLANCS.sub("\n", html[debut:intact.start()]))
        morceaux.append(intact.group(0))
        debut = intact.end()
    morceaux.append(BLANCS.sub("\n", html[debut:]))
    return "".join(morceaux)
