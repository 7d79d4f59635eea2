"""Les caractères invisibles (``commun.caracteres``) : ce que le texte d'un fichier et une valeur
d'en-tête refusent, comment on les nomme à un contributeur, ce que les fichiers produits
retirent, et les messages tenus sur une ligne."""

from __future__ import annotations

import pytest

from commun import caracteres

ZWJ, ZWNJ, ZWSP, WJ = "\u200d", "\u200c", "\u200b", "\u2060"
RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
BOM = "\ufeff"


@pytest.mark.parametrize(("caractere", "dit"), [
    ("\x07", "caractère de contrôle"), ("\x85", "caractère de contrôle"),
    ("\x1b", "caractère de contrôle"),
    ("\u202a", "marque qui inverse le sens d'affichage du texte et peut cacher ce qui est écrit"),
    (RLO, "marque qui inverse le sens d'affichage du texte et peut cacher ce qui est écrit"),
    (LRI, "marque qui inverse le sens d'affichage du texte et peut cacher ce qui est écrit"),
    (PDI, "marque qui inverse le sens d'affichage du texte et peut cacher ce qui est écrit"),
    (LRM, "marque de sens d'écriture"), (ALM, "marque de sens d'écriture"),
    (BOM, "marque d'ordre des octets (BOM)"),
    (ZWSP, "espace ou liant de largeur nulle"), (ZWJ, "espace ou liant de largeur nulle"),
    (WJ, "espace ou liant de largeur nulle"),
    (chr(0xD800), "moitié de caractère UTF-16"), (chr(0xDFFF), "moitié de caractère UTF-16"),
    ("\ufffe", "non-caractère Unicode"), ("\uffff", "non-caractère Unicode"),
])
def test_nature(caractere: str, dit: str) -> None:
    assert caracteres.nature(caractere) == dit


@pytest.mark.parametrize(("caractere", "ecrit"), [
    ("\x00", "\\x00"), ("\x07", "\\x07"), ("\x9f", "\\x9f"), (ZWSP, "\\u200b"),
    (RLO, "\\u202e"), (BOM, "\\ufeff")])
def test_sequence_yaml(caractere: str, ecrit: str) -> None:
    assert caracteres.sequence(caractere) == ecrit


@pytest.mark.parametrize("caractere", [
    "\x00", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\x7f", "\x85", "\x9f", "\u202a", RLO,
    LRI, PDI, BOM])
def test_le_texte_refuse(caractere: str) -> None:
    assert caracteres.INTERDIT_TEXTE.search(f"avant{caractere}après")


@pytest.mark.parametrize("caractere", [
    "\t", "\n", "\r", " ", "\xa0", "é", "\u202f", ZWJ, ZWNJ, ZWSP, WJ, LRM, RLM, "👩‍👩‍👧",
    "مرحبا", "\u2028"])
def test_le_texte_permet(caractere: str) -> None:
    """Tabulation, fins de ligne, liants (écritures arabe, indiennes, émojis composés)."""
    assert caracteres.INTERDIT_TEXTE.search(f"avant{caractere}après") is None


@pytest.mark.parametrize("caractere", [
    "\x00", "\r", "\x1f", "\x7f", "\x9f", RLO, LRI, LRM, RLM, ALM, ZWSP, ZWNJ, ZWJ, WJ, BOM,
    "\ud800", "\ufffe", "\uffff"])
def test_une_valeur_d_en_tete_refuse_aussi_les_liants_et_les_marques(caractere: str) -> None:
    assert caracteres.INTERDIT_VALEUR.search(f"acoua{caractere}")


@pytest.mark.parametrize("valeur", ["Acoua", "M'Tsangamouji", "Référente — accueil", "«\xa0a\xa0»",
                                    "مرحبا", "😀", "Un résumé\nsur deux lignes\tou colonnes"])
def test_une_valeur_d_en_tete_ordinaire_passe(valeur: str) -> None:
    """Tabulation et fin de ligne restent permises : un texte YAML sur plusieurs lignes."""
    assert caracteres.INTERDIT_VALEUR.search(valeur) is None


def test_message_d_une_valeur() -> None:
    assert caracteres.message_valeur("titre", ZWSP) == (
        "titre : caractère invisible interdit (U+200B, espace ou liant de largeur nulle) : "
        "supprimez-le ; il vient souvent d'un copier-coller, ou d'une séquence « \\u200b » "
        "entre guillemets")
    assert caracteres.message_valeur("equipe › n° 2", "\x07") == (
        "equipe › n° 2 : caractère invisible interdit (U+0007, caractère de contrôle) : "
        "supprimez-le ; il vient souvent d'un copier-coller, ou d'une séquence « \\x07 » "
        "entre guillemets")


def test_message_d_une_ligne_de_texte() -> None:
    assert caracteres.message_texte(RLO, 12) == (
        "caractère invisible interdit (U+202E, colonne 12) : cette marque inverse le sens "
        "d'affichage du texte et peut cacher ce qui est vraiment écrit ; supprimez-la")
    assert caracteres.message_texte("\x0c", 1) == (
        "caractère invisible interdit (U+000C, colonne 1) : supprimez-le ; il vient souvent "
        "d'un copier-coller")


def test_publiable_retire_ce_qu_aucun_fichier_produit_ne_porte() -> None:
    sale = f"a\x00b\x07c\x1bd\x7fe\x85f{RLO}g{LRI}h{PDI}i\ud800j\ufffek\uffffl"
    assert caracteres.publiable(sale) == "abcdefghijkl"


def test_publiable_garde_le_texte_ordinaire() -> None:
    propre = (f"Ligne 1\tcolonne\r\nLigne 2 : « café » — 😀 👩{ZWJ}👧 {ZWNJ}{LRM}"
              f"{ZWSP}{BOM} مرحبا \U0010fffd")
    assert caracteres.publiable(propre) == propre


@pytest.mark.parametrize(("message", "lu"), [
    ("fiches/a.md : rien à dire", "fiches/a.md : rien à dire"),
    ("nom « a\nb.md »", "nom « a\\nb.md »"),
    ("titre « a\tb »", "titre « a\\tb »"),
    (f"nom « {RLO}dm.exe »", "nom « \\u202edm.exe »"),
    (f"« a{ZWSP}coua »", "« a\\u200bcoua »"),
    ("« a\x07 »", "« a\\x07 »"),
    ("« é à — » 😀", "« é à — » 😀"),
])
def test_lisible_tient_sur_une_ligne_et_montre_l_invisible(message: str, lu: str) -> None:
    assert caracteres.lisible(message) == lu
    assert "\n" not in caracteres.lisible(message)
