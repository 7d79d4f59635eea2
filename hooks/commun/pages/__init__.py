"""Le registre des pages que le commun ajoute au site : une ligne par famille de pages.

Chaque page générée est déclarée ici une fois, avec ce que le reste du build doit savoir d'elle :
la fonction qui rend son Markdown, ce qu'elle est pour la recherche et les exports (``sorte``),
le moteur qui la rend (``cmark`` : cmark-gfm, cent fois plus rapide, pour les pages qui
grandissent avec le commun ; ``markdown`` : Python-Markdown et ses extensions, pour les pages du
suivi, peu nombreuses et mises en page avec elles) et si elle entre dans l'index de recherche.
Les cibles de liens valides, le moteur et l'index en sont tirés : ajouter une page, c'est une
méthode de rendu dans le module de sa famille et une ligne ici.

Les familles : ``contenus`` (la page d'une fiche, d'un outil, d'un compte rendu), ``catalogues``,
``ccas``, ``labos``, ``livret``, ``programme`` (suivi du programme) ; ``elements`` ce qu'elles
partagent, ``pagination`` les longues listes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Literal

from commun import questionnaires
from commun import vocabulaire as v
from commun.modele import Corpus, Fiche
from commun.pages import livret, programme
from commun.pages.catalogues import Catalogues
from commun.pages.ccas import PagesCcas
from commun.pages.elements import EXTRAIT, en_pages
from commun.pages.labos import PagesLabos
from commun.pages.pagination import PREMIERE, chemin_de_page

Moteur = Literal["cmark", "markdown"]


@dataclass(frozen=True)
class PageGeneree:
    rendre: Callable[[], str]
    sorte: str = "Page"  # « Catalogue », « CCAS »… : page.meta["genre"] (recherche, exports)
    moteur: Moteur = "cmark"
    recherche: bool = True
    scripts: tuple[str, ...] = ()  # les scripts de la page (« assets/questionnaire.js »)


def registre(corpus: Corpus) -> dict[str, PageGeneree]:
    """Les pages construites depuis le corpus publié : chemin de page → ``PageGeneree``."""
    catalogues, ccas, labos = Catalogues(corpus), PagesCcas(corpus), PagesLabos(corpus)
    le_livret = livret.Livret(corpus)
    pages: dict[str, PageGeneree] = {}

    def ajouter(src_uri: str, rendre: Callable[[], str], sorte: str = "Page",
                moteur: Moteur = "cmark", recherche: bool = True,
                scripts: tuple[str, ...] = ()) -> None:
        pages[src_uri] = PageGeneree(rendre, sorte, moteur, recherche, scripts)

    def liste(base: str, fiches: list[Fiche], page: Callable[[int], str], sorte: str) -> None:
        """Une longue liste en pages, quand la page qui la résume n'en montre qu'un extrait."""
        if len(fiches) > EXTRAIT:
            pages = en_pages(base, fiches)
            for n in pages.numeros():
                ajouter(pages.chemin(n), partial(page, n), sorte)

    # les catalogues
    ajouter("outils/index.md", catalogues.catalogue_outils, "Catalogue")
    ajouter("fiches/index.md", catalogues.catalogue_fiches, "Catalogue")
    ajouter("fiches/par-etat.md", catalogues.fiches_par_etat, "Catalogue")
    ajouter("ccas/index.md", catalogues.index_ccas, "Catalogue")
    ajouter("thematiques/index.md", catalogues.index_thematiques, "Catalogue")
    ajouter("labos/index.md", catalogues.index_labos, "Catalogue")
    # le Livret du Labo : les textes des fiches et des outils, déjà dans l'index
    ajouter("livret.md", le_livret.livret, recherche=False)
    if len(corpus.fiches) > livret.FICHES_PAR_LIVRET:  # lu ici : les tests le baissent
        ajouter("livret/outils.md", le_livret.livret_outils, recherche=False)
        for volume, n, _, _ in le_livret.volumes_du_livret():
            ajouter(chemin_de_page(f"livret/{volume.id}", n),
                    partial(le_livret.livret_projets, volume.id, n), recherche=False)
    # une page par CCAS, thématique, outil, labo (sans compte rendu), et leurs longues listes
    for c in corpus.configuration.ccas:
        ajouter(f"ccas/{c}.md", partial(ccas.page_ccas, c), "CCAS")
        liste(f"ccas/{c}/projets", corpus.fiches_de_ccas(c), partial(ccas.page_projets_ccas, c),
              "Page")
    for t in corpus.configuration.thematiques:
        thematique = en_pages(f"thematiques/{t}", corpus.fiches_de_thematique(t))
        for n in thematique.numeros():
            ajouter(thematique.chemin(n), partial(catalogues.page_thematique, t, n),
                    "Thématique" if n == PREMIERE else "Page")
    for o in corpus.outils:
        liste(f"outils/{o}/fiches", corpus.fiches_utilisant(o),
              partial(catalogues.page_utilise_dans, o), "Page")
    for e in v.ETATS:  # les fiches par état d'avancement
        etat = en_pages(f"fiches/etat/{e}", corpus.fiches_par_etat(e))
        for n in etat.numeros():
            ajouter(etat.chemin(n), partial(catalogues.page_etat, e, n))
    for l in corpus.configuration.labos:
        if l not in corpus.comptes_rendus:
            ajouter(f"labos/{l}.md", partial(labos.page_labo, l), "Labo")
            liste(f"labos/{l}/fiches", corpus.fiches_du_labo(l),
                  partial(labos.page_fiches_labo, l), "Page")
    # un questionnaire par outil d'évaluation : à remplir hors ligne ou à imprimer
    for q in corpus.questionnaires.values():
        outil = corpus.outils[q.outil]
        ajouter(questionnaires.page_de(q), partial(questionnaires.page, q, f"[{outil.titre}]"
                f"(/{outil.src_uri})"), "Questionnaire", moteur="markdown",
                scripts=(questionnaires.SCRIPT,))
    # le suivi du programme : tableau de bord, calendrier, certificats, données
    for src_uri, rendre in programme.pages(corpus).items():
        sorte = "Catalogue" if src_uri.endswith("index.md") else \
            "Certificat" if src_uri.startswith("certificats/") else "Page"
        ajouter(src_uri, rendre, sorte, moteur="markdown")
    return pages
