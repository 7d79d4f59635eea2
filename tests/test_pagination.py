"""Les longues listes en pages (``commun.pages.pagination``) : combien de pages, leurs chemins,
ce que chacune montre et les liens de l'une à l'autre ; et surtout, qu'une fiche publiée ne
change que la première page d'une liste et au plus une autre (un téléphone qui « Met à jour »
ne retélécharge pas toute la liste)."""

from __future__ import annotations

import re

import pytest

from commun.pages import registre
from commun.pages.pagination import PAR_PAGE, PREMIERE, PagesStables, Pagination, chemin_de_page
from outils import corpus_minimal, fiche

# --- Pagination : les volumes du livret, dans l'ordre de lecture ----------------------------


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
    assert Pagination("livret/x", list(range(60))).liens(1) == ""
    trois = Pagination("livret/x", list(range(121)))
    debut = '<nav class="commun-pagination" aria-label="Pages" markdown>\n\n'
    assert trois.liens(1) == (
        debut + "Page 1 sur 3 · [Page suivante ›](/livret/x/page-2.md)\n\n</nav>")
    assert trois.liens(2) == (
        debut + "[‹ Page précédente](/livret/x.md) · Page 2 sur 3 · "
        "[Page suivante ›](/livret/x/page-3.md)\n\n</nav>")
    assert trois.liens(3) == (
        debut + "[‹ Page précédente](/livret/x/page-2.md) · Page 3 sur 3\n\n</nav>")


# --- PagesStables : les listes de fiches, qui grandissent par la fin ------------------------


def contenus(n: int, par_page: int = PAR_PAGE) -> dict[str, str]:
    """Chaque page d'une liste de ``n`` éléments publiés (0 le plus ancien) : ce qu'elle
    montre et ses liens, comme un lecteur les voit."""
    pages = PagesStables("liste", list(range(n)), par_page)
    return {pages.chemin(c): " ".join(map(str, pages.tranche(c))) + "\n" + pages.liens(c)
            for c in pages.numeros()}


def suivre(pages: dict[str, str], depart: str, lien: str) -> list[str]:
    """Les pages visitées en suivant « Page suivante » (ou « précédente ») depuis ``depart``."""
    vues = [depart]
    while trouve := re.search(rf"\[{lien}[^\]]*\]\(/([^)]+)\)", pages[vues[-1]]):
        assert trouve.group(1) in pages, f"lien vers une page absente : {trouve.group(1)}"
        assert trouve.group(1) not in vues, "la navigation tourne en rond"
        vues.append(trouve.group(1))
    return vues


@pytest.mark.parametrize("par_page", [3, PAR_PAGE])
def test_une_fiche_publiee_change_la_premiere_page_et_au_plus_une_autre(par_page: int) -> None:
    avant = contenus(0, par_page)
    for n in range(1, 5 * par_page + 2):
        apres = contenus(n, par_page)
        assert set(avant) <= set(apres), "une page a disparu"
        changees = {c for c in apres if avant.get(c) != apres[c]}
        assert changees - {"liste.md"} == set() or len(changees - {"liste.md"}) == 1, (
            n, sorted(changees))
        avant = apres


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 16])
def test_la_navigation_montre_tout_des_plus_recentes_aux_plus_anciennes(n: int) -> None:
    pages = contenus(n, par_page=3)
    lues = suivre(pages, "liste.md", "Page suivante")
    vus = [int(e) for p in lues for e in pages[p].split("\n")[0].split()]
    assert vus == list(range(n - 1, -1, -1))  # chacune une fois, les plus récentes d'abord
    # et en sens inverse, de la page la plus ancienne on revient à la première page
    assert suivre(pages, lues[-1], "‹ Page précédente")[-1] == "liste.md"
    for page in pages:  # depuis n'importe quelle page d'archive aussi
        assert suivre(pages, page, "‹ Page précédente")[-1] == "liste.md"


def test_une_liste_courte_tient_sur_une_page_sans_liens() -> None:
    assert contenus(60) == {"liste.md": " ".join(str(i) for i in range(59, -1, -1)) + "\n"}


def test_pages_d_archive_numerotees_depuis_la_plus_ancienne() -> None:
    pages = PagesStables("thematiques/x", list(range(130)))
    assert pages.numeros() == [PREMIERE, 1, 2]
    assert pages.chemin(PREMIERE) == "thematiques/x.md"
    assert pages.chemin(1) == "thematiques/x/page-1.md"
    assert pages.tranche(PREMIERE) == list(range(129, 119, -1))  # les 10 plus récentes
    assert pages.tranche(1) == list(range(59, -1, -1))  # les 60 premières publiées
    debut = '<nav class="commun-pagination" aria-label="Pages" markdown>\n\n'
    assert pages.liens(PREMIERE) == (
        debut + "Les plus récentes · [Page suivante ›](/thematiques/x/page-2.md)\n\n</nav>")
    assert pages.liens(1) == (
        debut + "[‹ Page précédente](/thematiques/x/page-2.md) · N° 1 à 60 par ordre de "
        "publication\n\n</nav>")


@pytest.mark.parametrize("n", [119, 120, 130])
def test_une_fiche_publiee_dans_un_vrai_corpus(n: int) -> None:
    """Toutes les pages générées, rendues, avant et après la publication d'une fiche d'Acoua
    de plus : chaque longue liste change sa première page et au plus une autre."""
    def rendues(n: int) -> dict[str, str]:
        fiches = [fiche(f"acoua-{i:03d}", titre=f"Projet {i:03d}",
                        valide_le=f"2025-{1 + i // 28:02d}-{1 + i % 28:02d}")
                  for i in range(1, n + 1)]
        return {c: p.rendre() for c, p in registre(corpus_minimal(fiches=fiches)).items()}

    avant, apres = rendues(n), rendues(n + 1)
    listes = {c.split("/page-")[0] for c in apres if "/page-" in c}
    assert {"thematiques/acces-aux-droits", "ccas/acoua/projets",
            "outils/carte-empathie/fiches", "fiches/etat/en-experimentation"} <= listes
    assert set(avant) <= set(apres)
    changees = {c for c in apres if avant.get(c) != apres[c]}
    for liste in listes:
        assert f"{liste}.md" in changees  # la nouvelle fiche y est, en tête
        assert re.findall(r"acoua-\d+", apres[f"{liste}.md"])[0] == f"acoua-{n + 1:03d}"
        autres = {c for c in changees if c.startswith(liste + "/page-")}
        assert len(autres) <= 1, (liste, sorted(autres))
    nouvelle = f"acoua-{n + 1:03d}"
    assert not any(nouvelle in v for c, v in apres.items() if "/page-" in c and c in avant)
