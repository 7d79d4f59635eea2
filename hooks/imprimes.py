"""Hook MkDocs : le Livret du Labo et les certificats d'assiduité en PDF (voir
``commun.imprimes``), écrits dans le site avant la copie hors ligne, qui les emporte.

- ``on_files``        : déclare les PDF à venir (les liens des pages vers eux sont vérifiés par
                        ``--strict``) et lance leur composition dans un processus à part
                        (``commun.arriere_plan``) : tout de suite pour un petit commun ;
- ``on_page_content`` : au-delà de ``REPRENDRE_LES_CODES_AU_DELA`` contenus, lui passe le code QR
                        de chaque page, déjà dessiné (``commun.impression``) ;
- ``on_env``          : (le contenu de toutes les pages est rendu) il compose alors les PDF
                        pendant que MkDocs met les pages dans le thème ;
- ``on_post_page``    : note les pages qui annoncent un PDF ;
- ``on_post_build``   : écrit les PDF, puis met dans ces pages leur nombre de pages et leur poids.

``mkdocs serve`` ne les compose pas (il reconstruit à chaque modification) : chaque PDF y est
remplacé par une page qui le dit.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from commun import imprimes, telechargements
from commun.arriere_plan import EnArrierePlan
from commun.chargement import apercu_demande
from commun.construction import construction_du_build
from commun.donnees import maintenant
from commun.hors_ligne import taille

log = get_plugin_logger(__name__)

composition: EnArrierePlan | None = None
attend_les_codes = False  # la composition attend les codes QR des pages (on_env)
annonces: set[Path] = set()  # les pages qui portent un repère de PDF
debut = 0.0
# Au-delà de tant d'outils et de fiches, les codes QR des pages (2 ms chacun : 10 s à 5 000
# fiches) sont repris plutôt que refaits, et la composition attend la fin du rendu des pages ;
# en dessous, elle commence tout de suite et finit avant le build.
REPRENDRE_LES_CODES_AU_DELA = 300

# « mkdocs serve » reconstruit à chaque modification : les PDF ne sont composés que par un vrai
# build (comme le ZIM, hooks/hors_ligne.py).
avec_pdf = True


def on_startup(*, command: str, dirty: bool) -> None:
    global avec_pdf
    avec_pdf = command != "serve"


@event_priority(-10)  # après hooks/contenu.py, qui a construit le commun de ce build
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global composition, debut, attend_les_codes
    if composition is not None:  # un build précédent interrompu (« mkdocs serve »)
        composition.fermer()
        composition = None
    annonces.clear()
    racine = Path(config.config_file_path).resolve().parent
    corpus = construction_du_build(racine, apercu=apercu_demande()).publiable
    docs = Path(config.docs_dir)
    if avec_pdf and (manque := imprimes.manquants(docs, corpus.configuration.site)):
        raise PluginError(f"{', '.join(manque)} est introuvable : le Livret et les certificats "
                          "en ont besoin (commun.yml : site.cofinancement) ; reprenez ce fichier "
                          "du dépôt du commun")
    prevus = imprimes.prevus(corpus)
    # déclarés vides : MkDocs connaît leurs adresses ; on_post_build écrit leur contenu
    contenu = b"" if avec_pdf else imprimes.pdf_absent()
    for chemin in prevus:
        files.append(File.generated(config, chemin, content=contenu,
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    if avec_pdf:
        debut = time.perf_counter()
        imprimeur = partial(imprimes.Imprimeur, corpus, docs, maintenant(),
                            racine / imprimes.CACHE)
        composition = EnArrierePlan(imprimeur, "livret et certificats en PDF")
        attend_les_codes = len(corpus.outils) + len(corpus.fiches) > REPRENDRE_LES_CODES_AU_DELA
        if not attend_les_codes:
            composition.finir()
    return files


@event_priority(5)  # après hooks/contenu.py (10), qui ajoute le code QR sous le contenu
def on_page_content(html_page: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if composition is not None and attend_les_codes and page.canonical_url \
            and (code := imprimes.code_de_page(html_page)) is not None:
        composition.ajouter(page.canonical_url, code)
    return html_page


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Toutes les pages ont leur contenu (et leur code QR) : les PDF se composent pendant que
    MkDocs met les pages dans le thème."""
    if composition is not None and attend_les_codes:
        composition.finir()
    return env


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if telechargements.DEBUT_REPERE in output:
        annonces.add(Path(page.file.abs_dest_path))
    return output


def on_build_error(*, error: Exception) -> None:
    global composition
    if composition is not None:
        composition.fermer()
        composition = None


@event_priority(-50)  # avant la copie hors ligne (-100), qui emporte les PDF
def on_post_build(*, config: MkDocsConfig) -> None:
    global composition
    if composition is None:
        return
    attente = time.perf_counter()
    faits: list[imprimes.Imprime] = composition.resultat()
    composition = None
    site = Path(config.site_dir)
    for imprime in faits:
        cible = site / imprime.chemin
        cible.parent.mkdir(parents=True, exist_ok=True)
        cible.write_bytes(imprime.octets)
    mentions = {f.chemin: telechargements.mention(f.pages, taille(len(f.octets))) for f in faits}
    for page in annonces:
        texte = page.read_text(encoding="utf-8")
        page.write_text(telechargements.REPERE.sub(lambda m: mentions.get(m.group(1), ""), texte),
                        encoding="utf-8")
    annonces.clear()
    livret = [f for f in faits if "certificats/" not in f.chemin]
    log.info(f"Imprimés : Livret en {len(livret)} PDF ({sum(f.pages for f in livret)} pages, "
             f"{taille(sum(len(f.octets) for f in livret))}), "
             f"{len(faits) - len(livret)} certificats ({time.perf_counter() - debut:.1f} s, "
             f"dont {time.perf_counter() - attente:.1f} s d'attente en fin de build)")
