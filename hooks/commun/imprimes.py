"""Les imprimés du commun en PDF, composés par Typst : le « Livret du Labo » (ou ses volumes)
et le certificat d'assiduité de chaque CCAS.

Le livrable final du programme est un Livret et un certificat par CCAS « aux caractéristiques
précises (logos) » : des PDF faits au build plutôt qu'une page imprimée par le navigateur. Les
gabarits sont des fichiers (``typst/livret.typ``, ``typst/certificat.typ``, ``typst/commun.typ``
pour ce qu'ils partagent) ; ce module leur prépare les données.

**Sûreté.** Le balisage Typst est un langage : il lit des fichiers, importe, appelle des
fonctions. Le texte contribué n'y entre donc jamais comme balisage : tout passe par un fichier
JSON que le gabarit lit avec ``json()`` et affiche comme du texte. Le corps d'une fiche, rendu en
HTML par cmark-gfm (``conversion.gfm``, le même moteur que les pages), devient un arbre de nœuds
(``{"t": "p", "c": […]}``, chaînes pour le texte) que ``commun.typ`` met en forme. La compilation
se fait dans un dossier temporaire, sa racine : Typst ne peut rien lire d'autre que les gabarits,
les données et les images qu'on y a copiés, et aucune police du système sinon celles qu'on lui
donne.

**Reproductible, et gardé d'un build à l'autre.** La date d'un volume du Livret est celle de son
contenu le plus récent (sa date de validation) ; celle d'un certificat, la fin du dernier labo
noté (à défaut, le jour du build, ``donnees.maintenant``, qui suit ``SOURCE_DATE_EPOCH``). Les
mêmes données font donc les mêmes octets, un autre jour aussi : un build garde dans un cache
(``.cache/pdf/`` du commun, que la publication conserve d'une fois à l'autre) chaque PDF sous
l'empreinte de ce qui le fait (gabarits, logos, polices, versions de Typst et de pikepdf,
données), et ne recompose que ceux dont l'empreinte a changé : une fiche de plus recompose le
volume qui la reçoit, pas les 36 autres.

Les polices sont celles du paquet Debian ``fonts-dejavu-core`` (DejaVu Sans, proche de Verdana,
que les règles de visibilité de l'UE citent), sinon celles que Typst embarque.

Le Livret suit les volumes de la page du site (``pages.livret``) : d'un seul tenant jusqu'à
``FICHES_PAR_LIVRET`` fiches, au-delà un volume pour les outils puis un par thématique et par
tranche de ``FICHES_PAR_LIVRET`` fiches, chacun avec sa couverture et son sommaire. Coût mesuré :
voir le README (« Livret et certificats en PDF »).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import re
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path
from typing import Any, cast

import pikepdf
import segno
import typst

from commun import canevas, suivi, typographie
from commun import vocabulaire as v
from commun.arriere_plan import dans_un_python_neuf
from commun.conversion import gfm
from commun.modele import Corpus, Fiche, Outil, Site
from commun.pages import livret as pages_livret
from commun.pages.elements import date, duree, participants, periode
from commun.pages.pagination import chemin_de_page
from commun.pages.programme import certificat_de, jours
from commun.telechargements import LIVRET, certificat_pdf, volume_pdf
from commun.verification import est_externe, resoudre

GABARITS = Path(__file__).parent / "typst"
EMBLEME = "assets/logos/embleme-ue.svg"  # dans docs/ : l'emblème de l'Union européenne
MENTION_UE = ("Cofinancé par", "l'Union européenne")  # à côté de l'emblème, en toutes lettres
# Les polices : DejaVu (paquet Debian fonts-dejavu-core), sinon celles de Typst
POLICES_DEBIAN = Path("/usr/share/fonts/truetype/dejavu")
POLICES = ("DejaVu Sans", "Libertinus Serif")
# Les PDF déjà faits, sous leur empreinte (``Compilateur``), dans le dossier du commun : un build
# ne recompose que ceux dont les données ont changé. La publication garde ce dossier (publier.yml).
CACHE = ".cache/pdf"
PROFONDEUR = 20  # au-delà, un corps imbriqué (listes, citations) est aplati en texte


def adresse_de_page(site: Site, src_uri: str) -> str:
    """L'adresse en ligne d'une page (« fiches/x.md » → « https://…/fiches/x/ »)."""
    chemin = src_uri.removesuffix(".md")
    chemin = "" if chemin == "index" else chemin.removesuffix("/index") + "/"
    return f"{site.url}{chemin}"


# --- Le corps d'un contenu : du HTML de cmark-gfm à un arbre de données -------------------------

Noeud = str | dict[str, Any]

_BLOCS = {"p", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "details",
          "summary", "div"}
_EN_LIGNE = {"em", "strong", "del", "ins", "mark", "sup", "sub", "kbd", "a"}
_VIDES = {"br", "hr", "img", "input"}
_RENOMMES = {"b": "strong", "i": "em", "s": "del"}


class _Arbre(HTMLParser):
    """Le HTML d'un corps (déjà contrôlé à l'entrée, ``commun.surete``) lu en nœuds. Les
    balises inconnues ne gardent que leur texte ; rien n'est jamais interprété."""

    def __init__(self, lien: Callable[[str], str | None]) -> None:
        super().__init__(convert_charrefs=True)
        self.lien = lien
        self.racine: dict[str, Any] = {"t": "racine", "c": []}
        self.pile: list[dict[str, Any]] = [self.racine]

    def handle_starttag(self, balise: str, attributs: list[tuple[str, str | None]]) -> None:
        balise = _RENOMMES.get(balise, balise)
        attrs = dict(attributs)
        haut = self.pile[-1]
        if balise in _VIDES:
            if balise == "br":
                haut["c"].append({"t": "br"})
            elif balise == "hr":
                haut["c"].append({"t": "hr"})
            elif balise == "img":
                haut["c"].append(f"[Image : {attrs.get('alt') or 'sans description'}]")
            elif attrs.get("type") == "checkbox":  # liste de tâches de GFM
                haut["c"].append("☑ " if "checked" in attrs else "☐ ")
            return
        noeud: dict[str, Any] = {"t": balise, "c": []}
        if balise in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            noeud = {"t": "h", "n": int(balise[1]), "c": []}
        elif balise == "ol":
            noeud["debut"] = int(attrs.get("start") or 1)
        elif balise == "a":
            cible = self.lien(attrs.get("href") or "")
            noeud = {"t": "a", "href": cible, "c": []} if cible else {"t": "span", "c": []}
        elif balise in {"th", "td"}:
            noeud["t"] = "cellule"
            noeud["entete"] = balise == "th"
        elif balise == "abbr" and attrs.get("title"):
            noeud["titre"] = attrs["title"]
        haut["c"].append(noeud)
        self.pile.append(noeud)

    def handle_endtag(self, balise: str) -> None:
        balise = _RENOMMES.get(balise, balise)
        if balise in _VIDES:
            return
        attendu = "h" if balise in {"h1", "h2", "h3", "h4", "h5", "h6"} else balise
        attendu = "cellule" if balise in {"th", "td"} else attendu
        for i in range(len(self.pile) - 1, 0, -1):  # referme jusqu'à la balise ouverte
            if self.pile[i]["t"] in (attendu, "span" if attendu == "a" else attendu):
                del self.pile[i:]
                return

    def handle_data(self, donnees: str) -> None:
        self.pile[-1]["c"].append(donnees)


def _finir(noeud: Noeud, profondeur: int = 0, code: bool = False) -> list[Noeud]:
    """Un nœud lu, mis en forme pour le gabarit : espaces du HTML réduits, typographie
    française, blocs de code et tableaux à plat, imbrication bornée. Rend une liste (un nœud
    peut disparaître ou se fondre dans son parent)."""
    if isinstance(noeud, str):
        return [noeud]
    t = noeud["t"]
    if t == "pre":
        return [{"t": "pre", "texte": _texte_brut(noeud).removesuffix("\n")}]
    if t == "code":
        return [{"t": "code", "texte": _texte_brut(noeud)}]
    if t == "abbr":
        noeud = {"t": "span", "c": [*noeud["c"], *([f" ({noeud['titre']})"]
                                                   if "titre" in noeud else [])]}
        t = "span"
    if profondeur >= PROFONDEUR:  # un piège (cent listes imbriquées) : son texte seul
        return [" ".join(_texte_brut(noeud).split())]
    enfants = _enfants(noeud, profondeur)
    if t == "table":
        lignes = list(_descendants(noeud, "tr"))
        cellules = [[_enfants(c, profondeur) for c in l["c"] if isinstance(c, dict)
                     and c["t"] == "cellule"] for l in lignes]
        colonnes = max((len(c) for c in cellules), default=0)
        if not colonnes:
            return []
        return [{"t": "table", "colonnes": colonnes, "lignes": [
            {"entete": any(c.get("entete") for c in l["c"] if isinstance(c, dict)),
             "cellules": c + [[]] * (colonnes - len(c))} for l, c in zip(lignes, cellules,
                                                                        strict=True)]}]
    if t in {"racine", "span", "div", "thead", "tbody"} or t not in _BLOCS | _EN_LIGNE | {
            "h", "hr", "br", "summary"}:
        return enfants
    resultat = {k: x for k, x in noeud.items() if k != "c"}
    if t in {"ul", "ol"}:  # une liste ne contient que ses éléments
        enfants = [e if isinstance(e, dict) and e["t"] == "li" else {"t": "li", "c": [e]}
                   for e in enfants if not isinstance(e, str) or e.strip()]
        if not enfants:
            return []
    if enfants:
        resultat["c"] = enfants
    if t == "a" and resultat.get("href"):  # sur papier, l'adresse en note si elle n'est pas lue
        resultat["note"] = _texte_brut(noeud).strip() != resultat["href"]
    return [resultat]


def _enfants(noeud: dict[str, Any], profondeur: int) -> list[Noeud]:
    resultat: list[Noeud] = []
    bloc = noeud["t"] in _BLOCS - {"p", "li", "summary"} or noeud["t"] == "racine"
    for enfant in noeud.get("c", []):
        if isinstance(enfant, str):
            morceau = " ".join(enfant.split())
            if enfant[:1].isspace() and morceau:
                morceau = " " + morceau
            if enfant[-1:].isspace() and morceau:
                morceau += " "
            if not morceau.strip() and (bloc or not enfant):
                continue  # les retours à la ligne entre deux blocs
            resultat.append(typographie.texte(morceau or " "))
        else:
            resultat += _finir(enfant, profondeur + 1)
    return resultat


def _texte_brut(noeud: Noeud) -> str:
    if isinstance(noeud, str):
        return noeud
    return "".join(_texte_brut(e) for e in noeud.get("c", []))


def _descendants(noeud: dict[str, Any], t: str) -> Iterator[dict[str, Any]]:
    for e in noeud.get("c", []):
        if isinstance(e, dict):
            if e["t"] == t:
                yield e
            else:
                yield from _descendants(e, t)


def arbre(markdown: str, src_uri: str, site: Site) -> list[Noeud]:
    """Le corps Markdown d'un contenu, en nœuds pour le gabarit : ses liens vers le commun
    deviennent des adresses en ligne, les autres restent tels quels (http, mailto, tel)."""

    def lien(href: str) -> str | None:
        if not href or href.startswith("#"):
            return None
        if est_externe(href):
            return href
        chemin, diese, ancre = href.partition("#")
        if not site.url:
            return None
        cible = resoudre(chemin, src_uri)
        adresse = adresse_de_page(site, cible) if cible.endswith(".md") else site.url + cible
        return adresse + diese + ancre

    lecteur = _Arbre(lien)
    lecteur.feed(gfm(markdown))
    lecteur.close()
    return _finir(lecteur.racine)


# --- Les données des gabarits ----------------------------------------------------------------


def qr(url: str) -> str:
    """Le code QR d'une adresse, en SVG (masque fixe, comme ``commun.impression``)."""
    sortie = io.BytesIO()
    segno.make(url, error="m", mask=0).save(sortie, kind="svg", border=0, xmldecl=False,
                                             svgns=True, scale=4, title=None)
    return sortie.getvalue().decode("utf-8")


# Le code QR que ``commun.impression`` met sous chaque page imprimée, seul : un chemin noir, sans
# rien d'autre (ni image, ni lien, ni texte) ; tout autre SVG est ignoré et le code refait.
_QR_DE_PAGE = re.compile(r'<div class="commun-impression"[^>]*><svg (width="\d+" height="\d+") '
                         r'class="commun-qr">(<path transform="scale\(\d+\)" stroke="#000" '
                         r'd="[MmHhVv0-9. -]+"/>)</svg>')


def code_de_page(page_html: str) -> str | None:
    """Le code QR d'une page du site déjà rendue, en SVG autonome, pour ne pas le refaire."""
    m = _QR_DE_PAGE.search(page_html)
    return f'<svg xmlns="http://www.w3.org/2000/svg" {m.group(1)}>{m.group(2)}</svg>' \
        if m else None


@dataclass(frozen=True)
class Imprime:
    """Un PDF fait : où il va dans le site, son contenu et son nombre de pages."""

    chemin: str
    octets: bytes
    pages: int
    empreinte: str = ""  # sous laquelle le cache le garde


def avec_embleme(site: Site) -> bool:
    """L'emblème de l'Union européenne et sa mention, si ``site.cofinancement`` (commun.yml)
    dit un cofinancement de l'Union européenne."""
    return "union européenne" in site.cofinancement.casefold()


def manquants(docs: Path, site: Site) -> list[str]:
    """Les images que les imprimés demandent et qui manquent (les logos de commun.yml sont
    déjà vérifiés au chargement) : « docs/assets/logos/embleme-ue.svg »."""
    return [f"{docs.name}/{EMBLEME}"] if avec_embleme(site) and not (docs / EMBLEME).is_file() \
        else []


@dataclass
class Compilateur:
    """Un dossier de compilation Typst : les gabarits, les logos et l'emblème y sont copiés une
    fois ; chaque document y écrit ses données (``donnees.json``) et se compile."""

    docs: Path  # le dossier docs/ du commun, d'où viennent les logos et l'emblème
    site: Site
    moment: datetime
    cache: Path | None = None  # où garder les PDF faits, sous leur empreinte
    dossier: Path = field(init=False)
    identite: dict[str, Any] = field(init=False)
    outillage: bytes = field(init=False)  # l'empreinte de ce qui compose, hors données

    def __post_init__(self) -> None:
        self.dossier = Path(tempfile.mkdtemp(prefix="commun-typst-"))
        for gabarit in GABARITS.glob("*.typ"):
            shutil.copy(gabarit, self.dossier / gabarit.name)
        (self.dossier / "logos").mkdir()
        logos = []
        for i, logo in enumerate(self.site.logos):
            source = self.docs / logo.chemin
            cible = f"logos/{i}{source.suffix.lower()}"
            shutil.copy(source, self.dossier / cible)
            logos.append({"fichier": f"/{cible}", "alt": logo.alt})
        embleme = None
        if avec_embleme(self.site):
            shutil.copy(self.docs / EMBLEME, self.dossier / "logos" / "embleme-ue.svg")
            embleme = "/logos/embleme-ue.svg"
        polices = [str(POLICES_DEBIAN)] if POLICES_DEBIAN.is_dir() else []
        self.polices = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                                   font_paths=polices)
        connues = set(self.polices.families())
        s = self.site
        self.identite = {
            "logos": logos, "embleme": embleme, "mention_ue": list(MENTION_UE),
            "polices": [p for p in POLICES if p in connues] or ["Libertinus Serif"],
            "couleur": s.couleur, "auteur": s.porteur or s.nom, "territoire": s.territoire,
            "programme": _t(" — ".join(x for x in (
                f"Programme {s.programme}" if s.programme else "", s.porteur) if x)),
        }
        outillage = hashlib.sha256(f"{version('typst')} {pikepdf.__version__} "
                                   f"{sorted(connues)}".encode())
        for fichier_ in sorted(p for p in self.dossier.rglob("*") if p.is_file()):
            outillage.update(f"{fichier_.relative_to(self.dossier)}\0".encode()
                             + fichier_.read_bytes())
        self.outillage = outillage.digest()

    def apercu(self, corpus: Corpus) -> str:
        """L'avertissement d'un PDF fait en mode aperçu (brouillons compris), sinon rien."""
        return "Aperçu : contient des brouillons non validés. Ne pas diffuser." \
            if corpus.apercu else ""

    def compiler(self, gabarit: str, donnees: dict[str, Any], chemin: str,
                 jour: str | None = None) -> Imprime:
        """Le PDF du gabarit avec ces données, daté de ``jour`` (AAAA-MM-JJ ; à défaut, le jour
        du build) : repris du cache s'il y est, sinon composé (et mis dans le cache)."""
        jour = jour or self.moment.date().isoformat()
        texte = json.dumps({**self.identite, **donnees, "date": date(jour)}, ensure_ascii=False)
        empreinte = hashlib.sha256(self.outillage + f"{gabarit}\0{jour}\0{texte}".encode()) \
            .hexdigest()[:32]
        garde = self.cache / f"{empreinte}.pdf" if self.cache is not None else None
        if garde is not None and garde.is_file():
            octets = garde.read_bytes()
            with pikepdf.open(io.BytesIO(octets)) as pdf:
                return Imprime(chemin, octets, len(pdf.pages), empreinte)
        (self.dossier / "donnees.json").write_text(texte, encoding="utf-8")
        # le jour à minuit (UTC) : les mêmes données font les mêmes octets
        horodatage = int(datetime.fromisoformat(f"{jour}T00:00:00+00:00").timestamp())
        brut = typst.compile(str(self.dossier / gabarit), root=str(self.dossier),
                             font_paths=self.polices, ignore_system_fonts=True,
                             sys_inputs={"donnees": "/donnees.json"}, timestamp=horodatage)
        # qpdf range les objets en flux compressés : deux fois plus léger (la structure
        # balisée, pour les lecteurs d'écran, tient en milliers de petits objets)
        sortie = io.BytesIO()
        with pikepdf.open(io.BytesIO(brut)) as pdf:
            pages = len(pdf.pages)
            pdf.save(sortie, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                     deterministic_id=True)
        if garde is not None:
            garde.parent.mkdir(parents=True, exist_ok=True)
            provisoire = garde.with_suffix(f".{os.getpid()}")
            provisoire.write_bytes(sortie.getvalue())
            provisoire.replace(garde)  # jamais un PDF à moitié écrit sous son empreinte
        return Imprime(chemin, sortie.getvalue(), pages, empreinte)

    def fermer(self) -> None:
        shutil.rmtree(self.dossier, ignore_errors=True)


def _t(texte: str) -> str:
    """Un texte affiché : la typographie française des pages (espaces insécables)."""
    return typographie.texte(texte)


# --- Le Livret ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Volume:
    """Un PDF du Livret : son fichier, son titre de volume (vide s'il n'y en a qu'un), ses
    parties (titre, outils ou fiches) et la page du site qui le montre."""

    chemin: str
    titre: str
    parties: list[tuple[str, list[Outil] | list[Fiche]]]
    page: str


def volumes(corpus: Corpus) -> list[Volume]:
    """Les PDF du Livret, dans l'ordre des volumes de la page du site. Le seuil est celui du
    site (``FICHES_PAR_LIVRET``, 150 fiches) : chaque page de volume mène à son PDF, et un
    volume de 150 fiches (300 pages environ, deux par fiche) reste un classeur qu'on imprime,
    un fichier de 1,5 Mo qu'un téléphone télécharge, et une composition de 300 Mo de mémoire."""
    config = corpus.configuration
    outils: list[tuple[str, list[Outil] | list[Fiche]]] = [
        (f"Outils — {p.libelle}", corpus.outils_de_phase(p.id)) for p in v.PHASES.values()]
    outils = [(titre, liste) for titre, liste in outils if liste]
    if len(corpus.fiches) <= pages_livret.FICHES_PAR_LIVRET:  # lu ici : les tests le baissent
        projets: list[tuple[str, list[Outil] | list[Fiche]]] = [
            (f"Projets — {t.nom}", corpus.fiches_de_thematique(t.id))
            for t in config.thematiques.values()]
        return [Volume(LIVRET, "", outils + [(t, l) for t, l in projets if l], "livret.md")]
    tranches = list(pages_livret.Livret(corpus).volumes_du_livret())
    total = len(tranches) + 1
    resultat = [Volume(volume_pdf(1), f"Volume 1 sur {total} — les outils", outils,
                       "livret/outils.md")]
    for i, (t, numero, parties, fiches) in enumerate(tranches, start=2):
        partie = f", partie {numero} sur {parties}" if parties > 1 else ""
        resultat.append(Volume(volume_pdf(i), f"Volume {i} sur {total} — {t.nom}{partie}",
                               [(f"Projets — {t.nom}{partie}", fiches)],
                               chemin_de_page(f"livret/{t.id}", numero)))
    return resultat


def _element(corpus: Corpus, c: Outil | Fiche, codes: dict[str, str]) -> dict[str, Any]:
    site = corpus.configuration.site
    url = adresse_de_page(site, c.src_uri)
    if isinstance(c, Outil):
        genre = f"Outil · {v.PHASES[c.phase].libelle}"
        meta = [("Type", v.TYPES_OUTIL[c.type].libelle), ("Durée", duree(c.duree_minutes)),
                ("Participants", participants(c)),
                ("Difficulté", v.DIFFICULTES[c.difficulte].libelle),
                ("Matériel", " ; ".join(c.materiel))]
    else:
        genre = f"Fiche projet · {corpus.configuration.thematiques[c.thematique].nom}"
        meta = [("CCAS", corpus.configuration.ccas[c.ccas].nom),
                ("Projet", v.PRIORITES[c.priorite].libelle), ("État", v.ETATS[c.etat].libelle),
                ("Équipe", " ; ".join(c.equipe))]
    return {"genre": genre, "titre": _t(c.titre), "resume": _t(c.resume),
            "exemple": c.exemple, "url": url, "qr": codes.get(url) or qr(url),
            "meta": [[l, _t(x)] for l, x in meta if x],
            "corps": arbre(c.corps, c.src_uri, site),
            "canevas": _canevas(corpus, c) if isinstance(c, Outil) else None}


def _canevas(corpus: Corpus, outil: Outil) -> dict[str, Any] | None:
    """Le canevas A4 d'un outil (``commun.canevas``), en SVG, imprimé sur la page qui suit,
    à sa taille (en portrait ou en paysage)."""
    if (c := corpus.canevas.get(outil.id)) is None:
        return None
    largeur, hauteur = canevas.dimensions(c, "A4")
    return {"svg": canevas.svg(c, "A4", pied=canevas.pied_de(corpus.configuration.site,
                                                               outil.id)),
            "largeur": largeur, "hauteur": hauteur}


def livret(compilateur: Compilateur, corpus: Corpus, volume: Volume,
           codes: dict[str, str] | None = None) -> Imprime:
    """Un volume du Livret (``codes`` : les codes QR déjà faits pour les pages, par adresse)."""
    s = corpus.configuration.site
    n_outils = sum(len(l) for t, l in volume.parties if t.startswith("Outils"))
    n_fiches = sum(len(l) for t, l in volume.parties if t.startswith("Projets"))
    compte = ", ".join(x for x in (
        f"{n_outils} outil{'s' if n_outils > 1 else ''}" if n_outils else "",
        f"{n_fiches} fiche{'s' if n_fiches > 1 else ''} projet{'s' if n_fiches > 1 else ''}"
        if n_fiches else "") if x)
    donnees = {
        "apercu": compilateur.apercu(corpus),
        "titre": "Livret du Labo",
        "titre_document": f"Livret du Labo — {s.nom}, {s.territoire}"
                          + (f" — {volume.titre}" if volume.titre else ""),
        "sous_titre": _t(f"Les outils et les projets du commun — {s.territoire}"),
        "volume": _t(volume.titre), "compte": compte,
        "url": adresse_de_page(s, volume.page),
        "pied": _t(f"Livret du Labo — {s.nom}, {s.territoire}"
                   + (f" — {volume.titre.split(' — ')[0]}" if volume.titre else "")),
        "colophon": [_t(x) for x in (
            s.cofinancement + "." if s.cofinancement else "",
            f"Contenus sous licence {s.licence_contenu}, sauf mention contraire. Seul le "
            "contenu validé est publié.") if x],
        "parties": [{"titre": _t(titre), "elements": [_element(corpus, c, codes or {})
                                                      for c in liste]}
                    for titre, liste in volume.parties],
    }
    dates = [d for _, liste in volume.parties for c in liste if (d := c.publie_le)]
    return compilateur.compiler("livret.typ", donnees, volume.chemin, max(dates, default=None))


# --- Les certificats -----------------------------------------------------------------------------


def certifies(corpus: Corpus) -> list[str]:
    """Les CCAS qui ont un certificat en PDF : les vrais (jamais une entité fictive), avec au
    moins une présence notée dans une feuille de présence publiée, sans exemple."""
    faits = corpus.sans_exemples()
    return [c for c in faits.configuration.ccas if suivi.assiduite(faits, c).labos]


def certificat(compilateur: Compilateur, corpus: Corpus, ccas: str) -> Imprime:
    faits = corpus.sans_exemples()
    config = faits.configuration
    s = config.site
    c = config.ccas[ccas]
    a = suivi.assiduite(faits, ccas)
    programme = s.programme or "du programme"
    lignes = []
    for l in a.labos:
        if l.presence is None:
            continue
        sur = f" sur {l.jours_du_labo}" if l.jours_du_labo else ""
        lignes.append([_t(config.labos[l.labo].nom),
                       _t(periode(l.debut, l.fin) if l.debut and l.fin else "—"),
                       _t(f"{len(l.presence.jours)}{sur} : {jours(l.presence.jours)}"),
                       str(l.presence.participants)])
    n, j = len(a.labos), a.jours_presents
    total = (f"Soit {n} labo{'s' if n > 1 else ''} et {j} jour{'s' if j > 1 else ''} de "
             "présence" + (f" sur {a.jours_de_labo} jour{'s' if a.jours_de_labo > 1 else ''} "
                           "de labo." if all(l.jours_du_labo for l in a.labos) else "."))
    url = adresse_de_page(s, certificat_de(ccas).removesuffix(".md") + "/index.md")
    donnees = {
        "apercu": compilateur.apercu(corpus),
        "titre_document": f"Certificat d'assiduité — {c.libelle}",
        "beneficiaire": _t(c.libelle[:1].upper() + c.libelle[1:]),
        "attestation": _t(f"La coordination du programme {programme} certifie que l'équipe "
                          f"projet du {c.libelle} a participé aux labos suivants de la "
                          "formation-action, ateliers de design et forum collectif réunissant "
                          "les CCAS du territoire :"),
        "entetes": ["Labo", "Dates du labo", "Jours de présence", "Participants"],
        "lignes": lignes, "total": _t(total),
        "fait_a": "Fait à ……………………………, le ……………………………",
        "signature": "Pour la coordination du programme, signature et cachet :",
        "cofinancement": _t(s.cofinancement + ".") if s.cofinancement else "",
        "source": _t("Établi d'après les feuilles de présence validées du commun :"),
        "url": url, "qr": qr(url),
    }
    fins = [l.fin for l in a.labos if l.presence is not None and l.fin]
    return compilateur.compiler("certificat.typ", donnees, certificat_pdf(ccas),
                                max(fins, default=None))


# --- Tout ----------------------------------------------------------------------------------------


def prevus(corpus: Corpus) -> list[str]:
    """Les chemins des PDF que ``imprimer`` écrira (connus avant de les composer : les pages
    du site y font des liens vérifiés)."""
    return [v_.chemin for v_ in volumes(corpus)] + [certificat_pdf(c) for c in certifies(corpus)]


def imprimer(corpus: Corpus, docs: Path, moment: datetime,
             codes: dict[str, str] | None = None, cache: Path | None = None) -> list[Imprime]:
    """Tous les PDF du commun publié : Livret (ou volumes), puis certificats. ``codes`` : les
    codes QR en SVG déjà calculés pour les pages du site (``commun.impression``), par adresse ;
    les autres se calculent ici. ``cache`` : le dossier où les PDF faits sont gardés sous leur
    empreinte ; il ne garde que ceux de ce build.

    Le tout dans un Python neuf (``python -m commun.imprimes``) : Typst compose sur un groupe
    de fils d'exécution créé à son premier appel, et un processus forké après cet appel
    l'attend pour toujours. Le processus qui appelle (le build, un test, « mkdocs serve ») a pu
    appeler Typst avant ; le Python neuf, jamais, avant de forker un fils par document."""
    # les volumes, découpés ici : au seuil du site tel que ce processus le voit
    faits = cast(list[Imprime], dans_un_python_neuf(
        "commun.imprimes", (corpus, docs, moment, codes, volumes(corpus), cache)))
    if cache is not None:  # les PDF d'avant qui ne servent plus
        servent = {f"{f.empreinte}.pdf" for f in faits}
        for garde in cache.glob("*.pdf"):
            if garde.name not in servent:
                garde.unlink(missing_ok=True)
    return faits


def _imprimer(corpus: Corpus, docs: Path, moment: datetime, codes: dict[str, str] | None,
              tomes: list[Volume], cache: Path | None) -> list[Imprime]:
    """``imprimer``, dans le Python neuf : chaque document est composé dans un fils forké
    (``_isole``)."""
    compilateur = Compilateur(docs, corpus.configuration.site, moment, cache)
    try:
        return [*(_isole(partial(livret, compilateur, corpus, x, codes))
                  for x in tomes),
                *(_isole(partial(certificat, compilateur, corpus, c))
                  for c in certifies(corpus))]
    finally:
        compilateur.fermer()


def _isole(travail: Callable[[], Imprime]) -> Imprime:
    """``travail()`` fait dans un processus fils (``fork``), qui rend son résultat et s'en va.
    Typst garde en mémoire, pour la compilation suivante, tout ce qu'il a mis en page : d'un
    volume à l'autre, 100 Mo de plus à chaque fois (3,6 Go à 5 000 fiches). Un fils par
    document rend cette mémoire à sa sortie. Sans ``fork`` (Windows), le travail se fait ici."""
    if not hasattr(os, "fork"):
        return travail()
    lecture, ecriture = os.pipe()
    fils = os.fork()
    if fils == 0:  # pragma: no cover (dans le fils)
        os.close(lecture)
        try:
            resultat = pickle.dumps(("ok", travail()))
        except BaseException:
            resultat = pickle.dumps(("erreur", traceback.format_exc()))
        with os.fdopen(ecriture, "wb") as sortie:
            sortie.write(resultat)
        os._exit(0)
    os.close(ecriture)
    with os.fdopen(lecture, "rb") as entree:
        octets = entree.read()
    os.waitpid(fils, 0)
    if not octets:
        raise RuntimeError("la composition d'un PDF s'est arrêtée sans résultat")
    genre, valeur = pickle.loads(octets)
    if genre == "erreur":
        raise RuntimeError(f"la composition d'un PDF a échoué :\n{valeur}")
    return cast(Imprime, valeur)


class Imprimeur:
    """``imprimer`` comme travail d'arrière-plan (``commun.arriere_plan.EnArrierePlan``) : il
    reçoit au fil des pages les codes QR que le site a déjà dessinés (``ajouter``), puis
    ``terminer`` compose les PDF."""

    def __init__(self, corpus: Corpus, docs: Path, moment: datetime,
                 cache: Path | None = None) -> None:
        self.corpus, self.docs, self.moment, self.cache = corpus, docs, moment, cache
        self.codes: dict[str, str] = {}

    def ajouter(self, url: str, svg: str) -> None:
        self.codes[url] = svg

    def terminer(self) -> list[Imprime]:
        return imprimer(self.corpus, self.docs, self.moment, self.codes, self.cache)


_ABSENT = """#set page(paper: "a4")
#set text(lang: "fr", size: 14pt)
= PDF non composé
Ce fichier est fait par un vrai build du site (« make build ») ; l'aperçu local
(« mkdocs serve ») ne compose pas les PDF.
""".encode()


def pdf_absent() -> bytes:
    """Ce que sert « mkdocs serve » à la place d'un PDF, qu'il ne compose pas : une page qui
    le dit."""
    return typst.compile(_ABSENT, font_paths=typst.Fonts(include_system_fonts=False),
                         ignore_system_fonts=True, timestamp=0)


if __name__ == "__main__":  # imprimer() : ses arguments sur l'entrée, les PDF sur la sortie
    from commun.imprimes import _imprimer as travail  # les classes du module, pas de __main__

    sys.stdout.buffer.write(pickle.dumps(travail(*pickle.loads(sys.stdin.buffer.read()))))
