"""Hook MkDocs : le HTML des contributions, contrôlé encore une fois dans la page construite.

Le chargement (``commun.surete``) refuse déjà tout fichier de outils/, fiches/ ou labos/ dont le
corps contient du HTML, un attribut ou un lien interdits : un tel fichier n'entre jamais dans le
site. Ce hook est une défense en profondeur : dans chaque page construite, il retrouve le HTML
produit pour le corps d'une contribution (entre les marques posées par ``hooks/contenu.py``) et
le contrôle avec la même liste. S'il y trouve quelque chose, la page est publiée sans ce corps
(remplacé par un avis) et l'avertissement fait échouer le build strict.

Listé juste après ``hooks/contenu.py`` dans mkdocs.yml : il voit le HTML final des contributions
et retire les marques avant que les autres hooks (recherche, hors ligne…) ne le lisent.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from commun import surete

log = get_plugin_logger(__name__)

AVIS = ('<div class="admonition failure"><p class="admonition-title">Contenu non publié</p>'
        "<p>Le texte de cette page contient du HTML refusé : il n'est pas affiché. "
        "Lancez <code>make verifier</code> pour voir le problème.</p></div>")


def on_page_content(html_page: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
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
