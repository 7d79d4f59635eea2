"""Une longue liste en pages : « base.md », puis « base/page-2.md »… (une page reste légère sur
un téléphone quand le commun grandit)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

PAR_PAGE = 60  # au-delà, une liste se découpe en pages

T = TypeVar("T")


def chemin_de_page(base: str, numero: int) -> str:
    """« thematiques/x » → « thematiques/x.md », puis « thematiques/x/page-2.md »…"""
    return f"{base}.md" if numero == 1 else f"{base}/page-{numero}.md"


@dataclass(frozen=True)
class Pagination(Generic[T]):
    base: str  # « thematiques/acces-aux-droits »
    elements: Sequence[T]
    par_page: int = PAR_PAGE

    @property
    def total(self) -> int:
        """Le nombre de pages (une au moins, même vide)."""
        return max(1, -(-len(self.elements) // self.par_page))

    def numeros(self) -> range:
        return range(1, self.total + 1)

    def chemin(self, numero: int) -> str:
        return chemin_de_page(self.base, numero)

    def tranche(self, numero: int) -> list[T]:
        return list(self.elements[(numero - 1) * self.par_page: numero * self.par_page])

    def liens(self, numero: int) -> str:
        """Les liens « Page précédente · Page n sur N · Page suivante » (rien sur une seule)."""
        if self.total == 1:
            return ""
        liens = []
        if numero > 1:
            liens.append(f"[‹ Page précédente](/{self.chemin(numero - 1)})")
        liens.append(f"Page {numero} sur {self.total}")
        if numero < self.total:
            liens.append(f"[Page suivante ›](/{self.chemin(numero + 1)})")
        return '<nav class="commun-pagination" aria-label="Pages" markdown>\n\n' + \
            " · ".join(liens) + "\n\n</nav>"
