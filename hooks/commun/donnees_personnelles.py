"""Les données personnelles : ce qu'un fichier contribué ne doit jamais publier.

- **Téléphone** : libphonenumber (``phonenumbers.PhoneNumberMatcher``, indulgence POSSIBLE :
  la longueur seule, car les numéros récents ou fictifs d'outre-mer ne sont pas tous dans
  ses tables) sur le texte normalisé, lignes jointes (un numéro coupé par un saut de ligne est
  vu). Le plan français vaut pour la métropole et l'outre-mer (« 0X XX XX XX XX ») ;
  les Comores (+269) et les autres pays se lisent à l'international (« +… », « 00… »). Un
  numéro comorien écrit sans indicatif (7 chiffres) n'est pas cherché : il ressemble trop à
  un montant (« 3 200 000 »).
- **E-mail** : écrit tel quel, en entités HTML (``&#64;``, ``&commat;``), échappé en YAML
  (``"\\x40"``, la valeur décodée est lue aussi), en ``%40`` ou épelé (« [at] », « (at) »,
  « at », « arobase », « [dot] », « point »).
- **NIR** (sécurité sociale) et **IBAN** (``python-stdnum``) : seulement avec une clé valide,
  pour ne pas confondre un numéro quelconque.
- **Nom après une civilité** (« Mme Z… », « M. S… », « Madame », « Monsieur », « Mlle ») ;
  « M. le maire », « Mme la présidente » sont des fonctions, pas des noms.
- **Noms dans ``equipe``** (des rôles, jamais des noms) : des règles simples, et le modèle
  français de spaCy (entités PER) seulement pour une entrée qui contient un mot à majuscule
  inconnu : ni mot de rôle, ni nom du référentiel de ``commun.yml``.

Le texte est normalisé avant d'être lu : entités HTML décodées, espaces insécables et fines
(U+00A0, U+202F…) changées en espaces, caractères invisibles de largeur nulle retirés,
échappements Markdown (``\\@``) ôtés. Les contacts institutionnels de ``contacts_autorises``
(``commun.yml``) sont publiables.

spaCy est lent à charger (3 s) : il est chargé une fois par processus, au premier besoin, avec
ses seuls composants ``tok2vec`` et ``ner``. Le contenu livré n'en a jamais besoin ; les chiffres
sont dans le README (« Données personnelles »).
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher
from stdnum import iban
from stdnum.fr import nir

from commun.source import Chemin, Source

if TYPE_CHECKING:
    from commun.modele import Configuration

Signalement = tuple[int, str]

# --- Normaliser le texte --------------------------------------------------------------------

# espaces insécables, fines, de largeur fixe : des espaces ordinaires ; caractères invisibles
# glissés dans un mot (« prenom\u200b@… ») : retirés
ESPACES_ET_INVISIBLES = {
    **dict.fromkeys((0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000), " "),
    **dict.fromkeys((0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD), None),
}
ECHAPPEMENT_MARKDOWN = re.compile(r"\\([@._+\-\[\]()])")
# « 06/39/12/34/56 » : libphonenumber ne lit pas la barre oblique (les dates en ont deux)
BARRES = re.compile(r"(?<!\d)\d{2}(?:/\d{2}){4}(?!\d)")


def normaliser(ligne: str) -> str:
    """Une ligne telle qu'un lecteur la voit : entités décodées, espaces ordinaires."""
    if "&" in ligne:
        ligne = html.unescape(ligne)
    ligne = ligne.replace("%40", "@").replace("\n", " ")
    if not ligne.isascii():
        ligne = ligne.translate(ESPACES_ET_INVISIBLES)
    if "\\" in ligne:
        ligne = ECHAPPEMENT_MARKDOWN.sub(r"\1", ligne)
    if "/" in ligne:
        ligne = BARRES.sub(lambda m: m.group().replace("/", " "), ligne)
    return ligne


def normaliser_contact(contact: str) -> str:
    """Une adresse e-mail en minuscules ; un numéro en 10 chiffres (« +262 639… » → « 0639… »)."""
    contact = contact.strip()
    if "@" in contact:
        return contact.lower()
    chiffres = re.sub(r"[^0-9+]", "", contact.replace("(0)", ""))
    if chiffres.startswith("00"):
        chiffres = "+" + chiffres[2:]
    for indicatif in ("+262", "+33"):
        if chiffres.startswith(indicatif):
            return "0" + chiffres[len(indicatif):]
    return chiffres


@dataclass(frozen=True)
class Texte:
    """Des lignes normalisées jointes par des espaces, et de quoi retrouver la ligne d'une
    position (``premiere`` : le numéro de la 1re ligne dans le fichier)."""

    texte: str
    debuts: list[int]
    premiere: int

    @classmethod
    def de_lignes(cls, lignes: Iterable[str], premiere: int) -> Texte:
        morceaux, debuts, position = [], [], 0
        for ligne in lignes:
            ligne = normaliser(ligne)
            debuts.append(position)
            morceaux.append(ligne)
            position += len(ligne) + 1
        return cls(" ".join(morceaux), debuts, premiere)

    def ligne(self, position: int) -> int:
        return self.premiere + max(0, bisect_right(self.debuts, position) - 1)

    def entre(self, debut: int, fin: int) -> str:
        """Le texte des lignes ``debut`` à ``fin`` (exclue) du fichier."""
        i, j = debut - self.premiere, fin - self.premiere
        if i < 0 or i >= len(self.debuts):
            return ""
        return self.texte[self.debuts[i]:self.debuts[j] if j < len(self.debuts) else None]


# --- Ce qui est cherché -------------------------------------------------------------------

CONSEIL_SERVICE = ("écrivez plutôt le service à contacter (« l'accueil du CCAS »), ou, pour une "
                   "adresse institutionnelle, ajoutez-la à « contacts_autorises » dans commun.yml")
CONSEIL_NUMERO = ("écrivez plutôt le service à contacter, ou, pour un numéro institutionnel "
                  "(standard, numéro vert), ajoutez-le à « contacts_autorises » dans commun.yml")
CONSEIL_ROLE = ("écrivez plutôt son rôle (« la référente du projet », « l'agent d'accueil du "
                "CCAS »)")

_AT = r"(?:\s*[\[({<]\s*(?:at|arobase|@)\s*[\])}>]\s*|\s+(?:at|arobase)\s+|\s*@\s*)"
_POINT = r"(?:\s*[\[({<]\s*(?:dot|point|\.)\s*[\])}>]\s*|\s+(?:dot|point)\s+|\.)"
_ETIQUETTE = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
COURRIEL = re.compile(
    rf"(?<![\w.+-])(?P<local>[\w+-]+(?:{_POINT}[\w+-]+)*?){_AT}"
    rf"(?P<domaine>{_ETIQUETTE}(?:{_POINT}{_ETIQUETTE})*?{_POINT}[a-z]{{2,6}})(?![\w-])",
    re.I)
# un numéro de sécurité sociale : 13 caractères et une clé de 2 chiffres, espacés ou non
NIR = re.compile(r"(?<![\w+])[1-478](?:[ .-]?[0-9AB]){12}[ .-]?[0-9]{2}(?![\w])")
IBAN = re.compile(r"(?<![\w])[A-Z]{2}[0-9]{2}(?:[ -]?[A-Z0-9]){11,30}(?![\w])")
CIVILITE = re.compile(
    r"(?<![\w.])(?P<civilite>M\.|MM\.|Mme\.?|Mmes\.?|Mlle\.?|Mlles\.?|Madame|Monsieur|"
    r"Mademoiselle|Messieurs|Mesdames)[ ]+"
    r"(?P<nom>[A-ZÀ-ÖØ-Þ](?:[\w’'-]+|\.)(?:[ ]+[A-ZÀ-ÖØ-Þ](?:[\w’'-]+|\.)){0,2})")
MOT = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# Les mots d'une fonction : après une civilité ou dans « equipe », jamais un nom.
ARTICLES = frozenset("le la les l du de des d au aux et ou en à un une son sa ses leur".split())
FONCTIONS = frozenset("""
    maire adjoint adjointe président présidente vice-président vice-présidente préfet préfète
    directeur directrice direction élu élue élus délégué déléguée conseiller conseillère
    référent référente référents partenaire partenaires agent agente agents chargé chargée
    mission responsable coordinateur coordinatrice coordonnateur coordonnatrice animateur
    animatrice médiateur médiatrice travailleur travailleuse assistant assistante social
    sociale secrétaire général générale administrateur administratrice bénévole bénévoles
    stagiaire volontaire service civique interprète infirmier infirmière éducateur éducatrice
    juriste psychologue gestionnaire accueil usager usagère habitant habitante habitants
    représentant représentante membre bureau équipe projet association associatif
    associative ccas cias udccas unccas cssm caf cgss mdph pmi ars cnam rsa esf cesf ccss
    commune mairie village quartier département conseil départemental
    """.split())
ROLES = ARTICLES | FONCTIONS


def _role(mot: str) -> bool:
    return mot.lower().strip(".'’") in ROLES


def _masquer_numero(numero: str) -> str:
    vus = 0
    sortie = []
    for c in numero:
        if c.isdigit():
            vus += 1
            sortie.append(c if vus <= 4 else "•")
        else:
            sortie.append(c)
    return "".join(sortie)


def _masquer_nom(mots: str) -> str:
    """« Zaïnaba A. » → « Z… A. » : le message ne republie pas le nom."""
    return " ".join(m if len(m.rstrip(".")) <= 1 else m[0] + "…" for m in mots.split())


@dataclass(frozen=True)
class Trouvaille:
    position: int
    cle: str  # ce qui a été trouvé, normalisé : une même donnée n'est dite qu'une fois par ligne
    message: str


def _courriels(texte: str, autorises: frozenset[str]) -> Iterator[Trouvaille]:
    if "@" not in texte:
        minuscules = texte.lower()
        if not any(mot in minuscules for mot in (" at ", "[at]", "(at)", "{at}", "<at>",
                                                  "arobase")):
            return
    for m in COURRIEL.finditer(texte):
        local = re.sub(_POINT, ".", m.group("local"), flags=re.I)
        domaine = re.sub(_POINT, ".", m.group("domaine"), flags=re.I).lower()
        adresse = f"{local}@{domaine}".lower()
        if adresse in autorises:
            continue
        yield Trouvaille(m.start(), adresse, (
            f"donnée personnelle : une adresse e-mail (…@{domaine}) ne doit pas être publiée ; "
            f"{CONSEIL_SERVICE}"))


def _telephones(texte: str, autorises: frozenset[str]) -> Iterator[Trouvaille]:
    # libphonenumber ne regarde que ce qui peut être un numéro : des suites de chiffres
    for suite in SUITE_DE_CHIFFRES.finditer(texte):
        if sum(c.isdigit() for c in suite.group()) < CHIFFRES_MIN:
            continue  # une date, un montant, une année
        for debut, m in _numeros(suite.group()):
            numero = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
            if normaliser_contact(m.raw_string) in autorises or \
                    normaliser_contact(numero) in autorises:
                continue
            yield Trouvaille(suite.start() + debut, numero, (
                f"donnée personnelle : un numéro de téléphone (« {_masquer_numero(m.raw_string)} »)"
                f" ne doit pas être publié ; {CONSEIL_NUMERO}"))


# le plus court des numéros cherchés : 10 chiffres (« 06 39… », « +269 3XX XX XX »)
CHIFFRES_MIN = 10
SUITE_DE_CHIFFRES = re.compile(r"[+(]?\d[\d ().\-+]{5,}\d")
DEBUT_DE_NUMERO = re.compile(r"(?<=[ (])[+0]")
ESSAIS_MAX = 20  # reprises d'une suite où rien n'a été trouvé (temps borné)


def _numeros(suite: str) -> Iterator[tuple[int, Any]]:
    """Les numéros d'une suite de chiffres. libphonenumber renonce à une suite trop longue
    (« 2021-10-12 06 39 12 34 56 ») : elle est alors relue depuis chaque « 0 » ou « + » qui
    ouvre un groupe."""
    trouves = [(m.start, m) for m in PhoneNumberMatcher(suite, "FR", leniency=Leniency.POSSIBLE)]
    if trouves or sum(c.isdigit() for c in suite) <= 10:
        yield from trouves
        return
    for debut in [m.start() for m in DEBUT_DE_NUMERO.finditer(suite)][:ESSAIS_MAX]:
        for m in PhoneNumberMatcher(suite[debut:debut + 30], "FR", leniency=Leniency.POSSIBLE):
            if m.start == 0:
                yield debut, m


def _nir(texte: str) -> Iterator[Trouvaille]:
    for m in NIR.finditer(texte):
        compact = re.sub(r"[ .-]", "", m.group())
        if nir.is_valid(compact):
            yield Trouvaille(m.start(), compact, (
                f"donnée personnelle : un numéro de sécurité sociale (« {compact[0]} •• ») ne doit "
                "pas être publié ; retirez-le et écrivez plutôt la pièce à apporter (« la carte "
                "Vitale ou l'attestation de droits »)"))


def _iban(texte: str) -> Iterator[Trouvaille]:
    for m in IBAN.finditer(texte):
        compact = re.sub(r"[ -]", "", m.group())
        # le motif peut avoir pris un mot de plus (« … 189 CCAS ») : le plus long IBAN valide
        valide = next((compact[:n] for n in range(len(compact), 14, -1)
                       if iban.is_valid(compact[:n])), None)
        if valide is not None:
            yield Trouvaille(m.start(), valide, (
                f"donnée personnelle : un IBAN (« {valide[:4]} •••• ») ne doit pas être publié ; "
                "retirez-le et écrivez plutôt le service qui reçoit les paiements (« la régie du "
                "CCAS, qui donne son RIB sur demande »)"))


def _civilites(texte: str, connus: frozenset[str]) -> Iterator[Trouvaille]:
    for m in CIVILITE.finditer(texte):
        mots = m.group("nom").split()
        if _role(mots[0]) or mots[0].lower().rstrip(".") in connus:
            continue
        # un nom : les mots à majuscule qui suivent, jusqu'au premier mot de rôle
        nom = []
        for mot in mots:
            if _role(mot):
                break
            nom.append(mot)
        masque = f"{m.group('civilite')} {_masquer_nom(' '.join(nom))}"
        yield Trouvaille(m.start(), f"{m.group('civilite')} {' '.join(nom)}".lower(), (
            f"donnée personnelle : « {masque} » désigne une personne par son nom ; "
            f"{CONSEIL_ROLE}"))


def trouver(texte: str, autorises: frozenset[str], connus: frozenset[str]
            ) -> list[Trouvaille]:
    """Toutes les données personnelles d'un texte déjà normalisé."""
    return [*_courriels(texte, autorises), *_telephones(texte, autorises), *_nir(texte),
            *_iban(texte), *_civilites(texte, connus)]


# --- Les noms dans « equipe » ---------------------------------------------------------------

MODELE = "fr_core_news_sm"


@cache
def _nlp() -> Any:
    """Le modèle français de spaCy, chargé une fois par processus, réduit à la reconnaissance
    des entités (ni analyse syntaxique, ni lemmes : deux fois plus rapide à charger)."""
    import spacy

    return spacy.load(MODELE, exclude=["parser", "senter", "morphologizer", "attribute_ruler",
                                       "lemmatizer"])


def personnes(texte: str) -> list[tuple[int, int]]:
    """Les passages d'un texte libre que le modèle reconnaît comme des noms de personne
    (début, fin), pour les retirer d'une synthèse."""
    return [(e.start_char, e.end_char) for e in _nlp()(texte).ents if e.label_ == "PER"]


INITIALE = re.compile(r"\b[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ’'-]+ [A-ZÀ-ÖØ-Þ]\.")
SEPARATEUR = re.compile(r"\s[:—–]\s*|\s-\s")


# le nom d'une structure : « association Mlezi Maore », « club Fahari », jusqu'à « , » ou « ) »
STRUCTURE = re.compile(r"(?i)\b(?:association|club|collectif|fondation|entreprise|société|"
                       r"coopérative|maison|centre|réseau|fédération|union|compagnie)\s[^,;()]*")


def noms_dans_l_equipe(entree: str, connus: frozenset[str]) -> list[str]:
    """Les noms de personne que semble contenir une entrée d'``equipe`` (vide : un rôle)."""
    sans_structures = STRUCTURE.sub(" ", entree)
    inconnus = [m for m in MOT.findall(sans_structures)
                if len(m) > 1 and m[0].isupper() and not _role(m) and m.lower() not in connus]
    if not inconnus:
        return []  # des mots de rôle et des noms du référentiel : spaCy n'a rien à dire
    trouves = [m.group() for m in INITIALE.finditer(sans_structures)
               if not _role(m.group().split()[0])]
    if not any(m.lower() in FONCTIONS for m in MOT.findall(entree)):
        trouves.append(" ".join(inconnus))  # aucun rôle : ce n'est pas un rôle
    for morceau in SEPARATEUR.split(sans_structures)[1:]:  # « agent d'accueil : Fatima »
        mots = MOT.findall(morceau)
        if mots and len(mots) <= 3 and all(m in inconnus for m in mots):
            trouves.append(" ".join(mots))
    if not trouves:
        trouves = [e.text for e in _nlp()(sans_structures).ents if e.label_ == "PER"
                   and any(m in inconnus for m in MOT.findall(e.text))]
    return trouves


def _equipe(source: Source, connus: frozenset[str]) -> Iterator[Signalement]:
    equipe = source.entete.get("equipe")
    entrees = [equipe] if isinstance(equipe, str) else equipe if isinstance(equipe, list) else []
    for i, entree in enumerate(entrees):
        if not isinstance(entree, str):
            continue
        chemin: Chemin = ("equipe", i) if isinstance(equipe, list) else ("equipe",)
        if any(_civilites(normaliser(entree), connus)):
            continue  # déjà dit : « Mme … » désigne une personne
        for nom in noms_dans_l_equipe(normaliser(entree), connus):
            yield source.ligne(chemin), (
                f"donnée personnelle : « {_masquer_nom(nom)} » ressemble au nom d'une personne ; "
                "l'équipe liste des rôles, jamais des noms : écrivez plutôt « référente du "
                "projet », « agent d'accueil du CCAS »…")


# --- Un fichier -------------------------------------------------------------------------------

def _valeurs(valeur: Any, chemin: Chemin) -> Iterator[tuple[Chemin, str]]:
    if isinstance(valeur, str):
        yield chemin, valeur
    elif isinstance(valeur, dict):
        for cle, v in valeur.items():
            yield from _valeurs(v, (*chemin, str(cle)))
    elif isinstance(valeur, list):
        for i, v in enumerate(valeur):
            yield from _valeurs(v, (*chemin, i))


def connus_de(*noms: str) -> frozenset[str]:
    """Les mots de quelques noms, en minuscules : jamais pris pour un nom de personne."""
    return frozenset(m.lower() for nom in noms for m in MOT.findall(nom))


def connus(config: Configuration) -> frozenset[str]:
    """Les mots du référentiel de ``commun.yml`` : communes, CCAS, thématiques, labos,
    intersessions, territoire, programme et porteur."""
    site = config.site
    return connus_de(site.nom, site.territoire, site.programme, site.porteur,
                     *(c.nom for c in config.ccas.values()), *config.ccas,
                     *(t.nom for t in config.thematiques.values()),
                     *(l.nom for l in config.labos.values()),
                     *(i.nom for i in config.intersessions.values()))


def verifier_donnees_personnelles(source: Source, autorises: Iterable[str] = (),
                                  connus: Iterable[str] = ()) -> list[Signalement]:
    """Adresses e-mail, téléphones, NIR, IBAN et noms, dans l'en-tête (tel qu'écrit, et ses
    valeurs décodées) et le corps (code compris). ``autorises`` : les contacts de
    ``contacts_autorises`` ; ``connus`` : les mots du référentiel (``connus_de``)."""
    autorises = frozenset(normaliser_contact(c) for c in autorises)
    connus = frozenset(connus)
    signalements: set[Signalement] = set()
    textes = [Texte.de_lignes(source.corps.split("\n"), source.ligne_corps)]
    if source.entete_texte:
        textes.append(Texte.de_lignes(source.entete_texte.split("\n"), source.ligne_entete))
    vus: set[tuple[str, int]] = set()  # (donnée, ligne) trouvées dans le texte tel qu'écrit
    for t in textes:
        for trouvaille in trouver(t.texte, autorises, connus):
            vus.add((trouvaille.cle, t.ligne(trouvaille.position)))
            signalements.add((t.ligne(trouvaille.position), trouvaille.message))
    # les valeurs décodées par YAML (« \x40 », « \u00a0 ») : ce qui n'a pas été vu tel qu'écrit
    # entre la ligne du champ et celle du champ suivant
    debuts = sorted({*source.lignes.values(), source.ligne_corps - 1})
    for chemin, valeur in _valeurs(source.entete, ()):
        ligne = source.ligne(chemin)
        fin = max(debuts[min(bisect_right(debuts, ligne), len(debuts) - 1)], ligne + 1)
        valeur = normaliser(valeur)
        if source.entete_texte and valeur in textes[-1].entre(ligne, fin):
            continue  # la valeur est écrite telle quelle sur ses lignes : déjà lue
        for trouvaille in trouver(valeur, autorises, connus):
            if not any((trouvaille.cle, l) in vus for l in range(ligne, fin)):
                signalements.add((ligne, trouvaille.message))
    signalements.update(_equipe(source, connus))
    return sorted(signalements)
