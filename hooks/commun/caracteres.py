"""Les caractères invisibles : ceux qu'un contenu contribué ne peut pas porter, et le texte que
les fichiers produits (Atom, iCalendar, CSV, JSON, index de recherche) peuvent toujours écrire.

Un caractère invisible ne se voit ni dans l'éditeur ni dans la relecture d'une demande de
fusion : un caractère de contrôle rend le flux Atom illisible, une marque bidirectionnelle
(U+202E…) inverse l'ordre d'affichage et peut cacher ce qui est vraiment écrit, une espace de
largeur nulle fait d'« acoua » un identifiant différent d'« acoua ». D'où deux règles :

- **en-tête** (identifiants, titres, résumés, toute valeur) : aucun caractère de contrôle (sauf
  la tabulation et la fin de ligne d'un texte sur plusieurs lignes), aucune marque
  bidirectionnelle, aucun caractère de largeur nulle, y compris écrits en séquence YAML
  (« \\x07 », « \\u200b ») ;
- **corps** : ni caractère de contrôle, ni marque bidirectionnelle d'enchâssement, de forçage ou
  d'isolement (U+202A–U+202E, U+2066–U+2069), ni U+FEFF au milieu du texte. Les liants de
  largeur nulle (U+200B–U+200D, U+2060) restent permis dans le texte : l'antiliant et le liant
  (U+200C, U+200D) sont indispensables à l'écriture arabe, persane ou indienne et aux émojis
  composés ; ils ne changent ni l'ordre du texte ni le sens d'un lien (un « java\\u200bscript: »
  n'est pas un protocole).

``publiable`` est la défense en profondeur des fichiers produits : même si le contrôle d'entrée
était contourné, le texte écrit n'y porte que des caractères que XML 1.0, iCalendar, CSV et
UTF-8 acceptent.
"""

from __future__ import annotations

import re

BIDI = "\u202a-\u202e\u2066-\u2069"  # enchâssement, forçage, isolement
MARQUES_DE_SENS = "\u200e\u200f\u061c"  # LRM, RLM, ALM : invisibles, utiles seulement en HTML
LARGEUR_NULLE = "\u200b-\u200d\u2060\ufeff"

# le texte brut d'un fichier (tabulation et fins de ligne permises)
INTERDIT_TEXTE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI}\ufeff]")
# une valeur d'en-tête, une fois les séquences YAML (« \x07 ») décodées
INTERDIT_VALEUR = re.compile(
    f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}{MARQUES_DE_SENS}{LARGEUR_NULLE}"
    "\ud800-\udfff\ufffe\uffff]")
# ce qu'aucun fichier produit ne doit contenir : hors XML 1.0 (contrôles, demi-caractères
# UTF-16, U+FFFE, U+FFFF), contrôles C1 et marques bidirectionnelles
INTERDIT_SORTIE = re.compile(
    f"[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[{BIDI}]")


def nature(caractere: str) -> str:
    """Ce qu'est un caractère invisible, dit pour un contributeur."""
    point = ord(caractere)
    if 0x202A <= point <= 0x202E or 0x2066 <= point <= 0x2069:
        return "marque qui inverse le sens d'affichage du texte et peut cacher ce qui est écrit"
    if caractere in "\u200e\u200f\u061c":
        return "marque de sens d'écriture"
    if caractere == "\ufeff":
        return "marque d'ordre des octets (BOM)"
    if 0x200B <= point <= 0x200D or point == 0x2060:
        return "espace ou liant de largeur nulle"
    if 0xD800 <= point <= 0xDFFF:
        return "moitié de caractère UTF-16"
    if point in (0xFFFE, 0xFFFF):
        return "non-caractère Unicode"
    return "caractère de contrôle"


def sequence(caractere: str) -> str:
    """La séquence YAML qui écrit ce caractère entre guillemets (« \\x07 », « \\u200b »)."""
    point = ord(caractere)
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def message_valeur(champ: str, caractere: str) -> str:
    """Le message d'une valeur d'en-tête qui porte un caractère invisible (le nom du champ est
    lui-même écrit lisiblement : il peut porter le caractère, ou des espaces)."""
    lisible = "".join(sequence(c) if not c.isprintable() or c in "\u200b\u2060\ufeff" else c
                      for c in champ)
    if lisible != lisible.strip() or not lisible:
        lisible = f"« {lisible} »"
    return (f"{lisible} : caractère invisible interdit (U+{ord(caractere):04X}, "
            f"{nature(caractere)}) : supprimez-le ; il vient souvent d'un copier-coller, ou "
            f"d'une séquence « {sequence(caractere)} » entre guillemets")


def message_texte(caractere: str, colonne: int) -> str:
    """Le message d'une ligne de texte qui porte un caractère invisible."""
    base = f"caractère invisible interdit (U+{ord(caractere):04X}, colonne {colonne})"
    if 0x202A <= ord(caractere) <= 0x202E or 0x2066 <= ord(caractere) <= 0x2069:
        return (f"{base} : cette marque inverse le sens d'affichage du texte et peut cacher ce "
                "qui est vraiment écrit ; supprimez-la")
    return f"{base} : supprimez-le ; il vient souvent d'un copier-coller"


def publiable(texte: str) -> str:
    """``texte`` sans les caractères qu'aucun fichier produit ne peut porter (voir plus haut)."""
    return INTERDIT_SORTIE.sub("", texte)


_ILLISIBLE = re.compile(f"[\t\n{INTERDIT_VALEUR.pattern[1:-1]}]")


def lisible(message: str) -> str:
    """Un message sur une seule ligne, sans caractère invisible : ceux d'un nom ou d'une valeur
    cités sont écrits en séquences (« \\n », « \\u202e »), pour que « fichier:ligne: message »
    reste une ligne et montre ce qui est vraiment écrit."""
    return _ILLISIBLE.sub(lambda m: {"\n": "\\n", "\t": "\\t"}.get(m.group(), sequence(m.group())),
                          message)
