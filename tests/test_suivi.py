"""Le suivi du programme : feuilles de présence (validateur), fiche individuelle des CCAS,
certificats d'assiduité (une page A4 dans Chromium), tableau de bord et calendrier."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort
from playwright.sync_api import Browser
from pypdf import PdfReader

from commun import suivi
from commun import vocabulaire as v
from commun.chargement import ConfigurationInvalide
from commun.construction import construire
from commun.modele import Fiche
from conftest import Projet, servir

FEUILLE = "labos/presences/labo-1.yml"


def problemes(projet: Projet, chemin: str) -> list[tuple[int, str]]:
    return [(p.ligne, p.message) for p in construire(projet.racine).problemes if p.chemin == chemin]


def entete(fichier: Path) -> dict:
    """L'en-tête YAML d'un fichier Markdown, lu sans le moteur (compte indépendant)."""
    return yaml.safe_load(fichier.read_text(encoding="utf-8").split("---")[1])


# --- Les feuilles de présence : le validateur, ligne et message exacts -----------------------


def test_la_feuille_d_essai_entre_dans_le_corpus(projet: Projet) -> None:
    chargement = construire(projet.racine)
    assert chargement.problemes == []
    feuille = chargement.corpus.presences["labo-1"]
    assert feuille.chemin == FEUILLE and feuille.valide and not feuille.exemple
    assert (feuille.valide_par, feuille.valide_le) == ("coordination-unccas", "2022-01-10")
    assert [(p.ccas, p.jours, p.participants) for p in feuille.presences] == [
        ("mtsangamouji", ("2021-10-12", "2021-10-13", "2021-10-14"), 3),
        ("udccas", ("2021-10-13", "2021-10-14"), 1)]
    # une feuille de présence n'est pas un fichier joint publié tel quel
    assert not any("presences" in uri for uri in chargement.fichiers_joints)


def test_feuille_incoherente(projet: Projet) -> None:
    projet.ecrire(FEUILLE, (
        "validation: validé\n"
        "valide_le: 2022-01-10\n"
        "presences:\n"
        "  mtsangamouji: {jours: [2021-10-12, 2021-10-15], participants: 3}\n"
        "  sada: {jours: [2021-10-12], participants: 1}\n"
        "  bandrele: {jours: [2021-10-13], participants: 2}\n"
        "  exemple-essai: {jours: [2021-10-13], participants: 1}\n"))
    assert problemes(projet, FEUILLE) == [
        (1, "ce contenu est validé : ajoutez « valide_par: » sous « validation », avec qui l'a "
            "validé (un validateur de commun.yml) ; sinon, laissez-le en « validation: "
            "brouillon »"),
        (3, "presences : labos/labo-1.md compte « udccas » parmi les CCAS présents, mais sa "
            "présence n'est pas notée ici : ajoutez une ligne « udccas: {jours: [...], "
            "participants: ...} »"),
        (4, "presences › mtsangamouji › jours : le 2021-10-15 n'est pas un jour du Labo 1 (du "
            "2021-10-12 au 2021-10-14) : corrigez la date"),
        (5, "presences : « sada » n'existe pas dans le référentiel. Valeurs possibles : "
            "mtsangamouji, bandrele, udccas, exemple-essai. Pour ajouter une valeur, ajoutez "
            "une ligne dans la "
            "rubrique « ccas » de commun.yml"),
        (6, "presences : « bandrele » est noté présent ici mais n'est pas dans ccas_presents de "
            "labos/labo-1.md : ajoutez-le là-bas ou retirez-le d'ici"),
        (7, "presences : « exemple-essai » est noté présent ici mais n'est pas dans "
            "ccas_presents de labos/labo-1.md : ajoutez-le là-bas ou retirez-le d'ici"),
        (7, "presences : « exemple-essai » est une entité fictive, réservée aux exemples : "
            "écrivez le vrai CCAS, ou ajoutez « exemple: true » si ce contenu est un exemple"),
    ]
    assert "labo-1" not in construire(projet.racine).corpus.presences  # refusée en entier


def test_feuille_hors_schema(projet: Projet) -> None:
    projet.ecrire(FEUILLE, (
        "validation: valide\n"
        "presences:\n"
        "  mtsangamouji: {jours: [2021-10-32], participants: 4}\n"
        "  udccas: {jours: [], participants: 0, noms: [Mme X]}\n"))
    assert problemes(projet, FEUILLE) == [
        (1, "validation : « valide » n'est pas une valeur possible (valeurs possibles : "
            "brouillon, validé)"),
        (3, "presences › mtsangamouji › jours › n° 1 : « 2021-10-32 » n'est pas une date qui "
            "existe : octobre 2021 a 31 jours ; écrivez une vraie date au format AAAA-MM-JJ"),
        (3, "presences › mtsangamouji › participants doit valoir au plus 3 (et non 4) : "
            "corrigez-le. Nombre de personnes du CCAS venues (1 à 3 : l'équipe projet)."),
        (4, "champ inconnu « noms » : vérifiez l'orthographe (champs possibles : jours, "
            "participants)"),
        (4, "presences › udccas › jours doit contenir au moins 1 élément(s)"),
        (4, "presences › udccas › participants doit valoir au moins 1 (et non 0) : "
            "corrigez-le. Nombre de personnes du CCAS venues (1 à 3 : l'équipe projet)."),
    ]


def test_labo_sans_dates_puis_une_ligne_de_commun_yml(projet: Projet) -> None:
    chemin = "labos/presences/labo-2.yml"
    projet.ecrire(chemin, "validation: brouillon\npresences:\n"
                          "  bandrele: {jours: [2021-12-08], participants: 2}\n")
    assert problemes(projet, chemin) == [
        (2, "les dates du Labo 2 sont inconnues, les jours de présence ne peuvent pas être "
            "vérifiés : ajoutez « debut » et « fin » à « labo-2 » dans la rubrique « labos » de "
            "commun.yml, ou publiez son compte rendu")]
    projet.remplacer("commun.yml", "periode: décembre 2021}",
                     "periode: décembre 2021, debut: 2021-12-07, fin: 2021-12-09}")
    assert problemes(projet, chemin) == []


def test_fichiers_mal_nommes_ou_illisibles(projet: Projet) -> None:
    projet.ecrire("labos/presences/labo-9.yml",
                  "validation: validé\npresences:\n"
                  "  udccas: {jours: [2021-12-08], participants: 1}\n")
    projet.ecrire("labos/presences/labo-2.yaml", "validation: validé\n")
    projet.ecrire("labos/presences/casse.yml", "validation: validé\npresences: [udccas\n")
    projet.ecrire("labos/presences/vieux/labo-1.yml", "validation: validé\n")
    assert problemes(projet, "labos/presences/labo-9.yml") == [
        (1, "nom du fichier « labo-9.yml » : « labo-9 » n'existe pas dans le référentiel. "
            "Vouliez-vous dire « labo-2 » ? Valeurs possibles : labo-1, labo-2. Pour ajouter une "
            "valeur, ajoutez une ligne dans la rubrique « labos » de commun.yml")]
    assert problemes(projet, "labos/presences/labo-2.yaml") == [
        (1, "une feuille de présence est un fichier « .yml » nommé d'après le labo (ex. "
            "labos/presences/labo-1.yml) : renommez ou retirez ce fichier")]
    [(ligne, message)] = problemes(projet, "labos/presences/casse.yml")
    assert ligne == 3 and message.startswith("l'en-tête YAML est mal écrit")
    assert problemes(projet, "labos/presences/vieux/labo-1.yml") == [
        (1, "placez ce fichier directement dans labos/presences/, pas dans un sous-dossier")]


def test_commun_yml_dates_et_logos(projet: Projet) -> None:
    projet.remplacer("commun.yml", "  exemples: true\n",
                     "  exemples: true\n  logos:\n"
                     "    - {chemin: assets/absent.svg, alt: Un logo}\n")
    projet.remplacer("commun.yml", "periode: décembre 2021}",
                     "periode: décembre 2021, debut: 2021-12-07}\nintersessions:\n"
                     "  - {id: intersession-1, nom: Intersession 1, debut: 2021-12-06, "
                     "fin: 2021-10-15}")
    with pytest.raises(ConfigurationInvalide) as e:
        construire(projet.racine)
    assert [(p.ligne, p.message) for p in e.value.problemes] == [
        (26, "labos › n° 2 : il manque « fin » (écrivez les deux dates, debut et fin, ou "
             "aucune)")]
    projet.remplacer("commun.yml", "debut: 2021-12-07}", "debut: 2021-12-07, fin: 2021-12-09}")
    with pytest.raises(ConfigurationInvalide) as e:
        construire(projet.racine)
    assert [(p.ligne, p.message) for p in e.value.problemes] == [
        (28, "intersessions : « intersession-1 » finit (2021-10-15) avant de commencer "
             "(2021-12-06) : corrigez debut ou fin"),
        (15, "site › logos : le fichier docs/assets/absent.svg est introuvable : déposez "
             "l'image dans docs/ ou corrigez le chemin"),
    ]


def test_brouillons_et_exemples_de_presence(projet: Projet) -> None:
    corpus = construire(projet.racine).corpus
    assert "labo-1" in corpus.publiable(apercu=False).presences
    projet.remplacer(FEUILLE, "validation: validé", "validation: brouillon")
    corpus = construire(projet.racine).corpus
    assert "labo-1" not in corpus.publiable(apercu=False).presences
    assert "labo-1" in corpus.publiable(apercu=True).presences
    projet.remplacer(FEUILLE, "validation: brouillon", "validation: validé")
    # un exemple : une entité fictive, à un labo sans compte rendu ; il part avec les exemples
    projet.ecrire("labos/presences/labo-2.yml", (
        "validation: validé\nvalide_par: coordination-unccas\nvalide_le: 2022-01-10\n"
        "exemple: true\npresences:\n  exemple-essai: {jours: [2021-12-07], participants: 2}\n"))
    projet.remplacer("commun.yml", "{id: labo-2, nom: Labo 2, periode: décembre 2021}",
                     "{id: labo-2, nom: Labo 2, debut: 2021-12-07, fin: 2021-12-09}")
    chargement = construire(projet.racine)
    assert chargement.problemes == []
    assert set(chargement.corpus.publiable(apercu=False).presences) == {"labo-1", "labo-2"}
    projet.remplacer("commun.yml", "exemples: true", "exemples: false")
    publie = construire(projet.racine).corpus.publiable(apercu=False)
    assert set(publie.presences) == {"labo-1"}
    assert "exemple-essai" not in publie.configuration.ccas  # l'entité fictive part avec eux


# --- La feuille de route reprise d'une fiche ------------------------------------------------


def test_extrait_de_la_feuille_de_route() -> None:
    fiche = Fiche(id="x", chemin="fiches/x.md", titre="X", validation="validé",
                  licence="CC-BY-SA-4.0", resume="Un résumé assez long.", ccas="c",
                  thematique="t", priorite="prioritaire", etat="idee", corps=(
                      "## La solution\nRien.\n\n## La feuille de route\n"
                      "1. Voir [l'outil](../outils/persona.md#etapes) et [ici](autre.md).\n"
                      "2. Revoir [le besoin](#le-besoin), [le site](https://x.example/a.md), "
                      "[la racine](/labos/index.md) et `[code](pas-un-lien.md)`.\n\n"
                      "### Plus tard\n```\n## pas un titre\n[x](y.md)\n```\n"
                      "## Annexe\nAutre chose.\n"))
    assert suivi.section(fiche.corps, "La feuille de route").startswith("1. Voir")
    assert suivi.extrait(fiche) == (
        "1. Voir [l'outil](/outils/persona.md#etapes) et [ici](/fiches/autre.md).\n"
        "2. Revoir [le besoin](/fiches/x.md#le-besoin), [le site](https://x.example/a.md), "
        "[la racine](/labos/index.md) et `[code](pas-un-lien.md)`.\n\n"
        "##### Plus tard\n```\n## pas un titre\n[x](y.md)\n```")
    sans = Fiche(**{k: x for k, x in fiche.__dict__.items() if k != "collection"}
                    | {"corps": "## Le besoin\nx\n"})
    assert suivi.extrait(sans) == ""


# --- Les pages -------------------------------------------------------------------------------


@pytest.mark.lent
def test_fiche_individuelle_du_ccas(projet: Projet) -> None:
    site = projet.construire()
    html = projet.page(site, "ccas/mtsangamouji")
    feuille_de_route = html.split('id="feuille-de-route-un-guichet', 1)[1].split("<h2", 1)[0]
    assert "Pérenniser — d’ici fin 2022 — la référente" in feuille_de_route \
        or "Pérenniser — d'ici fin 2022 — la référente" in feuille_de_route
    labos = html.split('id="labos-suivis"', 1)[1].split("<h2", 1)[0]
    assert 'href="../../labos/labo-1/"' in labos and "du 12 au 14 octobre 2021" in labos
    assert "présent 3 jours sur 3" in labos and "3 participants" in labos
    assert 'href="../../certificats/mtsangamouji/"' in labos
    chronologie = html.split('id="chronologie"', 1)[1]
    assert chronologie.index("Du 12 au 14 octobre 2021") < chronologie.index("Le 30 juin 2022")
    # l'UDCCAS : une seule personne, deux jours sur trois
    union = projet.page(site, "ccas/udccas")
    assert "présent 2 jours sur 3" in union and "1 participant<" in union


@pytest.mark.lent
def test_certificat_d_assiduite(projet: Projet) -> None:
    projet.remplacer("commun.yml", "  exemples: true\n", "  exemples: true\n  logos:\n"
                     "    - {chemin: assets/logos/le-commun.svg, alt: \"Logo d'essai\"}\n")
    site = projet.construire()
    html = projet.page(site, "certificats/mtsangamouji")
    certificat = html.split('class="commun-certificat"', 1)[1]
    assert "Certificat d&#39;assiduité — CCAS de M&#39;Tsangamouji" in certificat \
        or "Certificat d'assiduité — CCAS de M'Tsangamouji" in certificat
    assert re.search(r'<img alt="Logo d(&#39;|\')essai" src="../../assets/logos/le-commun.svg"',
                     certificat)
    assert "3 sur 3\u00a0: 12, 13 et 14 octobre 2021" in certificat  # espace insécable
    assert "Soit 1 labo et 3 jours de présence sur 3 jours de labo." in certificat
    assert "Cofinancé pour l&#39;essai" in certificat or "Cofinancé pour l'essai" in certificat
    # un CCAS sans présence notée : pas de certificat à imprimer
    vide = projet.page(site, "certificats/bandrele")
    assert "Pas encore de certificat" in vide and "Imprimer le certificat" not in vide
    index = projet.page(site, "certificats")
    assert "1 labo, 3 jours de présence" in index and "aucune présence notée" in index


@pytest.mark.lent
def test_calendrier(projet: Projet) -> None:
    projet.remplacer("commun.yml", "periode: décembre 2021}",
                     "periode: décembre 2021, debut: 2021-12-07, fin: 2021-12-09}\n"
                     "intersessions:\n  - {id: intersession-1, nom: Intersession 1, "
                     "debut: 2021-10-15, fin: 2021-12-06, description: Entretiens à distance.}")
    site = projet.construire()
    html = projet.page(site, "suivi/calendrier")
    assert 'href="../../labos.ics"' in html
    ordre = [html.index(t) for t in ("Du 12 au 14 octobre 2021", "Du 15 octobre 2021 au 6 "
                                     "décembre 2021", "Du 7 au 9 décembre 2021")]
    assert ordre == sorted(ordre)
    assert "compte rendu publié" in html and "prévu" in html and "Entretiens à distance." in html


def _figure(html: str, id: str) -> tuple[ET.Element, ET.Element]:
    """Le SVG et le tableau de données d'un graphique, relus par un analyseur XML."""
    figure = re.search(rf'<figure class="commun-graphique" id="{id}">.*?</figure>', html, re.S)
    assert figure, f"graphique « {id} » absent"
    details = re.search(r"<details.*?</details>", html[figure.end():], re.S)
    assert details, f"tableau du graphique « {id} » absent"
    return _sous(ET.fromstring(figure.group(0)), "{*}svg"), ET.fromstring(details.group(0))


def _sous(element: ET.Element, chemin: str) -> ET.Element:
    """Le premier élément trouvé par ``find`` ; le test échoue s'il n'y en a pas."""
    trouve = element.find(chemin)
    assert trouve is not None, f"{chemin} absent de <{element.tag}>"
    return trouve


def _lignes(tableau: ET.Element) -> dict[str, list[int]]:
    return {_sous(tr, "th").text or "": [int(td.text or "") for td in tr.findall("td")]
            for tr in tableau.iter("tr") if tr.find("td") is not None}


@pytest.mark.lent
def test_les_graphiques_disent_les_donnees(projet: Projet) -> None:
    projet.ecrire("fiches/bandrele-fiche-validee.md", (
        projet.racine / "fiches" / "bandrele-brouillon-secret.md").read_text(encoding="utf-8")
        .replace("validation: brouillon", "validation: validé\nvalide_par: coordination-unccas\n"
                 "valide_le: 2022-01-10")
        .replace("Projet brouillon confidentiel", "Une autre fiche")
        .replace("MOT-BROUILLON-UNIQUE", "x"))
    site = projet.construire()
    html = projet.page(site, "suivi")
    # le compte attendu, tiré des fichiers sans passer par le moteur
    fiches = [entete(f) for f in (projet.racine / "fiches").glob("*.md")]
    validees = [f for f in fiches if f["validation"] == "validé"]
    assert len(validees) == 2
    par_etat = Counter(f["etat"] for f in validees)

    svg, details = _figure(html, "graphique-etats")
    assert svg.get("role") == "img"
    titre, desc = _sous(svg, "{*}title"), _sous(svg, "{*}desc")
    assert svg.get("aria-labelledby") == f"{titre.get('id')} {desc.get('id')}"
    barres = [r for r in svg.findall(".//{*}rect") if r.get("data-valeur") is not None]
    assert [int(r.attrib["data-valeur"]) for r in barres] == [par_etat[e] for e in v.ETATS]
    assert _lignes(_sous(details, ".//table")) == {e.libelle: [par_etat[e.id]]
                                              for e in v.ETATS.values()}
    for etat in v.ETATS.values():
        assert f"{etat.libelle}\u00a0: {par_etat[etat.id]}" in (desc.text or "")
    # la longueur de chaque barre est proportionnelle à sa valeur
    plus_longue = max(barres, key=lambda r: float(r.attrib["width"]))
    unite = float(plus_longue.attrib["width"]) / int(plus_longue.attrib["data-valeur"])
    for r in barres:
        assert float(r.attrib["width"]) == pytest.approx(unite * int(r.attrib["data-valeur"]),
                                                         abs=0.1)

    svg, details = _figure(html, "graphique-ccas")  # empilé : prioritaires + secondaires
    attendu = {nom: [sum(1 for f in validees if f["ccas"] == id and f["priorite"] == p)
                     for p in v.PRIORITES] for id, nom in
               [("mtsangamouji", "M'Tsangamouji"), ("bandrele", "Bandrélé"),
                ("udccas", "UDCCAS d'essai")]}
    assert _lignes(_sous(details, ".//table")) == attendu
    # la valeur écrite au bout de la barre empilée est le total de la ligne
    ligne = next(g for g in svg.findall("{*}g") if _sous(g, "{*}text").text == "M'Tsangamouji")
    assert ligne.findall("{*}text")[-1].text == str(sum(attendu["M'Tsangamouji"]))

    svg, details = _figure(html, "graphique-presences")
    feuille = yaml.safe_load((projet.racine / FEUILLE).read_text(encoding="utf-8"))
    assert _lignes(_sous(details, ".//table")) == {"Labo 1": [
        len(feuille["presences"]), sum(p["participants"] for p in feuille["presences"].values())]}

    svg, details = _figure(html, "graphique-avancement")
    prioritaires = {f["ccas"] for f in validees if f["priorite"] == "prioritaire"}
    experimentes = {f["ccas"] for f in validees if f["priorite"] == "prioritaire"
                    and f["etat"] in ("en-experimentation", "deploye")}
    secondaires = {f["ccas"] for f in validees if f["priorite"] == "secondaire"}
    assert _lignes(_sous(details, ".//table")) == {
        "Labos réalisés": [1, 2],  # un compte rendu (labo 1) sur deux labos
        "CCAS avec un projet prioritaire": [len(prioritaires), 3],
        "Projets prioritaires expérimentés": [len(experimentes), 3],
        "CCAS avec un projet secondaire": [len(secondaires), 3]}
    assert [r.get("data-valeur") for r in svg.findall(".//{*}rect") if r.get("data-valeur")] \
        == ["1", str(len(prioritaires)), str(len(experimentes)), str(len(secondaires))]


@pytest.mark.lent
def test_aucune_presence_publiee(projet: Projet) -> None:
    (projet.racine / FEUILLE).unlink()
    site = projet.construire()
    assert "Aucune feuille de présence n" in projet.page(site, "suivi")
    # sans feuille, le compte rendu dit encore qui était là
    assert "présence non notée" in projet.page(site, "ccas/mtsangamouji")


@pytest.mark.lent
def test_feuille_invalide_fait_echouer_le_build_strict(projet: Projet, journal) -> None:
    projet.remplacer(FEUILLE, "participants: 3", "participants: 5")
    with pytest.raises(Abort):
        projet.construire()
    assert (f"{FEUILLE}:6: presences › mtsangamouji › participants doit valoir au plus 3"
            in journal.text)


# --- Le certificat imprimé : une page A4 dans Chromium -------------------------------------


@pytest.fixture
def serveur(projet: Projet) -> Iterator[str]:
    """Le pire cas : cinq labos suivis en entier, trois logos."""
    projet.remplacer("commun.yml", "  exemples: true\n", "  exemples: true\n  logos:\n" + "".join(
        f"    - {{chemin: assets/logos/le-commun.svg, alt: Logo {i}}}\n" for i in range(3)))
    projet.remplacer("commun.yml", "  - {id: labo-2, nom: Labo 2, periode: décembre 2021}\n",
                     "".join(
        f"  - {{id: labo-{n}, nom: Labo {n}, debut: 2022-0{n}-01, fin: 2022-0{n}-03}}\n"
        for n in range(2, 6)))
    for n in range(2, 6):
        projet.ecrire(f"labos/presences/labo-{n}.yml", (
            "validation: validé\nvalide_par: coordination-unccas\nvalide_le: 2022-01-10\n"
            "presences:\n  mtsangamouji: {jours: "
            f"[2022-0{n}-01, 2022-0{n}-02, 2022-0{n}-03], participants: 3}}\n"))
    with servir(projet.construire()) as adresse:
        yield adresse


@pytest.mark.lent
@pytest.mark.navigateur
def test_certificat_sur_une_page_a4(serveur: str, navigateur: Browser, tmp_path: Path) -> None:
    page = navigateur.new_page(viewport={"width": 360, "height": 740})
    page.goto(serveur + "/certificats/mtsangamouji/")
    page.wait_for_load_state("networkidle")
    bouton = page.get_by_role("button", name="Imprimer le certificat")
    assert bouton.is_visible() and bouton.get_attribute("onclick") is None
    page.evaluate("window.print = () => { window.imprime = true; }")
    bouton.click()
    assert page.evaluate("window.imprime === true")
    page.pdf(path=tmp_path / "certificat.pdf", prefer_css_page_size=True)
    page.close()
    pdf = PdfReader(tmp_path / "certificat.pdf")
    assert len(pdf.pages) == 1
    boite = pdf.pages[0].mediabox
    assert (float(boite.width), float(boite.height)) == pytest.approx((595.3, 841.9), abs=1)
    texte = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", pdf.pages[0].extract_text()))
    for attendu in ("Certificat d'assiduité", "Labo 5", "Soit 5 labos et 15 jours de présence",
                    "Cofinancé pour l'essai", "signature et cachet"):
        assert attendu in texte, attendu
    for absent in ("Imprimer le certificat", "Tous les certificats", "Rechercher"):
        assert absent not in texte, absent
