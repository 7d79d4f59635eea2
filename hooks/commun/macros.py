"""Les macros des pages écrites à la main (``docs/`` avec ``render_macros: true``).

Elles rendent des listes tirées du corpus publié, au même format que les pages générées.
Le contenu contribué (fiches, outils, comptes rendus) n'est jamais rendu comme un gabarit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from commun import carte, formulaire
from commun import vocabulaire as v
from commun.modele import Corpus
from commun.pages.elements import Pages


def macros(corpus: Callable[[], Corpus]) -> dict[str, Callable[..., Any]]:
    """Les macros, liées à une fonction qui rend le corpus publié du build en cours."""

    def nombre(quoi: str) -> int:
        """``{{ nombre("fiches") }}`` : fiches, outils, ccas (engagés), labos (avec compte
        rendu)."""
        c = corpus()
        return {
            "fiches": len(c.fiches),
            "outils": len(c.outils),
            "ccas": len({f.ccas for f in c.fiches.values()}),
            "labos": len(c.comptes_rendus),
        }[quoi]

    def liste_fiches(thematique: str | None = None, ccas: str | None = None,
                     etat: str | None = None, priorite: str | None = None) -> str:
        """``{{ liste_fiches(thematique="acces-aux-droits") }}`` : les fiches qui correspondent."""
        c = corpus()
        choisies = [f for f in c.fiches_triees
                    if (thematique is None or f.thematique == thematique)
                    and (ccas is None or f.ccas == ccas)
                    and (etat is None or f.etat == etat)
                    and (priorite is None or f.priorite == priorite)]
        return Pages(c).liste_fiches(choisies, avec_thematique=thematique is None)

    def liste_outils(phase: str | None = None, ids: list[str] | None = None) -> str:
        """``{{ liste_outils(phase="comprendre") }}`` ou ``{{ liste_outils(ids=["persona"]) }}``."""
        c = corpus()
        if ids is not None:
            choisis = [c.outils[i] for i in ids if i in c.outils]
        else:
            choisis = [o for o in c.outils_tries if phase is None or o.phase == phase]
        return Pages(c).liste_outils(choisis)

    def phases() -> str:
        """Les phases de la démarche, chacune avec un lien vers ses outils."""
        return "\n".join(f"{i}. **[{p.libelle}](/outils/index.md#{p.id})** — {p.description}"
                         for i, p in enumerate(v.PHASES.values(), start=1))

    def site() -> dict[str, str]:
        s = corpus().configuration.site
        return {"nom": s.nom, "territoire": s.territoire, "programme": s.programme,
                "porteur": s.porteur, "cofinancement": s.cofinancement, "depot": s.depot,
                "branche": s.branche,
                "licence_contenu": s.licence_contenu, "licence_code": s.licence_code}

    def carte_des_ccas(base: str = "") -> str:
        """``{{ carte() }}`` : la carte des CCAS ; ``base`` mène de la page à la racine du site
        (« ../ » pour une page d'un sous-dossier)."""
        return carte.carte(corpus().sans_exemples(), base)

    def formulaire_fiche() -> str:
        """``{{ formulaire_fiche() }}`` : le formulaire « Proposer une fiche »
        (docs/proposer.md)."""
        return formulaire.formulaire_fiche(corpus())

    return {"nombre": nombre, "liste_fiches": liste_fiches, "liste_outils": liste_outils,
            "phases": phases, "site": site, "formulaire_fiche": formulaire_fiche,
            "carte": carte_des_ccas}
