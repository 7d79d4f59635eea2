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
import hashlib
import json
import math
import re
import unicodedata
from array import array
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


@dataclass
class Index:
    """Les listes de documents de chaque mot (``array`` d'entiers : doc, score, doc, score…)
    et la description de chaque document. Compact : 8 octets par occurrence à 5 000 fiches,
    au lieu d'une centaine avec des tuples Python."""

    postings: dict[str, array]
    descriptions: list[list[str]]


def construire(documents: Iterable[Document]) -> Index:
    """Deux passages sur les textes : les fréquences des mots, puis les scores (les mots de
    chaque document sont recalculés plutôt que gardés : la mémoire reste petite)."""
    documents = list(documents)
    n = len(documents) or 1
    df: Counter[str] = Counter()
    longueurs = []
    for d in documents:
        corps = mots(d.texte)
        longueurs.append(len(corps))
        df.update({*corps, *mots(d.titre)})
    moyenne = (sum(longueurs) / n) or 1
    postings: dict[str, array] = {}
    for i, d in enumerate(documents):
        tf = Counter(mots(d.texte))
        titre = set(mots(d.titre))
        norme = K1 * (1 - B + B * longueurs[i] / moyenne)
        poids = POIDS_GENRE.get(d.genre, 1.0)
        for m in tf.keys() | titre:
            f = tf[m]
            idf = math.log(1 + (n - df[m] + 0.5) / (df[m] + 0.5))
            pertinence = f * (K1 + 1) / (f + norme) + (BONUS_TITRE if m in titre else 0)
            liste = postings.get(m)
            if liste is None:
                liste = postings[m] = array("i")
            liste.append(i)
            liste.append(max(round(100 * poids * idf * pertinence), 1))
    return Index(postings, [[d.url, d.titre, d.genre, d.resume] for d in documents])


def scripts(index: Index) -> Iterator[tuple[str, str]]:
    """Les fichiers à écrire sous ``recherche/`` : (chemin relatif, contenu JavaScript), un
    morceau à la fois ; ``meta.js`` en dernier, avec la version (empreinte de tout le reste).

    Le contenu est du JSON (sérialiseur standard) passé à une fonction : aucun texte de page
    n'est jamais interprété comme du code.
    """
    def appel(fonction: str, *arguments) -> str:
        donnees = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":"))
                           for a in arguments)
        # « </script> » ou U+2028 dans un texte ne doivent rien casser
        donnees = donnees.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        return f"CommunRecherche.{fonction}({donnees});\n"

    empreinte = hashlib.sha256()
    par_cle: dict[str, list[str]] = defaultdict(list)
    for m in index.postings:
        par_cle[cle(m)].append(m)
    for c in sorted(par_cle):
        termes = {}
        for m in sorted(par_cle[c]):
            liste = index.postings[m]
            paires = sorted(zip(liste[::2], liste[1::2]), key=lambda p: -p[1])[:POSTINGS_MAX]
            termes[m] = [x for p in paires for x in p]
        texte = appel("index", c, termes)
        empreinte.update(texte.encode())
        yield f"index/{c}.js", texte
    paquets = [index.descriptions[i:i + DOCS_PAR_MORCEAU]
               for i in range(0, len(index.descriptions), DOCS_PAR_MORCEAU)]
    for i, paquet in enumerate(paquets):
        texte = appel("docs", i, paquet)
        empreinte.update(texte.encode())
        yield f"docs/{i}.js", texte
    yield "meta.js", appel("meta", {"version": empreinte.hexdigest()[:12],
                                    "paquet": DOCS_PAR_MORCEAU, "cles": sorted(par_cle),
                                    "documents": len(index.descriptions)})
