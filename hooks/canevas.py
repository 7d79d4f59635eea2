"""Hook MkDocs : les canevas à imprimer des outils (``commun.canevas``) ajoutés au site.

``on_files`` : les quatre fichiers de chaque canevas publié
(``telechargements/canevas/<outil>-a4.pdf``, ``-a4.svg``, ``-a3.pdf``, ``-a3.svg``) entrent dans
les fichiers du site, comme un fichier joint : MkDocs les écrit pendant le build, avant la copie
hors ligne qui les emporte (ZIP, puis ZIM), et les liens de la page de l'outil vers eux sont
vérifiés comme les autres (``--strict``). Passe après le hook de contenu, qui a construit le
commun. Les PDF sont composés ensemble, dans un processus à part (``canevas.composer``), et
gardés : la page de l'outil, qui dit leur poids, reprend les mêmes.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from commun import canevas
from commun.chargement import apercu_demande
from commun.construction import construction_du_build

log = get_plugin_logger(__name__)


@event_priority(-10)  # après hooks/contenu.py, qui construit le commun (priorité 0)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    racine = Path(config.config_file_path).resolve().parent
    corpus = construction_du_build(racine, apercu=apercu_demande()).publiable
    site = corpus.configuration.site
    total = 0
    for fichiers in canevas.fichiers_de([(c, canevas.pied_de(site, c.id))
                                         for c in corpus.canevas.values()]):
        for chemin, octets in fichiers.items():
            files.append(File.generated(config, chemin, content=octets))
            total += len(octets)
    if corpus.canevas:
        log.info(f"Canevas à imprimer : {len(corpus.canevas)} outils, "
                 f"{4 * len(corpus.canevas)} fichiers, {total // 1000} ko")
    return files
