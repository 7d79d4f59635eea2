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
from pathlib import Path

from commun.caracteres import publiable

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


_MARQUES = re.compile("[\u0300-\u036f]")


def plier(texte: str) -> str:
    """Minuscules sans accents ni ligatures, comme ``plier`` dans recherche.js : œ et æ
    développés, puis décomposition NFD et retrait des accents (U+0300–U+036F)."""
    texte = texte.lower()
    if texte.isascii():
        return texte
    texte = texte.replace("œ", "oe").replace("æ", "ae")
    return _MARQUES.sub("", unicodedata.normalize("NFD", texte))


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


class Indexeur:
    """L'index se construit au fil des pages : le texte de chacune est découpé en mots une
    seule fois, pendant le build, puis oublié. Ne restent que, pour chaque mot, ses documents
    et ses fréquences (``array`` d'entiers : doc, 2 × fréquence + 1 si le mot est dans le
    titre, doc, …) ; les scores BM25, qui dépendent de tout le corpus, se calculent à la fin.
    """

    def __init__(self) -> None:
        self.descriptions: list[list[str]] = []
        self.longueurs: list[int] = []
        self.poids: list[float] = []
        self.frequences: dict[str, array] = {}

    def ajouter(self, d: Document) -> None:
        i = len(self.descriptions)
        self.descriptions.append([d.url, d.titre, d.genre, d.resume])
        corps = mots(d.texte)
        self.longueurs.append(len(corps))
        self.poids.append(POIDS_GENRE.get(d.genre, 1.0))
        tf = Counter(corps)
        titre = set(mots(d.titre))
        frequences = self.frequences
        for m in tf.keys() | titre:
            liste = frequences.get(m)
            if liste is None:
                liste = frequences[m] = array("i")
            liste.append(i)
            liste.append(2 * tf[m] + (m in titre))

    def index(self) -> Index:
        """Les scores, avec les documents rangés par adresse (un index qui ne dépend pas de
        l'ordre où MkDocs a rendu les pages)."""
        n = len(self.descriptions) or 1
        moyenne = (sum(self.longueurs) / n) or 1
        ordre = sorted(range(len(self.descriptions)), key=lambda i: self.descriptions[i][0])
        rang = [0] * len(ordre)
        for nouveau, ancien in enumerate(ordre):
            rang[ancien] = nouveau
        normes = [K1 * (1 - B + B * longueur / moyenne) for longueur in self.longueurs]
        postings: dict[str, array] = {}
        for m, liste in self.frequences.items():
            df = len(liste) // 2
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            scores = array("i")
            for j in range(0, len(liste), 2):
                i, valeur = liste[j], liste[j + 1]
                f = valeur >> 1
                pertinence = f * (K1 + 1) / (f + normes[i]) + (BONUS_TITRE if valeur & 1 else 0)
                scores.append(rang[i])
                scores.append(max(round(100 * self.poids[i] * idf * pertinence), 1))
            postings[m] = scores
        return Index(postings, [self.descriptions[i] for i in ordre])

    def terminer(self, dossier: Path) -> tuple[int, int, int]:
        """Écrit l'index dans ``dossier`` ; rend (pages, morceaux, octets)."""
        index = self.index()
        octets = morceaux = 0
        for chemin, contenu in scripts(index):
            fichier = dossier / chemin
            fichier.parent.mkdir(parents=True, exist_ok=True)
            donnees = contenu.encode()
            fichier.write_bytes(donnees)
            octets += len(donnees)
            morceaux += chemin.startswith("index/")
        return len(index.descriptions), morceaux, octets


def construire(documents: Iterable[Document]) -> Index:
    indexeur = Indexeur()
    for d in documents:
        indexeur.ajouter(d)
    return indexeur.index()


def scripts(index: Index) -> Iterator[tuple[str, str]]:
    """Les fichiers à écrire sous ``recherche/`` : (chemin relatif, contenu JavaScript), un
    morceau à la fois ; ``meta.js`` en dernier, avec la version (empreinte de tout le reste).

    Le contenu est du JSON (sérialiseur standard) passé à une fonction : aucun texte de page
    n'est jamais interprété comme du code.
    """
    def appel(fonction: str, *arguments: object) -> str:
        donnees = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":"))
                           for a in arguments)
        donnees = publiable(donnees)  # ni contrôle ni demi-caractère UTF-16 (défense en profondeur)
        # « </script> » ou U+2028 dans un texte ne doivent rien casser
        donnees = (donnees.replace("</", "<\\/").replace("\u2028", "\\u2028")
                   .replace("\u2029", "\\u2029"))
        return f"CommunRecherche.{fonction}({donnees});\n"

    empreinte = hashlib.sha256()
    par_cle: dict[str, list[str]] = defaultdict(list)
    for m in index.postings:
        par_cle[cle(m)].append(m)
    for c in sorted(par_cle):
        termes = {}
        for m in sorted(par_cle[c]):
            liste = index.postings[m]
            paires = sorted(zip(liste[::2], liste[1::2], strict=False),
                            key=lambda p: (-p[1], p[0]))[:POSTINGS_MAX]
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
