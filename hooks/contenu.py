"""Hook MkDocs : le contenu du commun devient des pages.

- ``on_config``       : lit ``commun.yml`` et règle le site (nom, dépôt, liens « Modifier ») ;
- ``on_files``        : charge et vérifie outils/, fiches/ et labos/ une fois, puis ajoute leurs
                        pages et les pages générées (catalogues, CCAS, thématiques, labos) ;
- ``on_env``          : le menu des pages hors menu, rendu une fois (partials/nav.html) ;
- ``on_page_markdown``: rend chacune de ces pages depuis le modèle ;
- ``on_post_page``    : la page finie, sans les blancs d'indentation du gabarit
                        (``commun.compaction``), avant que la copie hors ligne ne l'emporte.

Un problème de contenu est un avertissement (fatal avec ``--strict``, donc pour ``make build``) et
le contenu fautif n'est pas publié. Seul le contenu « validé » est publié, sauf en mode aperçu
(variable d'environnement ``COMMUN_APERCU=1``, voir le README).
"""

from __future__ import annotations

import gc
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from commun import conversion, impression, surete
from commun.chargement import ConfigurationInvalide, apercu_demande, charger_configuration
from commun.compaction import compacter
from commun.construction import Construction, construire_en_cache
from commun.modele import Contenu
from commun.pages import PageGeneree
from commun.pages.contenus import PagesContenus

log = get_plugin_logger(__name__)


@dataclass
class Etat:
    racine: Path = Path(".")
    apercu: bool = False
    construction: Construction | None = None
    contenus: dict[str, Contenu] = field(default_factory=dict)  # src_uri → contenu
    generees: dict[str, PageGeneree] = field(default_factory=dict)
    impressions: impression.CodesEnCours | None = None  # les blocs imprimés, en calcul
    par_cmark: dict[str, str | None] = field(default_factory=dict)  # src_uri → Markdown


etat = Etat()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    etat.racine = Path(config.config_file_path).resolve().parent
    etat.apercu = apercu_demande()
    try:
        site = charger_configuration(etat.racine).site
    except ConfigurationInvalide as e:
        raise PluginError("commun.yml est invalide :\n" + str(e)) from None
    config.site_name = site.nom
    config.site_description = site.description
    # Pas de repo_url : le thème irait chercher les statistiques du dépôt chez l'hébergeur à
    # chaque visite. Les liens « Modifier cette page » n'en ont pas besoin.
    config.repo_url = None
    config.edit_uri = site.lien_source("", action="edit")
    config.extra["couleur"] = site.couleur  # gabarits (hooks/theme/main.html), icônes, manifeste
    config.extra["couleur_foncee"] = melanger(site.couleur, "#000000", 0.3)
    config.extra["couleur_claire"] = melanger(site.couleur, "#ffffff", 0.25)
    config.copyright = f"Contenus sous licence {site.licence_contenu}, code sous licence " \
        f"{site.licence_code}." + (f" {site.cofinancement}." if site.cofinancement else "")
    if site.url and not config.site_url:
        config.site_url = site.url
    if etat.apercu:
        log.warning("Mode aperçu : les brouillons sont inclus. Ne publiez pas ce site.")
    return config


def melanger(couleur: str, avec: str, part: float) -> str:
    """« #00695c » mêlée de 30 % de noir, etc. : les nuances de la couleur du commun."""
    a, b = (tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in (couleur, avec))
    return "#" + "".join(f"{round(x + (y - x) * part):02x}" for x, y in zip(a, b, strict=True))


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    try:
        construction = construire_en_cache(etat.racine, apercu=etat.apercu)
    except ConfigurationInvalide as e:
        raise PluginError("commun.yml est invalide :\n" + str(e)) from None
    for probleme in construction.problemes:
        log.warning(str(probleme))
    etat.construction = construction
    etat.contenus = construction.contenus
    etat.generees = construction.pages
    # rendues par cmark-gfm : les contenus et les pages du registre qui le demandent ;
    # Python-Markdown garde les pages de docs/ et celles qui ont besoin de ses extensions
    etat.par_cmark = dict.fromkeys([*etat.contenus, *(u for u, p in etat.generees.items()
                                                      if p.moteur == "cmark")])

    for fichier in files:  # les pages écrites à la main sont dans docs/ du dépôt
        if fichier.generated_by is None:
            fichier.edit_uri = f"{Path(config.docs_dir).name}/{fichier.src_uri}"
    for src_uri in [*etat.contenus, *etat.generees, *construction.fichiers_joints]:
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} masquerait une page générée par le commun : "
                              "renommez ou déplacez ce fichier")
    for src_uri, contenu in etat.contenus.items():
        fichier = File.generated(config, src_uri, content=f"# {contenu.titre}\n",
                                 inclusion=InclusionLevel.NOT_IN_NAV)
        fichier.edit_uri = contenu.chemin  # « Modifier cette page » ouvre le vrai fichier source
        files.append(fichier)
    if etat.impressions is not None:  # « mkdocs serve » : le build d'avant
        etat.impressions.fermer()
    # Les codes QR des pages à imprimer se calculent à côté pendant que MkDocs rend le contenu
    etat.impressions = impression.CodesEnCours(
        f"{config.site_url}{src_uri.removesuffix('.md')}/" for src_uri in etat.contenus
        if config.site_url and config.use_directory_urls)
    for src_uri in etat.generees:
        files.append(File.generated(config, src_uri, content="# …\n",
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    for src_uri, chemin in construction.fichiers_joints.items():
        files.append(File.generated(config, src_uri, abs_src_path=str(chemin)))
    # Le corpus vit jusqu'à la fin du build : le ramasse-miettes n'a plus à le parcourir à
    # chaque collecte (à 5 000 fiches, ces parcours répétés coûtaient plus que le rendu).
    gc.freeze()
    return files


def on_post_build(*, config: MkDocsConfig) -> None:
    gc.unfreeze()  # « mkdocs serve » reconstruit : le corpus d'avant doit pouvoir partir
    if etat.impressions is not None:
        etat.impressions.fermer()
        etat.impressions = None


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """``menu_en_cache`` (voir hooks/theme/partials/nav.html) : le menu d'une page hors menu,
    rendu une fois pour toutes les pages dont les liens du menu ont les mêmes adresses."""
    menus: dict[tuple[str, ...], str] = {}

    def menu_en_cache(page: Page | None, nav: Navigation, caller: Callable[[], str]) -> str:
        if page is None or page in nav.pages:  # la page est dans le menu : il la met en avant
            return caller()
        cle = tuple(get_relative_url(p.url, page.url) for p in nav.pages)
        if (menu := menus.get(cle)) is None:
            menu = menus[cle] = caller()
        return menu

    env.globals["menu_en_cache"] = menu_en_cache
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    rendu = rendre(page)
    if rendu is not None and page.file.src_uri in etat.par_cmark:
        etat.par_cmark[page.file.src_uri] = rendu
        return ""  # Python-Markdown n'a rien à faire : cmark-gfm rend la page (on_page_content)
    return rendu or markdown


@event_priority(10)  # d'abord : le HTML des pages rendues par cmark-gfm (surete, puis recherche)
def on_page_content(html_page: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Les pages des contenus (et le livret), rendues par cmark-gfm : voir commun.conversion."""
    src_uri = page.file.src_uri
    markdown = etat.par_cmark.pop(src_uri, None)  # rendu une fois : la mémoire se libère
    if markdown is None:
        return html_page
    rendu, titres = conversion.en_html(markdown)

    def adresse(cible: str) -> str | None:
        fichier = files.get_file_from_path(cible)
        return get_relative_url(fichier.url, page.url) if fichier is not None else None

    rendu, introuvables = conversion.relier(rendu, src_uri, adresse)
    for cible in introuvables:  # le même filet que MkDocs pour les pages qu'il rend
        log.warning(f"{page.file.edit_uri or src_uri}: le lien vers « {cible} » ne mène à aucune "
                    "page ni aucun fichier du site : corrigez l'adresse")
    page.toc = get_toc([t.jeton() for t in titres])
    page.present_anchor_ids = set(re.findall(r'\sid="([^"]+)"', rendu))  # liens #ancre vérifiés
    if "title" not in page.meta:  # le titre d'une page générée : son titre de niveau 1
        premier = next(iter(re.findall(r"<h1[^>]*>(.*?)</h1>", rendu, re.S)), None)
        if premier is not None:  # déjà échappé par cmark, comme le thème l'attend
            page.meta["title"] = conversion.BALISE.sub("", premier).strip()
    if src_uri in etat.contenus and page.canonical_url:  # sur papier : adresse et code QR
        assert etat.impressions is not None, "on_files a lancé le calcul des codes QR"
        rendu += etat.impressions.bloc(page.canonical_url)
    return rendu


@event_priority(-90)  # en dernier, juste avant la copie hors ligne (-100) : toutes les pages
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return compacter(output)


def rendre(page: Page) -> str | None:
    """Le Markdown d'une page du commun, ou None si la page est écrite à la main."""
    src_uri = page.file.src_uri
    if (contenu := etat.contenus.get(src_uri)) is not None:
        # Le thème insère le titre et la description sans échappement : on les échappe ici.
        page.meta["title"] = html.escape(contenu.titre)
        page.meta["description"] = html.escape(getattr(contenu, "resume", "") or contenu.titre)
        # le corps entre deux marques : hooks/surete.py contrôle encore son HTML rendu
        assert etat.construction is not None, "on_files a construit le commun"
        return PagesContenus(etat.construction.publiable).page(
            replace(contenu, corps=surete.encadrer(contenu.corps)))
    if (generee := etat.generees.get(src_uri)) is not None:
        if generee.scripts:  # lus par le thème (main.html), comme l'en-tête d'une page de docs/
            page.meta["scripts"] = list(generee.scripts)
        return generee.rendre()
    return None
