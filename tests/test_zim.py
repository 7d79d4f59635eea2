"""Le ZIM pour Kiwix, relu par le lecteur de libzim : ses entrées face au contenu validé, ses
métadonnées, ses liens internes, et la recherche en français (avec et sans accents)."""

from __future__ import annotations

import posixpath
import re

import pytest
from libzim.reader import Archive
from libzim.search import Query, Searcher

from commun.construction import construire
from commun.zim import ZIM
from conftest import Projet

pytestmark = pytest.mark.lent  # construit un site entier

LIEN = re.compile(r'<a [^>]*href="([^"#?:]+)"')


@pytest.fixture(scope="module")
def kiwix(tmp_path_factory: pytest.TempPathFactory) -> tuple[Archive, Projet]:
    from conftest import nouveau_projet

    projet = nouveau_projet(tmp_path_factory.mktemp("zim") / "commun")
    site = projet.construire()
    assert f'{ZIM}" download>pour Kiwix (ZIM, ' in projet.page(site, "")  # lié de chaque page
    return Archive(site / ZIM), projet


def test_le_zim_porte_tout_le_contenu_valide(kiwix: tuple[Archive, Projet]) -> None:
    archive, projet = kiwix
    publie = construire(projet.racine).corpus.publiable(apercu=False)
    for contenu in publie.contenus():
        chemin = contenu.src_uri.removesuffix(".md") + "/index.html"
        assert archive.has_entry_by_path(chemin), chemin
    assert not archive.has_entry_by_path("fiches/bandrele-brouillon-secret/index.html")
    assert archive.main_entry.get_item().path == "index.html"
    assert archive.has_fulltext_index and archive.has_title_index
    metadonnees = {cle: bytes(archive.get_metadata(cle)).decode() for cle in
                   ("Title", "Language", "Name", "Creator", "Publisher", "Date")}
    assert metadonnees["Language"] == "fra" and len(metadonnees["Title"]) <= 30
    assert metadonnees["Name"].endswith("_fr_all")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", metadonnees["Date"])
    assert archive.has_illustration(48)  # ce que Kiwix affiche dans sa bibliothèque
    assert bytes(archive.get_illustration_item(48).content).startswith(b"\x89PNG")


def test_les_liens_internes_menent_a_une_entree(kiwix: tuple[Archive, Projet]) -> None:
    archive, _ = kiwix
    vus = 0
    for chemin in ("index.html", "fiches/mtsangamouji-guichet/index.html",
                   "outils/carte-empathie/index.html", "ccas/mtsangamouji/index.html"):
        html = bytes(archive.get_entry_by_path(chemin).get_item().content).decode()
        for cible in LIEN.findall(html):
            resolu = posixpath.normpath(posixpath.join(posixpath.dirname(chemin), cible))
            assert archive.has_entry_by_path(resolu), (chemin, cible, resolu)
            vus += 1
    assert vus > 50  # le menu, les listes, le pied de page


@pytest.mark.parametrize("mots", ["empathie", "accès aux droits", "acces aux droits",
                                  "démarches", "demarches"])
def test_la_recherche_du_lecteur_trouve_en_francais(kiwix: tuple[Archive, Projet],
                                                    mots: str) -> None:
    archive, _ = kiwix
    resultats = Searcher(archive).search(Query().set_query(mots))
    assert resultats.getEstimatedMatches() > 0, mots
    assert any("/" in chemin for chemin in resultats.getResults(0, 10))


def test_l_index_du_lecteur_lit_les_articles_seuls(kiwix: tuple[Archive, Projet]) -> None:
    """Le menu et le pied de page sont dans chaque page : indexés, ils feraient répondre toutes
    les pages à « Contribuer ». Les volumes du Livret redisent les fiches : hors de l'index."""
    archive, _ = kiwix
    pages = sum(1 for i in range(archive.all_entry_count)
                if archive._get_entry_by_id(i).path.endswith(".html"))
    contribuer = Searcher(archive).search(Query().set_query("contribuer"))
    assert 0 < contribuer.getEstimatedMatches() < pages // 4
    guichet = list(Searcher(archive).search(Query().set_query("guichet")).getResults(0, 50))
    assert "fiches/mtsangamouji-guichet/index.html" in guichet
    assert not [c for c in guichet if c.startswith("livret/")]
