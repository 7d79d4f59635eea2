"""Hook MkDocs : les données ouvertes, écrites dans le site une fois les pages construites.

``on_post_build`` écrit ``donnees/catalogue.json`` (et son schéma), ``donnees/fiches.csv``,
``donnees/outils.csv``, ``flux.xml`` et ``labos.ics`` (voir ``commun.donnees``).

Ces fichiers ne contiennent **que le contenu validé**, même quand le site est un aperçu
(``COMMUN_APERCU=1``) : on les publie tels quels, ils ne doivent jamais porter un brouillon.
L'horodatage du calendrier (DTSTAMP) suit ``SOURCE_DATE_EPOCH`` s'il est posé (builds
reproductibles), sinon l'heure du build.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

from commun.chargement import apercu_demande
from commun.construction import construction_du_build
from commun.donnees import Adresses, exports, maintenant

log = get_plugin_logger(__name__)


def adresses(config: MkDocsConfig) -> Adresses:
    """Adresses complètes si ``site_url`` est connu (commun.yml : site.url), sinon relatives à
    la racine du site."""
    base = config.site_url or ""

    def page(src_uri: str) -> str:
        fichier = File(src_uri, src_dir=None, dest_dir=config.site_dir,
                       use_directory_urls=config.use_directory_urls)
        return urljoin(base, fichier.url)

    def fichier(chemin: str) -> str:
        return urljoin(base, chemin) if base else chemin

    return Adresses(page=page, fichier=fichier)


@event_priority(-50)  # avant la copie hors ligne (-100), qui les emporte
def on_post_build(*, config: MkDocsConfig) -> None:
    racine = Path(config.config_file_path).resolve().parent
    # toujours le contenu validé, même en aperçu : ces fichiers sont faits pour être repris
    construction = construction_du_build(racine, apercu=apercu_demande())  # celle du build
    corpus = construction.corpus.publiable(apercu=False)
    sortie = Path(config.site_dir)
    fichiers = exports(corpus, adresses(config), maintenant())
    for chemin, octets in fichiers.items():
        cible = sortie / chemin
        cible.parent.mkdir(parents=True, exist_ok=True)
        cible.write_bytes(octets)
    taille = sum(map(len, fichiers.values())) // 1000
    log.info(f"Données ouvertes ({len(fichiers)} fichiers, {taille} ko, contenu validé "
             f"seulement) : fiches {len(corpus.fiches)}, outils {len(corpus.outils)}, comptes "
             f"rendus {len(corpus.comptes_rendus)}, feuilles de présence {len(corpus.presences)}")
