"""L'impression sur A4 : l'adresse de la page et un code QR qui y ramène, sous chaque outil,
fiche ou compte rendu imprimé (masqués à l'écran par ``docs/assets/commun.css``)."""

from __future__ import annotations

import html
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor

import segno

from commun.arriere_plan import processus_a_part

EN_PARALLELE_AU_DELA = 300  # pages : en dessous, lancer des processus coûte plus qu'il ne rapporte
LOT = 100  # codes par tâche : la première page n'attend que le premier lot (0,2 s)


def bloc(url: str) -> str:
    """Le bloc HTML imprimé en bas de page : adresse en clair et code QR en SVG."""
    qr = segno.make(url, error="m", mask=0)  # masque fixe : 5 fois plus rapide, aussi lisible
    svg = qr.svg_inline(scale=2, border=0, title=None, svgclass="commun-qr", lineclass=None,
                        omitsize=False)
    return (f'<div class="commun-impression" aria-hidden="true">{svg}'
            f'<p>Retrouvez cette page, à jour, à l\'adresse :<br>'
            f"<strong>{html.escape(url)}</strong></p></div>")


class CodesEnCours:
    """Les blocs imprimés des pages, calculés dans un processus à part pendant que MkDocs rend
    le contenu (2 ms par code QR en Python pur : 10 s à 5 000 fiches, faites sur l'autre cœur).
    ``bloc(url)`` attend celui d'une page prévue, ou le calcule pour une autre."""

    def __init__(self, urls: Iterable[str]) -> None:
        self.groupe: ProcessPoolExecutor | None = None
        self.futurs: dict[str, Future] = {}
        urls = list(dict.fromkeys(urls))
        a_part = processus_a_part() if len(urls) >= EN_PARALLELE_AU_DELA else None
        if a_part is not None:
            contexte, coeurs = a_part
            self.groupe = ProcessPoolExecutor(max_workers=coeurs - 1, mp_context=contexte)
            for i in range(0, len(urls), LOT):  # dans l'ordre où MkDocs rendra les pages
                lot = urls[i:i + LOT]
                self.futurs.update(dict.fromkeys(lot, self.groupe.submit(_lot, lot)))

    def bloc(self, url: str) -> str:
        futur = self.futurs.pop(url, None)
        return futur.result()[url] if futur is not None else bloc(url)

    def fermer(self) -> None:
        if self.groupe is not None:
            self.groupe.shutdown(cancel_futures=True)
            self.groupe = None
        self.futurs.clear()


def _lot(urls: list[str]) -> dict[str, str]:
    return {u: bloc(u) for u in urls}
