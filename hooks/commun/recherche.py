"""La recherche du commun : un index inversé en petits fichiers, construit au build.

Pourquoi pas la recherche de Material ? Elle télécharge tout l'index à chaque première visite
(1,8 Mo compressé à 2 000 pages) et ne connaît ni les accents ni le pluriel en français. Ici :

- chaque mot est normalisé (minuscules, sans accents, sans pluriel ni féminin simples) par
  ``mots()`` ; ``recherche.js`` applique exactement les mêmes règles (un test compare les deux).
  Un mot à trait d'union compte aussi soudé (« éco-conception » donne « eco », « conception » et
  « ecoconception »), et un chiffre seul reste un mot (« RGAA 5 ») ;
- trois sortes de fichiers, chacun chargé seulement quand il sert :
  ``mots/<3 lettres>.js``, le dictionnaire : les mots qui commencent par ces lettres et leur
  nombre approché de documents (de quoi trouver les préfixes et les fautes de frappe) ;
  ``termes/<mot>.js``, les documents d'un mot avec leur score ; ``docs/<n>.js``, l'adresse, le
  titre et le texte d'un document (l'extrait sous chaque résultat) ;
- les fichiers sont des scripts et non du JSON : un navigateur les charge aussi depuis
  ``file://``, dans la copie hors ligne.

Une copie sur un téléphone ne retélécharge que les fichiers changés (« Mettre à jour ») : rien
ici ne dépend de tout le corpus. Le score d'un document pour un mot ne dépend que du document
(BM25 avec une longueur de référence fixe, longueur arrondie par paliers) ; l'IDF se calcule
dans le navigateur à partir du nombre approché de documents du dictionnaire (par paliers de
25 % : il ne bouge pas à chaque fiche) ; le numéro d'un document vient de son adresse.

Une fiche publiée ne touche pas aux fichiers des mots : les documents datés (les contenus
validés, rangés par date de publication comme les listes, ``pages.pagination``) entrent dans
l'index par tranches de ``RECENTS`` ; ceux de la tranche en cours (les plus récents) sont à part,
dans ``recents/<1re lettre du mot>.js``, que le navigateur fusionne avec le reste.
Publier une fiche change ses propres fichiers, les fichiers « récents » de ses mots et
``meta.js`` ; la fiche qui ouvre une nouvelle tranche verse la précédente dans les fichiers des
mots (une mise à jour plus lourde, une fois toutes les ``RECENTS`` fiches).
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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from commun.caracteres import publiable

MOTS_VIDES = frozenset("""
a ai au aux avec c ce ces cet cette d dans de des du elle elles en et eu il ils j je l la le les
leur leurs lui m ma mais me mes moi mon n ne ni nos notre nous on ou par pas pour qu que qui s sa
se ses si son sur t ta te tes toi ton tu un une vos votre vous y est sont etre ont avoir fait
plus tres aussi comme sans sous
""".split())

BONUS_TITRE = 2.5  # un mot du titre vaut un mot très présent dans le texte, et plus
# les listes de titres et les certificats (qui redisent le nom d'un CCAS) passent après les
# pages elles-mêmes
POIDS_GENRE = {"Catalogue": 0.5, "Certificat": 0.5}
POSTINGS_MAX = 100  # au-delà, un mot n'aide plus à départager : on garde les meilleurs documents
RARE = 4  # un mot d'au plus 4 documents a ses documents dans le dictionnaire, pas de fichier à lui
K1, B = 1.2, 0.75
LONGUEUR_REFERENCE = 300  # mots : la « longueur moyenne » de BM25, fixe (voir le module)
PALIER_LONGUEUR = 1.25  # une longueur compte par paliers de 25 % : retoucher une phrase ne
#                         change pas le score des autres mots du document
BITS_NUMERO = 20  # numéros de documents de 0 à 2²⁰ − 1 : presque jamais deux pour une adresse
EXTRAIT_MAX = 8000  # caractères du texte d'un document gardés pour les extraits
PASSAGE = 240  # longueur visée d'un passage (l'extrait sous un résultat)
RECENTS = 32  # documents datés versés ensemble dans les fichiers des mots (voir le module)
RECENTS_LEGERS = 20_000  # occurrences : au-delà, les récents se rangent par trois lettres


_MARQUES = re.compile("[\u0300-\u036f]")


def plier(texte: str) -> str:
    """Minuscules sans accents ni ligatures, comme ``plier`` dans recherche.js : œ et æ
    développés, apostrophe et tirets typographiques ramenés à ' et -, puis décomposition NFD
    et retrait des accents (U+0300–U+036F)."""
    texte = texte.lower()
    if texte.isascii():
        return texte
    texte = (texte.replace("œ", "oe").replace("æ", "ae").replace("’", "'")
             .replace("\u2010", "-").replace("\u2011", "-"))
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


JETON = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Une lettre, une apostrophe, une consonne : jamais une élision (« l'accès », « d'habitants »),
# mais un nom de lieu (« M'Tsangamouji ») qui s'écrit aussi d'un bloc.
NOM_APOSTROPHE = re.compile(r"\b([a-z])'(?=[b-df-gj-np-tv-z])")


def garde(mot: str) -> bool:
    """Un mot qui compte : deux caractères au moins, ou un chiffre ; pas un mot vide."""
    return (len(mot) > 1 or mot.isdigit()) and mot not in MOTS_VIDES


def soude(parties: list[str]) -> str | None:
    """La forme soudée d'un mot à trait d'union (« sous-titres » → « soustitre »), qui garde
    même ses mots vides ; aucune pour une suite de nombres (une date) ni au-delà de 4 parties."""
    if len(parties) > 4 or not any(p.isalpha() for p in parties):
        return None
    return racine("".join(parties))


def mots(texte: str) -> list[str]:
    """Les mots indexés d'un texte : la racine de chaque mot qui compte ; pour un mot à trait
    d'union (ou un nom comme « M'Tsangamouji »), ses parties et sa forme soudée."""
    resultat = []
    for jeton in JETON.findall(NOM_APOSTROPHE.sub(r"\1-", plier(texte))):
        if "-" not in jeton:
            if garde(jeton):
                resultat.append(racine(jeton))
            continue
        parties = jeton.split("-")
        resultat.extend(racine(p) for p in parties if garde(p))
        if (forme := soude(parties)) is not None:
            resultat.append(forme)
    return resultat


_RESERVES = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9])")


def fichier(mot: str) -> str:
    """Le nom du fichier d'un mot : le mot, ou « _mot » pour ceux que Windows réserve (« nul »,
    « aux »…), qui empêcheraient d'y décompresser la copie hors ligne."""
    return f"_{mot}" if _RESERVES.fullmatch(mot) else mot


def cle(mot: str) -> str:
    """Le fichier du dictionnaire où vit un mot : ses trois premiers caractères."""
    return mot[:3]


def longueur_cle_recente(index: Index) -> int:
    """Le nombre de premiers caractères qui rangent les mots des documents récents dans leurs
    fichiers. D'ordinaire une lettre : une fiche publiée change une vingtaine de petits
    fichiers, pas un par mot. Trois quand la tranche est lourde (un lot validé le même jour,
    comme le contenu livré) : une recherche n'y charge alors, comme dans le dictionnaire, que
    les mots qui commencent comme les siens."""
    occurrences = sum(len(liste) // 2 for liste in index.recents.values())
    return 1 if occurrences <= RECENTS_LEGERS else 3


def approche(n: int) -> int:
    """Un nombre de documents arrondi au palier de 25 % (3 456 → 3 852, 99 → 108) au-delà de
    4 : l'IDF qu'on en tire change de quelques pour cent au plus, et le dictionnaire ne change
    pas à chaque fiche publiée."""
    return n if n <= RARE else round(palier(n))


def palier(longueur: int) -> float:
    """La longueur d'un document arrondie au palier (voir ``PALIER_LONGUEUR``)."""
    if longueur <= 1:
        return 1.0
    return PALIER_LONGUEUR ** round(math.log(longueur) / math.log(PALIER_LONGUEUR))


def numeros(urls: Iterable[str]) -> dict[str, int]:
    """Le numéro de chaque document, tiré de son adresse : il ne change pas quand on en ajoute
    un autre (à moins que les deux tombent sur le même, une fois sur 2²⁰ ; le second, dans
    l'ordre des adresses, prend alors le suivant libre)."""
    taille = 1 << BITS_NUMERO
    pris: dict[int, str] = {}
    for url in sorted(urls):
        n = int.from_bytes(hashlib.sha1(url.encode()).digest()[:4], "big") >> (32 - BITS_NUMERO)
        while n in pris:
            n = (n + 1) % taille
        pris[n] = url
    return {url: n for n, url in pris.items()}


_FIN_DE_PHRASE = re.compile(r"(?<=[.!?…:;])\s+")


def passages(texte: str) -> list[str]:
    """Le texte coupé en passages d'environ ``PASSAGE`` caractères, aux fins de phrases (une
    phrase trop longue, aux espaces) : l'extrait sous un résultat en est un."""
    texte = texte[:EXTRAIT_MAX]
    morceaux: list[str] = []
    for phrase in _FIN_DE_PHRASE.split(texte):
        while len(phrase) > PASSAGE * 1.5:
            coupure = phrase.rfind(" ", 0, PASSAGE)
            coupure = coupure if coupure > 0 else PASSAGE
            morceaux.append(phrase[:coupure])
            phrase = phrase[coupure:].lstrip()
        if phrase:
            morceaux.append(phrase)
    resultat: list[str] = []
    for m in morceaux:
        if resultat and len(resultat[-1]) + len(m) < PASSAGE:
            resultat[-1] += " " + m
        else:
            resultat.append(m)
    return resultat


@dataclass(frozen=True)
class Document:
    url: str  # depuis la racine du site, ex. « fiches/x/ »
    titre: str
    genre: str  # « Fiche », « Outil », « Labo », « Page »…
    resume: str
    texte: str
    # la date de publication d'un contenu (AAAA-MM-JJ, sa validation) ; rien pour une page qui
    # n'est pas publiée au fil du programme
    publie: str | None = None
    # les nombres du texte comptent ; pas ceux d'une page faite par le build (catalogue, page
    # d'un CCAS, tableau de bord), qui sont des décomptes : « 1 264 fiches » devient « 1 265 »
    # à chaque fiche publiée, et personne ne cherche un décompte
    nombres: bool = True


@dataclass
class Index:
    """Pour chaque mot, ses documents et leurs scores (``array`` d'entiers : numéro, score,
    numéro, score…, les meilleurs d'abord) ; pour chaque document, sa description et ses
    passages. Compact : 8 octets par occurrence à 5 000 fiches. Les documents de la tranche en
    cours (``recents``) ont leurs scores à part."""

    postings: dict[str, array]
    documents: dict[int, list[object]]  # numéro → [url, titre, genre, résumé, passages]
    recents: dict[str, array] = field(default_factory=dict)


class Indexeur:
    """L'index se construit au fil des pages : le texte de chacune est découpé en mots une
    seule fois, pendant le build, puis oublié (sauf ses passages). Ne restent que, pour chaque
    mot, ses documents et ses scores, qui ne dépendent que du document."""

    def __init__(self) -> None:
        self.descriptions: list[list[object]] = []
        self.publies: list[str | None] = []  # la date de publication de chaque document
        self.scores: dict[str, array] = {}  # mot → (document dans l'ordre d'ajout, score)…

    def ajouter(self, d: Document) -> None:
        i = len(self.descriptions)
        self.descriptions.append([d.url, d.titre, d.genre, d.resume, passages(d.texte)])
        self.publies.append(d.publie)
        corps = mots(d.texte)
        if not d.nombres:
            corps = [m for m in corps if not m.isdigit()]
        norme = K1 * (1 - B + B * palier(len(corps)) / LONGUEUR_REFERENCE)
        poids = POIDS_GENRE.get(d.genre, 1.0)
        tf = Counter(corps)
        titre = set(mots(d.titre))
        scores = self.scores
        for m in tf.keys() | titre:
            f = tf[m]
            pertinence = f * (K1 + 1) / (f + norme) + (BONUS_TITRE if m in titre else 0)
            liste = scores.get(m)
            if liste is None:
                liste = scores[m] = array("i")
            liste.append(i)
            liste.append(max(round(10 * poids * pertinence), 1))

    def index(self) -> Index:
        """Les documents numérotés d'après leur adresse, les listes triées (un index qui ne
        dépend pas de l'ordre où MkDocs a rendu les pages)."""
        numero = numeros(str(d[0]) for d in self.descriptions)
        rang = [numero[str(d[0])] for d in self.descriptions]
        recent = tranche_en_cours(self.publies)
        postings: dict[str, array] = {}
        recents: dict[str, array] = {}
        for m, liste in self.scores.items():
            paires = sorted(((liste[j], liste[j + 1]) for j in range(0, len(liste), 2)),
                            key=lambda p: (-p[1], rang[p[0]]))
            for cible, garder in ((postings, False), (recents, True)):
                choisies = [x for i, score in paires if recent[i] == garder
                            for x in (rang[i], score)]
                if choisies:
                    cible[m] = array("i", choisies)
        return Index(postings, {rang[i]: d for i, d in enumerate(self.descriptions)}, recents)

    def terminer(self, dossier: Path) -> tuple[int, int, int]:
        """Écrit l'index dans ``dossier`` ; rend (pages, fichiers, octets)."""
        index = self.index()
        octets = fichiers = 0
        for chemin, contenu in scripts(index):
            cible = dossier / chemin
            cible.parent.mkdir(parents=True, exist_ok=True)
            donnees = contenu.encode()
            cible.write_bytes(donnees)
            octets += len(donnees)
            fichiers += 1
        return len(index.documents), fichiers, octets


def tranche_en_cours(publies: Sequence[str | None]) -> list[bool]:
    """Pour chaque document, s'il est de la tranche en cours. Les documents datés, du plus
    ancien au plus récent, comptent par tranches de ``RECENTS`` ; la tranche en cours commence
    à la date du premier document de la dernière tranche (pleine ou non), et prend tous ceux de
    cette date ou d'après. Une fiche publiée ce jour-là ou plus tard y entre sans en faire
    sortir une autre, même validée le même jour qu'elles ; seule celle qui ouvre une tranche
    déplace le début, et verse ce qui le précède dans l'index des mots. Le début ne dépend que
    de la date à ce rang : il ne recule jamais quand on ajoute une fiche du jour."""
    dates = sorted(p for p in publies if p is not None)
    if not dates:
        return [False] * len(publies)
    debut = dates[(len(dates) - 1) // RECENTS * RECENTS]
    return [p is not None and p >= debut for p in publies]


def construire(documents: Iterable[Document]) -> Index:
    indexeur = Indexeur()
    for d in documents:
        indexeur.ajouter(d)
    return indexeur.index()


def appel(fonction: str, *arguments: object) -> str:
    """``CommunRecherche.fonction(arguments en JSON);`` : le contenu est du JSON (sérialiseur
    standard) passé à une fonction, aucun texte de page n'est jamais interprété comme du code."""
    donnees = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":"))
                       for a in arguments)
    donnees = publiable(donnees)  # ni contrôle ni demi-caractère UTF-16 (défense en profondeur)
    # « </script> » ou U+2028 dans un texte ne doivent rien casser
    donnees = (donnees.replace("</", "<\\/").replace("\u2028", "\\u2028")
               .replace("\u2029", "\\u2029"))
    return f"CommunRecherche.{fonction}({donnees});\n"


def liste_de_cles(cles: Iterable[str]) -> str:
    """Des clés (« acc acq act ada ») écrites serrées, par leur début commun : « ac:cqt a:da »…
    soit « ac:cqt ad:a ». Deux fois plus court que la liste : elle est lue à chaque première
    recherche. ``recherche.js`` la relit (``cles()``)."""
    groupes: dict[str, list[str]] = defaultdict(list)
    for c in sorted(set(cles)):
        groupes[c[:-1]].append(c[-1])
    return " ".join(f"{debut}:{''.join(fins)}" for debut, fins in groupes.items())


def en_ecarts(liste: array) -> list[int]:
    """« numéro, score… » rangés par numéro et écrits en différences (« 5, 12, 3… » plutôt que
    « 5, 17, 20… ») : ce que lit ``documents()`` dans ``recherche.js``."""
    ecarts, avant = [], 0
    for n, score in sorted(zip(liste[::2], liste[1::2], strict=True)):
        ecarts += [n - avant, score]
        avant = n
    return ecarts


def scripts(index: Index) -> Iterator[tuple[str, str]]:
    """Les fichiers à écrire sous ``recherche/`` : (chemin relatif, contenu JavaScript), un à
    la fois ; ``meta.js`` en dernier, avec la version (empreinte de tout le reste).

    ``termes/<mot>.js`` : les ``POSTINGS_MAX`` meilleurs documents du mot, rangés par numéro
    et écrits en différences (« 5, 12, 3… » plutôt que « 5, 17, 20… ») avec leur score. Les
    mots rares (la moitié du vocabulaire d'un vrai corpus : noms, chiffres, mots techniques)
    n'ont pas de fichier : leurs documents sont dans le dictionnaire, à la place du nombre."""
    empreinte = hashlib.sha256()

    def noter(chemin: str, texte: str) -> tuple[str, str]:
        empreinte.update(chemin.encode() + b"\0" + texte.encode())
        return chemin, texte

    dictionnaire: dict[str, dict[str, int | list[int]]] = defaultdict(dict)
    for m in sorted(index.postings):
        liste = index.postings[m]
        ecarts = en_ecarts(liste[:2 * POSTINGS_MAX])
        if len(ecarts) <= 2 * RARE:
            dictionnaire[cle(m)][m] = ecarts
        else:
            dictionnaire[cle(m)][m] = approche(len(liste) // 2)
            yield noter(f"termes/{fichier(m)}.js", appel("terme", m, ecarts))
    for c in sorted(dictionnaire):
        yield noter(f"mots/{fichier(c)}.js", appel("dico", c, dictionnaire[c]))
    recents: dict[str, dict[str, list[int]]] = defaultdict(dict)
    longueur = longueur_cle_recente(index)
    for m in sorted(index.recents):
        recents[m[:longueur]][m] = en_ecarts(index.recents[m])
    for c in sorted(recents):
        yield noter(f"recents/{fichier(c)}.js", appel("recents", c, recents[c]))
    for n in sorted(index.documents):
        yield noter(f"docs/{n}.js", appel("doc", n, index.documents[n]))
    # les clés du dictionnaire à part : elles ne changent qu'avec une tranche versée, alors
    # que ``meta.js`` change à chaque build
    yield noter("cles.js", appel("cles", liste_de_cles(dictionnaire)))
    yield "meta.js", appel("meta", {"version": empreinte.hexdigest()[:12],
                                    "documents": len(index.documents),
                                    "recents": longueur if recents else 0,
                                    "cles_recentes": liste_de_cles(recents)})
