"""Les données par CCAS (``territoire/``) : la fiche de données, le journal de suivi des
intersessions, les équipes sans nouvelles au tableau de bord, les questions des intersessions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from commun.construction import construire
from conftest import Projet

PROVENANCE = "validation: validé\nvalide_par: coordination-unccas\nvalide_le: 2022-01-10\n"
FICHE = "territoire/ccas/mtsangamouji.yml"
JOURNAL = "territoire/suivi/mtsangamouji.yml"


def problemes(projet: Projet, chemin: str) -> list[tuple[int, str]]:
    return [(p.ligne, p.message) for p in construire(projet.racine).problemes
            if p.chemin == chemin]


def test_une_fiche_de_donnees_entre_dans_le_corpus(projet: Projet) -> None:
    projet.ecrire(FICHE, PROVENANCE + (
        "equipe: [Référente du projet, Élu délégué]\n"
        "forces: [Un accueil qui connaît les familles]\n"
        "thematique_prioritaire: acces-aux-droits\n"
        "chiffres:\n  - {libelle: Foyers allocataires du RSA, valeur: 12 %, "
        "source: Synthèse communale PASS'PALAS, annee: 2018}\n"
        "feuille_de_route: [Trouver un lieu — avant le labo 2 — référente]\n"))
    chargement = construire(projet.racine)
    assert chargement.problemes == []
    fiche = chargement.corpus.fiches_ccas["mtsangamouji"]
    assert [(c.valeur, c.annee) for c in fiche.chiffres] == [("12 %", 2018)]
    assert fiche.equipe == ("Référente du projet", "Élu délégué")
    assert fiche.thematique_prioritaire == "acces-aux-droits" and fiche.ressources == ()


def test_une_fiche_ou_un_journal_douteux_dit_quoi_corriger(projet: Projet) -> None:
    projet.ecrire("territoire/ccas/sada.yml", PROVENANCE)
    projet.ecrire("territoire/ccas/exemple-essai.yml", PROVENANCE)  # fictif, sans « exemple »
    projet.ecrire(FICHE, "validation: validé\nexemple: true\n"
                         "forces: [Appeler le 06 39 12 34 56]\nthematique_secondaire: sante\n")
    projet.ecrire("territoire/ccas/bandrele.yml", PROVENANCE + "chiffres:\n"
                  "  - {libelle: Un chiffre sans source, valeur: 30 %, annee: 2018}\n")
    assert problemes(projet, "territoire/ccas/bandrele.yml") == [(5, (
        "champ obligatoire « source » manquant : ajoutez une ligne « source: … » dans "
        "l'en-tête. D'où il vient (document, organisme)."))]
    assert problemes(projet, "territoire/ccas/sada.yml")[0][1].startswith(
        "nom du fichier « sada.yml » : « sada » n'existe pas dans le référentiel.")
    assert problemes(projet, "territoire/ccas/exemple-essai.yml") == [(1, (
        "nom du fichier « exemple-essai.yml » : « exemple-essai » est une entité fictive, "
        "réservée aux exemples : écrivez le vrai CCAS, ou ajoutez « exemple: true » si ce "
        "contenu est un exemple"))]
    messages = [m for _, m in problemes(projet, FICHE)]
    assert any(m.startswith("nom du fichier « mtsangamouji.yml » : « mtsangamouji » est un "
                            "vrai CCAS") for m in messages)
    assert any("valide_par" in m for m in messages) and any("valide_le" in m for m in messages)
    assert any(m.startswith("thematique_secondaire : « sante » n'existe pas") for m in messages)
    assert any(m.startswith("donnée personnelle : un numéro de téléphone") for m in messages)
    projet.ecrire(JOURNAL, PROVENANCE + (
        "entrees:\n"
        "  - {date: 2999-01-01, type: appel, qui: Chargée de mission, resume: Un appel futur.}\n"
        "  - {date: 2022-01-05, type: question, qui: Référente, resume: Une question posée.,\n"
        "     question: Peut-on ?, faq: true}\n"
        "  - {date: 2022-01-06, type: pigeon, qui: Référente, resume: Un pigeon voyageur.}\n"))
    assert [m for _, m in problemes(projet, JOURNAL)] == [
        "entrees › n° 1 › date : « 2999-01-01 » est hors de la période du commun (années 1900 "
        "à 2100) ; écrivez une vraie date au format AAAA-MM-JJ",
        "entrees › n° 3 › type : « pigeon » n'est pas une valeur possible (valeurs possibles : "
        "appel, message, visite, relance, reunion, question)"]
    projet.ecrire(JOURNAL, PROVENANCE + (
        "entrees:\n"
        "  - {date: 2099-01-01, type: appel, qui: Chargée de mission, resume: Un appel futur.}\n"
        "  - {date: 2022-01-05, type: question, qui: Référente, resume: Une question posée.,\n"
        "     question: Peut-on ?, faq: true}\n"))
    assert problemes(projet, JOURNAL) == [
        (5, "entrees › n° 1 : le 2099-01-01 est dans le futur : notez un contact une fois "
            "qu'il a eu lieu"),
        (7, "entrees › n° 2 : « faq: true » publie la question et sa réponse pour tous : "
            "écrivez « question: » et « reponse: », ou retirez « faq »")]
    assert "mtsangamouji" not in construire(projet.racine).corpus.journaux  # refusé en entier


@pytest.mark.lent
def test_page_du_ccas_tableau_de_bord_et_questions(projet: Projet, monkeypatch) -> None:
    projet.ecrire(FICHE, PROVENANCE + "equipe: [Référente du projet]\n")
    projet.ecrire(JOURNAL, PROVENANCE + (
        "entrees:\n"
        "  - {date: 2022-01-03, type: appel, qui: Chargée de mission, resume: Point d'étape.}\n"
        "  - date: 2022-01-05\n    type: question\n    qui: Référente du projet\n"
        "    resume: Question posée par message vocal.\n"
        "    question: Peut-on tenir la permanence dans une salle associative ?\n"
        "    reponse: Oui, avec une convention simple.\n"
        "    thematique: acces-aux-droits\n    faq: true\n"))
    projet.ecrire("territoire/suivi/bandrele.yml", PROVENANCE + (
        "entrees:\n"
        "  - {date: 2022-02-20, type: visite, qui: Chargée de mission,\n"
        "     resume: Visite sur place.}\n"))
    projet.ecrire("territoire/suivi/exemple-essai.yml", PROVENANCE + "exemple: true\nentrees:\n"
                  "  - {date: 2022-02-01, type: question, qui: Référent, resume: Une question.,\n"
                  "     question: Une question fictive ?, reponse: Une réponse fictive., "
                  "faq: true}\n")
    # le jour du build : le 1er mars 2022 ; six semaines sans nouvelles avant le 18 janvier
    monkeypatch.setenv("SOURCE_DATE_EPOCH",
                       str(int(datetime(2022, 3, 1, tzinfo=UTC).timestamp())))
    site = projet.construire()
    ccas = projet.page(site, "ccas/mtsangamouji")
    assert "Référente du projet" in ccas and "à renseigner au lancement des labos" in ccas
    # le plus récent d'abord
    assert ccas.index("5 janvier 2022") < ccas.index("3 janvier 2022")
    assert "Oui, avec une convention simple." in ccas
    suivi = projet.page(site, "suivi")
    silence = suivi.split('id="les-equipes-sans-nouvelles"')[1].split("<h2")[0]
    assert "dernier contact le 5 janvier 2022" in silence  # plus de six semaines
    assert "UDCCAS d&#39;essai" in silence or "UDCCAS d'essai" in silence  # aucun contact
    assert "Bandrélé" not in silence  # vu le 20 février
    assert "fictif" not in silence  # une entité fictive n'est jamais comptée
    questions = projet.page(site, "questions")
    assert "Peut-on tenir la permanence dans une salle associative" in questions
    assert "Une question fictive" in questions and "exemple fictif" in questions
    assert questions.index("Accès aux droits") < questions.index("Peut-on tenir")
