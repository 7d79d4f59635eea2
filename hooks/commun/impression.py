"""L'impression sur A4 : l'adresse de la page et un code QR qui y ramène, sous chaque outil,
fiche ou compte rendu imprimé (masqués à l'écran par ``docs/assets/commun.css``)."""

from __future__ import annotations

import html

import segno


def bloc(url: str) -> str:
    """Le bloc HTML imprimé en bas de page : adresse en clair et code QR en SVG."""
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=2, border=0, title=None, svgclass="commun-qr", lineclass=None,
                        omitsize=False)
    return (f'<div class="commun-impression" aria-hidden="true">{svg}'
            f'<p>Retrouvez cette page, à jour, à l\'adresse :<br>'
            f"<strong>{html.escape(url)}</strong></p></div>")
