"""La recherche : les mots comme le navigateur les lit (traits d'union, chiffres), un index dont
les fichiers ne changent pas quand un autre document change (« Mettre à jour » sur un
téléphone), et dans Chromium ce que voit la personne qui cherche : résultats partiels après les
complets, faute de frappe, trait d'union dans les deux sens, début de mot, extrait surligné."""

from __future__ import annotations

import itertools
import json
import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from commun import recherche
from commun.recherche import (
    POSTINGS_MAX,
    RECENTS,
    Document,
    approche,
    construire,
    mots,
    numeros,
    passages,
    scripts,
    tranche_en_cours,
)
from conftest import PageNotee, nouveau_projet, servir, telephone_360

MOTS = ("accueil droits famille logement santé enfant transport permanence village commune "
        "atelier habitants agent dossier rendez-vous papier courrier école aide aînés").split()


def texte_au_hasard(hasard: random.Random, n: int = 80) -> str:
    return " ".join(hasard.choice(MOTS) for _ in range(n)) + "."


def corpus(n: int) -> list[Document]:
    hasard = random.Random(976)
    return [Document(f"fiches/f{i}/", f"Fiche {i}", "Fiche projet", "résumé",
                     texte_au_hasard(hasard)) for i in range(n)]


def publies(n: int) -> list[Document]:
    """Des fiches validées une par jour, la plus récente en dernier."""
    return [Document(d.url, d.titre, d.genre, d.resume, d.texte, publie=f"{i:05d}")
            for i, d in enumerate(corpus(n))]


def fichiers(documents: list[Document]) -> dict[str, str]:
    return dict(scripts(construire(documents)))


def test_traits_d_union_dans_les_deux_sens_et_chiffres() -> None:
    assert mots("éco-conception") == ["eco", "conception", "ecoconception"]
    assert mots("écoconception") == ["ecoconception"]
    assert "soustitr" in mots("sous-titres") and "sous" not in mots("sous-titres")
    assert mots("RGAA 5") == ["rgaa", "5"]
    assert mots("le 5 et le x") == ["5"]  # un chiffre seul compte, pas une lettre seule
    assert mots("2026-12-05") == ["2026", "12", "05"]  # une date ne se soude pas
    assert mots("covid‑19") == ["covid", "19", "covid19"]  # trait d'union insécable


def test_les_noms_a_apostrophe_s_ecrivent_aussi_d_un_bloc() -> None:
    assert mots("M'Tsangamouji") == mots("M’Tsangamouji") == ["tsangamouji", "mtsangamouji"]
    assert mots("Mtsangamouji") == ["mtsangamouji"]
    # une élision (devant une voyelle ou un h) reste coupée
    assert mots("l'accès d'habitants aujourd'hui") == ["acc", "habitant", "aujourd", "hui"]


def test_un_numero_ne_change_pas_quand_on_ajoute_un_document() -> None:
    urls = [f"fiches/f{i}/" for i in range(3000)]
    avant = numeros(urls)
    apres = numeros([*urls, "fiches/nouvelle/"])
    assert len(set(avant.values())) == len(urls)
    changes = [u for u in urls if avant[u] != apres[u]]
    assert len(changes) <= 1  # seulement si la nouvelle prend la place d'une autre (rare)


def test_approche_par_paliers() -> None:
    assert [approche(n) for n in (1, 4, 5, 99, 100, 3456, 3499)] == [1, 4, 5, 108, 108, 3852, 3852]
    # un document de plus ne change presque jamais le nombre approché d'un mot fréquent
    assert sum(approche(n) != approche(n + 1) for n in range(1000, 2000)) <= 5


def test_publier_un_document_ne_change_que_ses_fichiers() -> None:
    documents = corpus(400)
    avant = fichiers(documents)
    nouveau = Document("fiches/nouvelle/", "Nouvelle fiche", "Fiche projet", "résumé",
                       "Un transport solidaire vers le dispensaire de la commune.")
    apres = fichiers([*documents, nouveau])
    changes = {c for c in apres if avant.get(c) != apres[c]}
    (numero,) = {c for c in apres if c not in avant and c.startswith("docs/")}
    siens = set(mots(nouveau.titre + " " + nouveau.texte))
    assert {c.removeprefix("termes/").removesuffix(".js") for c in changes
            if c.startswith("termes/")} <= siens
    assert {c for c in changes if c.startswith("mots/")} <= {f"mots/{m[:3]}.js" for m in siens}
    # la liste des clés du dictionnaire, parce que de nouvelles apparaissent (« dis… »)
    assert changes - {c for c in changes if c.startswith(("termes/", "mots/"))} \
        == {numero, "meta.js", "cles.js"}
    assert "mots/dis.js" not in avant and "mots/dis.js" in apres
    # les mots fréquents (« commune » est dans 400 documents) ne changent pas de fichier : le
    # nouveau n'entre pas dans leurs meilleurs documents, et leur nombre approché reste le même
    assert "termes/commun.js" not in changes and "mots/com.js" not in changes


def test_les_documents_dates_entrent_dans_l_index_par_tranches() -> None:
    dates = [f"2025-{m:02d}" for m in range(1, 13)] * 6  # 72 documents datés, dans le désordre
    recent = tranche_en_cours([None, *dates, None])
    assert not recent[0] and not recent[-1]  # une page sans date est toujours dans l'index
    # 72 = 2 × 32 + 8 : la tranche en cours commence au 65e document, en novembre, et prend
    # tous ceux de novembre et de décembre
    assert RECENTS == 32 and sum(recent) == 12
    # les récents sont les plus tardifs
    assert min(d for d, r in zip(dates, recent[1:-1], strict=True) if r) \
        >= max(d for d, r in zip(dates, recent[1:-1], strict=True) if not r)
    # une tranche pleine le reste jusqu'à la fiche qui ouvre la suivante
    assert sum(tranche_en_cours([f"{i:03d}" for i in range(RECENTS * 2)])) == RECENTS
    assert sum(tranche_en_cours([f"{i:03d}" for i in range(RECENTS * 2 + 1)])) == 1


def test_une_fiche_du_jour_de_la_tranche_n_en_fait_sortir_aucune() -> None:
    # des fiches validées par lots : la tranche en cours commence au milieu du lot du 3 mars
    dates = ["2026-03-02"] * (RECENTS - 3) + ["2026-03-03"] * 6
    avant = tranche_en_cours(dates)
    assert avant == [False] * (RECENTS - 3) + [True] * 6
    # une de plus le 3 mars : où qu'elle se range dans le lot, aucune autre ne change de côté
    assert tranche_en_cours([*dates, "2026-03-03"]) == [*avant, True]
    # une fiche antidatée entre dans l'index des mots
    assert tranche_en_cours(["2026-03-01", *dates])[0] is False
    # la fiche qui ouvre une tranche, le jour d'un lot : le lot reste dans la tranche, la
    # suivante aussi (le début ne recule jamais)
    lot = ["2026-03-02"] * (RECENTS - 3) + ["2026-03-03"] * 3
    assert sum(tranche_en_cours([*lot, "2026-03-03"])) == 4
    assert sum(tranche_en_cours([*lot, "2026-03-03", "2026-03-03"])) == 5


def test_publier_une_fiche_ne_touche_pas_aux_fichiers_des_mots() -> None:
    documents = publies(RECENTS * 12 + 5)
    avant = fichiers(documents)
    assert any(c.startswith("recents/") for c in avant)
    nouveau = Document("fiches/nouvelle/", "Nouvelle fiche", "Fiche projet", "résumé",
                       "Un transport solidaire vers le dispensaire de la commune.",
                       publie="99999")
    apres = fichiers([*documents, nouveau])
    changes = {c for c in apres if avant.get(c) != apres[c]}
    (numero,) = {c for c in apres if c not in avant and c.startswith("docs/")}
    lettres = {f"recents/{m[0]}.js" for m in mots(nouveau.titre + " " + nouveau.texte)}
    assert changes - lettres == {numero, "meta.js"}
    assert not any(c.startswith(("termes/", "mots/")) for c in changes)


def test_la_fiche_qui_ouvre_une_tranche_verse_la_precedente_dans_l_index() -> None:
    documents = publies(RECENTS * 3 + 1)
    pleine, ouverte = construire(documents[:-1]), construire(documents)
    numero = numeros(d.url for d in documents)[documents[-1].url]
    # la tranche pleine attend ; la nouvelle ne compte que la fiche qui l'ouvre
    assert {n for liste in pleine.recents.values() for n in liste[::2]} \
        == {numeros(d.url for d in documents[:-1])[d.url] for d in documents[-RECENTS - 1:-1]}
    assert {n for liste in ouverte.recents.values() for n in liste[::2]} == {numero}
    # les scores des récents et ceux des mots font ensemble ceux de l'index entier
    for index, tous in ((pleine, corpus(RECENTS * 3)), (ouverte, corpus(RECENTS * 3 + 1))):
        for m, liste in construire(tous).postings.items():
            ensemble = [*index.postings.get(m, []), *index.recents.get(m, [])]
            assert sorted(zip(ensemble[::2], ensemble[1::2], strict=True)) \
                == sorted(zip(liste[::2], liste[1::2], strict=True))


def test_une_tranche_lourde_se_range_par_trois_lettres(monkeypatch: pytest.MonkeyPatch) -> None:
    documents = [*publies(RECENTS + 3),
                 Document("fiches/console/", "Console", "Fiche projet", "r",
                          "La console de jeux du club.", publie="99999")]
    legere = fichiers(documents)
    assert {c for c in legere if c.startswith("recents/")} \
        <= {f"recents/{m[0]}.js" for d in documents for m in mots(d.titre + " " + d.texte)}
    assert '"recents":1' in legere["meta.js"]
    monkeypatch.setattr(recherche, "RECENTS_LEGERS", 10)
    lourde = fichiers(documents)
    assert '"recents":3' in lourde["meta.js"]
    # « con » : un nom que Windows réserve, comme pour le dictionnaire
    assert "recents/_con.js" in lourde and "recents/fam.js" in lourde


def test_les_decomptes_d_une_page_faite_par_le_build_ne_s_indexent_pas() -> None:
    def catalogue(n: int) -> Document:
        return Document("fiches/", "Les fiches projets", "Catalogue", "Les projets des CCAS.",
                        f"{n} fiches, dont {n // 3} en expérimentation.", nombres=False)

    fiche = Document("fiches/cerfa/", "Le Cerfa", "Fiche projet", "r", "Le cerfa 15479 rempli.")
    index = construire([catalogue(1264), fiche])
    assert "1264" not in index.postings and "421" not in index.postings
    assert "15479" in index.postings and "experimentation" in index.postings
    # une fiche de plus au décompte : seule la description de la page change
    avant, apres = fichiers([catalogue(1264), fiche]), fichiers([catalogue(1265), fiche])
    assert {c for c in apres if avant.get(c) != apres[c]} \
        == {f"docs/{numeros(['fiches/', 'fiches/cerfa/'])['fiches/']}.js", "meta.js"}


def test_retoucher_un_document_ne_change_que_les_mots_retouches() -> None:
    documents = corpus(200)
    avant = fichiers(documents)
    d = documents[7]
    retouche = Document(d.url, d.titre, d.genre, d.resume,
                        d.texte.replace("village", "quartier", 1))
    apres = fichiers([*documents[:7], retouche, *documents[8:]])
    changes = {c for c in apres if avant.get(c) != apres[c]}
    (ancien,), (nouveau,) = mots("village"), mots("quartier")
    assert changes <= {f"termes/{ancien}.js", f"termes/{nouveau}.js", "mots/vil.js",
                       "mots/qua.js", f"docs/{numeros(x.url for x in documents)[d.url]}.js",
                       "meta.js", "cles.js"}  # « qua… », une clé nouvelle
    # « quartier », dans un seul document, a ses documents dans le dictionnaire (mot rare)
    assert "mots/qua.js" in changes and f"termes/{nouveau}.js" not in apres


def test_un_mot_garde_ses_meilleurs_documents() -> None:
    meilleur = Document("fiches/meilleure/", "Famille", "Fiche projet", "r", "famille " * 9)
    documents = [*corpus(POSTINGS_MAX + 50), meilleur]
    texte = fichiers(documents)["termes/famill.js"]
    ecarts = json.loads(texte.split(",", 1)[1].removesuffix(");\n"))
    assert len(ecarts) == 2 * POSTINGS_MAX
    assert numeros(d.url for d in documents)[meilleur.url] in itertools.accumulate(ecarts[::2])


def test_passages_courts_aux_fins_de_phrase() -> None:
    texte = "Première phrase. " * 40 + "mot " * 200
    morceaux = passages(texte)
    assert all(len(p) <= 360 for p in morceaux)
    assert " ".join(morceaux).split() == texte.split()


# --- Dans Chromium -----------------------------------------------------------------------------

PAGES = {
    # un même sujet écrit soudé et à trait d'union
    "soudee": ("Sobriété des services", "Les équipes pratiquent l'écoconception des "
               "formulaires : moins de pages, moins de données."),
    "union": ("Numérique responsable", "Une démarche d'éco-conception : alléger les pages "
              "pour les téléphones à petit forfait."),
    # une faute de frappe, un début de mot qui n'est pas le dernier
    "accessibilite": ("Rendre un formulaire lisible", "L'accessibilité des démarches : "
                      "contrastes, taille du texte, libellés clairs."),
    "visio": ("Rendez-vous à distance", "La visioconférence avec une famille éloignée du "
              "bureau : tester le son avant, prévoir un appel de secours."),
    "famille": ("Accueillir une famille", "Une famille arrive au guichet : écouter d'abord, "
                "noter la demande, orienter."),
    # complet et partiel
    "complet": ("Tournée du guichet", "Le guichet mobile passe dans chaque village ; le camion "
                "s'arrête devant la mairie."),
    "partiel": ("Guichet mobile", "Guichet mobile, guichet mobile : les permanences mobiles du "
                "guichet dans les villages, chaque semaine."),
    # un chiffre, et un passage au fond d'une longue page
    "rgaa5": ("Référentiel, version cinq", "Le RGAA 5 change la façon de tester les pages."),
    "rgaa4": ("Référentiel, version quatre", "Le RGAA 4 est la version précédente."),
    "extrait": ("Guide de l'accueil", " ".join(["Un paragraphe sur l'accueil des publics."] * 30)
                + " Le bracelet orange signale une personne sourde à l'accueil."),
    "hostile": ("Page piégée", "Le code `<img src=x onerror=alert(1)>` reste du texte : "
                "tournesol."),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    projet = nouveau_projet(tmp_path_factory.mktemp("recherche") / "commun")
    for nom, (titre, texte) in PAGES.items():
        projet.ecrire(f"docs/essai/{nom}.md", f"---\ntitle: {titre}\n---\n\n# {titre}\n\n"
                                              f"{texte}\n")
    return projet.construire(strict=False)  # les pages d'essai ne sont pas dans le menu


@pytest.fixture(scope="module")
def adresse(site: Path) -> Iterator[str]:
    with servir(site) as adresse:
        yield adresse


# Un index de fiches datées : une tranche versée dans les fichiers des mots, puis des récentes
RECENTES = {
    "fiches/ancienne/": ("Ancien marché", "Le marché du mardi au village."),
    "fiches/nouvelle/": ("Nouveau marché", "Le marché sous le baobab de la place."),
}


@pytest.fixture(scope="module")
def adresse_recentes(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Le site d'essai dont l'index est remplacé par celui de ``RECENTES`` et d'autres fiches
    plus anciennes : « Ancien marché » dans la tranche versée, « Nouveau marché »
    parmi les récentes."""
    copie = tmp_path_factory.mktemp("recentes") / "site"
    shutil.copytree(site, copie)
    documents = [*corpus(RECENTS - 1), *(Document(url, titre, "Fiche projet", "résumé", texte)
                                         for url, (titre, texte) in RECENTES.items())]
    documents = [Document(d.url, d.titre, d.genre, d.resume, d.texte, publie=f"{i:05d}")
                 for i, d in enumerate(documents)]
    index = copie / "recherche"
    for dossier in ("mots", "termes", "recents", "docs"):
        shutil.rmtree(index / dossier, ignore_errors=True)
    for chemin, contenu in fichiers(documents).items():
        (index / chemin).parent.mkdir(parents=True, exist_ok=True)
        (index / chemin).write_text(contenu, encoding="utf-8")
    # « baobab » n'est que dans la tranche en cours, « marché » des deux côtés
    assert "baobab" in (index / "recents" / "b.js").read_text(encoding="utf-8")
    assert not list(index.glob("*/baobab.js")) and not list(index.glob("mots/bao.js"))
    assert "march" in (index / "recents" / "m.js").read_text(encoding="utf-8") \
        and "march" in (index / "mots" / "mar.js").read_text(encoding="utf-8")
    with servir(copie) as adresse:
        yield adresse


@pytest.fixture
def telephone(navigateur: Browser, adresse: str) -> Iterator[PageNotee]:
    contexte, page = telephone_360(navigateur)
    page.goto(adresse + "/recherche/")
    yield page
    contexte.close()


def chercher(telephone: PageNotee, texte: str) -> list[dict[str, str]]:
    """Les résultats affichés : titre, adresse, extrait (avec ses <mark>), ce qui manque."""
    telephone.locator("#commun-q").fill(texte)
    telephone.locator("#commun-q").press("Enter")
    expect(telephone.locator("#commun-etat")).to_have_text(re.compile(r"\S"))
    telephone.wait_for_function(
        "q => new URLSearchParams(location.search).get('q') === q", arg=texte)
    telephone.wait_for_timeout(200)
    return telephone.locator("#commun-resultats li").evaluate_all("""l => l.map(li => ({
        titre: li.querySelector('a').textContent,
        url: li.querySelector('a').getAttribute('href'),
        extrait: li.querySelector('.commun-extrait').innerHTML,
        manque: (li.querySelector('.commun-manque') || {}).textContent || ''}))""")


@pytest.mark.navigateur
def test_les_fiches_recentes_se_trouvent_comme_les_autres(navigateur: Browser,
                                                         adresse_recentes: str) -> None:
    contexte, page = telephone_360(navigateur)
    page.goto(adresse_recentes + "/recherche/")
    # un mot des deux côtés : les scores des récentes s'ajoutent à ceux de l'index des mots
    trouves = [r["titre"] for r in chercher(page, "marché")]
    assert set(trouves[:2]) == {"Ancien marché", "Nouveau marché"}
    # un mot que seule une fiche récente a : entier, en début de mot, avec une faute
    for texte in ("baobab", "baoba", "baobob"):
        assert [r["titre"] for r in chercher(page, texte)][:1] == ["Nouveau marché"], texte
    # plusieurs mots, l'un dans l'index des mots et l'autre dans les récentes
    assert [r["titre"] for r in chercher(page, "baobab place")][:1] == ["Nouveau marché"]
    assert page.erreurs == []
    contexte.close()


@pytest.mark.navigateur
def test_trait_d_union_dans_les_deux_sens(telephone: PageNotee) -> None:
    trouves = [r["titre"] for r in chercher(telephone, "éco-conception")]
    assert set(trouves[:2]) == {"Sobriété des services", "Numérique responsable"}
    trouves = [r["titre"] for r in chercher(telephone, "ecoconception")]
    assert set(trouves[:2]) == {"Sobriété des services", "Numérique responsable"}
    assert telephone.erreurs == []


@pytest.mark.navigateur
def test_une_faute_de_frappe(telephone: PageNotee) -> None:
    assert chercher(telephone, "accesibilite")[0]["titre"] == "Rendre un formulaire lisible"
    assert chercher(telephone, "visioconferecne")[0]["titre"] == "Rendez-vous à distance"


@pytest.mark.navigateur
def test_un_debut_de_mot_qui_n_est_pas_le_dernier(telephone: PageNotee) -> None:
    resultats = chercher(telephone, "visio famille ")
    assert resultats[0]["titre"] == "Rendez-vous à distance"
    assert resultats[0]["manque"] == ""


@pytest.mark.navigateur
def test_les_pages_partielles_apres_les_completes(telephone: PageNotee) -> None:
    resultats = chercher(telephone, "guichet mobile camion")
    titres = [r["titre"] for r in resultats]
    assert titres[0] == "Tournée du guichet" and resultats[0]["manque"] == ""
    partiel = resultats[titres.index("Guichet mobile")]
    assert partiel["manque"] == "Ne contient pas : « camion »"
    etat = telephone.locator("#commun-etat").inner_text()
    assert re.search(r"dont \d+ sans tous les mots", etat), etat


@pytest.mark.navigateur
def test_sans_page_assez_complete_les_plus_completes(telephone: PageNotee) -> None:
    """Quatre mots dont deux n'existent nulle part : la page qui a les deux autres vient quand
    même, avec ce qui lui manque, écrit comme la personne l'a tapé."""
    resultats = chercher(telephone, "bracelet sourde zzzz éléphanteau")
    assert resultats[0]["titre"] == "Guide de l'accueil"
    assert resultats[0]["manque"] == "Ne contient pas : « zzzz », « éléphanteau »"
    etat = telephone.locator("#commun-etat").inner_text()
    assert "aucun avec tous les mots" in etat, etat


@pytest.mark.navigateur
def test_un_nom_de_commune_sans_apostrophe(telephone: PageNotee) -> None:
    for texte in ("mtsangamouji", "tsangamouji", "m'tsangamouji"):
        urls = [r["url"] for r in chercher(telephone, texte)]
        assert any("ccas/mtsangamouji/" in u for u in urls[:5]), (texte, urls)


@pytest.mark.navigateur
def test_un_chiffre_compte(telephone: PageNotee) -> None:
    resultats = chercher(telephone, "rgaa 5")
    assert resultats[0]["titre"] == "Référentiel, version cinq"
    assert resultats[0]["manque"] == ""


@pytest.mark.navigateur
def test_l_extrait_est_le_passage_qui_repond(telephone: PageNotee) -> None:
    resultat = chercher(telephone, "bracelet sourde")[0]
    assert resultat["titre"] == "Guide de l'accueil"
    assert "<mark>bracelet</mark>" in resultat["extrait"]
    assert "<mark>sourde</mark>" in resultat["extrait"]
    # seulement la description des résultats montrés : pas de paquet de documents
    docs = [u for u in telephone.requetes if "/recherche/docs/" in u]
    assert 1 <= len(docs) <= 10


@pytest.mark.navigateur
def test_un_texte_de_page_reste_du_texte(telephone: PageNotee) -> None:
    """L'extrait vient du texte de la page : surligné par le DOM, jamais lu comme du HTML."""
    resultat = chercher(telephone, "tournesol")[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in resultat["extrait"]
    assert "<mark>tournesol</mark>" in resultat["extrait"]
    assert telephone.locator("#commun-resultats img").count() == 0
    assert telephone.erreurs == []


@pytest.mark.navigateur
def test_les_listes_de_fiches_ne_sont_pas_indexees(telephone: PageNotee) -> None:
    """La thématique « Accès aux droits » et le catalogue listent la fiche « guichet » : la
    fiche répond à « guichet », pas ces listes (elles changent à chaque fiche publiée : hors de
    l'index), ni la page du CCAS, qui reprend sa feuille de route."""
    urls = [r["url"].split("/", 3)[3] for r in chercher(telephone, "guichet")]
    assert "fiches/mtsangamouji-guichet/" in urls
    assert not {"thematiques/acces-aux-droits/", "fiches/", "ccas/mtsangamouji/"} & set(urls), \
        urls
