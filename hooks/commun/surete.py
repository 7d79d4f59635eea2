"""La sûreté du contenu contribué : ce qu'un fichier de outils/, fiches/ ou labos/ (et ses images
et documents) ne peut pas contenir, puisqu'il est construit par l'intégration continue et
prévisualisé chez les mainteneurs.

- **HTML** : quelques balises de mise en forme (``BALISES``), sans attribut hors de leur liste ;
  rien qui exécute, intègre ou charge (``<script>``, ``<iframe>``, ``<style>``, ``onclick=``…).
- **Liens** : seulement ``http(s)://``, ``mailto:``, ``tel:`` ou une page du commun ; jamais
  ``javascript:``, ``data:``, ``vbscript:`` (liens, images, références, liens automatiques).
- **Attributs Markdown** (``attr_list`` : ``{: onclick=… }``) : seulement ``#ancre`` et ``.classe``.
- **Images** : déposées dans le dépôt (une image d'un autre site renseigne ce site sur chaque
  lecteur), en PNG, JPEG ou WebP, légères pour un téléphone. Pas de SVG : un SVG est un document
  qui peut contenir du script ; le nettoyer sûrement demanderait une bibliothèque de plus pour un
  format dont les CCAS n'ont pas besoin (une photo, une capture, un schéma exporté en PNG).
- **Données personnelles** : ni e-mail, ni téléphone, ni NIR, ni IBAN, ni nom de personne
  (``commun.donnees_personnelles``), sauf les contacts institutionnels de ``commun.yml``.
- **Limites** : ce qui ferait travailler Markdown sans fin (crochets, imbrications) est refusé
  avant d'être rendu.

Le corps est lu d'abord comme texte, hors blocs de code (reconnus par la règle même de
Python-Markdown) et hors code en ligne, pour dire la ligne exacte. Puis, si rien n'a été trouvé,
le HTML que produit vraiment le moteur qui rend les contenus sur le site (cmark-gfm, voir
``commun.conversion``) est contrôlé par la même liste : ce que la lecture
du texte aurait laissé passer (un bloc fermé plus tôt par l'un que par l'autre, un code en ligne
dans un bloc HTML brut, un lien échappé) est refusé quand même. Le hook ``hooks/surete.py``
refait ce contrôle dans chaque page construite.

Les contrôles produisent des ``(ligne, message)`` et n'affichent rien. Ni ``html.parser``
(quadratique sur « <!--<!--… »), ni motif à retour arrière : sur un fichier piégé de 100 Ko
(la taille maximale), ils prennent moins d'une seconde (``tests/test_hostile.py``).
"""

from __future__ import annotations

import html
import re
import secrets
import struct
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markdown.extensions.fenced_code import FencedBlockPreprocessor

from commun import audio, conversion, pdf
from commun.donnees_personnelles import verifier_donnees_personnelles
from commun.source import Source
from commun.verification import CLOTURE, FERMETURE, OUVERTURE, lignes_et_code

Signalement = tuple[int, str]

# --- Ce qui est permis -----------------------------------------------------------------------

# Les balises qu'un contributeur peut écrire, et leurs attributs. Pas de <div> ni de <span> :
# sans classe ni style ils ne font rien, et <div> ouvre un bloc que Markdown ne lit plus.
BALISES: dict[str, frozenset[str]] = {
    "br": frozenset(), "sup": frozenset(), "sub": frozenset(), "kbd": frozenset(),
    "mark": frozenset(), "del": frozenset(), "ins": frozenset(), "summary": frozenset(),
    "abbr": frozenset({"title"}),
    "details": frozenset({"open", "markdown"}),  # markdown="1" : du Markdown à l'intérieur
}
EXEMPLES = {"abbr": '<abbr title="Centre communal d\'action sociale">CCAS</abbr>',
            "details": '<details markdown="1">', "br": "<br>"}

# Ce que Markdown produit lui-même, en plus : contrôlé dans le HTML rendu.
BALISES_RENDUES: dict[str, frozenset[str]] = {
    **{nom: frozenset() for nom in (
        "p", "strong", "em", "code", "ul", "li", "blockquote", "hr", "table", "thead",
        "tbody", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "div")},
    **BALISES,
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title"}),
    "ol": frozenset({"start"}),
    "pre": frozenset({"lang"}),  # cmark-gfm : le langage d'un bloc de code
    "th": frozenset({"style", "align"}), "td": frozenset({"style", "align"}),
}
GLOBAUX_RENDUS = frozenset({"id", "class"})  # ancres des titres, admonitions, attr_list
ALIGNEMENT = re.compile(r"text-align: (?:left|right|center);")  # colonnes de tableau

SCHEMAS_LIENS = {"http", "https", "mailto", "tel"}
SCHEMAS_DANGEREUX = {"javascript", "vbscript", "data"}
IMAGES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP"}
DOCUMENTS = {".pdf": "PDF"}
TABLEURS = {".csv", ".tsv", ".xlsx", ".xls", ".ods"}  # des réponses brutes, peut-être
POIDS_MAX = {"PNG": 300_000, "JPEG": 300_000, "WebP": 300_000, "PDF": 2_000_000}  # octets
COTE_MAX = 4096  # pixels : au-delà, l'image décodée pèse des centaines de Mo dans un téléphone

DANGEREUSES = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link",
    "meta", "base", "form", "input", "button", "textarea", "select", "option", "svg", "math",
    "template", "noscript", "portal", "video", "audio", "source", "track", "canvas", "xmp",
    "plaintext", "noembed", "noframes", "param", "marquee", "dialog",
}
CONSEILS = {
    **dict.fromkeys(("b", "strong"), "écrivez **texte** pour mettre en gras"),
    **dict.fromkeys(("i", "em"), "écrivez *texte* pour mettre en italique"),
    "a": "écrivez [texte du lien](adresse) pour un lien",
    "img": "écrivez ![description](images/photo.jpg) pour une image",
    **{f"h{i}": "écrivez « ## Titre » pour un titre de section" for i in range(1, 7)},
    **dict.fromkeys(("ul", "ol", "li"), "écrivez une liste avec « - » en début de ligne"),
    **dict.fromkeys(("table", "thead", "tbody", "tr", "td", "th"),
                    "écrivez un tableau Markdown (« | a | b | »)"),
}

# --- Limites (Markdown peut mettre des minutes, ou planter, sur ces constructions) --------------

CROCHETS_PAR_BLOC = 300
CROCHETS_MAX = 2_000
SUITE_MAX = 200          # « * » ou « _ » à la suite
CITATIONS_MAX = 20       # « > » imbriqués
RETRAIT_MAX = 100        # colonnes d'indentation
BLOCS_MAX = 100          # lignes « ``` » ou « ~~~ » (Markdown cherche la fin de chaque bloc ouvert)
LONGUEUR_BALISE_MAX = 2_000

# --- Le texte tel que Markdown le lit ---------------------------------------------------------


@dataclass
class Texte:
    """Le corps tel que le site le rend (``corps.strip()``, tabulations développées comme le fait
    Markdown), et de quoi retrouver la ligne dans le fichier d'une position."""

    texte: str
    premiere_ligne: int
    sauts: list[int]

    @classmethod
    def du_corps(cls, source: Source) -> Texte:
        corps = source.corps
        retire = corps[: len(corps) - len(corps.lstrip())].count("\n")
        texte = re.sub(r"(?<=\n) +\n", "\n", corps.strip().expandtabs(4))
        sauts = [m.start() for m in re.finditer("\n", texte)]
        return cls(texte, source.ligne_corps + retire, sauts)

    def ligne(self, position: int) -> int:
        return self.premiere_ligne + bisect_right(self.sauts, position - 1)


def _effacer(texte: str, plages: Iterable[tuple[int, int]]) -> str:
    """Remplace chaque ``texte[debut:fin]`` par des espaces (les sauts de ligne restent)."""
    morceaux, fin_precedente = [], 0
    for debut, fin in sorted(plages):
        debut = max(debut, fin_precedente)
        morceaux += [texte[fin_precedente:debut], re.sub(r"[^\n]", " ", texte[debut:fin])]
        fin_precedente = max(fin, fin_precedente)
    return "".join(morceaux) + texte[fin_precedente:]


SUITE_DE_BACKTICKS = re.compile(r"`+")


def codes_en_ligne(ligne: str) -> Iterator[tuple[int, int]]:
    """(début, fin) des codes en ligne d'une ligne : une suite de n « ` » (non précédée de
    « \\ ») jusqu'à la suivante de n exactement. En temps linéaire : chaque longueur de suite a sa
    liste de positions."""
    suites = [m.span() for m in SUITE_DE_BACKTICKS.finditer(ligne)]
    par_longueur: dict[int, list[int]] = {}
    for i, (debut, fin) in enumerate(suites):
        par_longueur.setdefault(fin - debut, []).append(i)
    i = 0
    while i < len(suites):
        debut, fin = suites[i]
        candidates = par_longueur[fin - debut]
        j = bisect_right(candidates, i)
        if (debut == 0 or ligne[debut - 1] != "\\") and j < len(candidates) \
                and suites[candidates[j]][0] > fin:
            yield debut, suites[candidates[j]][1]
            i = candidates[j] + 1
        else:
            i += 1
def masquer_le_code(texte: str) -> tuple[str, str, list[tuple[int, str]]]:
    """Le texte sans ses blocs de code (la règle même de Markdown) ; le même sans le code en
    ligne non plus (sur une ligne : une approximation, que le contrôle du rendu complète) ; et
    les attributs écrits sur l'ouverture des blocs (``{ … }``)."""
    morceaux: list[str] = []
    attributs: list[tuple[int, str]] = []
    fin = 0
    for m in FencedBlockPreprocessor.FENCED_BLOCK_RE.finditer(texte):
        morceaux.append(texte[fin:m.start()])
        morceaux.append(re.sub(r"[^\n]", " ", m.group()))
        fin = m.end()
        if m.group("attrs"):
            attributs.append((m.start(), m.group("attrs")))
    morceaux.append(texte[fin:])
    sans_blocs = "".join(morceaux)
    lignes = sans_blocs.split("\n")
    for i, ligne in enumerate(lignes):
        if "`" in ligne and (codes := list(codes_en_ligne(ligne))):
            lignes[i] = _effacer(ligne, codes)
    return sans_blocs, "\n".join(lignes), attributs


# --- Les balises HTML (un analyseur borné : ni html.parser, quadratique sur des « <a<a<a… »,
#     ni motif à retour arrière) ------------------------------------------------------------

DEBUT_BALISE = re.compile(r"<(?=[a-zA-Z/!?])")
NOM_BALISE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
# une balise « propre » : des attributs séparés par des espaces, valeurs sans « < » ni « > »
BALISE = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)
    ((?:\s+[^\s"'<>/=`]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'=<>`]+))?)*)
    \s*(/?)>""", re.X)
ATTRIBUT = re.compile(r"""\s+([^\s"'<>/=`]+)
    (?:\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'=<>`]+)))?""", re.X)


@dataclass(frozen=True)
class Balise:
    position: int
    nom: str            # en minuscules ; "" pour un commentaire ou une déclaration
    fermante: bool
    attributs: tuple[tuple[str, str | None], ...]
    probleme: str = ""  # balise mal écrite, commentaire non fermé…


def balises(texte: str) -> Iterator[Balise]:
    """Les balises, commentaires et déclarations de ``texte``, dans l'ordre."""
    position = 0
    while (m := DEBUT_BALISE.search(texte, position)) is not None:
        debut = m.start()
        position = debut + 1
        if texte.startswith("<!--", debut):
            fin = texte.find("-->", debut + 4)
            if fin == -1:
                yield Balise(debut, "", False, (), "commentaire HTML « <!-- » jamais fermé : "
                                                    "ajoutez « --> » ou retirez-le")
                return  # tout le reste serait dans le commentaire
            contenu = texte[debut + 4:fin]
            if "<" in contenu or ">" in contenu:
                yield Balise(debut, "", False, (), "un commentaire HTML ne peut pas contenir "
                                                   "« < » ni « > » : retirez-les")
            position = fin + 3
            continue
        if texte[debut + 1] in "!?":
            yield Balise(debut, "", False, (), f"« {texte[debut:debut + 2]}… » (déclaration "
                                               "HTML) n'a pas sa place ici : retirez-le")
            continue
        nom = NOM_BALISE.match(texte, debut)
        if nom is None:  # « </ » suivi d'autre chose qu'une lettre : du texte
            continue
        fermante, nom_balise = bool(nom.group(1)), nom.group(2).lower()
        b = BALISE.match(texte, debut, min(len(texte), debut + LONGUEUR_BALISE_MAX))
        if b is None or (fermante and (b.group(3) or b.group(4))):
            yield Balise(debut, nom_balise, fermante, (), "mal écrite")
            continue
        attributs = tuple((a.group(1).lower(), next((v for v in a.group(2, 3, 4) if v is not None),
                                                     None))
                          for a in ATTRIBUT.finditer(b.group(3)))
        yield Balise(debut, nom_balise, fermante, attributs)
        position = b.end()


@cache
def _conseil(nom: str) -> str:
    if nom in DANGEREUSES:
        return (f"balise HTML <{nom}> interdite : le contenu contribué ne peut ni exécuter de "
                "script, ni intégrer ou charger autre chose ; retirez-la")
    conseil = CONSEILS.get(nom, "retirez-la (la mise en forme vient du site ; si vous vouliez "
                                "écrire le signe « < », mettez une espace après)")
    return (f"balise HTML <{nom}> non autorisée : {conseil}. Balises acceptées : "
            + ", ".join(f"<{n}>" for n in sorted(BALISES)))


def probleme_de_balise(balise: Balise, permises: dict[str, frozenset[str]],
                       globaux: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(clé, message) de ce qui ne va pas dans ``balise`` selon la liste ``permises``."""
    nom = balise.nom
    if not nom:
        return [("<!", balise.probleme)] if balise.probleme else []
    if nom not in permises and balise.fermante:
        return []  # « </script> » seul ne fait rien ; l'ouvrante, elle, est signalée
    if nom not in permises:
        return [(f"<{nom}", _conseil(nom))]
    if balise.probleme:
        exemple = EXEMPLES.get(nom, f"<{nom}>…</{nom}>")
        return [(f"<{nom}", f"balise <{nom}> mal écrite : écrivez-la simplement, par exemple "
                            f"{exemple}, sans « < » ni « > » dans les guillemets")]
    problemes = []
    for attribut, valeur in balise.attributs:
        if attribut.startswith("on"):
            problemes.append((attribut, (
                f"attribut « {attribut} » interdit sur <{nom}> : un attribut « on… » lance du "
                "script ; retirez-le")))
        elif attribut == "style" and nom in ("th", "td") and ALIGNEMENT.fullmatch(valeur or ""):
            continue
        elif attribut == "style":
            problemes.append((attribut, f"attribut « style » interdit sur <{nom}> : la mise en "
                                        "forme vient du site ; retirez-le"))
        elif attribut not in permises[nom] and attribut not in globaux:
            possibles = ", ".join(sorted(permises[nom] | globaux)) or "aucun"
            problemes.append((attribut, f"attribut « {attribut} » non autorisé sur <{nom}> "
                                        f"(attributs possibles : {possibles}) ; retirez-le"))
    return problemes


# --- Les liens ---------------------------------------------------------------------------------

def _telle_que_lue(adresse: str) -> str:
    """Une adresse comme le navigateur la reçoit : échappements Markdown (« \\: ») et entités
    (« &#106; ») décodés, tabulations et sauts de ligne ignorés."""
    adresse = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", adresse)
    return re.sub(r"[\t\n\r]", "", html.unescape(adresse)).strip("\x00 \f\v")


def schema(adresse: str) -> str | None:
    """Le schéma d'une adresse (« javascript ») tel que le navigateur le lit, ou None."""
    adresse = _telle_que_lue(adresse)
    m = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", adresse)
    return m.group(1).lower() if m else None


def _abrege(adresse: str) -> str:
    return adresse if len(adresse) <= 60 else adresse[:57] + "…"


def probleme_de_lien(adresse: str) -> str | None:
    nom = schema(adresse)
    if nom is None or nom in SCHEMAS_LIENS:
        return None
    pourquoi = "peut lancer du script" if nom in SCHEMAS_DANGEREUX else "n'est pas accepté"
    return (f"lien « {_abrege(adresse)} » refusé : « {nom}: » {pourquoi} ; seuls les liens "
            "http://, https://, mailto: et tel: (ou vers une page du commun) sont acceptés")


def probleme_d_image(adresse: str) -> str | None:
    propre = _telle_que_lue(adresse)
    if schema(propre) is not None or re.match(r"[/\\]{2}", propre):
        return (f"image « {_abrege(adresse)} » prise sur un autre site : déposez le fichier dans "
                "le dépôt (par exemple fiches/images/) et écrivez son chemin ; une image d'un "
                "autre site le renseigne sur chaque lecteur")
    extension = Path(propre.split("#", 1)[0].split("?", 1)[0]).suffix.lower()
    if extension == ".svg":
        return (f"image « {_abrege(adresse)} » : les images SVG ne sont pas acceptées (elles "
                "peuvent contenir du script) ; exportez-la en PNG")
    if extension not in IMAGES:
        return (f"image « {_abrege(adresse)} » : seules les images PNG, JPEG et WebP sont "
                "acceptées ; enregistrez-la dans un de ces formats")
    return None


# une destination de lien : « <…> », ou sans espace avec des parenthèses équilibrées sur un niveau
_ADRESSE = r"(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
DESTINATION = re.compile(r"\]\(\s*" + _ADRESSE)
IMAGE = re.compile(r"!\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*" + _ADRESSE)
REFERENCE = re.compile(r"\[([^\[\]\n]*)\]:[ ]*\n?[ >]*(<[^<>\n]*>|\S+)")
IMAGE_REFERENCE = re.compile(r"!\[([^\[\]\n]*)\](?:[ ]?\[([^\[\]\n]*)\])?")
LIEN_AUTOMATIQUE = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")
COURRIEL_AUTOMATIQUE = re.compile(r"<[^<> !]+@[^@<> ]+>")
ACCOLADES = re.compile(r"\{[^{}\n=]*=[^{}\n]*\}")


def _sans_chevrons(adresse: str) -> str:
    return adresse[1:-1] if adresse.startswith("<") and adresse.endswith(">") else adresse


def _liens(t: Texte, masque: str) -> Iterator[Signalement]:
    for m in DESTINATION.finditer(masque):
        if message := probleme_de_lien(_sans_chevrons(m.group(1))):
            yield t.ligne(m.start(1)), message
    for m in IMAGE.finditer(masque):
        if message := probleme_d_image(_sans_chevrons(m.group(1))):
            yield t.ligne(m.start(1)), message
    references = {}
    for m in REFERENCE.finditer(masque):
        adresse = _sans_chevrons(m.group(2))
        references[" ".join(m.group(1).lower().split())] = (m.start(2), adresse)
        if message := probleme_de_lien(adresse):
            yield t.ligne(m.start(2)), message
    for m in IMAGE_REFERENCE.finditer(masque):
        etiquette = " ".join((m.group(2) or m.group(1)).lower().split())
        if etiquette in references and (message := probleme_d_image(references[etiquette][1])):
            yield t.ligne(references[etiquette][0]), message
    for m in LIEN_AUTOMATIQUE.finditer(masque):
        if message := probleme_de_lien(m.group(1)):
            yield t.ligne(m.start()), message


def _accolades(t: Texte, masque: str, ouvertures: list[tuple[int, str]]
               ) -> Iterator[Signalement]:
    """Les attributs ``{ nom=valeur }`` de l'extension attr_list : seuls #ancre et .classe."""
    message = ("attributs « {} » refusés : le contenu contribué ne peut pas ajouter d'attributs "
               "HTML (onclick, style…) ; seuls « {{#ancre}} » et « {{.classe}} » sont acceptés")
    for m in ACCOLADES.finditer(masque):
        yield t.ligne(m.start()), message.format(_abrege(m.group()))
    for position, attributs in ouvertures:
        if "=" in attributs:
            yield t.ligne(position), message.format(_abrege("{" + attributs + "}"))


LIGNE_DE_BLOC = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.M)


def _trop_de_blocs(t: Texte) -> Iterator[Signalement]:
    """Chaque ouverture de bloc de code sans fermeture fait relire tout le reste du texte à
    Python-Markdown : leur nombre est borné avant tout autre contrôle."""
    lignes = [m.start() for m in LIGNE_DE_BLOC.finditer(t.texte)]
    if len(lignes) > BLOCS_MAX:
        yield t.ligne(lignes[BLOCS_MAX]), (
            f"trop de lignes « ``` » ou « ~~~ » ({len(lignes)}, {BLOCS_MAX} au plus) : un bloc de "
            "code s'ouvre et se ferme par une de ces lignes ; retirez celles en trop")


def _limites(t: Texte, texte: str) -> Iterator[Signalement]:
    """Ce sur quoi Markdown travaillerait des minutes, ou planterait (récursion) ; ``texte`` :
    celui de ``t`` sans les blocs de code (que Markdown met de côté avant tout)."""
    if (n := texte.count("[")) > CROCHETS_MAX:
        yield t.premiere_ligne, (f"le texte contient trop de crochets « [ » ({n}, "
                                 f"{CROCHETS_MAX} au plus) : retirez ceux qui ne font pas un lien")
        return
    debut = 0
    for m in re.finditer(r"\n[ \t]*\n|\Z", texte):
        if (n := texte.count("[", debut, m.start())) > CROCHETS_PAR_BLOC:
            yield t.ligne(debut), (f"ce paragraphe contient trop de crochets « [ » ({n}, "
                                   f"{CROCHETS_PAR_BLOC} au plus) : coupez-le en plusieurs")
        debut = m.end()
    suite = f"{{{SUITE_MAX + 1},}}"  # le quantifieur « {n,} » des expressions régulières
    for m in re.finditer(rf"\*{suite}|_{suite}", texte):
        yield t.ligne(m.start()), (f"trop de « {m.group()[0]} » à la suite ({len(m.group())}, "
                                   f"{SUITE_MAX} au plus) : raccourcissez cette ligne")
    for m in re.finditer(rf"^(?:[ ]{{0,3}}>){{{CITATIONS_MAX + 1},}}", texte, re.M):
        yield t.ligne(m.start()), (f"trop de citations « > » imbriquées ({CITATIONS_MAX} au "
                                   "plus) : simplifiez")
    for m in re.finditer(rf"^[ ]{{{RETRAIT_MAX + 1},}}(?=\S)", texte, re.M):
        yield t.ligne(m.start()), (f"ligne trop en retrait ({len(m.group())} espaces, "
                                   f"{RETRAIT_MAX} au plus) : réduisez les retraits")


# --- Le rendu ------------------------------------------------------------------------------------

def rendu(texte: str) -> str:
    """Le HTML de ``texte`` par le moteur qui rend le corps des contenus sur le site : cmark-gfm
    (``commun.conversion``), le même qu'au build."""
    return conversion.en_html(texte)[0]


def html_refuse(code_html: str) -> list[tuple[str, str]]:
    """(clé, message) de chaque balise, attribut ou adresse refusés dans du HTML rendu."""
    problemes: list[tuple[str, str]] = []
    for balise in balises(code_html):
        if balise.nom == "input" and not balise.fermante \
                and dict(balise.attributs).get("type") == "checkbox" \
                and {a for a, _ in balise.attributs} <= {"type", "checked", "disabled"}:
            continue  # la case d'une liste de tâches GFM (« - [ ] à faire »)
        problemes += probleme_de_balise(balise, BALISES_RENDUES, GLOBAUX_RENDUS)
        for attribut, valeur in balise.attributs:
            if valeur is None:
                continue
            if balise.nom == "a" and attribut == "href" and (message := probleme_de_lien(valeur)):
                problemes.append((html.unescape(valeur), message))
            if balise.nom == "img" and attribut == "src" and (message := probleme_d_image(valeur)):
                problemes.append((html.unescape(valeur), message))
    return problemes


def _localiser(t: Texte, cle: str) -> int:
    """La première ligne du texte qui contient ``cle`` (sans tenir compte de la casse)."""
    position = t.texte.lower().find(cle.lower())
    return t.ligne(position) if position >= 0 else t.premiere_ligne


def _blocs_non_fermes(t: Texte) -> Iterator[Signalement]:
    """Un bloc de code « ``` » jamais fermé : selon le moteur, il avale toute la suite de la page
    (cmark-gfm, GitHub) ou s'affiche en texte brut (Python-Markdown). Les blocs sont lus par
    ``verification.lignes_et_code``, comme partout ailleurs."""
    ouverture: tuple[int, str] | None = None  # (numéro de la ligne, sa clôture)
    for numero, (ligne, place) in enumerate(lignes_et_code(t.texte)):
        if place == OUVERTURE and (m := CLOTURE.match(ligne)) is not None:
            ouverture = (numero, m.group(1))
        elif place == FERMETURE:
            ouverture = None
    if ouverture is not None:
        numero, cloture = ouverture
        yield t.premiere_ligne + numero, (
            f"bloc de code « {cloture} » jamais fermé : ajoutez une ligne « {cloture} » après le "
            "code (sinon toute la suite de la page s'affiche comme du code)")


# --- Le corps -----------------------------------------------------------------------------------

def verifier_corps(source: Source) -> list[Signalement]:
    """HTML, attributs, liens et images du corps, et les limites de Markdown."""
    t = Texte.du_corps(source)
    if problemes := list(_trop_de_blocs(t)):
        return problemes
    sans_blocs, masque, ouvertures = masquer_le_code(t.texte)
    problemes = sorted(set(_limites(t, sans_blocs)))
    if problemes:  # ne pas faire travailler Markdown (ni la suite) sur un texte piégé
        return problemes
    problemes += _liens(t, masque)  # les liens automatiques « <…> » sont des liens, pas du HTML
    masque = _effacer(masque, [m.span() for m in (*LIEN_AUTOMATIQUE.finditer(masque),
                                                  *COURRIEL_AUTOMATIQUE.finditer(masque))])
    for balise in balises(masque):
        problemes += [(t.ligne(balise.position), message)
                      for _, message in probleme_de_balise(balise, BALISES)]
    problemes += [*_accolades(t, masque, ouvertures), *_blocs_non_fermes(t)]
    if not problemes:  # le HTML que produit vraiment le moteur du site, même liste
        problemes = [(_localiser(t, cle), message)
                     for cle, message in html_refuse(rendu(t.texte))]
    return sorted(set(problemes))


def verifier_source(source: Source, contacts_autorises: Iterable[str] = (),
                    connus: Iterable[str] = ()) -> list[Signalement]:
    """Tous les contrôles de sûreté d'un fichier Markdown contribué (``connus`` : les mots du
    référentiel, voir ``donnees_personnelles.connus``)."""
    return sorted({*verifier_corps(source),
                   *verifier_donnees_personnelles(source, contacts_autorises, connus)})


# --- Images et documents déposés ----------------------------------------------------------------

SIGNATURES = {
    "PNG": lambda d: d.startswith(b"\x89PNG\r\n\x1a\n"),
    "JPEG": lambda d: d.startswith(b"\xff\xd8\xff"),
    "WebP": lambda d: d[:4] == b"RIFF" and d[8:12] == b"WEBP",
    "PDF": lambda d: d.startswith(b"%PDF-"),
}


def dimensions(type_image: str, donnees: bytes) -> tuple[int, int] | None:
    """Largeur et hauteur lues dans l'en-tête d'une image (sans la décoder), ou None."""
    try:
        if type_image == "PNG" and donnees[12:16] == b"IHDR":
            return struct.unpack(">II", donnees[16:24])
        if type_image == "WebP":
            morceau = donnees[12:16]
            if morceau == b"VP8 ":
                l, h = struct.unpack("<HH", donnees[26:30])
                return l & 0x3FFF, h & 0x3FFF
            if morceau == b"VP8L":
                b = int.from_bytes(donnees[21:25], "little")
                return (b & 0x3FFF) + 1, ((b >> 14) & 0x3FFF) + 1
            if morceau == b"VP8X":
                return (int.from_bytes(donnees[24:27], "little") + 1,
                        int.from_bytes(donnees[27:30], "little") + 1)
            return None
        if type_image == "JPEG":
            i = 2
            while i + 9 < len(donnees):
                if donnees[i] != 0xFF:
                    return None
                marqueur = donnees[i + 1]
                if marqueur == 0xFF:
                    i += 1
                    continue
                longueur = struct.unpack(">H", donnees[i + 2:i + 4])[0]
                if 0xC0 <= marqueur <= 0xCF and marqueur not in (0xC4, 0xC8, 0xCC):
                    h, l = struct.unpack(">HH", donnees[i + 5:i + 9])
                    return l, h
                i += 2 + longueur
    except struct.error:
        return None
    return None


def verifier_fichier_joint(chemin: Path) -> Iterator[Signalement]:
    """Une image, un document ou un enregistrement déposé dans un dossier de contenu : type (lu
    dans le fichier, pas seulement l'extension), poids, dimensions ou durée ; un PDF sans script
    ni fichier embarqué."""
    extension = chemin.suffix.lower()
    if chemin.is_symlink() or not chemin.is_file():
        yield 1, "ce fichier est un lien symbolique (ou n'est pas un fichier ordinaire) : " \
                 "remplacez-le par un vrai fichier"
        return
    if extension == ".svg":
        yield 1, ("les images SVG ne sont pas acceptées dans le contenu contribué (une image SVG "
                  "peut contenir du script) : exportez-la en PNG")
        return
    if extension in audio.FORMATS:  # les consignes enregistrées : voir commun.audio
        yield from ((1, message) for message in audio.problemes(chemin))
        return
    if extension in TABLEURS:
        yield 1, ("un tableau (CSV, tableur) n'a pas sa place ici : si ce sont des réponses à un "
                  "questionnaire, ce sont des données personnelles ; rangez-les dans reponses/ "
                  "(jamais versionné) et publiez seulement la synthèse (scripts/synthese.py)")
        return
    genre = IMAGES.get(extension) or DOCUMENTS.get(extension)
    if genre is None:
        yield 1, (f"type de fichier non accepté (« {extension or chemin.name} ») : seules les "
                  "images PNG, JPEG, WebP, les documents PDF et les enregistrements M4A, MP3, "
                  "Ogg ou Opus peuvent être déposés ici")
        return
    poids = chemin.stat().st_size
    if poids == 0:
        yield 1, "fichier vide : déposez le bon fichier, ou retirez celui-ci"
        return
    if poids > POIDS_MAX[genre]:
        if genre == "PDF":
            yield 1, (f"document trop lourd ({poids / 1_000_000:.1f} Mo, "
                      f"{POIDS_MAX[genre] // 1_000_000} Mo au plus) : réenregistrez-le en "
                      "qualité standard (« Réduire la taille du fichier »)")
        else:
            yield 1, (f"image trop lourde ({poids // 1000} Ko, {POIDS_MAX[genre] // 1000} Ko au "
                      "plus pour rester légère sur un téléphone) : réduisez-la à 1600 pixels de "
                      "large et enregistrez-la en JPEG qualité 80 ou en WebP")
        return
    with chemin.open("rb") as fichier:
        donnees = fichier.read()
    if not SIGNATURES[genre](donnees):
        yield 1, (f"ce fichier n'est pas une vraie {'image' if genre != 'PDF' else 'document'} "
                  f"{genre} (son contenu ne correspond pas à l'extension « {extension} ») : "
                  f"réenregistrez-le en {genre} depuis votre logiciel")
        return
    if genre == "PDF":  # lu par qpdf : voir commun.pdf
        yield from ((1, message) for message in pdf.problemes(donnees))
        return
    taille = dimensions(genre, donnees)
    if taille is None:
        yield 1, "image illisible (en-tête abîmé) : réenregistrez-la depuis votre logiciel"
    elif max(taille) > COTE_MAX:
        yield 1, (f"image trop grande ({taille[0]} × {taille[1]} pixels, {COTE_MAX} au plus de "
                  "chaque côté) : réduisez-la à 1600 pixels de large")


def liens_symboliques(racine: Path, dossiers: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(chemin relatif, message) des liens symboliques des dossiers de contenu, le dossier
    lui-même compris (les fichiers .md sont signalés par le chargement)."""
    message = ("ce {} est un lien symbolique : remplacez-le par un vrai {} (rien ne doit venir "
               "d'en dehors du dépôt)")
    for dossier in dossiers:
        base = racine / dossier
        if base.is_symlink():
            yield f"{dossier}/", message.format("dossier", "dossier")
            continue
        if not base.is_dir():
            continue
        for chemin in sorted(base.rglob("*")):
            if chemin.is_symlink() and not (chemin.suffix == ".md" and chemin.parent == base):
                quoi = "dossier" if chemin.is_dir() else "fichier"
                yield chemin.relative_to(racine).as_posix(), message.format(quoi, quoi)


# --- Dans le site : le HTML d'une contribution, repéré dans sa page (hooks/surete.py) -------------

# Deux commentaires posés autour du corps d'une contribution avant le rendu (``encadrer``), que les
# deux moteurs recopient tels quels : le hook retrouve ainsi, dans le HTML de la page construite,
# ce qui vient du contributeur. La marque change à chaque build : un contributeur ne peut pas
# l'écrire pour sortir du contrôle.
MARQUE = f"commun-contribution-{secrets.token_hex(8)}"
DEBUT_CONTRIBUTION = f"<!-- {MARQUE} -->"
FIN_CONTRIBUTION = f"<!-- /{MARQUE} -->"


def encadrer(corps: str) -> str:
    """Le corps d'une contribution entre ses deux marques, pour le rendu."""
    return f"{DEBUT_CONTRIBUTION}\n\n{corps.strip()}\n\n{FIN_CONTRIBUTION}"


def contribution(page_html: str) -> tuple[str, str, str] | None:
    """(avant, HTML de la contribution, après) dans une page construite, marques retirées ; None
    si la page n'a pas de contribution. Sans marque de fin (jamais dans un contenu validé), la
    contribution court jusqu'au bout de la page."""
    debut = page_html.find(DEBUT_CONTRIBUTION)
    if debut == -1:
        return None
    fin = page_html.find(FIN_CONTRIBUTION, debut)
    fin = len(page_html) if fin == -1 else fin
    return (page_html[:debut], page_html[debut + len(DEBUT_CONTRIBUTION):fin],
            page_html[fin + len(FIN_CONTRIBUTION):] if fin < len(page_html) else "")


def localiser_dans_le_fichier(texte: str, cle: str) -> int:
    """La première ligne de ``texte`` qui contient ``cle`` (sans la casse), sinon 1."""
    position = texte.lower().find(cle.lower())
    return texte.count("\n", 0, position) + 1 if position >= 0 else 1
