"""Le registre des pages que le commun ajoute au site : une ligne par famille de pages.

Chaque page générée est déclarée ici une fois, avec ce que le reste du build doit savoir d'elle :
la fonction qui rend son Markdown, ce qu'elle est pour la recherche et les exports (``sorte``),
le moteur qui la rend (``cmark`` : cmark-gfm, cent fois plus rapide, pour les pages qui
grandissent avec le commun ; ``markdown`` : Python-Markdown et ses extensions, pour les pages du
suivi, peu nombreuses et mises en page avec elles) et si elle entre dans l'index de recherche.
Les noms réservés (un contenu ne peut pas s'appeler comme une page générée), les cibles de liens
valides, le moteur et l'index en sont tirés : ajouter une page, c'est une fonction de rendu et
une ligne ici.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Literal

from commun import pages_suivi, rendu
from commun import vocabulaire as v
from commun.modele import Corpus, Fiche
from commun.rendu import Rendu, nombre_de_pages, page_numero

Moteur = Literal["cmark", "markdown"]


@dataclass(frozen=True)
class PageGeneree:
    rendre: Callable[[], str]
    sorte: str = "Page"  # « Catalogue », « CCAS »… : page.meta["genre"] (recherche, exports)
    moteur: Moteur = "cmark"
    recherche: bool = True


def registre(corpus: Corpus) -> dict[str, PageGeneree]:
    """Les pages construites depuis le corpus publié : chemin de page → ``PageGeneree``."""
    r = Rendu(corpus)
    pages: dict[str, PageGeneree] = {}

    def ajouter(src_uri: str, rendre: Callable[[], str], sorte: str = "Page",
                moteur: Moteur = "cmark", recherche: bool = True) -> None:
        pages[src_uri] = PageGeneree(rendre, sorte, moteur, recherche)

    def liste(base: str, fiches: list[Fiche], page: Callable[[int], str], sorte: str) -> None:
        """Une longue liste en pages, quand la page qui la résume n'en montre qu'un extrait."""
        if len(fiches) > rendu.EXTRAIT:
            for n in range(1, nombre_de_pages(fiches) + 1):
                ajouter(page_numero(base, n), partial(page, n), sorte)

    # les catalogues
    ajouter("outils/index.md", r.catalogue_outils, "Catalogue")
    ajouter("fiches/index.md", r.catalogue_fiches, "Catalogue")
    ajouter("fiches/par-etat.md", r.fiches_par_etat, "Catalogue")
    ajouter("ccas/index.md", r.index_ccas, "Catalogue")
    ajouter("thematiques/index.md", r.index_thematiques, "Catalogue")
    ajouter("labos/index.md", r.index_labos, "Catalogue")
    # le Livret du Labo : les textes des fiches et des outils, déjà dans l'index
    ajouter("livret.md", r.livret, recherche=False)
    if len(corpus.fiches) > rendu.FICHES_PAR_LIVRET:  # lu ici : les tests le baissent
        ajouter("livret/outils.md", r.livret_outils, recherche=False)
        for volume, n, _, _ in r.volumes_du_livret():
            ajouter(page_numero(f"livret/{volume.id}", n), partial(r.livret_projets, volume.id, n),
                    recherche=False)
    # une page par CCAS, thématique, outil, labo (sans compte rendu), et leurs longues listes
    for c in corpus.configuration.ccas:
        ajouter(f"ccas/{c}.md", partial(r.page_ccas, c), "CCAS")
        liste(f"ccas/{c}/projets", corpus.fiches_de_ccas(c), partial(r.page_projets_ccas, c),
              "Page")
    for t in corpus.configuration.thematiques:
        for n in range(1, nombre_de_pages(corpus.fiches_de_thematique(t)) + 1):
            ajouter(page_numero(f"thematiques/{t}", n), partial(r.page_thematique, t, n),
                    "Thématique" if n == 1 else "Page")
    for o in corpus.outils:
        liste(f"outils/{o}/fiches", corpus.fiches_utilisant(o), partial(r.page_utilise_dans, o),
              "Page")
    for e in v.ETATS:  # les fiches par état d'avancement
        for n in range(1, nombre_de_pages(corpus.fiches_par_etat(e)) + 1):
            ajouter(page_numero(f"fiches/etat/{e}", n), partial(r.page_etat, e, n))
    for l in corpus.configuration.labos:
        if l not in corpus.comptes_rendus:
            ajouter(f"labos/{l}.md", partial(r.page_labo, l), "Labo")
            liste(f"labos/{l}/fiches", corpus.fiches_du_labo(l), partial(r.page_fiches_labo, l),
                  "Page")
    # le suivi du programme : tableau de bord, calendrier, certificats, données
    for src_uri, rendre in pages_suivi.pages(corpus).items():
        ajouter(src_uri, rendre, "Catalogue" if src_uri.endswith("index.md") else "Page",
                moteur="markdown")
    return pages
