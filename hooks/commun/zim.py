"""Le commun en un fichier ZIM, pour Kiwix : le lecteur hors ligne des lieux sans réseau (sur
Android, sur un ordinateur, ou servi à toute une salle par ``kiwix-serve`` sur une petite boîte
Wi-Fi, sans internet).

Le ZIM est écrit par libzim depuis la copie hors ligne (le ZIP), qui ne porte que le contenu
validé et dont les liens sont déjà réécrits pour marcher sans serveur (« dossier/index.html ») :
ils marchent tels quels dans le lecteur. Le texte des pages est indexé en français (Xapian), et
le lecteur montre les métadonnées (titre, description, langue, auteur, éditeur, date,
illustration 48 × 48).
"""

from __future__ import annotations

import contextlib
import io
import mimetypes
import os
import re
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ZIM = "telechargements/commun.zim"
PAGE_PRINCIPALE = "index.html"
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


def ecrire(copie_zip: Path, cible: Path, meta: Metadonnees) -> int:
    """Le ZIM de la copie hors ligne ``copie_zip`` dans ``cible`` ; rend le nombre d'entrées."""
    from libzim.writer import Creator, Hint, Item, StringProvider  # au build seulement

    class Entree(Item):
        def __init__(self, chemin: str, contenu: bytes) -> None:
            super().__init__()
            self.chemin, self.contenu, self.genre = chemin, contenu, _type(chemin)

        def get_path(self) -> str:
            return self.chemin

        def get_title(self) -> str:
            if self.genre != "text/html" or not (m := TITRE.search(self.contenu)):
                return ""
            return m.group(1).decode("utf-8", "replace").strip()

        def get_mimetype(self) -> str:
            return self.genre

        def get_contentprovider(self) -> StringProvider:
            return StringProvider(self.contenu)

        def get_hints(self) -> dict:
            return {Hint.FRONT_ARTICLE: self.genre == "text/html",
                    Hint.COMPRESS: self.genre.startswith(("text/", "application/j"))}

    cible.parent.mkdir(parents=True, exist_ok=True)
    cible.unlink(missing_ok=True)
    n = 0
    with zipfile.ZipFile(copie_zip) as archive, _sans_bavardage(), \
            Creator(str(cible)).config_indexing(True, "fra") as zim:
        zim.set_mainpath(PAGE_PRINCIPALE)
        zim.add_illustration(48, meta.illustration)
        for info in archive.infolist():
            if info.is_dir():
                continue
            chemin = info.filename.split("/", 1)[1]  # sans le dossier racine de la copie
            zim.add_item(Entree(chemin, archive.read(info)))
            n += 1
        for cle, valeur in meta.champs().items():
            zim.add_metadata(cle, valeur)
    return n


def illustration(icone: Path) -> bytes:
    """L'icône du site réduite à 48 × 48, en PNG (ce que Kiwix affiche dans sa bibliothèque)."""
    from PIL import Image

    with Image.open(icone) as image:
        sortie = io.BytesIO()
        image.convert("RGBA").resize((48, 48), Image.Resampling.LANCZOS).save(sortie, "PNG")
        return sortie.getvalue()
