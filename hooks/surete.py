"""Hook MkDocs : le HTML de chaque page passe par le filet de sûreté avant d'entrer dans le thème.

Deux choses, dans cet ordre, pour chaque page :

1. **le contrôle** : le chargement (``commun.surete``) refuse déjà tout fichier de outils/, fiches/
   ou labos/ dont le corps contient du HTML, un attribut ou un lien interdits. Ici, le HTML produit
   pour le corps d'une contribution (entre les marques posées par ``hooks/contenu.py``) est
   contrôlé encore avec la même liste ; s'il y a quelque chose, la page est publiée sans ce corps
   (remplacé par un avis) et l'avertissement fait échouer le build strict ;
2. **le nettoyage** (``commun.nettoyage``) : le contenu de la page entière (contribution, listes,
   feuilles de route recopiées, Livret, pages de ``docs/`` et leurs macros) est réduit à la liste
   du HTML que le commun produit ; les titres de la table des matières, le titre et la description
   de la page sont réduits à du texte échappé. C'est le seul endroit où le texte contribué entre
   dans le HTML du site : les autres hooks (recherche, copie hors ligne) lisent ce qui en sort.

``on_page_content`` passe après celui de ``hooks/contenu.py`` (qui rend le contenu) et avant
celui de ``hooks/recherche.py`` (qui l'indexe) : priorité plus basse que l'un, plus haute que
l'autre.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from commun import nettoyage, surete, typographie

log = get_plugin_logger(__name__)

# « mkdocs serve » (make serve, make apercu) écrit dans chaque page son script de rechargement,
# en ligne : la politique de sécurité le bloquerait. Elle n'est donc posée que sur les sites
# construits (make build, la CI, la copie hors ligne, les tests), jamais sur l'aperçu local.
_servi = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _servi
    _servi = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["politique_de_securite"] = not _servi  # lu par hooks/theme/main.html
    return config


AVIS = ('<div class="admonition failure"><p class="admonition-title">Contenu non publié</p>'
        "<p>Le texte de cette page contient du HTML refusé : il n'est pas affiché. "
        "Lancez <code>make verifier</code> pour voir le problème.</p></div>")


@event_priority(-10)  # après hooks/contenu.py (0), avant hooks/recherche.py (-20)
def on_page_content(html_page: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    for cle in ("title", "description"):
        if isinstance(page.meta.get(cle), str):
            page.meta[cle] = typographie.texte(nettoyage.texte(page.meta[cle]))
    _titres(page.toc.items)
    return typographie.espacer(nettoyage.nettoyer(_controler(html_page, page, config)))


def _titres(liens: list[AnchorLink]) -> None:
    for lien in liens:
        lien.title = typographie.texte(nettoyage.texte(lien.title))
        _titres(lien.children)


def _controler(html_page: str, page: Page, config: MkDocsConfig) -> str:
    """La page, la contribution remplacée par un avis si son HTML rendu est refusé."""
    morceaux = surete.contribution(html_page)
    if morceaux is None:
        return html_page
    avant, corps, apres = morceaux
    refus = surete.html_refuse(corps)
    if not refus:
        return avant + corps + apres
    chemin = page.file.edit_uri or page.file.src_uri  # le fichier source de la contribution
    fichier = Path(config.config_file_path).resolve().parent / chemin
    texte = fichier.read_text(encoding="utf-8", errors="replace") if fichier.is_file() else ""
    for cle, message in refus:
        ligne = surete.localiser_dans_le_fichier(texte, cle)
        log.warning(f"{chemin}:{ligne}: {message} (trouvé dans la page construite ; ce corps "
                    "n'est pas publié)")
    return avant + AVIS + apres
