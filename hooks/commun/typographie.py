"""La typographie française des pages : une espace insécable avant « : » et à l'intérieur des
guillemets « », une espace fine insécable avant « ; », « ? » et « ! ». Sans elles, un « ? »
part seul à la ligne sur un écran de 360 pixels.

Les contributeurs écrivent des espaces ordinaires ; ``espacer`` les rend insécables dans le texte
d'une page déjà nettoyée (``commun.nettoyage``), jamais dans le code, les attributs ni les balises.
Appelé en un seul endroit, ``hooks/surete.py``, après le nettoyage.
"""

from __future__ import annotations

import re

INSECABLE = "\u00a0"  # avant « : », après « et avant »
FINE = "\u202f"  # avant « ; », « ? », « ! » (espace fine insécable)

# ce qui ne se touche pas : le code et ce qui n'est pas du texte lu
_INTACTS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})
_BALISE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>|<!--.*?-->", re.S)
_ESPACES = "[ \u00a0\u202f]"  # une espace ordinaire, ou déjà insécable (rendue à la bonne)
_REGLES = (
    (re.compile(rf"{_ESPACES}+([;?!])"), FINE + r"\1"),
    (re.compile(rf"{_ESPACES}+:(?=\s|$|&|<|[^\w/])"), INSECABLE + ":"),
    (re.compile(rf"«{_ESPACES}*"), "«" + INSECABLE),
    (re.compile(rf"{_ESPACES}*»"), INSECABLE + "»"),
)


def texte(morceau: str) -> str:
    """Un texte sans balise, ses espaces avant la ponctuation haute rendues insécables."""
    for motif, remplacement in _REGLES:
        morceau = motif.sub(remplacement, morceau)
    return morceau


def espacer(html: str) -> str:
    """Le HTML d'une page, sa ponctuation française espacée hors du code."""
    resultat: list[str] = []
    intacts = 0  # profondeur dans un élément à ne pas toucher
    position = 0
    for m in _BALISE.finditer(html):
        morceau = html[position:m.start()]
        resultat.append(morceau if intacts else texte(morceau))
        resultat.append(m.group(0))
        nom = (m.group(2) or "").lower()
        if nom in _INTACTS and not m.group(3):
            intacts = max(0, intacts + (-1 if m.group(1) else 1))
        position = m.end()
    reste = html[position:]
    resultat.append(reste if intacts else texte(reste))
    return "".join(resultat)
