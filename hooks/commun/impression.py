"""L'impression sur A4 : l'adresse de la page et un code QR qui y ramène, sous chaque outil,
fiche ou compte rendu imprimé (masqués à l'écran par ``docs/assets/commun.css``)."""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor

import segno

EN_PARALLELE_AU_DELA = 300  # pages : en dessous, lancer des processus coûte plus qu'il ne rapporte


def bloc(url: str) -> str:
    """Le bloc HTML imprimé en bas de page : adresse en clair et code QR en SVG."""
    qr = segno.make(url, error="m", mask=0)  # masque fixe : 5 fois plus rapide, aussi lisible
    svg = qr.svg_inline(scale=2, border=0, title=None, svgclass="commun-qr", lineclass=None,
                        omitsize=False)
    return (f'<div class="commun-impression" aria-hidden="true">{svg}'
            f'<p>Retrouvez cette page, à jour, à l\'adresse :<br>'
            f"<strong>{html.escape(url)}</strong></p></div>")


class CodesEnCours:
    """Les blocs imprimés de beaucoup de pages, calculés dans des processus à part pendant que
    le build continue (3 ms par code QR en Python pur : 15 s de calcul à 5 000 fiches, qui se
    font ainsi pendant la lecture du contenu, sur l'autre cœur)."""

    def __init__(self, urls: Iterable[str]) -> None:
        self.urls = list(dict.fromkeys(urls))
        self.groupe: ProcessPoolExecutor | None = None
        if len(self.urls) >= EN_PARALLELE_AU_DELA and (os.cpu_count() or 1) > 1:
            self.groupe = ProcessPoolExecutor(max_workers=max(1, (os.cpu_count() or 2) - 1))
            self.futurs = [self.groupe.submit(_lot, self.urls[i:i + 250])
                           for i in range(0, len(self.urls), 250)]

    def resultats(self) -> dict[str, str]:
        if self.groupe is None:
            return _lot(self.urls)
        blocs: dict[str, str] = {}
        for futur in self.futurs:
            blocs.update(futur.result())
        self.groupe.shutdown()
        return blocs


def _lot(urls: list[str]) -> dict[str, str]:
    return {u: bloc(u) for u in urls}
