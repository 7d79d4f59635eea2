"""Hook MkDocs : l'index de recherche du commun (voir ``commun.recherche``).

- ``on_page_content`` : garde le texte de chaque page publiée ;
- ``on_post_build``   : écrit ``recherche/meta.js``, ``recherche/index/*.js`` et
                        ``recherche/docs/*.js`` dans le site.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from commun.recherche import Document, construire, scripts

log = get_plugin_logger(__name__)

EXCLUES = {"recherche.md", "404.md", "livret.md"}

documents: list[Document] = []


# Le texte visible d'une page : sans scripts, styles, SVG, ancres « ¶ » ni bloc d'impression.
# Des expressions régulières plutôt qu'un analyseur HTML : le HTML vient de Python-Markdown
# (bien formé), et l'analyseur coûtait 9 ms par page.
_INVISIBLE = re.compile(
    r"<(script|style|svg)\b.*?</\1>|<a [^>]*class=\"headerlink\"[^>]*>.*?</a>"
    r"|<div class=\"commun-impression\".*?</div>", re.S)
_BALISE = re.compile(r"<[^>]+>")


def texte_visible(fragment: str) -> str:
    sans_balises = _BALISE.sub(" ", _INVISIBLE.sub(" ", fragment))
    return " ".join(html.unescape(sans_balises).split())


def on_pre_build(*, config: MkDocsConfig) -> None:
    documents.clear()


def on_page_content(html_page: str, *, page: Page, config: MkDocsConfig, files) -> str:
    src_uri = page.file.src_uri
    if src_uri in EXCLUES:
        return html_page
    texte = texte_visible(html_page)
    titre = html.unescape(page.meta.get("title") or page.title or "")
    resume = html.unescape(page.meta.get("description") or "") \
        or texte.removeprefix(titre).strip()[:160]
    documents.append(Document(page.url, titre, page.meta.get("genre", "Page"), resume, texte))
    return html_page


def on_post_build(*, config: MkDocsConfig) -> None:
    index = construire(sorted(documents, key=lambda d: d.url))
    documents.clear()  # les textes ne servent plus
    dossier = Path(config.site_dir) / "recherche"
    octets = morceaux = 0
    for chemin, contenu in scripts(index):
        fichier = dossier / chemin
        fichier.parent.mkdir(parents=True, exist_ok=True)
        fichier.write_text(contenu, encoding="utf-8")
        octets += len(contenu.encode())
        morceaux += chemin.startswith("index/")
    log.info(f"Recherche : {len(index.descriptions)} pages, {morceaux} morceaux, "
             f"{octets // 1024} Ko")
