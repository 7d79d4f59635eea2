"""Hook MkDocs : le commun sans réseau (voir ``commun.hors_ligne``). Dernier hook de la liste :
il copie le site tel que les autres hooks l'ont laissé.

``on_pre_build`` et ``on_post_page`` : la copie ZIP pour ``file://`` s'écrit dans un processus
à part, chaque page dès qu'elle est rendue (``commun.arriere_plan``).
``on_post_build`` : icônes et manifeste de l'application, le reste de la copie ZIP, liste des
fichiers pour « Consulter hors ligne », version du service worker, taille et date de la copie
dans le pied de chaque page.
"""

from __future__ import annotations

import json
import re
import time
from datetime import date
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from commun import zim
from commun.arriere_plan import EnArrierePlan
from commun.chargement import apercu_demande
from commun.construction import construction_du_build
from commun.hors_ligne import (
    REPERE,
    REPERE_TELEPHONE,
    ZIP,
    CopieZip,
    annoncer,
    icones,
    liste_hors_ligne,
    manifeste,
    partie,
    taille,
)
from commun.pages.elements import date as date_fr
from commun.recherche import plier

log = get_plugin_logger(__name__)


def essentiels(site: Path, config: MkDocsConfig) -> list[str]:
    """Ce que le service worker met en cache dès l'installation : les styles et scripts que la
    page vient de charger (déjà dans le cache HTTP : rien n'est retéléchargé) et la page
    « hors ligne », affichée à la place d'une page jamais visitée. Le reste se range au fil des
    visites, ou d'un coup avec « Consulter hors ligne »."""
    motifs = ["assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css",
              "assets/javascripts/bundle.*.min.js"]
    trouves = [p.relative_to(site).as_posix() for m in motifs for p in site.glob(m)]
    return ["hors-ligne/", *trouves, *config.extra_css,
            *(str(s) for s in config.extra_javascript)]


copie: EnArrierePlan | None = None


# « mkdocs serve » reconstruit à chaque modification : le ZIM (compression et index plein texte,
# la moitié du travail de la copie à 5 000 fiches) n'est écrit que par un vrai build.
avec_zim = True


def on_startup(*, command: str, dirty: bool) -> None:
    global avec_zim
    avec_zim = command != "serve"


def on_pre_build(*, config: MkDocsConfig) -> None:
    """La copie ZIP s'écrit dans un processus à part, au fil des pages (commun.arriere_plan)."""
    global copie
    if copie is not None:  # un build précédent interrompu (« mkdocs serve »)
        copie.fermer()
    en_ligne = config.site_url or ""
    mention_fichier = (f"Copie hors ligne du {date_fr(date.today().isoformat())}"
                       + (f' — <a href="{en_ligne}">version en ligne</a>' if en_ligne else ""))
    copie = EnArrierePlan(partial(CopieZip, Path(config.site_dir), "le-commun", mention_fichier,
                                  zim=avec_zim), "copie hors ligne")


@event_priority(-100)  # la page telle que les autres hooks l'ont laissée
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    assert copie is not None, "on_pre_build lance la copie"
    copie.ajouter(page.file.dest_uri, output)
    return output


def on_build_error(*, error: Exception) -> None:
    global copie
    if copie is not None:
        copie.fermer()
        copie = None


@event_priority(-100)  # en dernier : la copie prend l'index et les données ouvertes écrits
def on_post_build(*, config: MkDocsConfig) -> None:
    global copie
    debut = time.perf_counter()
    site = Path(config.site_dir)
    couleur = config.extra["couleur"]  # de commun.yml, posée par hooks/contenu.py
    icones(site / "assets" / "icones", couleur)
    (site / "manifest.webmanifest").write_text(
        manifeste(config.site_name, config.site_description or "", couleur), encoding="utf-8")
    aujourd_hui = date.today()
    assert copie is not None, "on_pre_build lance la copie"
    # le reste du site, puis la version ; le ZIM, écrit au fil des pages, reçoit ses métadonnées
    copie.finir(metadonnees(config, site, aujourd_hui) if avec_zim else None)
    ecrite = copie.resultat()
    copie = None
    liste, parties = liste_hors_ligne(ecrite)
    (site / "hors-ligne").mkdir(exist_ok=True)
    (site / "hors-ligne" / "fichiers.json").write_text(liste, encoding="utf-8")
    for numero, texte in enumerate(parties):
        (site / partie(numero)).write_text(texte, encoding="utf-8")
    sw = site / "sw.js"
    sw.write_text(sw.read_text(encoding="utf-8")
                  .replace("__VERSION__", ecrite.version)
                  .replace("__ESSENTIELS__", json.dumps(essentiels(site, config))),
                  encoding="utf-8")
    kiwix, entrees = site / zim.ZIM, ecrite.entrees_zim
    mention = (f'<a href="{{racine}}{ZIP}" download>Copie hors ligne (ZIP, '
               f"{taille(ecrite.octets_zip)}, {date_fr(aujourd_hui.isoformat())})</a>")
    if entrees:
        mention += (f' · <a href="{{racine}}{zim.ZIM}" download>pour Kiwix (ZIM, '
                    f"{taille(kiwix.stat().st_size)})</a>")
    annoncer(site, site.rglob("*.html"),
             {REPERE: mention, REPERE_TELEPHONE: f" ({taille(ecrite.octets_telephone)})"})
    log.info(f"Hors ligne : copie ZIP de {taille(ecrite.octets_zip)}, {len(ecrite.fichiers)} "
             f"fichiers pour le téléphone, version {ecrite.version}"
             + (f", ZIM pour Kiwix de {taille(kiwix.stat().st_size)} ({entrees} entrées)"
                if entrees else "") + f" ({time.perf_counter() - debut:.1f} s)")


def metadonnees(config: MkDocsConfig, site: Path, jour: date) -> zim.Metadonnees:
    """Ce que Kiwix montre du commun, tiré de commun.yml."""
    racine = Path(config.config_file_path).resolve().parent
    # la configuration déjà lue par ce build, plutôt que de relire et revérifier commun.yml
    commun = construction_du_build(racine, apercu=apercu_demande()).corpus.configuration.site
    nom = re.sub(r"[^a-z0-9]+", "-", plier(f"{commun.nom} {commun.territoire}")).strip("-")
    description = commun.description if len(commun.description) <= 80 else \
        commun.description[:79].rsplit(" ", 1)[0] + "…"
    return zim.Metadonnees(
        titre=f"{commun.nom} — {commun.territoire}"[:30], description=description,
        auteur=commun.porteur or commun.nom, editeur=commun.porteur or commun.nom,
        date=jour.isoformat(), nom=f"{nom}_fr_all",
        illustration=zim.illustration(site / "assets" / "icones" / "icone-192.png"))
