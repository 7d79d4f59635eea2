"""Le contenu contribué est hostile : chaque fichier piégé ou cassé de ``fixtures/hostile`` est
refusé avec la ligne et le message exacts, en temps borné, sans trace Python ; le build public
refuse de le publier et ``scripts/verifier.py`` sort en erreur.

Les fichiers ``*.md`` sont déposés dans ``fiches/`` d'un petit commun, ceux de ``images/`` dans
``fiches/images/`` ; ce qui serait trop gros pour le dépôt (ou un lien symbolique) est fabriqué
par le test.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import sys
import zipfile
from pathlib import Path

import jinja2
import pytest
from mkdocs.exceptions import Abort

from commun import donnees_personnelles, surete
from commun.chargement import ConfigurationInvalide
from commun.construction import construire
from commun.verification import NOM_ILLISIBLE
from conftest import FIXTURES, RACINE, Projet, temps_de_calcul
from test_verification import lancer_verifier

HOSTILE = FIXTURES / "hostile"
DUREE_MAX = 2.0  # secondes pour charger le petit commun et son fichier piégé

# le site rend les contenus avec cmark-gfm (commun.conversion) : ses écarts avec la lecture du
# texte (un bloc de code fermé plus tôt) sont rattrapés par le contrôle du rendu
CMARK = importlib.util.find_spec("commun.conversion") is not None

DANGER = ("le contenu contribué ne peut ni exécuter de script, ni intégrer ou charger autre "
          "chose ; retirez-la")
ACCEPTEES = ("Balises acceptées : <abbr>, <br>, <del>, <details>, <ins>, <kbd>, <mark>, <sub>, "
             "<summary>, <sup>")
LIENS = ("seuls les liens http://, https://, mailto: et tel: (ou vers une page du commun) sont "
         "acceptés")
ATTRIBUTS = ("refusés : le contenu contribué ne peut pas ajouter d'attributs HTML (onclick, "
             "style…) ; seuls « {#ancre} » et « {.classe} » sont acceptés")
TELEPHONE = ("ne doit pas être publié ; écrivez plutôt le service à contacter, ou, pour un numéro "
             "institutionnel (standard, numéro vert), ajoutez-le à « contacts_autorises » dans "
             "commun.yml")
ONERROR = ("attribut « onerror » interdit sur <img> : un attribut « on… » lance du script ; "
           "retirez-le")
IMAGE_X = ("image « x » : seules les images PNG, JPEG et WebP sont acceptées ; enregistrez-la dans "
           "un de ces formats")
PROFONDEUR = ("l'en-tête imbrique trop de listes ou de champs (10 niveaux au plus) : vérifiez les "
              "crochets « [ » et l'indentation")
UTF8 = "enregistrez-le en « UTF-8 » (menu « Enregistrer sous » de votre éditeur)"

ATTENDUS: dict[str, list[tuple[int, str]]] = {
    # --- HTML
    "html-script.md": [(20, f"balise HTML <script> interdite : {DANGER}")],
    "html-iframe.md": [(18, f"balise HTML <iframe> interdite : {DANGER}")],
    "html-object.md": [(18, f"balise HTML <object> interdite : {DANGER}")],
    "html-style.md": [(18, f"balise HTML <style> interdite : {DANGER}")],
    "html-evenement.md": [(18, "balise HTML <img> non autorisée : écrivez ![description]"
                               f"(images/photo.jpg) pour une image. {ACCEPTEES}")],
    "html-attribut-evenement.md": [(18, "attribut « onmouseover » interdit sur <abbr> : un "
                                        "attribut « on… » lance du script ; retirez-le")],
    "html-attribut-style.md": [(18, "attribut « style » interdit sur <mark> : la mise en forme "
                                    "vient du site ; retirez-le")],
    "html-balise-oblique.md": [(18, "balise <br> mal écrite : écrivez-la simplement, par exemple "
                                    "<br>, sans « < » ni « > » dans les guillemets")],
    "html-commentaire.md": [(18, "un commentaire HTML ne peut pas contenir « < » ni « > » : "
                                 "retirez-les")],
    # le code en ligne n'en est pas un dans un bloc HTML brut : le contrôle du rendu le voit
    "html-details-code.md": [(20, ONERROR), (20, IMAGE_X)],
    # un code en ligne ouvert sur une ligne et fermé sur la suivante
    "html-code-mal-ferme.md": [(19, ONERROR), (19, IMAGE_X)],
    # « ```` » ferme le bloc pour cmark-gfm (et GitHub), pas pour Python-Markdown
    "html-bloc-de-code-trompeur.md": [(21, f"balise HTML <b> non autorisée : écrivez **texte** "
                                           f"pour mettre en gras. {ACCEPTEES}")] if CMARK else [],
    # --- liens et images
    "lien-javascript.md": [(18, "lien « javascript:alert(document.cookie) » refusé : "
                                f"« javascript: » peut lancer du script ; {LIENS}")],
    "lien-javascript-entites.md": [(18, "lien « &#106;ava&#x09;script:alert(1) » refusé : "
                                        f"« javascript: » peut lancer du script ; {LIENS}")],
    "lien-javascript-echappe.md": [(18, "lien « javascript\\:alert(1) » refusé : « javascript: » "
                                        f"peut lancer du script ; {LIENS}")],
    "lien-data.md": [(18, "lien « data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg== » "
                          f"refusé : « data: » peut lancer du script ; {LIENS}")],
    "lien-reference-vbscript.md": [(20, "lien « vbscript:msgbox(1) » refusé : « vbscript: » peut "
                                        f"lancer du script ; {LIENS}")],
    "lien-automatique.md": [(18, "lien « javascript://%0aalert(1) » refusé : « javascript: » peut "
                                 f"lancer du script ; {LIENS}")],
    "image-externe.md": [(18, "image « https://tracker.example/pixel.png » prise sur un autre "
                              "site : déposez le fichier dans le dépôt (par exemple "
                              "fiches/images/) et écrivez son chemin ; une image d'un autre site "
                              "le renseigne sur chaque lecteur")],
    "image-svg.md": [(18, "image « images/logo.svg » : les images SVG ne sont pas acceptées (elles "
                          "peuvent contenir du script) ; exportez-la en PNG")],
    # --- attributs Markdown (attr_list) et blocs de code
    "attributs-accolades.md": [(19, f"attributs « {{: onclick=\"alert(1)\" style=\"color: red\" }} "
                                    f"» {ATTRIBUTS}")],
    "attributs-titre.md": [(18, f"attributs « {{onmouseover=alert(1)}} » {ATTRIBUTS}")],
    "attributs-bloc-de-code.md": [(18, f"attributs « {{ .python onclick=\"alert(1)\" }} » "
                                       f"{ATTRIBUTS}")],
    "bloc-de-code-non-ferme.md": [(32, "bloc de code « ``` » jamais fermé : ajoutez une ligne "
                                       "« ``` » après le code (sinon toute la suite de la page "
                                       "s'affiche comme du code)")],
    # --- données personnelles
    "donnees-courriel.md": [(18, "donnée personnelle : une adresse e-mail (…@gmail.com) ne doit "
                                 "pas être publiée ; écrivez plutôt le service à contacter "
                                 "(« l'accueil du CCAS »), ou, pour une adresse institutionnelle, "
                                 "ajoutez-la à « contacts_autorises » dans commun.yml")],
    "donnees-telephone.md": [
        (18, f"donnée personnelle : un numéro de téléphone (« 06 39 •• •• •• ») {TELEPHONE}"),
        (18, "donnée personnelle : « Mme A. » désigne une personne par son nom ; écrivez plutôt "
             "son rôle (« la référente du projet », « l'agent d'accueil du CCAS »)"),
        (19, f"donnée personnelle : un numéro de téléphone (« 0269.••.••.•• ») {TELEPHONE}"),
        (20, f"donnée personnelle : un numéro de téléphone (« +262 6•• •• •• •• ») {TELEPHONE}"),
        (20, f"donnée personnelle : un numéro de téléphone (« +33 6 1• •• •• •• ») {TELEPHONE}"),
        (20, f"donnée personnelle : un numéro de téléphone (« 00 26• ••• •• •• •• ») {TELEPHONE}"),
    ],
    "donnees-entete.md": [(10, f"donnée personnelle : un numéro de téléphone (« 0639•••••• ») "
                               f"{TELEPHONE}")],
    # dates, montants, identifiants, HTML permis, code affiché : rien à redire
    "faux-positifs.md": [],
    # --- en-tête YAML
    "yaml-alias.md": [(3, "les alias YAML (« *a ») ne sont pas acceptés : recopiez la valeur "
                          "elle-même à cet endroit")],
    "yaml-profondeur.md": [(13, PROFONDEUR)],
    "yaml-crochets.md": [(3, PROFONDEUR)],
    "yaml-etiquette.md": [(2, "les étiquettes YAML (« tag:yaml.org,2002:python/object/apply:"
                              "os.system ») ne sont pas acceptées : écrivez la valeur seule, "
                              "entre guillemets si besoin")],
    "yaml-nombre-geant.md": [(3, "nombre trop long (4400 chiffres) : écrivez un nombre "
                                 "raisonnable, ou mettez ce texte entre guillemets")],
    "yaml-trop-de-valeurs.md": [(999, "l'en-tête contient trop de valeurs (plus de 1000) : "
                                      "gardez-y l'essentiel, le détail va dans le texte")],
    # --- limites de Markdown (des minutes de rendu, ou une récursion sans fond)
    "markdown-crochets.md": [(17, "ce paragraphe contient trop de crochets « [ » (400, 300 au "
                                  "plus) : coupez-le en plusieurs")],
    "markdown-emphase.md": [(18, "trop de « _ » à la suite (250, 200 au plus) : raccourcissez "
                                 "cette ligne")],
    "markdown-citations.md": [(19, "trop de citations « > » imbriquées (20 au plus) : simplifiez")],
    "markdown-retrait.md": [(19, "ligne trop en retrait (120 espaces, 100 au plus) : réduisez les "
                                 "retraits")],
    # --- encodage et caractères
    "caractere-de-controle.md": [(18, "caractère invisible interdit (U+001B, colonne 10) : "
                                      "supprimez-le ; il vient souvent d'un copier-coller")],
    "utf16.md": [(1, f"le fichier est encodé en UTF-16 (ou UTF-32) : {UTF8}")],
    "binaire.md": [(1, "ce n'est pas un fichier texte : déposez ici un fichier Markdown (.md)")],
}

NON_ACCEPTE = ("seules les images PNG, JPEG, WebP, les documents PDF et les enregistrements M4A, "
               "MP3, Ogg ou Opus peuvent être déposés ici")
JOINTS: dict[str, list[tuple[int, str]]] = {
    "schema.png": [],
    "page.html": [(1, f"type de fichier non accepté (« .html ») : {NON_ACCEPTE}")],
    "modele.docx": [(1, f"type de fichier non accepté (« .docx ») : {NON_ACCEPTE}")],
    "logo.svg": [(1, "les images SVG ne sont pas acceptées dans le contenu contribué (une image "
                     "SVG peut contenir du script) : exportez-la en PNG")],
    "fausse.png": [(1, "ce fichier n'est pas une vraie image PNG (son contenu ne correspond pas à "
                       "l'extension « .png ») : réenregistrez-le en PNG depuis votre logiciel")],
    "geante.png": [(1, "image trop grande (30000 × 30000 pixels, 4096 au plus de chaque côté) : "
                       "réduisez-la à 1600 pixels de large")],
    "document-actif.pdf": [(1, "ce PDF contient un script JavaScript (/JS, /JavaScript) : il "
                               "s'exécuterait chez le lecteur ; réenregistrez-le avec « Imprimer → "
                               "Enregistrer au format PDF » (ou « Microsoft Print to PDF »), qui "
                               "n'en garde que les pages")],
    "vide.jpg": [(1, "fichier vide : déposez le bon fichier, ou retirez celui-ci")],
}


def fiche(corps_besoin: str = "Les habitants font une heure de route.", entete: str = "") -> str:
    """Une fiche valide pour le petit commun, où glisser un piège."""
    modele = (HOSTILE / "donnees-courriel.md").read_text(encoding="utf-8")
    return modele.replace("Pour s'inscrire, écrire à fatima.ali@gmail.com ou venir au CCAS.",
                          corps_besoin).replace("licence: CC-BY-SA-4.0", "licence: CC-BY-SA-4.0"
                                                + entete)


# ce qui est trop gros pour le dépôt : (chemin dans le petit commun, contenu, problèmes attendus)
FABRIQUES: dict[str, tuple[str, bytes, list[tuple[int, str]]]] = {
    "entete-trop-long": ("fiches/entete-trop-long.md", fiche(entete="\nmateriel:\n" + "  - " + (
        "x" * 90 + "\n  - ") * 400 + "y").encode(), [
        (1, "l'en-tête est trop long (38361 caractères, 32000 au plus) : gardez-y les champs "
            "courts ; le texte va sous la ligne « --- »")]),
    "ligne-trop-longue": ("fiches/ligne-trop-longue.md", fiche("mot " * 1500).encode(), [
        (18, "ligne trop longue (6000 caractères, 5000 au plus) : coupez-la en plusieurs lignes "
             "ou paragraphes")]),
    "fichier-trop-gros": ("fiches/fichier-trop-gros.md", fiche(
        "Un long texte.\n\n" + ("Une phrase ordinaire. " * 40 + "\n\n") * 200).encode(), [
        (1, "le fichier dépasse 100 Ko : découpez-le (un outil ou une fiche fait d'ordinaire "
            "moins de 10 Ko)")]),
    # UTF-8 avec BOM et fins de ligne Windows : accepté, et les lignes restent justes
    "bom-crlf": ("fiches/bom-crlf.md", b"\xef\xbb\xbf" + fiche(
        "Appeler le 06 39 12 34 56.").replace("\n", "\r\n").encode(), [
        (18, f"donnée personnelle : un numéro de téléphone (« 06 39 •• •• •• ») {TELEPHONE}")]),
    "fins-de-ligne-mac": ("fiches/fins-de-ligne-mac.md", fiche("<iframe></iframe>").replace(
        "\n", "\r").encode(), [(18, f"balise HTML <iframe> interdite : {DANGER}")]),
    "image-trop-lourde": ("fiches/images/photo.jpg", b"\xff\xd8\xff\xe0" + bytes(400_000), [
        (1, "image trop lourde (400 Ko, 300 Ko au plus pour rester légère sur un téléphone) : "
            "réduisez-la à 1600 pixels de large et enregistrez-la en JPEG qualité 80 ou en WebP")]),
    "pdf-trop-lourd": ("fiches/images/compte-rendu.pdf", b"%PDF-1.4\n" + bytes(2_100_000), [
        (1, "document trop lourd (2.1 Mo, 2 Mo au plus) : réenregistrez-le en qualité standard "
            "(« Réduire la taille du fichier »)")]),
}


def problemes(projet: Projet, chemin: str) -> tuple[list[tuple[int, str]], float]:
    debut = temps_de_calcul()
    trouves = construire(projet.racine).problemes
    return [(p.ligne, p.message) for p in trouves if p.chemin == chemin], \
        temps_de_calcul() - debut


@pytest.mark.parametrize("nom", sorted(ATTENDUS))
def test_fichier_hostile(projet: Projet, nom: str) -> None:
    shutil.copy(HOSTILE / nom, projet.racine / "fiches" / nom)
    trouves, duree = problemes(projet, f"fiches/{nom}")
    assert trouves == ATTENDUS[nom]
    assert duree < DUREE_MAX, f"{nom} : {duree:.2f} s"


@pytest.mark.parametrize("nom", sorted(JOINTS))
def test_fichier_joint_hostile(projet: Projet, nom: str) -> None:
    (projet.racine / "fiches" / "images").mkdir()
    shutil.copy(HOSTILE / "images" / nom, projet.racine / "fiches" / "images" / nom)
    trouves, duree = problemes(projet, f"fiches/images/{nom}")
    assert trouves == JOINTS[nom]
    assert duree < DUREE_MAX


@pytest.mark.parametrize("nom", sorted(FABRIQUES))
def test_fichier_fabrique(projet: Projet, nom: str) -> None:
    chemin, contenu, attendus = FABRIQUES[nom]
    projet.ecrire(chemin, contenu)
    trouves, duree = problemes(projet, chemin)
    assert trouves == attendus
    assert duree < DUREE_MAX


# des corps de près de 100 Ko faits pour coûter cher à un analyseur naïf (retours arrière,
# html.parser quadratique, blocs de code jamais fermés) : refusés ou acceptés, mais vite
PIRES_CAS = {
    "blocs-jamais-fermes": "\n".join(["```x"] * 100) + "\n" + "du texte <b>\n" * 7000,
    "chevrons": "<a" * 2400 + "\n" + ("<!--" * 1200 + "\n") * 15,
    "accolades": ("{" + "=" * 4900 + "\n") * 19,
    "code-en-ligne": ("".join("`" * k + "a" for k in range(1, 90)) + "\n") * 24,
    "liens": ("[a](" * 1200 + "\n") * 20,
    "courriels": ("a" * 4900 + "\n") * 19,
    "telephones": ("06 " * 1600 + "\n") * 19,
    "balises-permises": ("H<sub>2</sub>O <br> `<b>` " * 160 + "\n") * 22,
}


@pytest.mark.parametrize("nom", sorted(PIRES_CAS))
def test_pire_cas_en_temps_borne(projet: Projet, nom: str) -> None:
    projet.ecrire(f"fiches/{nom}.md", fiche(PIRES_CAS[nom]))
    assert (projet.racine / "fiches" / f"{nom}.md").stat().st_size < 100_000
    _, duree = problemes(projet, f"fiches/{nom}.md")
    assert duree < DUREE_MAX, f"{nom} : {duree:.2f} s"


def test_chaque_fixture_a_son_attendu() -> None:
    assert sorted(p.name for p in HOSTILE.glob("*.md")) == sorted(ATTENDUS)
    assert sorted(p.name for p in (HOSTILE / "images").iterdir()) == sorted(JOINTS)


def test_une_fiche_refusee_n_entre_pas_dans_le_corpus(projet: Projet) -> None:
    shutil.copy(HOSTILE / "html-script.md", projet.racine / "fiches")
    shutil.copy(HOSTILE / "faux-positifs.md", projet.racine / "fiches")
    fiches = construire(projet.racine).corpus.fiches
    assert "html-script" not in fiches and "faux-positifs" in fiches


def test_liens_symboliques_et_faux_fichiers(projet: Projet, tmp_path: Path) -> None:
    dehors = tmp_path / "dehors"
    dehors.mkdir()
    (dehors / "secret.png").write_bytes((HOSTILE / "images" / "schema.png").read_bytes())
    images = projet.racine / "fiches" / "images"
    images.mkdir()
    (images / "lien.png").symlink_to(dehors / "secret.png")
    (projet.racine / "outils" / "dossier").symlink_to(dehors)
    (projet.racine / "fiches" / "dossier.md").mkdir()
    shutil.move(projet.racine / "labos", tmp_path / "labos")
    (projet.racine / "labos").symlink_to(tmp_path / "labos")
    chargement = construire(projet.racine)
    trouves = [str(p) for p in chargement.problemes if "labo-1" not in p.message]
    assert trouves == [
        "fiches/dossier.md:1: « dossier.md » n'est pas un fichier ordinaire (un dossier ?) : "
        "renommez-le ou retirez-le",
        "fiches/images/lien.png:1: ce fichier est un lien symbolique : remplacez-le par un vrai "
        "fichier (rien ne doit venir d'en dehors du dépôt)",
        "labos/:1: ce dossier est un lien symbolique : remplacez-le par un vrai dossier (rien ne "
        "doit venir d'en dehors du dépôt)",
        "labos/presences/labo-1.yml:1: ce fichier est un lien symbolique : remplacez-le par un "
        "vrai fichier",
        "outils/dossier:1: ce dossier est un lien symbolique : remplacez-le par un vrai dossier "
        "(rien ne doit venir d'en dehors du dépôt)",
    ]
    assert not any(str(c).startswith(str(dehors)) or "labos/" in uri
                   for uri, c in chargement.fichiers_joints.items())
    assert chargement.corpus.comptes_rendus == {}


@pytest.mark.lent
def test_nom_de_fichier_illisible(projet: Projet) -> None:
    """Un nom qui n'est pas de l'UTF-8 (« café » enregistré en Latin-1) ou qui porte un caractère
    de contrôle est refusé au chargement, avec un chemin qui s'affiche : il n'atteint jamais le
    build, dont la copie ZIP ne saurait pas l'écrire."""
    images = projet.racine / "fiches" / "images"
    images.mkdir()
    png = (HOSTILE / "images" / "schema.png").read_bytes()
    (images / os.fsdecode(b"caf\xe9.png")).write_bytes(png)
    (images / "saut\nde-ligne.PNG").write_bytes(png)
    (projet.racine / "fiches" / os.fsdecode(b"\xe9t\xe9")).mkdir()
    (projet.racine / "fiches" / os.fsdecode(b"\xe9t\xe9") / "photo.png").write_bytes(png)
    projet.ecrire("fiches/" + os.fsdecode(b"r\xe9union.md"), fiche())
    utf8 = ("des octets qui ne sont pas du texte UTF-8 (un nom venu d'un ancien système ou d'une "
            "archive ZIP)")
    conseil = "avec des lettres sans accents, des chiffres et des tirets, par exemple"
    attendus = [
        f"fiches/images/caf\ufffd.png:1: le nom « caf\ufffd.png » contient {utf8} : renommez ce "
        f"fichier {conseil} « caf.png »",
        "fiches/images/saut\ufffdde-ligne.PNG:1: le nom « saut\ufffdde-ligne.PNG » contient un "
        f"caractère de contrôle ou invisible : renommez ce fichier {conseil} « sautde-ligne.png »",
        f"fiches/r\ufffdunion.md:1: le nom « r\ufffdunion.md » contient {utf8} : renommez ce "
        f"fichier {conseil} « runion.md »",
        f"fiches/\ufffdt\ufffd/photo.png:1: le nom « \ufffdt\ufffd » contient {utf8} : renommez "
        f"ce dossier {conseil} « t »",
    ]
    chargement = construire(projet.racine)
    assert [str(p) for p in chargement.problemes] == attendus
    assert not any(NOM_ILLISIBLE.search(uri) for uri in chargement.fichiers_joints)
    shutil.copytree(RACINE / "scripts", projet.racine / "scripts")
    resultat = lancer_verifier(projet.racine)
    assert resultat.returncode == 1 and "Traceback" not in resultat.stderr
    assert resultat.stdout.splitlines() == attendus
    # le build (sans --strict, comme « make serve ») va jusqu'au bout, copie ZIP comprise
    site = projet.construire(strict=False)
    with zipfile.ZipFile(site / "telechargements" / "commun-hors-ligne.zip") as copie:
        assert not any("caf" in nom or "saut" in nom or "photo" in nom
                       for nom in copie.namelist())
    assert not any(NOM_ILLISIBLE.search(str(p)) for p in site.rglob("*"))


def test_contacts_institutionnels_autorises(projet: Projet) -> None:
    shutil.copy(HOSTILE / "donnees-telephone.md", projet.racine / "fiches")
    shutil.copy(HOSTILE / "donnees-courriel.md", projet.racine / "fiches")
    with (projet.racine / "commun.yml").open("a", encoding="utf-8") as config:
        config.write('contacts_autorises: ["+262 269 61 23 45", "06 39 12 34 56", '
                     '"Fatima.Ali@gmail.com"]\n')
    assert problemes(projet, "fiches/donnees-courriel.md")[0] == []
    restants, _ = problemes(projet, "fiches/donnees-telephone.md")
    assert [ligne for ligne, _ in restants] == [18, 20, 20, 20]  # « Mme A. » reste un nom


def test_contact_autorise_mal_ecrit(projet: Projet) -> None:
    with (projet.racine / "commun.yml").open("a", encoding="utf-8") as config:
        config.write("contacts_autorises: [accueil du CCAS]\n")
    with pytest.raises(ConfigurationInvalide) as erreur:
        construire(projet.racine)
    assert [str(p) for p in erreur.value.problemes] == [
        "commun.yml:27: contacts_autorises › n° 1 : « accueil du CCAS » n'a pas la forme "
        "attendue. Une adresse e-mail ou un numéro de téléphone."]


@pytest.mark.lent
def test_le_build_public_refuse_de_publier(projet: Projet, journal) -> None:
    for nom in ("html-script.md", "lien-javascript.md", "donnees-telephone.md", "yaml-alias.md"):
        shutil.copy(HOSTILE / nom, projet.racine / "fiches" / nom)
    (projet.racine / "fiches" / "images").mkdir()
    shutil.copy(HOSTILE / "images" / "page.html", projet.racine / "fiches" / "images")
    with pytest.raises(Abort):
        projet.construire()
    for nom in ("html-script.md", "lien-javascript.md", "donnees-telephone.md", "yaml-alias.md"):
        ligne, message = ATTENDUS[nom][0]
        assert f"fiches/{nom}:{ligne}: {message}" in journal.text
    assert f"fiches/images/page.html:1: {JOINTS['page.html'][0][1]}" in journal.text
    # sans --strict (make serve), le site se construit, sans rien de ce qui a été refusé
    site = projet.construire(strict=False, site="souple")
    assert not (site / "fiches" / "images" / "page.html").exists()
    for nom in ("html-script", "lien-javascript", "donnees-telephone", "yaml-alias"):
        assert not (site / "fiches" / nom).exists()
    for page in site.rglob("*.html"):
        assert "evil.example" not in page.read_text(encoding="utf-8"), page


def test_verifier_sort_en_erreur(projet: Projet) -> None:
    shutil.copytree(RACINE / "scripts", projet.racine / "scripts")
    shutil.copy(HOSTILE / "html-script.md", projet.racine / "fiches")
    (projet.racine / "fiches" / "images").mkdir()
    shutil.copy(HOSTILE / "images" / "logo.svg", projet.racine / "fiches" / "images")
    resultat = lancer_verifier(projet.racine)
    assert resultat.returncode == 1
    assert resultat.stdout.splitlines() == [
        f"fiches/html-script.md:20: balise HTML <script> interdite : {DANGER}",
        f"fiches/images/logo.svg:1: {JOINTS['logo.svg'][0][1]}",
    ]
    assert "Traceback" not in resultat.stderr


@pytest.mark.lent
def test_html_permis_publie(projet: Projet) -> None:
    shutil.copy(HOSTILE / "faux-positifs.md", projet.racine / "fiches")
    (projet.racine / "fiches" / "images").mkdir()
    shutil.copy(HOSTILE / "images" / "schema.png", projet.racine / "fiches" / "images")
    projet.remplacer("fiches/faux-positifs.md", "Pérenniser.", "Pérenniser.\n\n"
                     "![Le schéma du guichet](images/schema.png)")
    site = projet.construire()
    html = projet.page(site, "fiches/faux-positifs")
    for attendu in ('<abbr title="Centre communal d\'action sociale">CCAS</abbr>',
                    "<kbd>Ctrl</kbd>", "<mark>important</mark>", "<sub>2</sub>", "<details",
                    "<summary>En savoir plus</summary>", "<strong>Du Markdown</strong>",
                    "&lt;script&gt;", "&lt;iframe"):
        assert attendu in html, attendu
    assert "<iframe" not in html and "<script>" not in html.split("<article", 1)[1].split(
        "</article>", 1)[0]
    assert (site / "fiches" / "images" / "schema.png").exists()
    assert "commun-contribution" not in html  # les marques du contrôle sont retirées


@pytest.mark.lent
def test_defense_en_profondeur_au_rendu(projet: Projet, journal, monkeypatch) -> None:
    """Si le contrôle du texte laissait passer un attribut, la page construite le refuserait."""
    monkeypatch.setattr(surete, "verifier_corps", lambda source: [])
    shutil.copy(HOSTILE / "html-evenement.md", projet.racine / "fiches")
    with pytest.raises(Abort):
        projet.construire()
    assert (f"fiches/html-evenement.md:18: {ONERROR} (trouvé dans la page construite ; ce corps "
            "n'est pas publié)") in journal.text
    site = projet.construire(strict=False, site="souple")
    html = projet.page(site, "fiches/html-evenement")
    assert "Contenu non publié" in html and "onerror" not in html
    assert "Un guichet itinérant" not in html  # tout le corps est retiré, pas seulement la balise


# --- Les macros des pages de docs/ : un bac à sable ---------------------------------------------

CHARGES = {
    "{{ cycler.__init__.__globals__.os.popen('touch PIRATE').read() }}":
        "accès refusé par le bac à sable (access to attribute '__init__' of 'StrictUndefined' "
        "object is unsafe.)",
    "{{ config }}": "nom inconnu ('config' is undefined)",
    "{{ environment }}": "nom inconnu ('environment' is undefined)",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}":
        "accès refusé par le bac à sable (access to attribute '__class__' of 'str' object is "
        "unsafe.)",
    "{{ nombre.__globals__ }}":
        "accès refusé par le bac à sable (access to attribute '__globals__' of 'function' object "
        "is unsafe.)",
    "{{ 'x' * 100000000 }}": "accès refusé par le bac à sable (répétition trop longue (10000 au "
                             "plus))",
    "{{ 2 ** 100000000 }}": "accès refusé par le bac à sable (exposant trop grand (100000000, "
                            "100 au plus))",
    "{% include 'mkdocs.yml' %}": "erreur (TypeError : no loader for this environment specified)",
}


@pytest.fixture
def hook_macros(monkeypatch):
    monkeypatch.syspath_prepend(str(RACINE / "hooks"))
    spec = importlib.util.spec_from_file_location("hook_macros", RACINE / "hooks" / "macros.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("charge", sorted(CHARGES))
def test_macro_hostile_refusee(charge: str, hook_macros, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    env = hook_macros.bac_a_sable({"nombre": lambda quoi: 3})
    assert env.from_string('{{ nombre("fiches") }} fiches').render() == "3 fiches"
    with pytest.raises((jinja2.UndefinedError, jinja2.sandbox.SecurityError, TypeError)):
        env.from_string(charge).render()
    assert not (tmp_path / "PIRATE").exists()


@pytest.mark.lent
@pytest.mark.parametrize("charge", [
    "{{ cycler.__init__.__globals__.os.popen('touch PIRATE').read() }}", "{{ config }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}"])
def test_macro_hostile_dans_une_page_de_docs(projet: Projet, journal, tmp_path: Path, monkeypatch,
                                             charge: str) -> None:
    monkeypatch.chdir(tmp_path)
    projet.ecrire("docs/index.md", "---\nrender_macros: true\n---\n# Accueil d'essai\n\n"
                                   'Il y a {{ nombre("fiches") }} fiches.\n\n' + charge + "\n")
    with pytest.raises(Abort):
        projet.construire()
    assert (f"docs/index.md:8: macro refusée, {CHARGES[charge]} : une page ne peut appeler que "
            "les macros du commun (carte, formulaire_fiche, liste_fiches, liste_outils, nombre, "
            "phases, site)") in journal.text
    assert not (tmp_path / "PIRATE").exists() and not (projet.racine / "PIRATE").exists()


@pytest.mark.lent
def test_les_macros_du_commun_marchent(projet: Projet) -> None:
    projet.ecrire("docs/index.md", "---\nrender_macros: true\n---\n# Accueil d'essai\n\n"
                                   'Il y a {{ nombre("fiches") }} fiches, {{ site().nom }}.\n')
    site = projet.construire()
    assert "Il y a 1 fiches, commun d&#39;essai." in (site / "index.html").read_text() or \
        "Il y a 1 fiches, commun d'essai." in (site / "index.html").read_text()


@pytest.mark.lent
def test_macro_mal_ecrite_dit_la_ligne(projet: Projet, journal) -> None:
    projet.ecrire("docs/index.md", "---\nrender_macros: true\n---\n# Accueil\n\n{{ nombre( }}\n")
    with pytest.raises(Abort):
        projet.construire()
    assert "docs/index.md:6: macro mal écrite (" in journal.text


# --- Détails -------------------------------------------------------------------------------------

def test_dimensions_lues_dans_l_en_tete() -> None:
    jpeg = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            b"\xff\xc0\x00\x11\x08" + struct.pack(">HH", 3000, 5000) + bytes(12))
    vp8x = b"RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00" \
        + (4999).to_bytes(3, "little") + (299).to_bytes(3, "little")
    vp8l = b"RIFF\x00\x00\x00\x00WEBPVP8L\x00\x00\x00\x00\x2f" \
        + ((640 - 1) | ((480 - 1) << 14)).to_bytes(4, "little")
    vp8 = b"RIFF\x00\x00\x00\x00WEBPVP8 \x00\x00\x00\x00\x00\x00\x00\x9d\x01\x2a" \
        + struct.pack("<HH", 800, 600)
    assert surete.dimensions("JPEG", jpeg) == (5000, 3000)
    assert surete.dimensions("WebP", vp8x) == (5000, 300)
    assert surete.dimensions("WebP", vp8l) == (640, 480)
    assert surete.dimensions("WebP", vp8) == (800, 600)
    assert surete.dimensions("JPEG", b"\xff\xd8\xff\xe0\x00") is None


def test_contacts_normalises() -> None:
    assert {donnees_personnelles.normaliser_contact(c) for c in (
        "+262 269 61 23 45", "0269 61 23 45", "02.69.61.23.45", "00262 269612345",
        "+262 (0)2 69 61 23 45")} == {"0269612345"}
    assert donnees_personnelles.normaliser_contact("+33 6 12 34 56 78") == "0612345678"
    assert donnees_personnelles.normaliser_contact(" Accueil@CCAS-Sada.fr ") == \
        "accueil@ccas-sada.fr"


def test_aucune_trace_python_sur_tout_le_corpus(projet: Projet) -> None:
    """Tous les fichiers piégés ensemble, chacun son message, en temps borné."""
    for fichier in HOSTILE.glob("*.md"):
        shutil.copy(fichier, projet.racine / "fiches" / fichier.name)
    shutil.copytree(HOSTILE / "images", projet.racine / "fiches" / "images")
    debut = temps_de_calcul()
    trouves = construire(projet.racine).problemes
    assert temps_de_calcul() - debut < 10
    attendus = sorted((f"fiches/{nom}", l, m) for nom, liste in ATTENDUS.items() for l, m in liste)
    attendus += sorted((f"fiches/images/{nom}", l, m) for nom, liste in JOINTS.items()
                       for l, m in liste)
    assert sorted((p.chemin, p.ligne, p.message) for p in trouves
                  if p.chemin.startswith("fiches/images/")) == sorted(
        a for a in attendus if a[0].startswith("fiches/images/"))
    assert {p.chemin for p in trouves} == {a[0] for a in attendus}
    assert sys.getrecursionlimit() == 1000  # rien n'a eu besoin de la relever
