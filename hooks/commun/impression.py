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


def blocs(urls: Iterable[str]) -> dict[str, str]:
    """``bloc`` pour beaucoup de pages à la fois : le calcul des codes QR (3 ms chacun, en
    Python pur) est réparti sur tous les cœurs de la machine."""
    urls = list(dict.fromkeys(urls))
    coeurs = os.cpu_count() or 1
    if len(urls) < EN_PARALLELE_AU_DELA or coeurs == 1:
        return {u: bloc(u) for u in urls}
    with ProcessPoolExecutor(max_workers=coeurs) as groupe:
        return dict(zip(urls, groupe.map(bloc, urls, chunksize=64)))
