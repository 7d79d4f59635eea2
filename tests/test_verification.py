"""Le validateur contre de petits fichiers cassés : la ligne et le message exacts.

Chaque fichier de ``fixtures/verification`` est déposé dans ``fiches/`` d'un petit commun, puis
chargé par ``commun.chargement.charger`` — le chemin qu'empruntent le build et
``scripts/verifier.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from commun.construction import construire
from conftest import FIXTURES, RACINE, Projet

SECTIONS = ("« ## Le besoin », « ## La solution », « ## L'expérimentation », "
            "« ## Les enseignements », « ## La feuille de route »")
YAML = ("vérifiez les deux-points après chaque nom de champ, les guillemets (un texte qui "
        "contient « : » doit être entre guillemets) et l'indentation des listes")

ATTENDUS: dict[str, list[tuple[int, str]]] = {
    "champs-invalides.md": [
        (1, "champ obligatoire « resume » manquant : ajoutez une ligne « resume: … » dans "
            "l'en-tête. Une phrase qui résume le projet."),
        (3, "ccas : « bandrélé » n'existe pas dans le référentiel. Vouliez-vous dire "
            "« bandrele » ? Valeurs possibles : mtsangamouji, bandrele, udccas, exemple-essai. "
            "Pour ajouter une "
            "valeur, ajoutez une ligne dans la rubrique « ccas » de commun.yml"),
        (6, "etat : « fini » n'est pas une valeur possible (valeurs possibles : idee, "
            "en-conception, en-experimentation, deploye, abandonne)"),
        (7, "labos : « labo-9 » n'existe pas dans le référentiel. Vouliez-vous dire « labo-2 » ? "
            "Valeurs possibles : labo-1, labo-2. Pour ajouter une valeur, ajoutez une ligne dans "
            "la rubrique « labos » de commun.yml"),
        (8, "outils : « carte-empthie » ne correspond à aucun fichier de outils/ (on écrit le nom "
            "du fichier sans « .md »). Vouliez-vous dire « carte-empathie » ?"),
        (11, "mis_a_jour : « 2022-02-30 » n'est pas une date qui existe : février 2022 a 28 "
             "jours ; écrivez une vraie date au format AAAA-MM-JJ"),
        (16, "champ inconnu « auteur » : vérifiez l'orthographe (champs possibles : ccas, equipe, "
             "etat, exemple, labos, licence, mis_a_jour, outils, priorite, resume, thematique, "
             "titre, validation, valide_le, valide_par)"),
    ],
    "sections.md": [
        (17, "n'écrivez pas de titre de niveau 1 (« # … ») : le titre de la page vient du champ "
             "« titre » ; utilisez « ## » pour les sections"),
        (19, "la section « ## La solution » n'est pas à sa place : l'ordre attendu est "
             f"{SECTIONS}"),
        (31, "section « ## Les enseignements » manquante : ajoutez-la (sections attendues, dans "
             f"cet ordre : {SECTIONS})"),
        (31, "section « ## La feuille de route » manquante : ajoutez-la (sections attendues, dans "
             f"cet ordre : {SECTIONS})"),
    ],
    "liens.md": [
        (18, "le lien « ../outils/carte-empathi.md » ne mène à rien : fichier introuvable ; "
             "vouliez-vous dire « ../outils/carte-empathie.md » ?"),
        (18, "le lien « bandrele-brouillon-secret.md » pointe vers un contenu non publié "
             "(brouillon ou exemple masqué) : retirez le lien ou faites d'abord valider ce "
             "contenu"),
        (21, "le lien « images/schema.png » ne mène à rien : fichier introuvable ; corrigez le "
             "chemin (il part du dossier de ce fichier, par exemple ../outils/nom-de-l-outil.md) "
             "ou déposez le fichier manquant"),
        (21, "le lien « ../../../etc/passwd » sort du site : pointez vers une page du commun"),
    ],
    "yaml-casse.md": [(3, "l'en-tête YAML est mal écrit (deux-points en trop sur la ligne) : "
                          f"{YAML}")],
    "entete-non-ferme.md": [
        (1, "l'en-tête n'est pas fermé : ajoutez une ligne « --- » après le dernier champ")],
    "sans-entete.md": [
        (1, "l'en-tête manque : la première ligne doit être « --- », suivie des champs (titre, "
            "resume…) puis d'une autre ligne « --- »")],
    "champ-en-double.md": [(3, "le champ « titre » est écrit deux fois : gardez-en un seul")],
    "liste-au-lieu-de-champs.md": [
        (2, "l'en-tête doit être une liste de champs « nom: valeur », un par ligne")],
    "latin1.md": [
        (2, "le fichier n'est pas encodé en UTF-8 : enregistrez-le en « UTF-8 » (menu "
            "« Enregistrer sous » de votre éditeur)")],
    "vide.md": [(1, "le fichier est vide : ajoutez un en-tête « --- » et le texte")],
}


def problemes(projet: Projet, chemin: str) -> list[tuple[int, str]]:
    return [(p.ligne, p.message) for p in construire(projet.racine).problemes if p.chemin == chemin]


@pytest.mark.parametrize("nom", sorted(ATTENDUS))
def test_fichier_casse(projet: Projet, nom: str) -> None:
    shutil.copy(FIXTURES / "verification" / nom, projet.racine / "fiches" / nom)
    assert problemes(projet, f"fiches/{nom}") == ATTENDUS[nom]


def test_chaque_fixture_a_son_attendu() -> None:
    assert sorted(p.name for p in (FIXTURES / "verification").iterdir()) == sorted(ATTENDUS)


def test_le_contenu_d_essai_est_valide(projet: Projet) -> None:
    assert construire(projet.racine).problemes == []


def test_utf8_avec_bom_et_crlf_accepte(projet: Projet) -> None:
    fichier = projet.racine / "fiches" / "mtsangamouji-guichet.md"
    texte = fichier.read_text(encoding="utf-8")
    fichier.write_bytes(b"\xef\xbb\xbf" + texte.replace("\n", "\r\n").encode("utf-8"))
    chargement = construire(projet.racine)
    assert chargement.problemes == []
    assert chargement.corpus.fiches["mtsangamouji-guichet"].ccas == "mtsangamouji"


def test_nom_de_fichier_invalide(projet: Projet) -> None:
    shutil.copy(projet.racine / "fiches" / "mtsangamouji-guichet.md",
                projet.racine / "fiches" / "Guichet Été.md")
    projet.remplacer("fiches/Guichet Été.md", "titre: Un guichet", "titre: Un autre guichet")
    assert problemes(projet, "fiches/Guichet Été.md") == [
        (1, "le nom de fichier « Guichet Été.md » n'est pas un identifiant valide : renommez-le "
            "« guichet-ete.md » (minuscules sans accents, chiffres et tirets)")]


def test_doublons_de_titre_et_de_compte_rendu(projet: Projet) -> None:
    shutil.copy(projet.racine / "fiches" / "mtsangamouji-guichet.md",
                projet.racine / "fiches" / "mtsangamouji-guichet-bis.md")
    shutil.copy(projet.racine / "labos" / "labo-1.md", projet.racine / "labos" / "labo-1-bis.md")
    projet.remplacer("labos/labo-1-bis.md", 'titre: "Labo 1 : comprendre"', "titre: Autre titre")
    # le second dans l'ordre des noms de fichiers (« -bis » vient avant « . ») est signalé
    assert problemes(projet, "fiches/mtsangamouji-guichet-bis.md") == []
    assert problemes(projet, "fiches/mtsangamouji-guichet.md") == [
        (1, "le titre « Un guichet d'accès aux droits à M'Tsangamouji » est déjà pris "
            "(fiches/mtsangamouji-guichet-bis.md) : choisissez-en un autre")]
    assert problemes(projet, "labos/labo-1.md") + problemes(projet, "labos/labo-1-bis.md") == [
        (1, "le labo « labo-1 » a déjà un compte rendu (labos/labo-1-bis.md) : choisissez-en un "
            "autre")]


def test_coherence_entre_contenus(projet: Projet) -> None:
    projet.remplacer("fiches/mtsangamouji-guichet.md", "labos: [labo-1]", "labos: [labo-2]")
    projet.remplacer("outils/prototype-papier.md", "outils_lies: [carte-empathie]",
                     "outils_lies: [carte-empathie, prototype-papier]")
    projet.remplacer("outils/prototype-papier.md", "participants_min: 3", "participants_min: 9")
    projet.remplacer("labos/labo-1.md", "fin: 2021-10-14", "fin: 2021-10-10")
    assert problemes(projet, "labos/labo-1.md") == [
        (5, "fin : la date de fin est avant la date de début (2021-10-10 avant 2021-10-12) : "
            "corrigez debut ou fin"),
        (10, "fiches : la fiche « mtsangamouji-guichet » ne cite pas « labo-1 » dans ses labos : "
             "ajoutez-le dans fiches/mtsangamouji-guichet.md ou retirez-la d'ici"),
    ]
    assert problemes(projet, "outils/prototype-papier.md") == [
        (7, "participants_min est plus grand que participants_max : inversez-les"),
        (11, "outils_lies : un outil ne se cite pas lui-même"),
    ]


def test_sous_dossier_et_lien_symbolique(projet: Projet) -> None:
    projet.ecrire("fiches/2022/ancienne.md", "---\ntitre: x\n---\n")
    (projet.racine / "fiches" / "lien.md").symlink_to(RACINE / "README.md")
    assert problemes(projet, "fiches/2022/ancienne.md") == [
        (1, "placez ce fichier directement dans fiches/, pas dans un sous-dossier")]
    assert problemes(projet, "fiches/lien.md") == [
        (1, "ce fichier est un lien symbolique : remplacez-le par un vrai fichier")]


def test_configuration_inconnue_dit_ou_ajouter(projet: Projet) -> None:
    projet.remplacer("fiches/mtsangamouji-guichet.md", "ccas: mtsangamouji", "ccas: sada")
    [(ligne, message)] = problemes(projet, "fiches/mtsangamouji-guichet.md")
    assert ligne == 4 and message.endswith(
        "ajoutez une ligne dans la rubrique « ccas » de commun.yml")
    projet.remplacer("commun.yml", "  - {id: bandrele, nom: Bandrélé}",
                     "  - {id: bandrele, nom: Bandrélé}\n  - {id: sada, nom: Sada}")
    assert problemes(projet, "fiches/mtsangamouji-guichet.md") == []  # une ligne suffit


def lancer_verifier(racine: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(racine / "scripts" / "verifier.py"), *arguments],
                          cwd=racine, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1",
                               "GITHUB_ACTIONS": ""})  # sans annotations GitHub


def test_script_verifier(projet: Projet) -> None:
    shutil.copytree(RACINE / "scripts", projet.racine / "scripts")
    ok = lancer_verifier(projet.racine)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout == "" and "Aucun problème" in ok.stderr
    shutil.copy(FIXTURES / "verification" / "yaml-casse.md", projet.racine / "fiches")
    shutil.copy(FIXTURES / "verification" / "vide.md", projet.racine / "outils")
    tout = lancer_verifier(projet.racine)
    assert tout.returncode == 1
    assert tout.stdout.splitlines() == [
        f"fiches/yaml-casse.md:3: l'en-tête YAML est mal écrit (deux-points en trop sur la ligne) "
        f": {YAML}",
        "outils/vide.md:1: le fichier est vide : ajoutez un en-tête « --- » et le texte",
    ]
    assert "2 problèmes" in tout.stderr
    seul = lancer_verifier(projet.racine, "outils/vide.md")
    assert seul.returncode == 1 and seul.stdout.count("\n") == 1
    propre = lancer_verifier(projet.racine, "fiches/mtsangamouji-guichet.md")
    assert propre.returncode == 0
    assert lancer_verifier(projet.racine, "fiches/absente.md").returncode == 2
