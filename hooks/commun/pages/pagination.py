"""Une longue liste en pages : « base.md », puis « base/page-1.md », « base/page-2.md »… (une
page reste légère sur un téléphone quand le commun grandit).

Deux découpages :

- ``Pagination`` : des pages numérotées dans l'ordre de lecture (« partie 2 sur 3 » du livret à
  imprimer) ;
- ``PagesStables`` : les listes de fiches, qui grandissent d'une fiche à chaque publication. Le
  lecteur voit les plus récentes d'abord, mais les pages sont découpées depuis la plus
  ancienne, par tranches fixes de ``PAR_PAGE`` : la tranche 1 (« page-1 ») réunit les 60
  premières publiées et ne bouge plus. La première page (« base.md ») montre la tranche en
  cours de remplissage (plus courte, parfois d'une seule fiche) ou, quand la dernière tranche
  vient d'être remplie, cette tranche entière. Une fiche publiée ne change donc que la première
  page et au plus une autre : sur un téléphone, « Mettre à jour » ne retélécharge pas toute la
  liste. Ni le nombre de pages ni le nombre de fiches n'apparaissent sur les pages d'archive.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

PAR_PAGE = 60  # au-delà, une liste se découpe en pages

T = TypeVar("T")


def chemin_de_page(base: str, numero: int) -> str:
    """« thematiques/x » → « thematiques/x.md », puis « thematiques/x/page-2.md »…"""
    return f"{base}.md" if numero == 1 else f"{base}/page-{numero}.md"


def _nav(liens: list[str]) -> str:
    return '<nav class="commun-pagination" aria-label="Pages" markdown>\n\n' + \
        " · ".join(liens) + "\n\n</nav>"


@dataclass(frozen=True)
class Pagination(Generic[T]):
    """Des pages numérotées dans l'ordre de lecture : la page 1 est « base.md »."""

    base: str  # « livret/acces-aux-droits »
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
        return _nav(liens)


PREMIERE = 0  # le numéro de la première page (« base.md ») dans ``PagesStables``


@dataclass(frozen=True)
class PagesStables(Generic[T]):
    """Une liste qui grandit par la fin, en pages qui ne bougent plus une fois remplies.

    ``elements`` vont du plus ancien au plus récent (voir ``par_publication``). La première
    page (numéro ``PREMIERE``, « base.md ») montre les plus récents ; la page d'archive ``c``
    (« base/page-c.md ») les éléments ``(c - 1) × par_page + 1`` à ``c × par_page`` comptés
    depuis le plus ancien, les plus récents d'abord. Une page d'archive existe pour chaque
    tranche pleine, dès qu'elle est pleine (même quand la première page la montre encore) :
    son lien vers les plus récents est ainsi déjà juste quand la tranche suivante commence."""

    base: str  # « thematiques/acces-aux-droits »
    elements: Sequence[T]
    par_page: int = PAR_PAGE

    @property
    def pleines(self) -> int:
        """Le nombre de tranches pleines (chacune a sa page d'archive)."""
        return len(self.elements) // self.par_page if len(self.elements) > self.par_page else 0

    @property
    def reste(self) -> int:
        """Les éléments de la tranche en cours de remplissage."""
        return len(self.elements) - self.pleines * self.par_page

    def numeros(self) -> list[int]:
        """La première page, puis les pages d'archive, de la plus ancienne à la plus récente."""
        return [PREMIERE, *range(1, self.pleines + 1)]

    def chemin(self, numero: int) -> str:
        return f"{self.base}.md" if numero == PREMIERE else f"{self.base}/page-{numero}.md"

    def tranche(self, numero: int) -> list[T]:
        """Ce que montre une page, les plus récents d'abord."""
        if numero == PREMIERE:
            if self.pleines and not self.reste:  # la dernière tranche vient d'être remplie
                return self.tranche(self.pleines)
            debut = self.pleines * self.par_page
            return list(reversed(self.elements[debut:]))
        return list(reversed(self.elements[(numero - 1) * self.par_page:
                                           numero * self.par_page]))

    def _plus_recente(self, numero: int) -> int | None:
        if numero == PREMIERE:
            return None
        # la page d'archive suivante, si elle existe et que la première page ne montre pas
        # déjà la même tranche ; sinon la première page
        if numero + 1 < self.pleines or (numero + 1 == self.pleines and self.reste):
            return numero + 1
        return PREMIERE

    def _plus_ancienne(self, numero: int) -> int | None:
        if numero == PREMIERE:
            if not self.pleines:
                return None
            precedente = self.pleines if self.reste else self.pleines - 1
            return precedente or None
        return numero - 1 if numero > 1 else None

    def intitule(self, numero: int) -> str:
        """« N° 61 à 120 par ordre de publication » : ce que réunit une page d'archive."""
        if numero == PREMIERE:
            return "Les plus récentes"
        return (f"N° {(numero - 1) * self.par_page + 1} à {numero * self.par_page} par ordre "
                "de publication")

    def liens(self, numero: int) -> str:
        """« ‹ Page précédente » (plus récentes) · ce que réunit la page · « Page suivante › »
        (plus anciennes) ; rien sur une liste d'une seule page."""
        if not self.pleines:
            return ""
        liens = []
        if (recente := self._plus_recente(numero)) is not None:
            liens.append(f"[‹ Page précédente](/{self.chemin(recente)})")
        liens.append(self.intitule(numero))
        if (ancienne := self._plus_ancienne(numero)) is not None:
            liens.append(f"[Page suivante ›](/{self.chemin(ancienne)})")
        return _nav(liens)


def par_publication(elements: Sequence[T], date: Callable[[T], str | None],
                    id: Callable[[T], str]) -> list[T]:
    """Du plus ancien au plus récent : par date de publication, puis par identifiant (deux
    fiches validées le même jour gardent toujours le même ordre)."""
    return sorted(elements, key=lambda e: (date(e) or "", id(e)))
