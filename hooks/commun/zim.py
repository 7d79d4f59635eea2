"""Le commun en un fichier ZIM, pour Kiwix : le lecteur hors ligne des lieux sans réseau (sur
Android, sur un ordinateur, ou servi à toute une salle par ``kiwix-serve`` sur une petite boîte
Wi-Fi, sans internet).

Le ZIM est écrit par libzim en même temps que la copie hors ligne (le ZIP), avec les mêmes
fichiers : le contenu validé seul, et des liens déjà réécrits pour marcher sans serveur
(« dossier/index.html »), qui marchent tels quels dans le lecteur. Le texte des pages est
indexé en français (Xapian), et le lecteur montre les métadonnées (titre, description, langue,
auteur, éditeur, date, illustration 48 × 48).
"""

from __future__ import annotations

import contextlib
import functools
import html
import io
import mimetypes
import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ZIM = "telechargements/commun.zim"
PAGE_PRINCIPALE = "index.html"
# Des pages qui redisent les autres (les volumes du Livret à imprimer) : dans le ZIM, mais ni
# dans son index plein texte ni parmi ses articles (comme dans la recherche du site).
HORS_INDEX = ("livret/",)
TITRE = re.compile(rb"<title>(.*?)</title>", re.S)


@dataclass(frozen=True)
class Metadonnees:
    """Ce que Kiwix montre du fichier : un titre de 30 caractères au plus, une description de 80
    au plus (règles des métadonnées ZIM), le nom unique (« le-commun_fr_all »)."""

    titre: str
    description: str
    auteur: str
    editeur: str
    date: str  # AAAA-MM-JJ
    nom: str
    illustration: bytes  # PNG 48 × 48

    def champs(self) -> dict[str, str]:
        return {"Title": self.titre[:30], "Description": self.description[:80],
                "Language": "fra", "Creator": self.auteur, "Publisher": self.editeur,
                "Date": self.date, "Name": self.nom, "Tags": "_category:other;_pictures:yes"}


def _type(chemin: str) -> str:
    return {".js": "application/javascript", ".webmanifest": "application/manifest+json",
            ".ics": "text/calendar"}.get(Path(chemin).suffix) \
        or mimetypes.guess_type(chemin)[0] or "application/octet-stream"


@contextlib.contextmanager
def _sans_bavardage() -> Iterator[None]:
    """libzim écrit ses étapes sur la sortie standard (en C++) : elles n'ont rien à faire dans
    le journal du build."""
    sys.stdout.flush()
    sauvegarde = os.dup(1)
    with open(os.devnull, "wb") as neant:
        os.dup2(neant.fileno(), 1)
        try:
            yield
        finally:
            os.dup2(sauvegarde, 1)
            os.close(sauvegarde)


class EcrivainZim:
    """Le ZIM, écrit au fil de la copie hors ligne : chaque fichier dès qu'il y entre
    (``ajouter``, appelé par ``commun.hors_ligne.CopieZip`` dans son processus à part), puis les
    métadonnées à la fin (``terminer``). libzim compresse et indexe dans ses propres fils
    pendant que MkDocs rend les pages suivantes : le ZIM ne s'ajoute plus au bout du build.

    L'index plein texte reçoit le texte de l'article seul (``IndexData``), sans le menu ni le
    pied de page répétés dans chaque page : une recherche de « outils » dans Kiwix ne répond
    plus par toutes les pages, et Xapian a dix fois moins de texte à lire."""

    def __init__(self, cible: Path) -> None:
        from libzim.writer import Creator  # au build seulement

        cible.parent.mkdir(parents=True, exist_ok=True)
        cible.unlink(missing_ok=True)
        self.entrees = 0
        self.zim = Creator(str(cible)).config_indexing(True, "fra").config_nbworkers(2)
        with _sans_bavardage():
            self.zim.__enter__()
        self.zim.set_mainpath(PAGE_PRINCIPALE)

    def ajouter(self, chemin: str, contenu: bytes) -> None:
        self.zim.add_item(_entree(chemin, contenu))
        self.entrees += 1

    def terminer(self, meta: Metadonnees) -> int:
        """Les métadonnées, puis le fichier fermé ; rend le nombre d'entrées."""
        self.zim.add_illustration(48, meta.illustration)
        for cle, valeur in meta.champs().items():
            self.zim.add_metadata(cle, valeur)
        with _sans_bavardage():
            self.zim.__exit__(None, None, None)
        return self.entrees


_ARTICLE = re.compile(rb"<article\b.*?</article>", re.S)
_BALISE = re.compile(rb"<(script|style|svg)\b.*?</\1>|<[^>]+>", re.S)


def texte_de_l_article(page: bytes) -> str:
    """Le texte visible de l'article d'une page (sans menu, en-tête ni pied de page)."""
    article = m.group(0) if (m := _ARTICLE.search(page)) else b""
    return " ".join(html.unescape(_BALISE.sub(b" ", article).decode("utf-8", "replace"))
                    .split())


def sans_accents(texte: str) -> str:
    """Ce que libzim fait du texte qu'il extrait lui-même du HTML, et de chaque recherche : sans
    accents (« démarches » → « demarches »). Le texte qu'on lui donne tout prêt doit l'être
    aussi, sinon une recherche, avec ou sans accents, ne le trouve pas."""
    return "".join(c for c in unicodedata.normalize("NFD", texte)
                   if not unicodedata.combining(c))


def _entree(chemin: str, contenu: bytes) -> Any:
    return _classe_entree()(chemin, contenu)


@functools.cache
def _classe_entree() -> type:
    """La classe d'une entrée du ZIM, définie une fois (libzim ne s'importe qu'au build)."""
    from libzim.writer import Hint, IndexData, Item, StringProvider

    class Index(IndexData):
        def __init__(self, titre: str, texte: str, article: bool) -> None:
            super().__init__()
            self.titre, self.texte, self.article = titre, texte, article

        def has_indexdata(self) -> bool:
            return self.article

        def get_title(self) -> str:
            return sans_accents(self.titre)

        def get_content(self) -> str:
            return self.texte

        def get_keywords(self) -> str:
            return ""

        def get_wordcount(self) -> int:
            return len(self.texte.split())

    class Entree(Item):
        def __init__(self, chemin: str, contenu: bytes) -> None:
            super().__init__()
            self.chemin, self.contenu, self.genre = chemin, contenu, _type(chemin)
            self.article = self.genre == "text/html" and not chemin.startswith(HORS_INDEX)
            m = TITRE.search(contenu) if self.genre == "text/html" else None
            self.titre = html.unescape(m.group(1).decode("utf-8", "replace").strip()) if m \
                else ""

        def get_path(self) -> str:
            return self.chemin

        def get_title(self) -> str:
            return self.titre

        def get_mimetype(self) -> str:
            return self.genre

        def get_contentprovider(self) -> StringProvider:
            return StringProvider(self.contenu)

        def get_hints(self) -> dict:
            return {Hint.FRONT_ARTICLE: self.article,
                    Hint.COMPRESS: self.genre.startswith(("text/", "application/j"))}

        def get_indexdata(self) -> IndexData | None:
            if self.genre != "text/html":
                return None
            texte = sans_accents(texte_de_l_article(self.contenu)) if self.article else ""
            return Index(self.titre, texte, self.article)

    return Entree


def illustration(icone: Path) -> bytes:
    """L'icône du site réduite à 48 × 48, en PNG (ce que Kiwix affiche dans sa bibliothèque)."""
    from PIL import Image

    with Image.open(icone) as image:
        sortie = io.BytesIO()
        image.convert("RGBA").resize((48, 48), Image.Resampling.LANCZOS).save(sortie, "PNG")
        return sortie.getvalue()
