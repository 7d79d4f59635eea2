"""Les données personnelles (``commun.donnees_personnelles``) : chaque variante piégée est
refusée à la ligne près avec un message qui dit quoi écrire à la place ; les textes ordinaires
du domaine passent ; le contenu livré ne déclenche rien ; une fiche refusée n'est nulle part
dans le site construit.

Toutes les données ci-dessous sont fictives (numéros dans des plages non attribuées, domaine
« domaine.fr », NIR et IBAN fabriqués avec leur clé).
"""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from commun import donnees_personnelles as dp
from commun.chargement import charger_configuration, fichiers_de_contenu
from commun.construction import construire
from commun.source import analyser, lire
from conftest import FIXTURES, RACINE, Projet, temps_de_calcul

CONNUS = dp.connus(charger_configuration(RACINE))

NUMERO = ("ne doit pas être publié ; écrivez plutôt le service à contacter, ou, pour un numéro "
          "institutionnel (standard, numéro vert), ajoutez-le à « contacts_autorises » dans "
          "commun.yml")
COURRIEL = ("donnée personnelle : une adresse e-mail (…@domaine.fr) ne doit pas être publiée ; "
            "écrivez plutôt le service à contacter (« l'accueil du CCAS »), ou, pour une adresse "
            "institutionnelle, ajoutez-la à « contacts_autorises » dans commun.yml")
NIR = ("ne doit pas être publié ; retirez-le et écrivez plutôt la pièce à apporter (« la carte "
       "Vitale ou l'attestation de droits »)")
IBAN = ("ne doit pas être publié ; retirez-le et écrivez plutôt le service qui reçoit les "
        "paiements (« la régie du CCAS, qui donne son RIB sur demande »)")
ROLE = ("désigne une personne par son nom ; écrivez plutôt son rôle (« la référente du projet », "
        "« l'agent d'accueil du CCAS »)")
EQUIPE = ("ressemble au nom d'une personne ; l'équipe liste des rôles, jamais des noms : écrivez "
          "plutôt « référente du projet », « agent d'accueil du CCAS »…")


def telephone(masque: str) -> str:
    return f"donnée personnelle : un numéro de téléphone (« {masque} ») {NUMERO}"


def verifier(corps: str = "", entete: str = "equipe: [Agent du CCAS]",
             autorises: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    """Un fichier dont l'en-tête commence ligne 2 (« titre »), ``entete`` ligne 3, et le corps
    après la ligne « --- »."""
    texte = f"---\ntitre: Fiche d'essai\n{entete}\n---\n{corps}\n"
    return dp.verifier_donnees_personnelles(analyser("fiches/essai.md", texte), autorises, CONNUS)


# --- 1. Téléphones ----------------------------------------------------------------------------

def test_telephones() -> None:
    corps = "\n".join([
        "Tél. 06\u00a039\u00a012\u00a034\u00a056 (insécables)",   # ligne 5
        "ou 06\u202f39\u202f12\u202f34\u202f56 (fines)",
        "ou 06/39/12/34/56, 06.39.12.34.56, 06-39-12-34-56",
        "ou encore le 06 39 12",                                     # coupé en deux lignes
        "34 56 le soir.",
        "Standard : +262 269 61 23 45, portable +262 639 12 34 56.",  # Mayotte, ligne 10
        "À La Réunion : +262 692 12 34 56 ; aux Comores : +269 333 12 34 ou 00 269 773 12 34.",
        "À Paris : +33 1 44 55 66 77, ou 06&nbsp;39&nbsp;12&nbsp;34&nbsp;56 en entités.",
        "Depuis le 2021-10-12 06 39 12 34 56.",
    ])
    assert verifier(corps) == [
        (5, telephone("06 39 •• •• ••")),
        (6, telephone("06 39 •• •• ••")),
        (7, telephone("06 39 •• •• ••")),
        (7, telephone("06-39-••-••-••")),
        (7, telephone("06.39.••.••.••")),
        (8, telephone("06 39 •• •• ••")),
        (10, telephone("+262 2•• •• •• ••")),
        (10, telephone("+262 6•• •• •• ••")),
        (11, telephone("+262 6•• •• •• ••")),
        (11, telephone("+269 3•• •• ••")),
        (11, telephone("00 26• ••• •• ••")),
        (12, telephone("+33 1 4• •• •• ••")),
        (12, telephone("06 39 •• •• ••")),
        (13, telephone("06 39 •• •• ••")),
    ]


def test_telephone_dans_l_en_tete_echappe_en_yaml() -> None:
    # YAML décode « \u00a0 » : la valeur lue est vérifiée, à la ligne de son champ
    assert verifier(entete='resume: "Appeler le 06\\u00a039\\u00a012\\u00a034\\u00a056"') == [
        (3, telephone("06 39 •• •• ••"))]


def test_contact_institutionnel_autorise() -> None:
    corps = "Standard : 02 69 61 23 45 ; accueil : accueil [at] domaine.fr"
    assert verifier(corps, autorises=("+262 269 61 23 45", "accueil@domaine.fr")) == []
    assert verifier(corps, autorises=("accueil@domaine.fr",)) == [
        (5, telephone("02 69 •• •• ••"))]


# --- 2. E-mails -------------------------------------------------------------------------------

def test_courriels() -> None:
    corps = "\n".join([
        "Écrire à prenom.nom@domaine.fr.",                 # ligne 5
        "Écrire à prenom&#64;domaine.fr.",
        "Écrire à prenom&commat;domaine.fr.",
        "Écrire à prenom [at] domaine [dot] fr.",
        "Écrire à prenom (at) domaine (dot) fr.",
        "Écrire à prenom at domaine.fr.",                  # ligne 10
        "Écrire à prenom arobase domaine point fr.",
        "Écrire à prenom\\@domaine.fr (échappé pour Markdown).",
        "[Écrire](mailto:prenom%40domaine.fr)",
        "Écrire à prenom\u200b@\u200bdomaine.fr (invisibles).",
    ])
    assert verifier(corps) == [(ligne, COURRIEL) for ligne in range(5, 15)]


def test_courriels_echappes_en_yaml() -> None:
    entete = "\n".join([
        'resume: "Écrire à prenom\\x40domaine.fr"',     # ligne 3
        "materiel:",
        '  - "prenom\\u0040domaine.fr"',                  # ligne 5
        "description: >-",
        "  Une valeur repliée qui cache",
        '  prenom&#64;domaine.fr',                         # ligne 8 : vue telle qu'écrite
    ])
    assert verifier(entete=entete) == [(3, COURRIEL), (5, COURRIEL), (8, COURRIEL)]


# --- 3. NIR et IBAN ---------------------------------------------------------------------------

def test_nir_et_iban() -> None:
    corps = "\n".join([
        "NIR : 1 85 05 78 006 084 91.",                    # ligne 5
        "NIR : 185057800608491.",
        "Née en Corse : 2 69 05 2A 123 456 88 ; à Mayotte : 2 92 12 976 11 042 07.",
        "IBAN : FR76 3000 6000 0112 3456 7890 189 du CCAS.",
        "IBAN : FR7630006000011234567890189.",
    ])
    assert verifier(corps) == [
        (5, f"donnée personnelle : un numéro de sécurité sociale (« 1 •• ») {NIR}"),
        (6, f"donnée personnelle : un numéro de sécurité sociale (« 1 •• ») {NIR}"),
        (7, f"donnée personnelle : un numéro de sécurité sociale (« 2 •• ») {NIR}"),
        (8, f"donnée personnelle : un IBAN (« FR76 •••• ») {IBAN}"),
        (9, f"donnée personnelle : un IBAN (« FR76 •••• ») {IBAN}"),
    ]


def test_nir_et_iban_a_cle_fausse_acceptes() -> None:
    """Un numéro de même forme dont la clé est fausse n'est ni un NIR ni un IBAN."""
    assert verifier("Référence 1 85 05 78 006 084 36, lot FR76 3000 6000 0112 3456 7890 188.") \
        == []


# --- 4. Civilités -----------------------------------------------------------------------------

def test_nom_apres_une_civilite() -> None:
    corps = "\n".join([
        "Mme Zaïnaba A. a tenu l'accueil.",                # ligne 5
        "M. Saïd est venu ; Mlle Nassima aussi.",
        "Madame Fatima Ali et Monsieur Ahmed.",
        "Merci à M. le maire et à Mme Zaïnaba la présidente.",
    ])
    assert verifier(corps, entete='resume: "Rencontre avec M.\\u00a0Saïd"') == [
        (3, f"donnée personnelle : « M. S… » {ROLE}"),
        (5, f"donnée personnelle : « Mme Z… A. » {ROLE}"),
        (6, f"donnée personnelle : « M. S… » {ROLE}"),
        (6, f"donnée personnelle : « Mlle N… » {ROLE}"),
        (7, f"donnée personnelle : « Madame F… A… » {ROLE}"),
        (7, f"donnée personnelle : « Monsieur A… » {ROLE}"),
        (8, f"donnée personnelle : « Mme Z… » {ROLE}"),
    ]


# --- 5. Noms dans « equipe » ------------------------------------------------------------------

def test_noms_dans_l_equipe() -> None:
    entete = "\n".join([
        "equipe:",
        "  - Référente du projet, agente d'accueil du CCAS",  # ligne 4
        "  - Zaïnaba Attoumani",
        "  - \"Agent d'accueil : Fatima\"",
        "  - Référente (Zaïnaba A.)",
        "  - Saïd Ahmed, référent du projet",                # spaCy (PER)
        "  - Référent du projet, Mariama Soilihi",           # spaCy (PER)
        "  - Partenaire (association Mlezi Maore)",          # une structure, pas une personne
    ])
    assert verifier(entete=entete) == [
        (5, f"donnée personnelle : « Z… A… » {EQUIPE}"),
        (6, f"donnée personnelle : « F… » {EQUIPE}"),
        (7, f"donnée personnelle : « Z… A. » {EQUIPE}"),
        (8, f"donnée personnelle : « S… A… » {EQUIPE}"),
        (9, f"donnée personnelle : « M… S… » {EQUIPE}"),
    ]


def test_equipe_ecrite_en_une_ligne() -> None:
    assert verifier(entete="equipe: [Référente du projet, Zaïnaba Attoumani]") == [
        (3, f"donnée personnelle : « Z… A… » {EQUIPE}")]


# --- Ce qui doit passer -----------------------------------------------------------------------

LEGITIMES = [
    "Labo du 2021-10-12 au 2021-10-14, intersession du 15/10/2021 au 06/12/2021.",
    "Durée : 90 minutes, de 08.30 à 12.00 ; 3 h 30 ; 2 jours.",
    "Labo 3, Labo 5, Intersession 2, DESIGN PALAS, UNCCAS — La Fabrique des CCAS/CIAS.",
    "Le CCAS de Mamoudzou, celui de M'Tsangamouji et de Dzaoudzi-Labattoir, l'UDCCAS.",
    "La référente, l'agent d'accueil, la CSSM, la CAF, la PMI et le conseil départemental.",
    "1 200 € versés à 12 familles ; budget de 3 200 000 € ; 45 000 habitants ; 0,5 %.",
    "En 2021, 2022 et 2023 ; 2021-2022 ; les années 2017-2018.",
    "Code postal 97600, code INSEE 97611, SIRET 21976011500011.",
    "Voir pages 12-14 et p. 123 ; article L. 123-5 ; loi n° 2005-102 du 11 février 2005.",
    "M. le maire ouvre le forum ; Mme la présidente du CCAS conclut.",
    "Monsieur le Préfet, Madame la Directrice, Madame, Monsieur,",
    "Écrire à l'accueil du CCAS ; un lien [mailto](mailto:) vide ; @ccas sur les réseaux.",
    "Rendez-vous at home ; un point de situation ; le point fort.",
    "ISBN 978-2-12-345678-9 ; version 1.2.3 ; 10 000 000 ; 1 500 000 000 €.",
    "Référence 1 85 05 78 006 084 36 (clé fausse) ; FR76 3000 6000 0112 3456 7890 188.",
]


@pytest.mark.parametrize("texte", LEGITIMES)
def test_textes_du_domaine_acceptes(texte: str) -> None:
    assert verifier(texte) == []
    assert verifier(entete=f"resume: {json.dumps(texte, ensure_ascii=False)}") == []


EQUIPES_LEGITIMES = [
    "Référente du projet, agente d'accueil du CCAS",
    "Agent d'accueil",
    "Élue déléguée aux affaires sociales",
    "Directeur de CCAS membre du bureau de l'UDCCAS",
    "Référente du CCAS de M'Tsangamouji",
    "Partenaire associatif (club sportif de Kani-Kéli)",
    "Partenaire (association Mlezi Maore)",
    "Chargée de mission UDCCAS de Mayotte",
    "Médiateur santé de l'ARS",
    "Conseillère en économie sociale et familiale (CESF) de la CSSM",
    "M. le maire",
]


@pytest.mark.parametrize("entree", EQUIPES_LEGITIMES)
def test_roles_acceptes_dans_l_equipe(entree: str) -> None:
    assert verifier(entete=f'equipe: ["{entree}"]') == []


# --- Le contenu livré, le temps, le site ------------------------------------------------------

@pytest.mark.contenu_livre
def test_aucun_faux_positif_sur_le_contenu_livre() -> None:
    fichiers = fichiers_de_contenu(RACINE)
    assert len(fichiers) >= 40
    trouves = [(chemin.relative_to(RACINE).as_posix(), ligne, message)
               for _, chemin in fichiers
               for ligne, message in dp.verifier_donnees_personnelles(
                   lire(RACINE, chemin), (), CONNUS)]
    assert trouves == []


def test_un_fichier_piege_de_100_ko_en_moins_d_une_seconde() -> None:
    lignes = ["06 39 12 ", "prenom [at] domaine ", "Mme Zaïnaba ", "1 85 05 78 ",
              "FR76 3000 ", "a" * 60 + " at ", "+262 " * 10]
    corps = "\n".join(lignes[i % len(lignes)] * 20 for i in range(400))[:95_000]
    debut = temps_de_calcul()
    assert verifier(corps)
    assert temps_de_calcul() - debut < 1.0


@pytest.mark.lent
def test_une_fiche_refusee_n_est_nulle_part_dans_le_site(projet: Projet) -> None:
    """Une fiche qui cache un e-mail en entités n'a ni page, ni ligne dans les exports, ni place
    dans l'index de recherche ; sa jumelle sans e-mail est partout (le test sait échouer)."""
    modele = (FIXTURES / "hostile" / "donnees-courriel.md").read_text(encoding="utf-8")
    phrase = "Pour s'inscrire, écrire à fatima.ali@gmail.com ou venir au CCAS."
    assert phrase in modele
    for nom, temoin, contact in (
            ("piegee", "Temoinrefusequx", "écrire à prenom&#64;domaine.fr"),
            ("jumelle", "Temoinpubliequx", "venir à l'accueil du CCAS")):
        texte = modele.replace(phrase, f"Projet {temoin} : pour s'inscrire, {contact}.")
        texte = texte.replace('titre: "Fiche piégée : courriel"', f"titre: Projet {temoin}")
        projet.ecrire(f"fiches/{nom}.md", texte)
    assert [(p.chemin, p.ligne, p.message) for p in construire(projet.racine).problemes] == [
        ("fiches/piegee.md", 18, COURRIEL)]
    site = projet.construire(strict=False)
    assert not (site / "fiches" / "piegee").exists()
    assert (site / "fiches" / "jumelle" / "index.html").exists()
    ou_publiee = {p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and p.suffix in {".html", ".json", ".csv", ".xml", ".js", ".txt"}
                  and "Temoinpubliequx" in p.read_text(encoding="utf-8", errors="replace")}
    # la jumelle est dans les exports, le flux, le Livret et l'index de recherche (recherche/)
    assert {"donnees/fiches.csv", "donnees/catalogue.json", "flux.xml",
            "livret/index.html"} <= ou_publiee
    assert any(p.startswith("recherche/") and p.endswith(".js") for p in ou_publiee)
    for fichier in site.rglob("*"):
        if fichier.is_file() and fichier.suffix not in {".png", ".jpg", ".webp", ".ico", ".zip",
                                                         ".gz", ".woff2", ".pdf", ".zim"}:
            contenu = fichier.read_bytes()
            assert b"Temoinrefusequx" not in contenu and b"domaine.fr" not in contenu, fichier
    for archive in site.rglob("*.zip"):
        with zipfile.ZipFile(archive) as z:
            assert not any(b"Temoinrefusequx" in z.read(n) for n in z.namelist()), archive
    shutil.rmtree(site)
