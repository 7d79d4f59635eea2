"""Les données ouvertes : chaque fichier se relit avec un analyseur standard et compte
exactement le contenu validé — comptes faits ici depuis les fichiers, sans le moteur."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import icalendar
import jsonschema
import pytest
import yaml

from conftest import Projet

pytestmark = pytest.mark.lent  # chaque test construit un site entier

ATOM = "{http://www.w3.org/2005/Atom}"
COLONNES_FICHES = ["id", "titre", "resume", "ccas", "ccas_nom", "thematique", "thematique_nom",
                   "priorite", "etat", "labos", "outils", "equipe", "mis_a_jour", "valide_par",
                   "valide_le", "licence", "exemple", "url"]
COLONNES_OUTILS = ["id", "titre", "resume", "type", "phase", "duree_minutes",
                   "participants_min", "participants_max", "difficulte", "materiel",
                   "outils_lies", "a_distance", "mis_a_jour", "valide_par", "valide_le",
                   "licence", "url"]


def valides(racine: Path, dossier: str) -> dict[str, dict]:
    """Les en-têtes des fichiers validés d'un dossier, lus par PyYAML seul (compte témoin)."""
    config = yaml.safe_load((racine / "commun.yml").read_text(encoding="utf-8"))
    exemples = config["site"]["exemples"]
    trouves = {}
    for fichier in sorted((racine / dossier).glob("*.md")):
        entete = yaml.safe_load(fichier.read_text(encoding="utf-8").split("---")[1])
        if entete["validation"] == "validé" and (exemples or not entete.get("exemple")):
            trouves[fichier.stem] = entete
    return trouves


def lire_csv(texte: str) -> tuple[list[str], list[dict[str, str]]]:
    lecteur = csv.DictReader(io.StringIO(texte, newline=""))
    return list(lecteur.fieldnames or []), list(lecteur)


def verifier_catalogue(catalogue: dict, schema: dict) -> None:
    classe = jsonschema.validators.validator_for(schema)
    classe.check_schema(schema)
    classe(schema, format_checker=classe.FORMAT_CHECKER).validate(catalogue)


def test_catalogue_json(projet: Projet) -> None:
    site = projet.construire()
    catalogue = json.loads((site / "donnees" / "catalogue.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "donnees" / "catalogue.schema.json").read_text(encoding="utf-8"))
    verifier_catalogue(catalogue, schema)
    assert catalogue["$schema"] == "https://essai.example/donnees/catalogue.schema.json"
    assert [f["id"] for f in catalogue["fiches"]] == sorted(valides(projet.racine, "fiches"))
    assert [o["id"] for o in catalogue["outils"]] == sorted(valides(projet.racine, "outils"))
    assert [c["id"] for c in catalogue["comptes_rendus"]] == \
        [e["labo"] for e in valides(projet.racine, "labos").values()]
    fiche = catalogue["fiches"][0]
    # l'apostrophe de M'Tsangamouji traverse le sérialiseur intacte
    assert fiche["ccas"] == {"id": "mtsangamouji", "nom": "M'Tsangamouji"}
    assert fiche["titre"] == "Un guichet d'accès aux droits à M'Tsangamouji"
    assert fiche["url"] == "https://essai.example/fiches/mtsangamouji-guichet/"
    assert (site / "fiches" / "mtsangamouji-guichet" / "index.html").exists()
    assert fiche["source"] == "https://forge.example/essai/commun/blob/main/fiches/mtsangamouji-guichet.md"
    feuille = yaml.safe_load((projet.racine / "labos/presences/labo-1.yml").read_text("utf-8"))
    assert catalogue["presences"] == [{
        "labo": {"id": "labo-1", "nom": "Labo 1"}, "exemple": False,
        "valide_par": {"id": "coordination-unccas", "nom": "la coordination du programme d'essai"},
        "valide_le": "2022-01-10",
        "presences": [{"ccas": c, "jours": [str(j) for j in p["jours"]],
                       "participants": p["participants"]}
                      for c, p in feuille["presences"].items()]}]
    # un brouillon n'est nommé nulle part, même comme renvoi
    for fichier in [*site.glob("donnees/*"), site / "flux.xml", site / "labos.ics"]:
        texte = fichier.read_text(encoding="utf-8")
        assert "brouillon-secret" not in texte and "MOT-BROUILLON" not in texte, fichier


def test_csv(projet: Projet) -> None:
    projet.remplacer("fiches/mtsangamouji-guichet.md",
                     "titre: Un guichet d'accès aux droits à M'Tsangamouji",
                     "titre: Un guichet, \"itinérant\", à M'Tsangamouji")
    projet.remplacer("outils/carte-empathie.md",
                     "resume: Se mettre à la place d'un habitant pour comprendre ce qu'il vit.",
                     "resume: \"=SOMME(1;2) pour se mettre à la place d'un habitant\"")
    site = projet.construire()
    octets = (site / "donnees" / "fiches.csv").read_bytes()
    assert not octets.startswith(b"\xef\xbb\xbf")  # UTF-8 sans BOM
    entetes, lignes = lire_csv(octets.decode("utf-8"))
    assert entetes == COLONNES_FICHES
    assert [l["id"] for l in lignes] == sorted(valides(projet.racine, "fiches"))
    assert lignes[0]["titre"] == "Un guichet, \"itinérant\", à M'Tsangamouji"
    assert lignes[0]["ccas_nom"] == "M'Tsangamouji" and lignes[0]["labos"] == "labo-1"
    assert lignes[0]["equipe"] == "Référente du projet, agente d'accueil"
    assert lignes[0]["url"] == "https://essai.example/fiches/mtsangamouji-guichet/"

    entetes, lignes = lire_csv((site / "donnees" / "outils.csv").read_text(encoding="utf-8"))
    assert entetes == COLONNES_OUTILS
    outils = valides(projet.racine, "outils")
    assert [l["id"] for l in lignes] == sorted(outils)
    par_id = {l["id"]: l for l in lignes}
    # une formule de tableur n'est jamais exécutée à l'ouverture
    assert par_id["carte-empathie"]["resume"] == ("'=SOMME(1;2) pour se mettre à la place d'un "
                                                  "habitant")
    assert par_id["carte-empathie"]["materiel"] == "Une grande feuille"
    assert int(par_id["prototype-papier"]["duree_minutes"]) == \
        outils["prototype-papier"]["duree_minutes"]
    assert par_id["carte-empathie"]["mis_a_jour"] == ""


def test_flux_atom(projet: Projet) -> None:
    site = projet.construire()
    flux = ET.parse(site / "flux.xml").getroot()
    assert flux.tag == f"{ATOM}feed"
    datees = {f"{d}/{k}": str(e["mis_a_jour"]) for d in ("fiches", "outils")
              for k, e in valides(projet.racine, d).items() if e.get("mis_a_jour")}
    entrees = flux.findall(f"{ATOM}entry")
    assert len(entrees) == len(datees) == 2  # carte-empathie n'a pas de date de mise à jour
    liens = [lien.get("href") for e in entrees for lien in e.findall(f"{ATOM}link")[:1]]
    assert liens == ["https://essai.example/fiches/mtsangamouji-guichet/",
                     "https://essai.example/outils/prototype-papier/"]  # le plus récent d'abord
    assert [e.findtext(f"{ATOM}updated") for e in entrees] == ["2022-06-30T00:00:00Z",
                                                               "2022-03-01T00:00:00Z"]
    assert flux.findtext(f"{ATOM}updated") == "2022-06-30T00:00:00Z"
    assert entrees[0].findtext(f"{ATOM}title") == "Un guichet d'accès aux droits à M'Tsangamouji"
    assert entrees[0].findtext(f"{ATOM}author/{ATOM}name") == "CCAS de M'Tsangamouji"
    assert len({e.findtext(f"{ATOM}id") for e in entrees}) == 2
    soi = [l for l in flux.findall(f"{ATOM}link") if l.get("rel") == "self"]
    assert soi[0].get("href") == "https://essai.example/flux.xml"


def test_calendrier_ics(projet: Projet) -> None:
    projet.remplacer("commun.yml", "periode: décembre 2021}",
                     "periode: décembre 2021, debut: 2021-12-07, fin: 2021-12-09}\n"
                     "intersessions:\n  - {id: intersession-1, nom: Intersession 1, "
                     "debut: 2021-10-15, fin: 2021-12-06, description: \"Entretiens, à "
                     "distance ; point d'étape\"}")
    site = projet.construire()
    octets = (site / "labos.ics").read_bytes()
    lignes = octets.split(b"\r\n")
    assert lignes[-1] == b"" and b"\n" not in b"".join(lignes)  # CRLF partout
    assert max(len(l) for l in lignes) <= 75  # lignes repliées (RFC 5545, 3.1)
    calendrier = icalendar.Calendar.from_ical(octets)
    evenements = {str(e["UID"]): e for e in calendrier.walk("VEVENT")}
    assert sorted(evenements) == ["intersession-1@essai.example", "labo-1@essai.example",
                                  "labo-2@essai.example"]
    labo = evenements["labo-1@essai.example"]
    assert labo.decoded("DTSTART") == date(2021, 10, 12)
    assert labo.decoded("DTEND") == date(2021, 10, 15)  # le lendemain du dernier jour
    assert str(labo["LOCATION"]) == "Mamoudzou"
    assert str(labo["URL"]) == "https://essai.example/labos/labo-1/"
    inter = evenements["intersession-1@essai.example"]
    assert str(inter["DESCRIPTION"]).startswith("Entretiens, à distance ; point d'étape")
    assert inter.decoded("DTEND") == date(2021, 12, 7)


def test_apercu_n_exporte_que_le_valide(projet: Projet, monkeypatch) -> None:
    monkeypatch.setenv("COMMUN_APERCU", "1")
    site = projet.construire(strict=False, site="apercu")
    assert (site / "fiches" / "bandrele-brouillon-secret" / "index.html").exists()
    catalogue = json.loads((site / "donnees" / "catalogue.json").read_text(encoding="utf-8"))
    assert [f["id"] for f in catalogue["fiches"]] == ["mtsangamouji-guichet"]
    assert "brouillon-secret" not in (site / "donnees" / "fiches.csv").read_text(encoding="utf-8")


def test_exemples_masques_hors_des_donnees(projet: Projet) -> None:
    # la fiche d'essai devient un exemple, rattaché à l'entité fictive du petit commun
    projet.remplacer("fiches/mtsangamouji-guichet.md", "ccas: mtsangamouji",
                     "ccas: exemple-essai\nexemple: true")
    catalogue = json.loads((projet.construire() / "donnees" / "catalogue.json").read_text("utf-8"))
    assert [(f["ccas"]["id"], f["exemple"]) for f in catalogue["fiches"]] == [
        ("exemple-essai", True)]
    projet.remplacer("commun.yml", "exemples: true", "exemples: false")
    projet.remplacer("docs/index.md", '{{ liste_fiches(thematique="acces-aux-droits") }}', "")
    site = projet.construire()
    catalogue = json.loads((site / "donnees" / "catalogue.json").read_text(encoding="utf-8"))
    assert catalogue["fiches"] == []
    assert [c["exemple"] for c in catalogue["comptes_rendus"]] == [False]  # un fait : il reste
    assert not (site / "ccas" / "exemple-essai").exists()  # l'entité part avec ses exemples
    assert len(catalogue["outils"]) == len(valides(projet.racine, "outils")) == 2


