"""« Proposer une fiche » dans Chromium, sur un écran de téléphone (360 × 740) : le formulaire
écrit exactement le fichier que ``commun.squelettes`` écrirait, ce fichier passe le validateur,
l'adresse GitHub est la bonne, et les erreurs sont dites champ par champ."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from commun.chargement import charger_configuration
from commun.construction import construire
from commun.formulaire import formulaire_fiche, noms_par_ccas
from commun.squelettes import GENRES, Inventaire, convertir, identifiant, questions, squelette
from conftest import RACINE, PageNotee, servir, telephone_360
from outils import corpus_minimal, fiche, violations_axe

# Le site du dépôt (contenu livré) dans Chromium : un nouveau territoire ne les reprend pas.
pytestmark = [pytest.mark.navigateur, pytest.mark.contenu_livre]

TITRE = "  « Bien vieillir » :  l'atelier d'Acoua "
EQUIPE = "Référente du projet\n\n  Animateur: jeunesse  \n"
BESOIN = "Les aînés s'ennuient.   \n\n- premier point\n- second point : « le lien »\n\n"


@pytest.fixture(scope="module")
def adresse(site_du_depot: Path) -> Iterator[str]:
    with servir(site_du_depot) as adresse:
        yield adresse


@pytest.fixture
def telephone(navigateur: Browser, adresse: str) -> Iterator[PageNotee]:
    contexte, page = telephone_360(navigateur, accept_downloads=True)
    contexte.grant_permissions(["clipboard-read", "clipboard-write"], origin=adresse)
    page.goto(adresse + "/proposer/")
    yield page
    contexte.close()


def remplir(page: Page) -> None:
    page.fill("#proposer-titre", TITRE)
    page.fill("#proposer-resume", "Un atelier   pour les aînés, deux fois par mois.")
    page.select_option("#proposer-ccas", "acoua")
    page.select_option("#proposer-thematique", "personnes-agees-handicapees")
    page.locator("input[name=priorite][value=secondaire]").check()
    page.select_option("#proposer-etat", "en-experimentation")
    page.locator("input[name=labos][value=labo-1]").check()
    page.locator("input[name=labos][value=labo-3]").check()
    page.locator(".commun-details > summary").click()
    page.locator("input[name=outils][value=persona]").check()
    page.locator("input[name=outils][value=carte-empathie]").check()
    page.fill("#proposer-equipe", EQUIPE)
    page.fill("#proposer-section-1", BESOIN)
    page.fill("#proposer-section-5", "1. Trouver une salle — d'ici mars — la référente.")


def texte_attendu(page: Page, texte_du_navigateur: str) -> str:
    """Le fichier que ``commun.squelettes`` écrit pour les mêmes réponses, à la même date."""
    config = charger_configuration(RACINE)
    qs = {q.champ: q for q in questions(GENRES["fiche"], config, Inventaire())}
    date = next(l for l in texte_du_navigateur.splitlines() if l.startswith("mis_a_jour: "))
    reponses = {
        "titre": convertir(qs["titre"], TITRE, {}),
        "resume": convertir(qs["resume"], "Un atelier   pour les aînés, deux fois par mois.", {}),
        "ccas": "acoua", "thematique": "personnes-agees-handicapees", "priorite": "secondaire",
        "etat": "en-experimentation", "labos": ["labo-1", "labo-3"],
        "outils": page.eval_on_selector_all("input[name=outils]:checked",
                                            "cases => cases.map(c => c.value)"),
        "equipe": convertir(qs["equipe"], EQUIPE, {}),
        "licence": config.site.licence_contenu,
    }
    return squelette(GENRES["fiche"], reponses, config, aujourd_hui=date.split(": ")[1],
                     textes={"Le besoin": BESOIN, "La feuille de route":
                             "1. Trouver une salle — d'ici mars — la référente."},
                     schema_editeur=False)


def test_une_fiche_complete(telephone: PageNotee, adresse: str, tmp_path: Path) -> None:
    remplir(telephone)
    telephone.get_by_role("button", name="Vérifier et préparer la fiche").click()
    resultat = telephone.locator("#proposer-resultat")
    resultat.wait_for()
    texte = telephone.locator("#proposer-texte").inner_text()

    # le même texte que les scripts, au caractère près
    assert texte == texte_attendu(telephone, texte)
    assert 'titre: "« Bien vieillir » : l\'atelier d\'Acoua"' in texte
    assert "  - \"Animateur: jeunesse\"" in texte and "validation: brouillon" in texte
    assert telephone.locator("#proposer-bilan").is_hidden()

    # le nom du fichier : le CCAS et les mots du titre, comme nouvelle_fiche.py
    publiees = construire(RACINE).corpus.publiable(apercu=False).fiches
    nom = identifiant(TITRE, prefixe="acoua", pris=publiees) + ".md"
    assert nom == "acoua-bien-vieillir-atelier.md"
    assert telephone.locator("#proposer-chemin").inner_text() == f"fiches/{nom}"

    # le fichier passe le validateur, dans une copie du commun
    projet = tmp_path / "commun"
    projet.mkdir()
    shutil.copy(RACINE / "commun.yml", projet)
    for dossier in ("outils", "fiches", "labos", "docs", "territoire"):
        shutil.copytree(RACINE / dossier, projet / dossier)
    (projet / "fiches" / nom).write_text(texte, encoding="utf-8")
    assert [str(p) for p in construire(projet).problemes if p.chemin == f"fiches/{nom}"] == []

    # la page « nouveau fichier » de GitHub, dans le bon dossier, avec le texte
    config = charger_configuration(RACINE).site
    lien = urlsplit(telephone.locator("#proposer-github").get_attribute("href") or "")
    assert f"{lien.scheme}://{lien.netloc}{lien.path}" == \
        f"{config.depot}/new/{config.branche}/fiches"
    assert parse_qs(lien.query) == {"filename": [nom], "value": [texte]}
    assert telephone.locator("#proposer-github").get_attribute("target") == "_blank"

    # sur un téléphone : rien ne déborde, toutes les cibles font 44 px
    assert telephone.evaluate("document.documentElement.scrollWidth") <= 360
    petites = telephone.evaluate("""() => Array.from(document.querySelectorAll(
        '#proposer-formulaire input:not([type=checkbox]):not([type=radio]), ' +
        '#proposer-formulaire select, #proposer-formulaire textarea, #proposer-formulaire button,' +
        '#proposer-formulaire summary, #proposer-formulaire .commun-case, #proposer-resultat a,' +
        '#proposer-resultat button'))
        .filter(e => e.getBoundingClientRect().height < 44)
        .map(e => e.outerHTML.slice(0, 80))""")
    assert petites == []
    telephone.screenshot(path=tmp_path / "proposer.png", full_page=True)
    assert [u for u in telephone.requetes if not u.startswith(adresse)] == []
    assert telephone.erreurs == []


def test_erreurs_champ_par_champ(telephone: PageNotee) -> None:
    envoyer = telephone.get_by_role("button", name="Vérifier et préparer la fiche")
    envoyer.click()
    bilan = telephone.locator("#proposer-bilan")
    assert bilan.is_visible()
    assert telephone.evaluate("document.activeElement.id") == "proposer-bilan"
    assert bilan.locator("p").inner_text() == "La fiche n'est pas prête : 6 points à corriger."
    assert bilan.locator("li").all_inner_texts() == [
        "Titre du projet : ce champ est obligatoire.",
        "Le projet en une phrase : ce champ est obligatoire.",
        "CCAS qui porte le projet : choisissez une valeur dans la liste.",
        "Thématique : choisissez une valeur dans la liste.",
        "Projet prioritaire ou secondaire : choisissez l'une des possibilités.",
        "Les rôles de l'équipe projet : écrivez au moins un rôle (un par ligne, jamais de nom).",
    ]
    assert telephone.locator("#proposer-titre-erreur").inner_text() == \
        "Ce champ est obligatoire."
    assert telephone.locator("#proposer-titre").get_attribute("aria-invalid") == "true"
    assert telephone.locator("#proposer-resultat").is_hidden()
    # corriger un champ efface son message
    telephone.fill("#proposer-titre", "Un titre")
    assert telephone.locator("#proposer-titre-erreur").is_hidden()
    assert telephone.locator("#proposer-titre").get_attribute("aria-invalid") is None
    # un lien du bilan mène au champ
    assert bilan.locator("a").nth(2).get_attribute("href") == "#proposer-ccas"

    telephone.fill("#proposer-titre", "ab")
    telephone.fill("#proposer-resume", "Écrire à referente.acoua@example.org pour venir.")
    telephone.fill("#proposer-equipe", "Référente (06 39 12 34 56)\n" + "x\n" * 6)
    telephone.fill("#proposer-section-2", "Intro\n# Un grand titre\nSuite")
    envoyer.click()
    erreurs = {champ: telephone.locator(f"#proposer-{champ}-erreur").inner_text()
               for champ in ("titre", "resume", "equipe", "section-2")}
    assert erreurs == {
        "titre": "Trop court : 2 caractères, il en faut au moins 3.",
        "resume": "On dirait une adresse électronique : le commun est public, retirez-la.",
        "equipe": "7 rôles : 6 au plus.",
        "section-2": "N'écrivez pas de titre « # » : la section a déjà le sien. Pour un "
                     "sous-titre, écrivez « ### ».",
    }
    telephone.fill("#proposer-equipe", "Référente (06 39 12 34 56)")
    envoyer.click()
    assert telephone.locator("#proposer-equipe-erreur").inner_text() == (
        "Rôle n° 1 (« Référente (06 39 12 34 56) ») : on dirait un numéro de téléphone : le "
        "commun est public, retirez-le.")
    telephone.fill("#proposer-titre", "x" * 121)
    envoyer.click()
    assert telephone.locator("#proposer-titre-erreur").inner_text() == \
        "Trop long : 121 caractères, 120 au plus. Raccourcissez-le."
    assert telephone.erreurs == []


def test_copier_et_telecharger(telephone: PageNotee) -> None:
    remplir(telephone)
    telephone.get_by_role("button", name="Vérifier et préparer la fiche").click()
    telephone.locator("#proposer-resultat").wait_for()
    texte = telephone.locator("#proposer-texte").inner_text()
    telephone.get_by_role("button", name="Copier le texte").click()
    # la copie est asynchrone : on attend le message
    expect(telephone.locator("#proposer-statut")).to_have_text(
        "Texte copié. Sur GitHub, créez le fichier fiches/acoua-bien-vieillir-atelier.md et "
        "collez-le.")
    assert telephone.evaluate("navigator.clipboard.readText()") == texte
    with telephone.expect_download() as telechargement:
        telephone.get_by_role("button", name="Télécharger le fichier").click()
    assert telechargement.value.suggested_filename == "acoua-bien-vieillir-atelier.md"
    assert Path(telechargement.value.path()).read_text(encoding="utf-8") == texte
    # une réponse changée : le fichier préparé disparaît, il faut le refaire
    telephone.fill("#proposer-titre", "Un autre titre")
    assert telephone.locator("#proposer-resultat").is_hidden()
    assert telephone.erreurs == []


def test_les_noms_pris_par_les_fiches_d_un_ccas_sont_a_part() -> None:
    """Une fiche publiée par un CCAS ne change pas la page du formulaire : son nom va dans le
    petit fichier de ce CCAS."""
    corpus = corpus_minimal(fiches=[fiche("acoua-guichet"), fiche("acoua-cafe"),
                                    fiche("cafe-des-parents")])
    noms = noms_par_ccas(corpus)
    assert noms["acoua"] == ["acoua-cafe", "acoua-guichet"]
    assert set(noms) == set(corpus.configuration.ccas)
    page = formulaire_fiche(corpus)
    assert "cafe-des-parents" in page and "acoua-guichet" not in page
    assert page == formulaire_fiche(corpus_minimal(fiches=[fiche("cafe-des-parents")]))


def test_un_nom_deja_pris_est_suffixe(navigateur: Browser, adresse: str) -> None:
    """Le titre d'une fiche publiée donnerait son nom : le formulaire en propose un autre.

    Les fiches livrées sont toutes des exemples d'entités fictives, que le formulaire ne propose
    pas : aucun titre n'y retombe sur leur nom. Les noms pris par les fiches d'un CCAS sont dans
    un petit fichier à part (``proposer/noms/<ccas>.json``) : celui d'Acoua reçoit donc en plus,
    comme si elle était publiée, une fiche d'Acoua ; les autres noms sont ceux du build."""
    publiees = construire(RACINE).corpus.publiable(apercu=False).fiches
    pris = "acoua-permanence-droits-itinerante"
    assert "permanence-droits-itinerante" in publiees and pris not in publiees

    def ajouter(route: Route) -> None:
        reponse = route.fetch()
        noms = reponse.json()
        assert isinstance(noms, list) and pris not in noms
        route.fulfill(response=reponse, body=json.dumps([*noms, pris]))

    # sans service worker : c'est lui, sinon, qui pourrait servir le fichier
    contexte, telephone = telephone_360(navigateur, service_workers="block")
    telephone.route("**/proposer/noms/acoua.json", ajouter)
    with telephone.expect_response(lambda r: r.url.endswith("/proposer/noms/acoua.json")):
        telephone.goto(adresse + "/proposer/")
        telephone.select_option("#proposer-ccas", "acoua")
    donnees = json.loads(telephone.locator("#proposer-formulaire").get_attribute("data-commun")
                         or "{}")
    # dans la page, les noms qui ne commencent par aucun CCAS : ils ne changent pas quand un
    # CCAS publie une fiche
    assert set(donnees["pris"]) >= set(publiees) and pris not in donnees["pris"]
    remplir(telephone)
    telephone.fill("#proposer-titre", "Permanence droits itinérante")
    telephone.get_by_role("button", name="Vérifier et préparer la fiche").click()
    attendu = identifiant("Permanence droits itinérante", prefixe="acoua", pris={pris})
    assert attendu == "acoua-permanence-droits-itinerante-2"
    assert telephone.locator("#proposer-chemin").inner_text() == f"fiches/{attendu}.md"
    assert telephone.erreurs == []
    contexte.close()


def test_les_choix_viennent_du_referentiel(telephone: PageNotee) -> None:
    config = charger_configuration(RACINE)
    publie = construire(RACINE).corpus.publiable(apercu=False)

    def valeurs(selecteur: str) -> list[str]:
        return telephone.eval_on_selector_all(selecteur, "els => els.map(e => e.value)")

    assert valeurs("#proposer-ccas option") == ["", *config.ccas_reels]  # sans les fictives
    assert valeurs("#proposer-thematique option") == ["", *config.thematiques]
    assert valeurs("input[name=labos]") == list(config.labos)
    assert sorted(valeurs("input[name=outils]")) == sorted(publie.outils)


def test_accessibilite_axe(telephone: PageNotee, adresse: str) -> None:
    """Aucune violation axe-core (WCAG 2.2 A/AA) : formulaire vide, avec erreurs, fiche prête,
    et la page « Contribuer »."""
    assert violations_axe(telephone) == []
    telephone.get_by_role("button", name="Vérifier et préparer la fiche").click()
    assert violations_axe(telephone) == []
    remplir(telephone)
    telephone.get_by_role("button", name="Vérifier et préparer la fiche").click()
    telephone.locator("#proposer-resultat").wait_for()
    assert violations_axe(telephone) == []
    telephone.goto(adresse + "/contribuer/")
    assert violations_axe(telephone) == []
