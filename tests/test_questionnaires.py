"""Les questionnaires : une définition, vérifiée ; l'XLSForm que pyxform convertit ; le CSV
vierge ; la synthèse depuis l'export du site, de KoboToolbox (préfixes de groupe) et d'Excel en
français (points-virgules, BOM) ; la règle des petits effectifs ; les fichiers douteux."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from pyxform.xls2xform import convert

from commun import questionnaires
from commun.construction import construire
from commun.modele import Questionnaire
from commun.synthese import ReponsesInvalides, accord, fichier_indicateurs, lire, rapport
from conftest import FIXTURES, RACINE, Projet, servir, telephone_360

DEFINITION = FIXTURES / "questionnaires" / "carte-empathie.yml"


def questionnaire(projet: Projet) -> Questionnaire:
    (projet.racine / "questionnaires").mkdir(exist_ok=True)
    shutil.copy(DEFINITION, projet.racine / "questionnaires" / "carte-empathie.yml")
    chargement = construire(projet.racine)
    assert chargement.problemes == []
    return chargement.corpus.questionnaires["carte-empathie"]


def test_la_definition_entre_dans_le_corpus(projet: Projet) -> None:
    q = questionnaire(projet)
    assert [x.id for x in q.questions] == ["fonction", "lieu", "horaires", "langues",
                                          "entretiens", "situation", "remarque"]
    assert [o.id for o in q.questions[1].choix] == ["1", "2", "3", "4"] and q.quiz
    assert questionnaires.csv_vierge(q) == (
        "reponse_id,date,fonction,lieu,horaires,langues,entretiens,situation,remarque\r\n")


@pytest.mark.parametrize(("avant", "apres", "message"), [
    ("    options:\n      - {id: elu, libelle: Élu ou élue}\n"
     "      - {id: agent, libelle: Agent ou agente}\n"
     "      - {id: partenaire, libelle: Partenaire}\n", "",
     "questions › n° 1 (fonction) : une question « choix-unique » a besoin de « options: »"),
    ("    bonne_reponse: b\n", "    bonne_reponse: c\n",
     "questions › n° 6 (situation) : la bonne réponse « c » n'est pas l'un des choix (a, b)"),
    ("  - id: remarque\n", "  - id: lieu\n",
     "questions › n° 7 (lieu) : l'identifiant est déjà pris plus haut"),
    ("    type: oui-non\n", "    type: oui-non\n    categorie: true\n",
     "questions › n° 3 (horaires) : une catégorie est une question à choix unique"),
    ("valide_par: coordination-unccas\n", "valide_par: comite\n",
     "valide_par : « comite » n'existe pas dans le référentiel. Valeurs possibles : "
     "coordination-unccas. Pour ajouter une valeur, ajoutez une ligne dans la rubrique "
     "« validateurs » de commun.yml"),
    ("outil: carte-empathie\n", "outil: prototype-papier\n",
     "outil : « prototype-papier » ; un questionnaire porte le nom de son outil : renommez ce "
     "fichier questionnaires/prototype-papier.yml"),
])
def test_une_definition_douteuse_dit_quoi_corriger(projet: Projet, avant: str, apres: str,
                                                  message: str) -> None:
    (projet.racine / "questionnaires").mkdir()
    texte = DEFINITION.read_text(encoding="utf-8")
    assert avant in texte
    (projet.racine / "questionnaires" / "carte-empathie.yml").write_text(
        texte.replace(avant, apres), encoding="utf-8")
    problemes = [p.message for p in construire(projet.racine).problemes]
    assert message in problemes


def test_l_xlsform_se_convertit_pour_odk(projet: Projet, tmp_path: Path) -> None:
    q = questionnaire(projet)
    fichier = tmp_path / "essai.xlsx"
    fichier.write_bytes(questionnaires.xlsform(q))
    xform = convert(xlsform=str(fichier), validate=False).xform
    for x in q.questions:
        assert f'/{x.id}"' in xform or f"/{x.id}'" in xform, x.id
    assert "le_labo" in xform  # la partie devient un groupe
    # reproductible : aucune date du build, ni dans le ZIP ni dans les propriétés du classeur
    classeur = zipfile.ZipFile(io.BytesIO(fichier.read_bytes()))
    assert {i.date_time for i in classeur.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    proprietes = classeur.read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(?:created|modified)\b[^>]*>([^<]*)", proprietes) == [
        questionnaires.DATE_FIXE, questionnaires.DATE_FIXE]


def test_chaque_questionnaire_livre_se_convertit(tmp_path: Path) -> None:
    publies = construire(RACINE).corpus.questionnaires
    assert len(publies) >= 6  # les six outils de validation de l'appel d'offres
    for q in publies.values():
        fichier = tmp_path / f"{q.id}.xlsx"
        fichier.write_bytes(questionnaires.xlsform(q))
        assert convert(xlsform=str(fichier), validate=False).xform, q.id


SITE = ("reponse_id,date,fonction,lieu,horaires,langues,entretiens,situation,remarque\r\n"
        "{id},2022-01-12,{fonction},{lieu},oui,francais shimaore,{n},{situation},{remarque}\r\n")
KOBO = ('start;end;le_labo/lieu;le_labo/horaires;le_labo/langues;le_labo/langues/francais;'
        'le_labo/langues/shimaore;le_labo/langues/kibushi;fonction;entretiens;situation;'
        'remarque;_uuid;_submission_time\r\n')


def ecrire(dossier: Path, nom: str, texte: str, encodage: str = "utf-8") -> Path:
    chemin = dossier / nom
    chemin.write_bytes(texte.encode(encodage))
    return chemin


def test_synthese_exacte_depuis_trois_sortes_d_exports(projet: Projet, tmp_path: Path) -> None:
    q = questionnaire(projet)
    fichiers = [ecrire(tmp_path, f"site-{i}.csv", SITE.format(
        id=f"s{i}", fonction="agent", lieu=4 - i % 2, n=10 + i, situation="b",
        remarque="Très utile" if i else "Appelez Fatima au 06 39 12 34 56")) for i in range(5)]
    # KoboToolbox : préfixes de groupe, points-virgules, BOM d'Excel
    fichiers.append(ecrire(tmp_path, "kobo.csv", KOBO + (
        "2022-01-12T09:00;2022-01-12T09:10;2;non;kibushi;0;0;1;elu;3;a;;k1;2022-01-12\r\n"
        "2022-01-12T09:00;2022-01-12T09:12;1;oui;francais;1;0;0;partenaire;0;b;RAS;k2;x\r\n"),
        "utf-8-sig"))
    reponses = lire(q, fichiers)
    assert len(reponses.lignes) == 7
    texte = rapport(q, reponses, "Labo d'essai")
    assert "**7 réponses.**" in texte
    # la règle des petits effectifs : un élu et un partenaire ; regroupés, ils feraient 2, que
    # l'on devinerait en soustrayant les 5 agents : la répartition n'est pas donnée
    assert "| Toutes catégories | 7 |" in texte and "Règle des petits effectifs" in texte
    assert "Élu ou élue" not in texte.split("## 2.")[0]
    # l'échelle : 4, 3, 4, 3, 4 (site), 2, 1 (Kobo)
    assert "| 4 — Tout à fait | 3 | 43 % |" in texte and "| 1 — Pas du tout | 1 | 14 % |" in texte
    # le quiz : 6 bonnes réponses sur 7
    assert "**Bonnes réponses : 86 %** (6 sur 7)." in texte
    # les nombres : 10 à 14 puis 3 et 0 → médiane 11
    assert "| 7 | 11 | 0 | 14 | 63 |" in texte
    # un texte libre qui donne un contact est retiré entier
    assert "06 39" not in texte and "Fatima" not in texte
    assert "[réponse retirée : elle contenait un contact ou un identifiant]" in texte
    assert '<figure class="commun-graphique" id="synthese-carte-empathie-lieu">' in texte


def test_des_reponses_douteuses_disent_fichier_et_ligne(projet: Projet, tmp_path: Path) -> None:
    q = questionnaire(projet)
    bon = SITE.format(id="s1", fonction="agent", lieu=3, n=2, situation="b", remarque="")
    fichiers = [
        ecrire(tmp_path, "a.csv", bon),
        ecrire(tmp_path, "b.csv", bon),  # la même réponse, envoyée deux fois
        ecrire(tmp_path, "c.csv", SITE.format(id="s3", fonction="maire", lieu=9, n=99,
                                              situation="b", remarque="")),
        ecrire(tmp_path, "d.csv", "age,lieu,autre_groupe/horaires\r\n30,2,oui\r\n"),
    ]
    with pytest.raises(ReponsesInvalides) as e:
        lire(q, fichiers)
    assert e.value.problemes == [
        f"{fichiers[1]}:2: réponse en double (déjà lue en {fichiers[0]}:2) : gardez un seul "
        "exemplaire",
        f"{fichiers[2]}:2: fonction : « maire » n'est pas une réponse possible (elu, agent, "
        "partenaire)",
        f"{fichiers[2]}:2: lieu : « 9 » n'est pas une réponse possible (1, 2, 3, 4)",
        f"{fichiers[2]}:2: entretiens : 99 est hors des bornes (0 à 50)",
        f"{fichiers[3]}:1: colonne « age » inconnue du questionnaire « carte-empathie » : est-ce "
        "le bon fichier ? (colonnes attendues : fonction, lieu, horaires, langues, entretiens, "
        "situation, remarque)",
        # une question sous un groupe que le questionnaire n'a pas : dite, jamais ignorée
        f"{fichiers[3]}:1: colonne « autre_groupe/horaires » inconnue du questionnaire "
        "« carte-empathie » : est-ce le bon fichier ? (colonnes attendues : fonction, lieu, "
        "horaires, langues, entretiens, situation, remarque)",
    ]


def test_le_script_ecrit_le_rapport_ou_dit_pourquoi_pas(projet: Projet, tmp_path: Path) -> None:
    questionnaire(projet)
    (projet.racine / "scripts").mkdir(exist_ok=True)
    shutil.copy(RACINE / "scripts" / "synthese.py", projet.racine / "scripts" / "synthese.py")
    bon = ecrire(tmp_path, "a.csv", SITE.format(id="s1", fonction="agent", lieu=3, n=2,
                                                situation="b", remarque=""))
    sortie = tmp_path / "rapport.md"
    ok = subprocess.run([sys.executable, str(projet.racine / "scripts" / "synthese.py"),
                         "carte-empathie", str(bon), "--sortie", str(sortie)],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert sortie.read_text(encoding="utf-8").startswith(
        "# Rapport de synthèse : Questionnaire d'essai\n\n**1 réponses.**")
    faux = ecrire(tmp_path, "faux.csv", "fonction\r\nmaire\r\n")
    ko = subprocess.run([sys.executable, str(projet.racine / "scripts" / "synthese.py"),
                         "carte-empathie", str(faux)], capture_output=True, text=True)
    assert ko.returncode == 1 and "Traceback" not in ko.stderr
    assert ko.stderr.startswith(f"{faux}:2: fonction : « maire » n'est pas une réponse possible")


def test_des_reponses_deposees_dans_le_contenu_sont_refusees(projet: Projet) -> None:
    ecrire(projet.racine / "fiches", "reponses.csv", "fonction\r\nagent\r\n")
    [probleme] = [p for p in construire(projet.racine).problemes
                  if p.chemin == "fiches/reponses.csv"]
    assert probleme.message.startswith("un tableau (CSV, tableur) n'a pas sa place ici")


@pytest.mark.lent
@pytest.mark.navigateur
def test_le_formulaire_marche_hors_ligne_et_la_synthese_relit_son_fichier(
        projet: Projet, navigateur: Browser, tmp_path: Path) -> None:
    """À 360 px : on répond, le réseau coupe, la page se recharge et les réponses sont là ; le
    fichier exporté est relu par la synthèse, à l'identique."""
    q = questionnaire(projet)
    with servir(projet.construire()) as adresse:
        contexte, page = telephone_360(navigateur, accept_downloads=True)
        page.goto(f"{adresse}/questionnaires/carte-empathie/")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()  # la page passe sous le service worker : elle reste lisible hors ligne
        page.get_by_label("Agent ou agente").check()
        page.get_by_label("4 — Tout à fait").check()
        page.get_by_label("Shimaoré").check()
        page.get_by_label("Kibushi").check()
        page.locator("#q-entretiens").fill("12")
        page.locator("#q-remarque").fill("Des tables trop petites")
        contexte.set_offline(True)
        page.reload()
        expect(page.get_by_label("Agent ou agente")).to_be_checked()
        expect(page.get_by_label("4 — Tout à fait")).to_be_checked()
        expect(page.locator("#q-entretiens")).to_have_value("12")
        expect(page.locator("#q-remarque")).to_have_value("Des tables trop petites")
        expect(page.get_by_role("status")).to_contain_text("précédentes sont revenues")
        with page.expect_download() as telechargement:
            page.get_by_role("button", name="Télécharger mes réponses (CSV)").click()
        fichier = tmp_path / telechargement.value.suggested_filename
        telechargement.value.save_as(fichier)
        assert page.erreurs == []
        contexte.close()
    assert fichier.name.startswith("carte-empathie-")
    [ligne] = lire(q, [fichier]).lignes
    assert ligne == {"fonction": "agent", "lieu": "4", "langues": ("shimaore", "kibushi"),
                     "entretiens": "12", "remarque": "Des tables trop petites"}


def test_le_labo_d_exemple_porte_la_synthese_de_ses_reponses_fictives() -> None:
    """La section du compte rendu d'exemple est exactement ce que le script tire des réponses
    fictives (tests/fixtures/reponses-fictives) : ses chiffres ne sont pas tapés à la main."""
    q = construire(RACINE).corpus.questionnaires["questionnaire-fin-de-labo"]
    reponses = lire(q, [FIXTURES / "reponses-fictives" / "labo-1-fin-de-labo.csv"])
    titre, reste = rapport(q, reponses, "Synthèse du questionnaire de fin de labo (réponses "
                           "fictives)", section=True).split("\n\n", 1)
    compte_rendu = (RACINE / "labos" / "labo-1.md").read_text(encoding="utf-8")
    assert compte_rendu.index(titre) < compte_rendu.index("*Réponses fictives, pour illustrer")
    assert compte_rendu.endswith(reste)
    assert "exemple: true" in compte_rendu


def test_les_indicateurs_de_fin_de_labo(projet: Projet, tmp_path: Path) -> None:
    q = questionnaire(projet)
    reponses = lire(q, [ecrire(tmp_path, f"r{i}.csv", SITE.format(
        id=f"r{i}", fonction="agent", lieu=i, n=1, situation="a", remarque="")) for i in (1, 3, 4)])
    assert accord(q, reponses) == {"lieu": 67}  # 3 et 4 sur 4 : deux réponses sur trois
    texte = fichier_indicateurs(q, reponses)
    assert "validation: brouillon\n" in texte and "  lieu: 67\n" in texte
    dossier = projet.racine / "labos" / "indicateurs"
    dossier.mkdir()
    (dossier / "labo-1.yml").write_text(texte.replace(
        "validation: brouillon", "validation: validé\nvalide_par: coordination-unccas\n"
        "valide_le: 2022-01-10"), encoding="utf-8")
    (dossier / "labo-9.yml").write_text(texte.replace("  lieu: 67", "  lieux: 67"),
                                        encoding="utf-8")
    chargement = construire(projet.racine)
    assert chargement.corpus.indicateurs["labo-1"].accord == {"lieu": 67}
    messages = [p.message for p in chargement.problemes if p.chemin.endswith("labo-9.yml")]
    assert messages[0].startswith("nom du fichier « labo-9.yml » : « labo-9 » n'existe pas")
    assert messages[1].startswith("accord : « lieux » n'est pas une question à échelle de "
                                  "« carte-empathie »")


@pytest.mark.lent
def test_le_tableau_de_bord_suit_les_labos(projet: Projet) -> None:
    questionnaire(projet)
    dossier = projet.racine / "labos" / "indicateurs"
    dossier.mkdir()
    for labo, part in (("labo-1", 50), ("labo-2", 80)):
        (dossier / f"{labo}.yml").write_text(
            "questionnaire: carte-empathie\nreponses: 12\nvalidation: validé\n"
            "valide_par: coordination-unccas\nvalide_le: 2022-01-10\n"
            f"accord:\n  lieu: {part}\n", encoding="utf-8")
    suivi = projet.page(projet.construire(), "suivi")
    graphique = suivi.split('id="graphique-fin-de-labo"')[1].split("</figure>")[0]
    assert 'data-valeur="50"' in graphique and 'data-valeur="80"' in graphique
    assert "Labo 1 (12 réponses)" in suivi and "Labo 2 (12 réponses)" in suivi


def test_un_petit_groupe_ne_se_devine_pas_par_soustraction(projet: Projet, tmp_path: Path) -> None:
    """Six agents et trois élus : « autres catégories, regroupées : 3 » désignerait les élus ;
    la répartition n'est alors pas donnée du tout."""
    q = questionnaire(projet)
    fonctions = ["agent"] * 6 + ["elu"] * 3
    reponses = lire(q, [ecrire(tmp_path, f"r{i}.csv", SITE.format(
        id=f"r{i}", fonction=f, lieu=3, n=1, situation="a", remarque=""))
        for i, f in enumerate(fonctions)])
    qui = rapport(q, reponses).split("## 2.")[0]
    assert "| Toutes catégories | 9 |" in qui
    assert "Agent" not in qui and "Élu" not in qui and "regroupées" not in qui


def test_chaque_question_fermee_par_categorie(projet: Projet, tmp_path: Path) -> None:
    """Cinq agents et cinq élus : chaque question fermée se lit aussi par catégorie."""
    q = questionnaire(projet)
    reponses = lire(q, [ecrire(tmp_path, f"r{i}.csv", SITE.format(
        id=f"r{i}", fonction="agent" if i < 5 else "elu", lieu=4 if i < 5 else 2, n=1,
        situation="b", remarque="")) for i in range(10)])
    lieu = rapport(q, reponses).split("## 2.")[1].split("## 3.")[0]
    assert "Par catégorie (votre fonction) :" in lieu
    assert "| Réponse | Élu ou élue | Agent ou agente |" in lieu  # l'ordre des choix
    assert "| 2 | 5 (100 %) | 0 (0 %) |" in lieu
    assert "| 4 — Tout à fait | 0 (0 %) | 5 (100 %) |" in lieu
