"""Les assistants « nouveau contenu » (scripts/nouvelle_fiche.py, nouvel_outil.py,
nouveau_compte_rendu.py) et le module partagé ``commun.squelettes``.

Chaque squelette écrit doit passer ``scripts/verifier.py`` tel quel ; les assistants sont
lancés comme un contributeur les lance, sans questions (options) et avec questions (entrée
fournie au programme)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys

import pytest
import yaml

from commun import caracteres
from commun.chargement import charger_configuration
from commun.construction import construire
from commun.source import ChargeurYaml, ErreurSource, analyser
from commun.squelettes import (
    GENRES,
    LONGUEUR_ID,
    ReponseInvalide,
    convertir,
    identifiant,
    inventorier,
    mots,
    questions,
    scalaire,
    squelette,
)
from conftest import RACINE, Projet

SCRIPTS = {"fiche": "nouvelle_fiche.py", "outil": "nouvel_outil.py",
           "compte-rendu": "nouveau_compte_rendu.py"}

FICHE = ["--titre", "Un guichet mobile à Bandrélé", "--resume",
         "Un bus qui passe dans chaque village pour les démarches.", "--ccas", "bandrele",
         "--thematique", "acces-aux-droits", "--priorite", "secondaire", "--labos", "labo-1",
         "--outils", "carte-empathie", "--equipe", "Référent du projet, agent d'accueil"]
OUTIL = ["--titre", "Photo-langage", "--resume", "Des photos pour dire ce qu'on vit sans "
         "chercher ses mots.", "--type", "methode", "--phase", "comprendre", "--duree-minutes",
         "45", "--participants-min", "3", "--participants-max", "10", "--difficulte", "facile",
         "--materiel", "Une trentaine de photos", "Des post-it"]
COMPTE_RENDU = ["--labo", "labo-2", "--titre", "Labo 2 : imaginer", "--debut", "2021-12-07",
                "--fin", "2021-12-09", "--lieu", "Mamoudzou", "--format", "presentiel",
                "--ccas-presents", "bandrele", "udccas", "--fiches", "bandrele-brouillon-secret"]


def lancer(projet: Projet, genre: str, *arguments: str, entree: str = ""
           ) -> subprocess.CompletedProcess[str]:
    if not (projet.racine / "scripts").exists():
        shutil.copytree(RACINE / "scripts", projet.racine / "scripts",
                        ignore=shutil.ignore_patterns("__pycache__"))
    return subprocess.run(
        [sys.executable, str(projet.racine / "scripts" / SCRIPTS[genre]), *arguments],
        cwd=projet.racine, input=entree, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def verifier(projet: Projet, chemin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(projet.racine / "scripts" / "verifier.py"),
                           chemin], cwd=projet.racine, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "GITHUB_ACTIONS": ""})


# --- Les briques ----------------------------------------------------------------------------

DIFFICILES = [
    "Un jardin", "L'accès aux droits", "Labo 1 : comprendre", "« Bien vieillir » à Sada",
    "yes", "No", "on", "null", "~", "0x1F", "0o17", "2022-06-30", "12", "1_000", "1.5e3",
    "3 ateliers", "- tiret", "a #b", "a#b", 'a"b', "back\\slash", "tab\there", "deux\nlignes",
    "fin ", " début", "x\u2028y", "é", "Ça va", "\u00a0x", "x\u00a0",
    "", "@x", "%x", "!x", "&x", "*x", "|x", ">x", "[x]", "{x}", ",x", "?x", "'x", "`x",
    "café, thé", "a: b", "50 % des aînés", "M'Tsangamouji", "Ωmega", "emoji 🌴",
]


def relu(texte: str) -> object:
    """La valeur écrite par ``scalaire``, relue comme le build relit un en-tête."""
    ecrit = scalaire(texte)
    assert yaml.load(f"cle: {ecrit}\n", Loader=ChargeurYaml)["cle"] == \
        analyser("fiches/x.md", f"---\ncle: {ecrit}\n---\n").entete["cle"]
    return analyser("fiches/x.md", f"---\ncle: {ecrit}\n---\n").entete["cle"]


@pytest.mark.parametrize("texte", DIFFICILES)
def test_scalaire_relu_a_l_identique(texte: str) -> None:
    assert relu(texte) == texte


@pytest.mark.parametrize("texte", ["x\u0085y", "x\x7fy", "\x01", "a\u202eb", "a\u200bb"])
def test_scalaire_invisible_ecrit_puis_refuse_a_la_relecture(texte: str) -> None:
    """Un caractère invisible écrit dans un en-tête (en séquence YAML pour un contrôle) est
    refusé à la relecture, en français, comme le validateur ; l'assistant le refuse à la
    saisie."""
    with pytest.raises(ErreurSource, match="caractère invisible interdit"):
        relu(texte)
    titre = next(q for q in questions(GENRES["fiche"], charger_configuration(RACINE),
                                      inventorier(RACINE)) if q.champ == "titre")
    with pytest.raises(ReponseInvalide, match="caractère invisible interdit"):
        convertir(titre, f"Un titre {texte}", {})


def test_scalaire_au_hasard() -> None:
    hasard = random.Random(20211012)
    alphabet = "aZé9 :#'\"\\-,?!«»[]{}&*|>%@`\t\n\r\u00a0\u2028\x85\x7f\x01.+_~"
    relus = refuses = 0
    for _ in range(3000):
        texte = "".join(hasard.choice(alphabet) for _ in range(hasard.randint(0, 8)))
        if caracteres.INTERDIT_VALEUR.search(texte):
            with pytest.raises(ErreurSource, match="caractère invisible interdit"):
                relu(texte)
            refuses += 1
        else:
            assert relu(texte) == texte, repr(texte)
            relus += 1
    assert relus > 1000 and refuses > 500  # les deux cas sont vraiment essayés


def test_scalaire_garde_nu_ce_qui_peut_l_etre() -> None:
    assert scalaire("Un café des parents à Ouangani") == "Un café des parents à Ouangani"
    assert scalaire("Référente du projet, agente d'accueil") == \
        "Référente du projet, agente d'accueil"
    assert scalaire("Labo 2 : imaginer") == '"Labo 2 : imaginer"'
    assert scalaire(45) == "45" and scalaire(True) == "true"


def test_identifiant() -> None:
    assert mots("Cœur d'Acoua — Straße") == ["coeur", "d", "acoua", "strasse"]
    assert identifiant("Un jardin partagé où les aînés de Sada transmettent leurs savoirs aux "
                       "plus jeunes", prefixe="sada") == \
        "sada-jardin-partage-aines-transmettent-savoirs-plus-jeunes"
    assert identifiant("Le guichet de Bandrélé", prefixe="bandrele") == "bandrele-guichet"
    assert identifiant("Le guichet", prefixe="bandrele", pris={"bandrele-guichet"}) == \
        "bandrele-guichet-2"
    assert identifiant("Index") == "index-2"  # nom réservé par les pages générées
    assert identifiant("De la", prefixe="sada") == "sada-de-la"  # que des mots vides
    assert identifiant("!!!") == "nouveau"
    long = identifiant("Accompagnement " * 20, prefixe="dzaoudzi-labattoir")
    assert len(long) <= LONGUEUR_ID and long.startswith("dzaoudzi-labattoir-accompagnement")


def test_le_commentaire_de_schema_garde_les_numeros_de_ligne(projet: Projet) -> None:
    config = charger_configuration(projet.racine)
    reponses = {"titre": "Un titre", "resume": "Un résumé assez long.", "ccas": "bandrele",
                "thematique": "acces-aux-droits", "priorite": "prioritaire", "etat": "idee",
                "labos": [], "outils": [], "equipe": ["Référent"]}
    texte = squelette(GENRES["fiche"], reponses, config, aujourd_hui="2022-06-30")
    assert texte.splitlines()[1] == "# yaml-language-server: $schema=../schemas/fiche.schema.json"
    source = analyser("fiches/x.md", texte)
    assert source.ligne(("titre",)) == 3 and source.entete["mis_a_jour"] == "2022-06-30"
    assert (RACINE / "schemas" / "fiche.schema.json").exists()  # le chemin du commentaire
    sans = squelette(GENRES["fiche"], reponses, config, aujourd_hui="2022-06-30",
                     schema_editeur=False)
    assert sans == texte.replace(texte.splitlines()[1] + "\n", "")


# --- Les assistants, sans questions ---------------------------------------------------------

@pytest.mark.parametrize(("genre", "arguments", "chemin"), [
    ("fiche", FICHE, "fiches/bandrele-guichet-mobile.md"),
    ("outil", OUTIL, "outils/photo-langage.md"),
    ("compte-rendu", COMPTE_RENDU, "labos/labo-2.md"),
])
def test_le_squelette_passe_le_validateur(projet: Projet, genre: str, arguments: list[str],
                                          chemin: str) -> None:
    resultat = lancer(projet, genre, *arguments)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert f"C'est fait : {chemin}" in resultat.stdout
    assert f"python scripts/verifier.py {chemin}" in resultat.stdout  # la suite est dite
    texte = (projet.racine / chemin).read_text(encoding="utf-8")
    assert "validation: brouillon" in texte and "À compléter :" in texte
    verification = verifier(projet, chemin)
    assert verification.returncode == 0, verification.stdout + verification.stderr
    assert [p for p in construire(projet.racine).problemes if p.chemin == chemin] == []


def test_fiche_ecrite_comme_demande(projet: Projet) -> None:
    assert lancer(projet, "fiche", *FICHE, "--labos", "labo-2", "--etat",
                  "en-conception").returncode == 0
    fiche = construire(projet.racine).corpus.fiches["bandrele-guichet-mobile"]
    assert (fiche.titre, fiche.ccas, fiche.priorite, fiche.etat) == (
        "Un guichet mobile à Bandrélé", "bandrele", "secondaire", "en-conception")
    assert fiche.labos == ("labo-1", "labo-2") and fiche.outils == ("carte-empathie",)
    assert fiche.equipe == ("Référent du projet, agent d'accueil",)
    assert fiche.validation == "brouillon" and fiche.licence == "CC-BY-SA-4.0"


def test_options_manquantes_ou_fausses(projet: Projet) -> None:
    resultat = lancer(projet, "fiche", "--titre", "Un guichet", "--ccas", "bandrel",
                      "--labos", "labo-9")
    assert resultat.returncode == 2
    assert resultat.stderr.splitlines()[:6] == [
        "--resume manque : Le projet en une phrase — 10 à 200 caractères",
        "--ccas : « bandrel » n'est pas dans la liste. Vouliez-vous dire « bandrele » ? "
        "Valeurs possibles : mtsangamouji, bandrele, udccas. Pour ajouter une valeur, ajoutez "
        "une ligne dans la rubrique « ccas » de commun.yml (ou demandez-le à la coordination)",
        "--thematique manque : Thématique",
        "--priorite manque : Projet prioritaire ou secondaire ?",
        "--labos : « labo-9 » n'est pas dans la liste. Vouliez-vous dire « labo-2 » ? "
        "Valeurs possibles : labo-1, labo-2. Pour ajouter une valeur, ajoutez une ligne dans la "
        "rubrique « labos » de commun.yml (ou demandez-le à la coordination)",
        "--equipe manque : Les rôles de l'équipe projet — un rôle par ligne, jamais de nom "
        "(ex. « Référente du projet, agente d'accueil du CCAS »)",
    ]
    assert "Aucun fichier écrit" in resultat.stderr
    assert list((projet.racine / "fiches").glob("bandrele-guichet*")) == []


def test_les_regles_du_validateur_s_appliquent_aux_reponses(projet: Projet) -> None:
    trop_long = lancer(projet, "fiche", *FICHE, "--resume", "x" * 201)
    assert trop_long.returncode == 2
    assert "--resume : resume est trop long (201 caractères, 200 au plus) : raccourcissez-le" \
        in trop_long.stderr
    outil = lancer(projet, "outil", *OUTIL, "--participants-max", "2", "--duree-minutes", "1h")
    assert outil.returncode == 2
    assert "--duree-minutes : « 1h » n'est pas un nombre entier : écrivez seulement des chiffres " \
           "(ex. 90)" in outil.stderr
    assert "--participants-max : le maximum (2) est plus petit que le minimum (3)" in outil.stderr
    dates = lancer(projet, "compte-rendu", *COMPTE_RENDU, "--fin", "2021-12-01")
    assert "--fin : la date de fin (2021-12-01) est avant la date de début (2021-12-07)" \
        in dates.stderr
    date = lancer(projet, "compte-rendu", *COMPTE_RENDU, "--debut", "2021-02-30")
    assert "--debut : debut : « 2021-02-30 » n'est pas une date qui existe" in date.stderr


def test_jamais_par_dessus_un_fichier(projet: Projet) -> None:
    premier = lancer(projet, "fiche", *FICHE)
    assert premier.returncode == 0
    avant = (projet.racine / "fiches" / "bandrele-guichet-mobile.md").read_text(encoding="utf-8")
    meme_titre = lancer(projet, "fiche", *FICHE)
    assert meme_titre.returncode == 2
    assert "--titre : le titre « Un guichet mobile à Bandrélé » est déjà pris " \
           "(fiches/bandrele-guichet-mobile.md) : choisissez-en un autre" in meme_titre.stderr
    # un autre titre qui donnerait le même nom : le fichier existant est gardé, l'autre suffixé
    autre = lancer(projet, "fiche", *FICHE, "--titre", "Le guichet mobile de Bandrélé")
    assert autre.returncode == 0, autre.stderr
    assert (projet.racine / "fiches" / "bandrele-guichet-mobile-2.md").exists()
    assert (projet.racine / "fiches" / "bandrele-guichet-mobile.md").read_text(
        encoding="utf-8") == avant


def test_un_seul_compte_rendu_par_labo(projet: Projet) -> None:
    deja = lancer(projet, "compte-rendu", *COMPTE_RENDU, "--labo", "labo-1")
    assert deja.returncode == 2
    assert "--labo : « labo-1 » n'est pas dans la liste. Vouliez-vous dire « labo-2 » ? " \
           "Valeurs possibles : labo-2" in deja.stderr
    # seules les fiches qui citent le labo peuvent être listées (sinon le validateur refuse)
    fiche = lancer(projet, "compte-rendu", *COMPTE_RENDU, "--fiches", "mtsangamouji-guichet")
    assert "--fiches : « mtsangamouji-guichet » n'est pas dans la liste. Valeurs possibles : " \
           "bandrele-brouillon-secret" in fiche.stderr


def test_afficher_sans_ecrire(projet: Projet) -> None:
    resultat = lancer(projet, "outil", *OUTIL, "--afficher")
    assert resultat.returncode == 0
    assert resultat.stdout.startswith("---\n# yaml-language-server: $schema=../schemas/outil")
    assert "## Exemple à Île d'essai" in resultat.stdout  # le territoire de commun.yml
    assert "il serait écrit dans outils/photo-langage.md" in resultat.stderr
    assert not (projet.racine / "outils" / "photo-langage.md").exists()


def test_une_valeur_ajoutee_a_commun_yml_est_proposee(projet: Projet) -> None:
    projet.remplacer("commun.yml", "  - {id: bandrele, nom: Bandrélé}",
                     "  - {id: bandrele, nom: Bandrélé}\n  - {id: sada, nom: Sada}")
    aide = lancer(projet, "fiche", "--help")
    assert aide.returncode == 0
    assert "Valeurs : mtsangamouji, bandrele, sada, udccas" in " ".join(aide.stdout.split())
    assert lancer(projet, "fiche", *FICHE, "--ccas", "sada").returncode == 0
    assert (projet.racine / "fiches" / "sada-guichet-mobile-bandrele.md").exists()


# --- Les assistants, avec questions ---------------------------------------------------------

def test_questions_en_francais(projet: Projet) -> None:
    reponses = "\n".join([
        "Un",                                   # titre trop court : redemandé
        "Une épicerie solidaire : le panier",   # titre
        "Des paniers à petit prix.",            # résumé
        "9",                                    # CCAS : pas dans la liste, redemandé
        "2",                                    # CCAS n° 2 : bandrele
        "1",                                    # thématique n° 1 : acces-aux-droits
        "secondaire",                           # priorité, par son identifiant
        "",                                     # état : la valeur proposée (idee)
        "1 2",                                  # labos n° 1 et 2
        "",                                     # outils : aucun
        "Référente du projet",                  # équipe, une ligne par rôle…
        "Bénévole de l'épicerie",
        "",                                     # … et une ligne vide pour finir
        "",                                     # licence : la valeur proposée
    ]) + "\n"
    resultat = lancer(projet, "fiche", "--interactif", entree=reponses)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    sortie = resultat.stdout
    assert "Titre du projet — court et parlant, 3 à 120 caractères" in sortie
    assert "✗ titre est trop court (au moins 3 caractères)" in sortie
    assert "   2. Bandrélé [bandrele]" in sortie
    assert "✗ « 9 » n'est pas dans la liste." in sortie
    assert "Numéro (Entrée : Idée) : " in sortie
    chemin = "fiches/bandrele-epicerie-solidaire-panier.md"
    assert f"C'est fait : {chemin}" in sortie
    fiche = construire(projet.racine).corpus.fiches["bandrele-epicerie-solidaire-panier"]
    assert (fiche.titre, fiche.thematique, fiche.priorite, fiche.etat) == (
        "Une épicerie solidaire : le panier", "acces-aux-droits", "secondaire", "idee")
    assert fiche.labos == ("labo-1", "labo-2") and fiche.outils == ()
    assert fiche.equipe == ("Référente du projet", "Bénévole de l'épicerie")
    assert verifier(projet, chemin).returncode == 0


def test_options_et_questions_se_completent(projet: Projet) -> None:
    """Les options données ne sont pas redemandées ; une option fausse l'est."""
    resultat = lancer(projet, "outil", *OUTIL[:-5], "--difficulte", "dur", "--interactif",
                      entree="3\n\n\n\n")  # difficulté n° 3, matériel, outils liés, licence
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert "--difficulte : « dur » n'est pas dans la liste." in resultat.stdout
    assert "Nom de l'outil" not in resultat.stdout
    outil = construire(projet.racine).corpus.outils["photo-langage"]
    assert outil.difficulte == "avance" and outil.materiel == ()


def test_reponses_interrompues(projet: Projet) -> None:
    resultat = lancer(projet, "fiche", "--interactif", entree="Un titre correct\n")
    assert resultat.returncode == 1
    assert "réponses interrompues : aucun fichier n'a été écrit" in resultat.stderr
    assert sorted(p.name for p in (projet.racine / "fiches").iterdir()) == [
        "bandrele-brouillon-secret.md", "mtsangamouji-guichet.md"]


def test_sans_terminal_ni_option_pas_de_question(projet: Projet) -> None:
    """Sans --interactif et sans terminal, rien n'attend une réponse qui ne viendra pas."""
    resultat = lancer(projet, "fiche", entree="")
    assert resultat.returncode == 2 and "--titre manque" in resultat.stderr


def test_inventaire(projet: Projet) -> None:
    inventaire = inventorier(projet.racine)
    assert "fiches/mtsangamouji-guichet.md" in inventaire.fichiers
    assert dict(inventaire.comptes_rendus) == {"labo-1": "labos/labo-1.md"}
    assert inventaire.labos_des_fiches["bandrele-brouillon-secret"] == ("labo-2",)
    assert [id for id, _ in inventaire.outils] == ["carte-empathie", "prototype-papier"]

