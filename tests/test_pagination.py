"""Les longues listes en pages (``commun.pages.pagination``) : combien de pages, leurs chemins,
ce que chacune montre et les liens de l'une à l'autre."""

from __future__ import annotations

import pytest

from commun.pages.pagination import PAR_PAGE, Pagination, chemin_de_page


@pytest.mark.parametrize(("n", "pages"), [(0, 1), (1, 1), (60, 1), (61, 2), (120, 2), (121, 3)])
def test_nombre_de_pages(n: int, pages: int) -> None:
    assert PAR_PAGE == 60
    assert Pagination("x", list(range(n))).total == pages
    assert list(Pagination("x", list(range(n))).numeros()) == list(range(1, pages + 1))


def test_tranche() -> None:
    pages = Pagination("x", list(range(130)))
    assert pages.tranche(1) == list(range(60))
    assert pages.tranche(3) == list(range(120, 130))
    assert pages.tranche(4) == []


def test_chemin_de_page() -> None:
    assert chemin_de_page("thematiques/x", 1) == "thematiques/x.md"
    assert chemin_de_page("thematiques/x", 2) == "thematiques/x/page-2.md"
    assert Pagination("thematiques/x", []).chemin(2) == "thematiques/x/page-2.md"


def test_liens_entre_les_pages() -> None:
    assert Pagination("fiches/etat/idee", list(range(60))).liens(1) == ""
    trois = Pagination("fiches/etat/idee", list(range(121)))
    debut = '<nav class="commun-pagination" aria-label="Pages" markdown>\n\n'
    assert trois.liens(1) == (
        debut + "Page 1 sur 3 · [Page suivante ›](/fiches/etat/idee/page-2.md)\n\n</nav>")
    assert trois.liens(2) == (
        debut + "[‹ Page précédente](/fiches/etat/idee.md) · Page 2 sur 3 · "
        "[Page suivante ›](/fiches/etat/idee/page-3.md)\n\n</nav>")
    assert trois.liens(3) == (
        debut + "[‹ Page précédente](/fiches/etat/idee/page-2.md) · Page 3 sur 3\n\n</nav>")
