"""Ce qui tient le build à 5 000 fiches : le rendu sans fuite de mémoire, les travaux faits sur
l'autre cœur (index de recherche, copie ZIP) et un index qui ne dépend pas de l'ordre des pages.
Les temps et la mémoire du build entier se mesurent avec scripts/bench.py, pas ici."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

import cmarkgfm
import pytest

from commun import conversion
from commun.arriere_plan import EnArrierePlan, ErreurArrierePlan
from commun.recherche import Document, approche, construire, scripts

MARKDOWN = """## Le besoin {#besoin}

Des familles *éloignées* des droits : **récolte** des besoins, ~~rien~~ https://exemple.org.

| Étape | Qui |
|---|---|
| Accueil | l'agent |

- [x] fait
- [ ] à faire

<script>alert(1)</script>
"""


def rss_mo() -> float:
    with open("/proc/self/status", encoding="ascii") as statut:
        ligne = next(l for l in statut if l.startswith("VmRSS"))
    return int(ligne.split()[1]) / 1024


def test_cmark_rend_comme_cmarkgfm_sans_perdre_de_memoire() -> None:
    reference = cmarkgfm.markdown_to_html_with_extensions(
        MARKDOWN, options=conversion.OPTIONS, extensions=conversion.EXTENSIONS)
    assert conversion.gfm(MARKDOWN) == reference
    assert "&lt;script>" in reference and "<table>" in reference and "<del>" in reference
    texte = MARKDOWN * 40  # une page de 16 ko
    for _ in range(50):
        conversion.gfm(texte)
    avant = rss_mo()
    for _ in range(2000):
        conversion.gfm(texte)
    # la fonction de cmarkgfm perd ≈ 25 ko par page de cette taille : 50 Mo ici
    assert rss_mo() - avant < 10


class Somme:
    def __init__(self) -> None:
        self.total = 0
        self.pid = os.getpid()

    def ajouter(self, n: int) -> None:
        if n < 0:
            raise ValueError(f"nombre négatif : {n}")
        self.total += n

    def terminer(self, fois: int) -> tuple[int, int]:
        return self.total * fois, self.pid


@pytest.mark.parametrize("coeurs", [2, 1])
def test_le_travail_se_fait_dans_un_autre_processus(coeurs: int, monkeypatch) -> None:
    """… quand la machine a plus d'un cœur, sinon ici même, avec le même résultat."""
    monkeypatch.setattr(os, "cpu_count", lambda: coeurs)
    travail = EnArrierePlan(Somme, "somme")
    for n in range(1000):
        travail.ajouter(n)
    travail.finir(2)
    total, pid = travail.resultat()
    assert total == 2 * sum(range(1000))
    assert (pid != os.getpid()) == (coeurs > 1)
    if travail.ici is None:
        assert not travail.processus.is_alive()


def test_une_erreur_du_travail_fait_echouer_le_build_avec_sa_trace() -> None:
    travail = EnArrierePlan(Somme, "somme")
    # l'erreur peut partir de ajouter(), de finir() ou de resultat() selon le moment où le
    # travail la rencontre : le bloc les contient tous
    with pytest.raises((ErreurArrierePlan, ValueError),  # noqa: PT012
                       match="nombre négatif : -3"):
        for n in [1, 2, -3, *range(100_000)]:  # on continue d'envoyer après l'erreur
            travail.ajouter(n)
        travail.finir(1)
        travail.resultat()
    travail.fermer()


def test_un_build_interrompu_ne_laisse_pas_de_processus() -> None:
    travail = EnArrierePlan(Somme, "somme")
    travail.ajouter(1)
    travail.fermer()
    assert travail.ici is not None or not travail.processus.is_alive()


def test_l_index_ne_depend_pas_de_l_ordre_des_pages() -> None:
    # des pages sans date, et des fiches publiées plusieurs par jour (dont une tranche en cours)
    documents = [Document(f"fiches/f{i}/", f"Fiche {i} récolte", "Fiche projet", "résumé",
                          f"Texte {i} : récoltes et moustiquaires, accès aux droits {i % 7}",
                          publie=f"2026-01-{i % 25 + 1:02d}" if i % 3 else None)
                 for i in range(120)]
    dans_l_ordre = list(scripts(construire(documents)))
    a_l_envers = list(scripts(construire(reversed(documents))))
    assert dans_l_ordre == a_l_envers
    assert any(chemin.startswith("recents/") for chemin, _ in dans_l_ordre)
    assert any(chemin == "termes/recolt.js" for chemin, _ in dans_l_ordre)
    dictionnaire = dict(dans_l_ordre)["mots/rec.js"]
    assert f'"recolt":{approche(120)}' in dictionnaire  # dans les 120 documents


@pytest.mark.lent
def test_le_menu_en_cache_est_exactement_celui_de_material(projet) -> None:
    """hooks/theme/partials/nav.html ne rend qu'une fois le menu des pages hors menu : le site
    est identique, octet pour octet, à celui que rend le gabarit de Material."""
    avec_cache = projet.construire(site="avec")
    (projet.racine / "hooks" / "theme" / "partials" / "nav.html").unlink()
    material = projet.construire(site="material")
    pages = sorted(p.relative_to(avec_cache) for p in avec_cache.rglob("*.html"))
    assert len(pages) > 30
    assert pages == sorted(p.relative_to(material) for p in material.rglob("*.html"))
    differentes = [p for p in pages
                   if (avec_cache / p).read_bytes() != (material / p).read_bytes()]
    assert differentes == []
    fiche = (avec_cache / "fiches" / "mtsangamouji-guichet" / "index.html").read_text()
    assert fiche.count('class="md-nav md-nav--primary"') == 1


def test_le_contenu_se_verifie_pareil_sur_plusieurs_coeurs(projet, monkeypatch) -> None:
    """Au-delà de quelques centaines de fichiers, chargement.charger les vérifie dans plusieurs
    processus : mêmes problèmes, même corpus qu'un par un (ici, dès le premier fichier)."""
    from commun import chargement, construction

    projet.ecrire("fiches/acoua-sans-titre.md", "---\nccas: acoua\n---\n\nTexte.\n")
    un_par_un = construction.construire(projet.racine)
    monkeypatch.setattr(chargement, "EN_PARALLELE_AU_DELA", 0)
    groupes = []

    class Groupe(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs) -> None:
            groupes.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(chargement, "ProcessPoolExecutor", Groupe)
    en_parallele = construction.construire(projet.racine)
    assert len(groupes) == ((os.cpu_count() or 1) > 1)
    assert en_parallele.problemes == un_par_un.problemes
    assert any("acoua-sans-titre" in p.chemin for p in en_parallele.problemes)
    assert en_parallele.corpus == un_par_un.corpus


def test_les_codes_qr_calcules_a_part_sont_ceux_de_la_page(monkeypatch) -> None:
    from commun import impression

    monkeypatch.setattr(impression, "EN_PARALLELE_AU_DELA", 0)
    urls = [f"https://exemple.org/fiches/f{i}/" for i in range(12)]
    codes = impression.CodesEnCours(urls)
    assert (codes.groupe is not None) == ((os.cpu_count() or 1) > 1)
    assert [codes.bloc(u) for u in urls] == [impression.bloc(u) for u in urls]
    assert codes.bloc("https://exemple.org/autre/") == impression.bloc("https://exemple.org/autre/")
    codes.fermer()
