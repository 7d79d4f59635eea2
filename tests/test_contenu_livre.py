"""Le contenu livré dans le dépôt : complet, valide, et son site public sans brouillon."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
import yaml

from commun import suivi, verification
from commun import vocabulaire as v
from commun.construction import construire
from commun.donnees import Adresses, exports
from conftest import RACINE
from test_donnees import ATOM, lire_csv, valides, verifier_catalogue

# Ces tests vérifient le contenu livré dans ce dépôt (Mayotte) : un nouveau territoire
# (scripts/nouveau_territoire.py) ne les reprend pas.
pytestmark = pytest.mark.contenu_livre

OUTILS_DE_VALIDATION = {
    "questionnaire-auto-evaluation", "grille-entretien-immersion", "questionnaire-fin-de-labo",
    "quiz-intersession", "evaluation-par-les-pairs", "mini-enquete-territoires",
    "modele-fiche-projet", "modele-feuille-de-route",
}


@pytest.fixture(scope="module")
def chargement():
    return construire(RACINE)


def test_aucun_probleme(chargement) -> None:
    assert [str(p) for p in chargement.problemes] == []


def test_outils(chargement) -> None:
    outils = chargement.corpus.outils
    methodes = [o for o in outils.values() if o.type in {"methode", "canevas"}]
    assert len(methodes) >= 24
    assert {o.phase for o in methodes} == set(v.PHASES)
    assert set(outils) >= OUTILS_DE_VALIDATION
    for o in outils.values():
        assert not o.exemple, o.chemin
        assert re.search(r"^## Variante à distance\n+\S", o.corps, re.M), o.chemin
        assert len(o.corps.split()) > 250, f"{o.chemin} : trop court pour être utile"


def test_fiches_d_exemple(chargement) -> None:
    publiees = chargement.corpus.publiable(apercu=False).fiches.values()
    assert len(publiees) >= 8
    assert all(f.exemple for f in chargement.corpus.fiches.values())
    assert len({f.ccas for f in publiees}) >= 5  # les cinq entités fictives de commun.yml
    assert {f.thematique for f in publiees} == set(chargement.corpus.configuration.thematiques)
    assert {f.etat for f in publiees} == set(v.ETATS)
    assert any(not f.valide for f in chargement.corpus.fiches.values()), \
        "le dépôt doit garder au moins un brouillon pour prouver qu'il n'est pas publié"
    assert len(chargement.corpus.comptes_rendus) >= 1


def test_referentiel(chargement) -> None:
    config = chargement.corpus.configuration
    communes = [c.nom for c in config.ccas_reels.values() if c.type == "commune"]
    assert communes == [
        "Acoua", "Bandraboua", "Bandrélé", "Bouéni", "Chiconi", "Chirongui", "Dembéni",
        "Dzaoudzi-Labattoir", "Kani-Kéli", "Koungou", "M'Tsangamouji", "Mamoudzou", "Mtsamboro",
        "Ouangani", "Pamandzi", "Sada", "Tsingoni"]
    assert [c.id for c in config.ccas_reels.values() if c.type == "union"] == ["udccas"]
    assert {"personnes-agees-handicapees", "acces-aux-droits", "jeunesse-enfance-famille",
            "difficultes-financieres"} <= set(config.thematiques)


def _sans_accents(nom: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", nom) if not unicodedata.combining(c))


def test_communes_du_decoupage_administratif_officiel(chargement) -> None:
    """Les 17 codes INSEE et noms du référentiel, face au paquet @etalab/decoupage-administratif
    (installé par npm ci) ; les populations publiées sont les siennes (make communes)."""
    paquet = RACINE / "node_modules" / "@etalab" / "decoupage-administratif" / "data"
    assert paquet.is_dir(), "lancez « npm ci » (make test le fait)"
    officielles = {c["code"]: c for c in json.loads((paquet / "communes.json").read_text("utf-8"))
                   if c.get("type") == "commune-actuelle" and c.get("departement") == "976"}
    communes = [c for c in chargement.corpus.configuration.ccas_reels.values()
                if c.type == "commune"]
    assert sorted(c.insee for c in communes) == sorted(officielles) and len(communes) == 17
    for c in communes:
        cog = officielles[c.insee]["nom"]
        # le nom d'usage : celui du COG, accentué (« Bandrélé » pour « Bandrele »), ou sa forme
        # complète (« Dzaoudzi-Labattoir » pour « Dzaoudzi »)
        assert _sans_accents(c.nom) == _sans_accents(cog) or c.nom.startswith(cog + "-"), c.nom
        commune = chargement.corpus.configuration.communes[c.insee]
        assert commune.population == officielles[c.insee]["population"] > 0
    verifier = subprocess.run([sys.executable, str(RACINE / "scripts" / "communes.py"),
                               "--verifier"], capture_output=True, text=True)
    assert verifier.returncode == 0, verifier.stdout


def test_chaque_outil_sert_ce_public(chargement) -> None:
    """Issue 12 : consignes à dire, origine, variante à distance qui dit son canal, provenance."""
    outils = chargement.corpus.outils.values()
    assert len(outils) >= 46  # 36 cartes, et 10 nouvelles au moins
    for o in outils:
        oral = suivi.section(o.corps, v.ORAL)
        assert 20 <= verification.mots_prononces(oral) <= v.MOTS_ORAL_MAX, o.chemin
        assert len(suivi.section(o.corps, v.ORIGINE)) > 80, o.chemin
        assert o.a_distance.non_recommande or (o.a_distance.canaux and o.a_distance.cout), \
            o.chemin
        assert o.valide_par in chargement.corpus.configuration.validateurs and o.valide_le, \
            o.chemin
        if o.duree_minutes > v.DUREE_SANS_VERSION_COURTE:
            assert suivi.section(o.corps, v.VERSION_COURTE), o.chemin
        assert "*Situation fictive, pour illustrer" in o.corps, o.chemin


def test_aucun_vrai_ccas_ne_porte_d_exemple(chargement) -> None:
    corpus = chargement.corpus
    reels = corpus.configuration.ccas_reels
    for f in corpus.fiches.values():
        assert f.exemple and f.ccas not in reels, f.chemin
    for c in corpus.comptes_rendus.values():
        assert not set(c.ccas_presents) & set(reels), c.chemin
    for p in corpus.presences.values():
        assert not {x.ccas for x in p.presences} & set(reels), p.chemin


def test_pas_de_donnees_personnelles(chargement) -> None:
    courriel = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    telephone = re.compile(r"(?:\+262|\b0[1-9])(?:[ .-]?\d{2}){4}\b")
    for c in chargement.corpus.contenus():
        texte = (RACINE / c.chemin).read_text(encoding="utf-8")
        assert not courriel.search(texte), c.chemin
        assert not telephone.search(texte), c.chemin


@pytest.mark.lent
def test_site_public_construit_en_strict(site_du_depot: Path, chargement) -> None:
    corpus = chargement.corpus.publiable(apercu=False)
    for contenu in corpus.contenus():
        fichier = site_du_depot / contenu.src_uri.removesuffix(".md") / "index.html"
        assert fichier.exists(), contenu.chemin
    for page in ("outils", "fiches", "fiches/par-etat", "ccas", "ccas/mtsangamouji",
                 "thematiques/acces-aux-droits", "labos", "labos/labo-2", "commencer"):
        assert (site_du_depot / page / "index.html").exists(), page


@pytest.mark.lent
def test_aucune_page_de_vrai_ccas_ne_montre_d_exemple(site_du_depot: Path, chargement) -> None:
    """Ni la page, ni le certificat d'un vrai CCAS ne montrent un projet ou une présence
    inventés ; le tableau de bord ne compte aucun exemple."""
    corpus = chargement.corpus
    exemples = [c.src_uri.removesuffix(".md") + "/" for c in corpus.contenus() if c.exemple]
    assert exemples
    for id in corpus.configuration.ccas_reels:
        page = (site_du_depot / "ccas" / id / "index.html").read_text(encoding="utf-8")
        certificat = (site_du_depot / "certificats" / id / "index.html").read_text("utf-8")
        for uri in exemples:
            assert uri not in page and uri not in certificat, (id, uri)
        assert "Aucune présence de ce CCAS n'est notée" in certificat, id
    for id, c in corpus.configuration.ccas.items():
        if c.fictif:  # l'entité fictive le dit, et n'a pas de certificat
            assert "Entité fictive" in (site_du_depot / "ccas" / id / "index.html").read_text(
                encoding="utf-8")
            assert not (site_du_depot / "certificats" / id).exists()
    suivi_html = (site_du_depot / "suivi" / "index.html").read_text(encoding="utf-8")
    assert "fictif" not in suivi_html.split("graphique-ccas")[1].split("</figure>")[0]


@pytest.mark.lent
def test_site_public_sans_brouillon(site_du_depot: Path, chargement) -> None:
    brouillons = [c for c in chargement.corpus.contenus() if not c.valide]
    assert brouillons
    textes = {f: f.read_text(encoding="utf-8") for f in site_du_depot.rglob("*")
              if f.is_file() and f.suffix in {".html", ".json", ".xml"}}
    for b in brouillons:
        assert not (site_du_depot / b.src_uri.removesuffix(".md")).exists()
        for fichier, texte in textes.items():
            assert b.id not in texte and b.titre not in texte, (b.chemin, fichier)
    descriptions = "".join(f.read_text(encoding="utf-8")
                           for f in (site_du_depot / "recherche" / "docs").glob("*.js"))
    assert descriptions.count('["fiches/') >= 8


@pytest.mark.lent
def test_aucune_requete_vers_un_autre_site(site_du_depot: Path) -> None:
    """Pas de police, de script ni d'image chargés ailleurs (mobile, hors ligne)."""
    for page in site_du_depot.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for balise in re.findall(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*>", html):
            if re.search(r'rel="(?:canonical|alternate)"', balise):
                continue  # une adresse citée, pas une requête
            for adresse in re.findall(r'(?:src|href)="([^"]+)"', balise):
                assert not adresse.startswith(("http:", "https:", "//")), (page, balise)


def test_schemas_a_jour() -> None:
    resultat = subprocess.run([sys.executable, str(RACINE / "scripts" / "schemas.py"),
                               "--verifier"], capture_output=True, text=True, timeout=60)
    assert resultat.returncode == 0, resultat.stdout


def test_verifier_sur_le_depot() -> None:
    resultat = subprocess.run([sys.executable, str(RACINE / "scripts" / "verifier.py")],
                              capture_output=True, text=True, timeout=120)
    assert resultat.returncode == 0, resultat.stdout
    assert "Aucun problème" in resultat.stderr


def test_phases_couvertes_par_les_outils(chargement) -> None:
    compte = Counter(o.phase for o in chargement.corpus.outils.values())
    assert all(compte[p] >= 4 for p in v.PHASES), compte


def test_exports_du_contenu_livre() -> None:
    corpus = construire(RACINE).corpus.publiable(apercu=False)
    base = "https://exemple.test/commun/"
    adresses = Adresses(page=lambda s: base + s.removesuffix(".md") + "/",
                        fichier=lambda c: base + c)
    fichiers = exports(corpus, adresses, datetime(2024, 1, 1, tzinfo=UTC))
    questionnaires = sorted(f"questionnaires/{q}/{q}.{ext}" for q in corpus.questionnaires
                            for ext in ("csv", "xlsx"))
    assert len(questionnaires) == 12  # les six outils de validation, en XLSForm et en CSV
    assert sorted(fichiers) == sorted(["donnees/catalogue.json", "donnees/catalogue.schema.json",
                                       "donnees/fiches.csv", "donnees/outils.csv", "flux.xml",
                                       "labos.ics", *questionnaires])
    fiches, outils = valides(RACINE, "fiches"), valides(RACINE, "outils")
    catalogue = json.loads(fichiers["donnees/catalogue.json"])
    verifier_catalogue(catalogue, json.loads(fichiers["donnees/catalogue.schema.json"]))
    assert len(catalogue["fiches"]) == len(fiches) and len(catalogue["outils"]) == len(outils)
    assert len(catalogue["comptes_rendus"]) == len(valides(RACINE, "labos"))
    _, lignes = lire_csv(fichiers["donnees/fiches.csv"].decode("utf-8"))
    assert {l["id"] for l in lignes} == set(fiches)
    _, lignes = lire_csv(fichiers["donnees/outils.csv"].decode("utf-8"))
    assert {l["id"] for l in lignes} == set(outils)
    flux = ET.fromstring(fichiers["flux.xml"])
    assert len(flux.findall(f"{ATOM}entry")) == sum(
        1 for e in [*fiches.values(), *outils.values()] if e.get("mis_a_jour"))
    config = yaml.safe_load((RACINE / "commun.yml").read_text(encoding="utf-8"))
    calendrier = icalendar.Calendar.from_ical(fichiers["labos.ics"])
    attendus = [l["id"] for l in config["labos"] if "debut" in l] + \
        [i["id"] for i in config.get("intersessions", [])]
    uids = [str(e["UID"]).split("@")[0] for e in calendrier.walk("VEVENT")]
    assert sorted(uids) == sorted(attendus)
    assert all(e.decoded("DTSTAMP") == datetime(2024, 1, 1, tzinfo=UTC)
               for e in calendrier.walk("VEVENT"))


def test_contenu_livre_presences_coherentes() -> None:
    chargement = construire(RACINE)
    feuille = chargement.corpus.presences["labo-1"]
    compte_rendu = chargement.corpus.comptes_rendus["labo-1"]
    assert {p.ccas for p in feuille.presences} == set(compte_rendu.ccas_presents)
    assert feuille.exemple and compte_rendu.exemple
    assert all(1 <= p.participants <= 3 for p in feuille.presences)
