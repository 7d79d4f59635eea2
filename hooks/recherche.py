"""Hook MkDocs : l'index de recherche du commun (voir ``commun.recherche``).

- ``on_page_content`` : garde le texte de chaque page publiée ;
- ``on_post_build``   : écrit ``recherche/meta.js``, ``recherche/index/*.js`` et
                        ``recherche/docs/*.js`` dans le site.
"""

from __future__ import annotations

import hashlib
import html
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from commun.recherche import Document, construire, scripts

log = get_plugin_logger(__name__)

EXCLUES = {"recherche.md", "404.md", "livret.md"}

documents: list[Document] = []


class Texte(HTMLParser):
    """Le texte visible d'un fragment HTML, sans scripts ni ancres « ¶ »."""

    IGNORES = {"script", "style", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.morceaux: list[str] = []
        self.pile: list[bool] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        classes = dict(attrs).get("class") or ""
        ignore = tag in self.IGNORES or "headerlink" in classes or "commun-impression" in classes
        if tag in {"br", "img", "hr", "input", "meta", "link", "wbr", "source"}:
            return
        self.pile.append(ignore or (bool(self.pile) and self.pile[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in {"br", "img", "hr", "input", "meta", "link", "wbr", "source"} and self.pile:
            self.pile.pop()

    def handle_data(self, data: str) -> None:
        if not (self.pile and self.pile[-1]):
            self.morceaux.append(data)

    @classmethod
    def de(cls, fragment: str) -> str:
        analyseur = cls()
        analyseur.feed(fragment)
        return " ".join(" ".join(analyseur.morceaux).split())


def on_pre_build(*, config: MkDocsConfig) -> None:
    documents.clear()


def on_page_content(html_page: str, *, page: Page, config: MkDocsConfig, files) -> str:
    src_uri = page.file.src_uri
    if src_uri in EXCLUES:
        return html_page
    texte = Texte.de(html_page)
    titre = html.unescape(page.meta.get("title") or page.title or "")
    resume = html.unescape(page.meta.get("description") or "") \
        or texte.removeprefix(titre).strip()[:160]
    documents.append(Document(page.url, titre, page.meta.get("genre", "Page"), resume, texte))
    return html_page


def on_post_build(*, config: MkDocsConfig) -> None:
    morceaux, paquets = construire(sorted(documents, key=lambda d: d.url))
    empreinte = hashlib.sha256(repr((morceaux, paquets)).encode()).hexdigest()[:12]
    dossier = Path(config.site_dir) / "recherche"
    octets = 0
    for chemin, contenu in scripts(morceaux, paquets, empreinte):
        fichier = dossier / chemin
        fichier.parent.mkdir(parents=True, exist_ok=True)
        fichier.write_text(contenu, encoding="utf-8")
        octets += len(contenu.encode())
    log.info(f"Recherche : {len(documents)} pages, {len(morceaux)} morceaux, {octets // 1024} Ko")
