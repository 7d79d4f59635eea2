"""Hook MkDocs : l'index de recherche du commun (voir ``commun.recherche``).

- ``on_page_content`` : ajoute le texte de chaque page publiée à l'index, qui se construit dans
                        un processus à part (``commun.arriere_plan``) ;
- ``on_env``          : (toutes les pages ont leur contenu) le processus calcule les scores et
                        écrit ``recherche/meta.js``, ``recherche/index/*.js`` et
                        ``recherche/docs/*.js`` dans le site ;
- ``on_post_build``   : l'attend.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from commun.arriere_plan import EnArrierePlan
from commun.chargement import apercu_demande
from commun.construction import Construction, construction_du_build
from commun.pages.elements import HORS_RECHERCHE
from commun.recherche import Document, Indexeur

log = get_plugin_logger(__name__)

indexeur: EnArrierePlan | None = None
construction: Construction | None = None


# Le texte visible d'une page : sans scripts, styles, SVG, ancres « ¶ », bloc d'impression ni
# listes de fiches (``commun.pages.elements.hors_recherche``).
# Des expressions régulières plutôt qu'un analyseur HTML : le HTML vient de Python-Markdown
# (bien formé), et l'analyseur coûtait 9 ms par page.
_INVISIBLE = re.compile(
    r"<(script|style|svg)\b.*?</\1>|<a [^>]*class=\"headerlink\"[^>]*>.*?</a>"
    rf"|<div class=\"(?:commun-impression|{HORS_RECHERCHE})\".*?</div>", re.S)
_BALISE = re.compile(r"<[^>]+>")
_BLANCS = re.compile(r"[ \t\n\r\f\v]+")  # pas les espaces insécables de la typographie


def texte_visible(fragment: str) -> str:
    sans_balises = _BALISE.sub(" ", _INVISIBLE.sub(" ", fragment))
    return _BLANCS.sub(" ", html.unescape(sans_balises)).strip()


def on_pre_build(*, config: MkDocsConfig) -> None:
    global indexeur
    if indexeur is not None:  # un build précédent interrompu (« mkdocs serve »)
        indexeur.fermer()
    indexeur = EnArrierePlan(Indexeur, "index de recherche")


@event_priority(-10)  # après hooks/contenu.py, qui a construit le commun de ce build
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """La construction du build (la même que celle du hook de contenu, en cache) : elle dit ce
    qu'est chaque page et si elle s'indexe."""
    global construction
    construction = construction_du_build(Path(config.config_file_path).resolve().parent,
                                       apercu=apercu_demande())
    return files


@event_priority(-20)  # après hooks/surete.py (-10) : l'index ne lit que du HTML nettoyé
def on_page_content(html_page: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert indexeur is not None and construction is not None, "on_pre_build, on_files d'abord"
    src_uri = page.file.src_uri
    # le registre pour les pages générées ; l'en-tête (« recherche: false ») pour celles de docs/
    if not construction.indexee(src_uri) or page.meta.get("recherche") is False:
        return html_page
    texte = texte_visible(html_page)
    titre = html.unescape(page.meta.get("title") or page.title or "")
    resume = html.unescape(page.meta.get("description") or "") \
        or texte.removeprefix(titre).strip()[:160]
    indexeur.ajouter(Document(page.url, titre, construction.sorte(src_uri), resume, texte,
                              publie=_publie(src_uri),
                              nombres=src_uri not in construction.pages))
    return html_page


def _publie(src_uri: str) -> str | None:
    """La date de publication d'un contenu, celle des listes (sa validation) : la recherche
    verse les contenus dans l'index par tranches, dans cet ordre."""
    assert construction is not None
    contenu = construction.contenus.get(src_uri)
    return contenu.publie_le if contenu else None


def on_build_error(*, error: Exception) -> None:
    global indexeur
    if indexeur is not None:
        indexeur.fermer()
        indexeur = None


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Le texte de toutes les pages est envoyé : les scores se calculent et l'index s'écrit
    pendant que MkDocs met les pages dans le thème."""
    assert indexeur is not None, "on_pre_build a créé l'indexeur"
    indexeur.finir(Path(config.site_dir) / "recherche")
    return env


@event_priority(-50)  # avant la copie hors ligne (-100), qui emporte l'index
def on_post_build(*, config: MkDocsConfig) -> None:
    global indexeur
    assert indexeur is not None, "on_pre_build a créé l'indexeur"
    pages, nombre, octets = indexeur.resultat()
    indexeur = None
    log.info(f"Recherche : {pages} pages, {nombre} fichiers, {octets // 1024} Ko")
