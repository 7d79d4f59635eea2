"""La recherche du commun : un index inversé découpé en petits morceaux, construit au build.

Pourquoi pas la recherche de Material ? Elle télécharge tout l'index à chaque première visite
(1,8 Mo compressé à 2 000 pages) et ne connaît ni les accents ni le pluriel en français. Ici :

- chaque mot est normalisé (minuscules, sans accents, sans pluriel ni féminin simples) par
  ``mots()`` ; ``docs/assets/recherche.js`` applique exactement les mêmes règles (un test
  compare les deux) ;
- l'index est découpé selon les deux premières lettres du mot : une recherche ne charge que
  les morceaux de ses mots, puis la description des dix premiers résultats ;
- les morceaux sont des scripts (``recherche/index/co.js``) et non du JSON : un navigateur les
  charge aussi depuis ``file://``, dans la copie hors ligne.

Le score d'un document pour un mot est un BM25 précalculé, plus un bonus quand le mot est
dans le titre : le navigateur n'a plus qu'à additionner.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

MOTS_VIDES = frozenset("""
a ai au aux avec c ce ces cet cette d dans de des du elle elles en et eu il ils j je l la le les
leur leurs lui m ma mais me mes moi mon n ne ni nos notre nous on ou par pas pour qu que qui s sa
se ses si son sur t ta te tes toi ton tu un une vos votre vous y est sont etre ont avoir fait
plus tres aussi comme sans sous
""".split())

BONUS_TITRE = 2.5  # un mot du titre vaut un mot très présent dans le texte, et plus
POIDS_GENRE = {"Catalogue": 0.5}  # les listes de titres passent après les pages elles-mêmes
DOCS_PAR_MORCEAU = 50
POSTINGS_MAX = 400  # au-delà, un mot n'aide plus à départager : on garde les meilleurs documents
K1, B = 1.2, 0.75


def _table_de_pliage() -> dict[int, str | None]:
    """Chaque lettre latine accentuée → sa lettre de base ; les accents seuls disparaissent.
    (Le script du navigateur fait la même chose avec NFD puis retrait de U+0300–U+036F.)"""
    table: dict[int, str | None] = {c: None for c in range(0x300, 0x370)}
    for code in [*range(0x80, 0x300), *range(0x1E00, 0x1F00)]:
        decompose = unicodedata.normalize("NFD", chr(code))
        base = "".join(c for c in decompose if not 0x300 <= ord(c) < 0x370)
        if base != chr(code):
            table[code] = base
    table.update({ord("œ"): "oe", ord("æ"): "ae"})
    return table


_PLIAGE = _table_de_pliage()


def plier(texte: str) -> str:
    """Minuscules sans accents ni ligatures."""
    return texte.lower().translate(_PLIAGE)


@functools.cache
def racine(mot: str) -> str:
    """Une racinisation légère du français : pluriel et féminin simples.

    « récoltes » → « recolt », « récolte » → « recolt » ; « moustiquaires » → « moustiquair » ;
    « âgées » → « age », « âgé » → « age » ; « journaux » → « journal ».
    """
    if len(mot) <= 3 or not mot.isalpha():
        return mot
    if mot.endswith("aux") and len(mot) > 4:
        mot = mot[:-3] + "al"
    elif mot[-1] in "sx":
        mot = mot[:-1]
    if mot.endswith("e") and len(mot) > 3:
        mot = mot[:-1]
    if mot.endswith("e") and len(mot) > 3:  # « agee » → « age »
        mot = mot[:-1]
    return mot


SEPARATEUR = re.compile(r"[^a-z0-9]+")


def mots(texte: str) -> list[str]:
    """Les racines des mots d'un texte, sans les mots vides."""
    return [racine(m) for m in SEPARATEUR.split(plier(texte))
            if len(m) > 1 and m not in MOTS_VIDES]


def cle(mot: str) -> str:
    """Le morceau d'index où vit un mot : ses deux premières lettres."""
    return mot[:2]


@dataclass(frozen=True)
class Document:
    url: str  # depuis la racine du site, ex. « fiches/x/ »
    titre: str
    genre: str  # « Fiche », « Outil », « Labo », « Page »…
    resume: str
    texte: str


def construire(documents: Iterable[Document]) -> tuple[dict[str, dict[str, list[int]]],
                                                        list[list[list[str]]]]:
    """Index découpé : {clé: {mot: [doc, score, doc, score…]}}, et descriptions par paquets."""
    documents = list(documents)
    corps = [Counter(mots(d.texte)) for d in documents]
    titres = [set(mots(d.titre)) for d in documents]
    longueurs = [sum(c.values()) for c in corps]
    n = len(documents) or 1
    moyenne = (sum(longueurs) / n) or 1
    df: Counter[str] = Counter()
    for c, t in zip(corps, titres):
        df.update(set(c) | t)
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, d in enumerate(documents):
        norme = K1 * (1 - B + B * longueurs[i] / moyenne)
        poids = POIDS_GENRE.get(d.genre, 1.0)
        for m in set(corps[i]) | titres[i]:
            f = corps[i][m]
            idf = math.log(1 + (n - df[m] + 0.5) / (df[m] + 0.5))
            pertinence = f * (K1 + 1) / (f + norme) + (BONUS_TITRE if m in titres[i] else 0)
            postings[m].append((i, max(round(100 * poids * idf * pertinence), 1)))
    morceaux: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for m, liste in postings.items():
        liste.sort(key=lambda p: -p[1])
        morceaux[cle(m)][m] = [x for p in liste[:POSTINGS_MAX] for x in p]
    descriptions = [[d.url, d.titre, d.genre, d.resume] for d in documents]
    paquets = [descriptions[i:i + DOCS_PAR_MORCEAU]
               for i in range(0, len(descriptions), DOCS_PAR_MORCEAU)]
    return dict(morceaux), paquets


def scripts(morceaux: dict[str, dict[str, list[int]]], paquets: list[list[list[str]]],
            version: str) -> Iterator[tuple[str, str]]:
    """Les fichiers à écrire sous ``recherche/`` : (chemin relatif, contenu JavaScript).

    Le contenu est du JSON (sérialiseur standard) passé à une fonction : aucun texte de page
    n'est jamais interprété comme du code.
    """
    def appel(fonction: str, *arguments) -> str:
        donnees = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":"))
                           for a in arguments)
        # « </script> » ou U+2028 dans un texte ne doivent rien casser
        donnees = donnees.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        return f"CommunRecherche.{fonction}({donnees});\n"

    for c, termes in sorted(morceaux.items()):
        yield f"index/{c}.js", appel("index", c, termes)
    for i, paquet in enumerate(paquets):
        yield f"docs/{i}.js", appel("docs", i, paquet)
    yield "meta.js", appel("meta", {"version": version, "paquet": DOCS_PAR_MORCEAU,
                                    "cles": sorted(morceaux), "documents": sum(map(len, paquets))})
