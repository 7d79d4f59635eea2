"""Du Markdown des fiches et des outils au HTML, avec cmark-gfm (la bibliothèque de GitHub).

Pourquoi pas Python-Markdown, comme le reste de MkDocs ? Il coûte 6 ms par page et cmark-gfm
0,06 ms : à 5 000 fiches, c'est une demi-minute de build. Et le contributeur voit sur GitHub
exactement le rendu du site, puisque c'est le même moteur (GFM : tableaux, listes, liens).

- ``en_html`` : le HTML d'un Markdown GFM. Le HTML brut des contributions est déjà passé par le
  validateur ; l'extension « tagfilter » de GFM neutralise en plus script, style, iframe… ;
- les titres reçoivent un identifiant (``{#id}`` explicite ou tiré du texte, comme MkDocs) ;
- ``relier`` réécrit les liens vers des fichiers Markdown (« ../outils/persona.md ») en
  adresses du site, relatives à la page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypedDict

import cffi
import cmarkgfm
from cmarkgfm import _cmark, cmark
from cmarkgfm.cmark import Options
from markdown.extensions.toc import slugify

from commun.verification import est_externe, resoudre

OPTIONS = Options.CMARK_OPT_UNSAFE
# Les extensions de GitHub ; les blocs de code gardent « class="language-x" » (et non
# « <pre lang="x"> », qui se lit comme une langue humaine invalide).
EXTENSIONS = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
TITRE = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
ID_EXPLICITE = re.compile(r"\s*\{#([A-Za-z0-9_-]+)\}\s*$")
BALISE = re.compile(r"<[^>]+>")
HREF = re.compile(r'(<a\s[^>]*?href=")([^"]*)(")|(<img\s[^>]*?src=")([^"]*)(")')


class JetonToc(TypedDict):
    """Un titre de la table des matières, au format de ``mkdocs.structure.toc.get_toc`` (le
    paquet commun n'importe pas MkDocs)."""

    level: int
    id: str
    name: str
    children: list[JetonToc]


@dataclass
class Titre:
    niveau: int
    id: str
    texte: str
    enfants: list[Titre] = field(default_factory=list)

    def jeton(self) -> JetonToc:
        """Le format de ``mkdocs.structure.toc.get_toc``."""
        return {"level": self.niveau, "id": self.id, "name": self.texte,
                "children": [e.jeton() for e in self.enfants]}


# ``cmarkgfm.markdown_to_html_with_extensions`` ne libère ni l'arbre du document ni le HTML
# rendu par la bibliothèque C : environ 25 ko perdus par page, 140 Mo à 5 000 fiches. On fait
# les mêmes appels, en libérant les deux (cmark_node_free, et free de la libc, l'allocateur
# par défaut de cmark). Là où la libc ne se trouve pas ainsi (Windows), la fonction d'origine.
_ffi = cffi.FFI()
_ffi.cdef("void cmark_node_free(void *node); void free(void *ptr);")
try:
    _liberer_noeud = _ffi.dlopen(_cmark.__file__).cmark_node_free
    _liberer = _ffi.dlopen(None).free
except (OSError, AttributeError, TypeError):
    _liberer_noeud = _liberer = None


def _pointeur(p: Any) -> object:
    return _ffi.cast("void *", int(_cmark.ffi.cast("uintptr_t", p)))


def gfm(markdown: str) -> str:
    """Le HTML de cmark-gfm, sans fuite de mémoire."""
    if _liberer is None:
        return cmarkgfm.markdown_to_html_with_extensions(markdown, options=OPTIONS,
                                                         extensions=EXTENSIONS)
    cmark.core_extensions_ensure_registered()
    analyseur = cmark.parser_new(options=OPTIONS)
    try:
        for nom in EXTENSIONS:
            cmark.parser_attach_syntax_extension(analyseur, cmark.find_syntax_extension(nom))
        cmark.parser_feed(analyseur, markdown)
        racine = cmark.parser_finish(analyseur)
        try:
            brut = _cmark.lib.cmark_render_html(racine, OPTIONS,
                                                cmark.parser_get_syntax_extensions(analyseur))
            try:
                return _cmark.ffi.string(brut).decode("utf-8")
            finally:
                _liberer(_pointeur(brut))
        finally:
            _liberer_noeud(_pointeur(racine))
    finally:
        cmark.parser_free(analyseur)


def en_html(markdown: str) -> tuple[str, list[Titre]]:
    """Le HTML, et les titres de niveau 2 et 3 (pour la table des matières)."""
    rendu = gfm(markdown)
    vus: dict[str, int] = {}  # identifiant → combien de fois déjà (« le-besoin_2 »…)
    titres: list[Titre] = []

    def ancrer(m: re.Match[str]) -> str:
        niveau, contenu = int(m.group(1)), m.group(2)
        if explicite := ID_EXPLICITE.search(contenu):
            contenu = contenu[: explicite.start()]
            ident = explicite.group(1)
        else:
            ident = slugify(html.unescape(BALISE.sub("", contenu)), "-") or "section"
        if ident in vus:
            vus[ident] += 1
            while f"{ident}_{vus[ident]}" in vus:
                vus[ident] += 1
            ident = f"{ident}_{vus[ident]}"
        vus[ident] = 0
        texte = BALISE.sub("", contenu).strip()  # du HTML échappé, comme l'attend le thème
        if niveau == 2 or (niveau == 3 and not titres):
            titres.append(Titre(niveau, ident, texte))
        elif niveau == 3:
            titres[-1].enfants.append(Titre(niveau, ident, texte))
        return f'<h{niveau} id="{ident}">{contenu}</h{niveau}>'

    return TITRE.sub(ancrer, rendu), titres


def relier(rendu: str, src_uri: str, adresse: Callable[[str], str | None]
           ) -> tuple[str, list[str]]:
    """Réécrit les liens relatifs ou depuis la racine (« /outils/x.md ») vers l'adresse de la
    page cible (``adresse(src_uri)`` rend l'URL relative à la page courante, ou None) ; rend
    aussi les cibles introuvables, que le hook signale comme MkDocs le fait pour les pages
    qu'il rend lui-même (fatal avec ``--strict``)."""
    introuvables: list[str] = []

    def reecrire(m: re.Match[str]) -> str:
        debut, cible, fin = (m.group(1), m.group(2), m.group(3)) if m.group(1) \
            else (m.group(4), m.group(5), m.group(6))
        valeur = html.unescape(cible)
        if not valeur or est_externe(valeur) or valeur.startswith("#"):
            return m.group(0)
        chemin, diese, ancre = valeur.partition("#")
        url = adresse(resoudre(chemin, src_uri))
        if url is None:
            introuvables.append(valeur)
            return m.group(0)
        return debut + html.escape(url + diese + ancre) + fin

    return HREF.sub(reecrire, rendu), introuvables


def admonition(genre: str, titre: str, texte: str) -> str:
    """Un encadré au format de Material (« !!! genre ») pour une page rendue par cmark."""
    return (f'<div class="admonition {genre}"><p class="admonition-title">{html.escape(titre)}'
            f"</p><p>{html.escape(texte)}</p></div>")
