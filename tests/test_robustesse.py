"""Robustesse : caractères invisibles, YAML étrange, dates impossibles, temps linéaire, fichiers
produits toujours bien formés, et une recherche au hasard (hypothesis) de ce qui ferait sortir
une trace Python au lieu d'un « fichier:ligne: message ».

Les fichiers de ``fixtures/robustesse`` sont déposés un à un dans ``fiches/`` d'un petit commun.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import random
import re
import shutil
import xml.dom.minidom
import xml.etree.ElementTree as ET
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commun import caracteres, recherche, source, verification
from commun.chargement import ConfigurationInvalide
from commun.construction import construire
from commun.donnees import Adresses, exports
from conftest import FIXTURES, Projet, temps_de_calcul

ROBUSTESSE = FIXTURES / "robustesse"
FIXE = datetime(2024, 1, 1, tzinfo=UTC)
ADRESSES = Adresses(page=lambda s: "https://essai.example/" + s.removesuffix(".md") + "/",
                    fichier=lambda c: "https://essai.example/" + c)


def _invisible(champ: str, code: str, nature: str, sequence: str) -> str:
    prefixe = f"{champ} : " if champ else ""
    return (f"{prefixe}caractère invisible interdit (U+{code}, {nature}) : supprimez-le ; il vient "
            f"souvent d'un copier-coller, ou d'une séquence « {sequence} » entre guillemets")


CONTROLE = "caractère de contrôle"
BIDI = "marque qui inverse le sens d'affichage du texte et peut cacher ce qui est écrit"
NULLE = "espace ou liant de largeur nulle"
BIDI_TEXTE = ("cette marque inverse le sens d'affichage du texte et peut cacher ce qui est "
              "vraiment écrit ; supprimez-la")
FUSION = ("la fusion YAML « << » n'est pas acceptée : écrivez chaque champ lui-même, une seule "
          "fois, sous la forme « nom: valeur »")
DATE = "écrivez une vraie date au format AAAA-MM-JJ"

ATTENDUS: dict[str, list[tuple[int, str]]] = {
    # --- caractères invisibles dans l'en-tête, écrits en séquences YAML ou tels quels
    "invisible-titre-controle.md": [(2, _invisible("titre", "0007", CONTROLE, "\\x07"))],
    "invisible-resume-c1.md": [(3, _invisible("resume", "0085", CONTROLE, "\\x85"))],
    "invisible-resume-nel.md": [(3, _invisible("resume", "0085", CONTROLE, "\\x85"))],
    "invisible-equipe-bidi.md": [(11, _invisible("equipe › n° 1", "202E", BIDI, "\\u202e"))],
    "invisible-equipe-isolement.md": [(10, _invisible("equipe › n° 1", "2066", BIDI, "\\u2066"))],
    "invisible-ccas-largeur-nulle.md": [(4, _invisible("ccas", "200B", NULLE, "\\u200b"))],
    "invisible-titre-joiner.md": [(2, _invisible("titre", "2060", NULLE, "\\u2060"))],
    "invisible-cle.md": [(6, _invisible("priorite\\u200d", "200D", NULLE, "\\u200d"))],
    "invisible-titre-bidi-brut.md": [(2, f"caractère invisible interdit (U+202E, colonne 19) : "
                                         f"{BIDI_TEXTE}")],
    "invisible-titre-bom.md": [(2, "caractère invisible interdit (U+FEFF, colonne 18) : "
                                   "supprimez-le ; il vient souvent d'un copier-coller")],
    # --- dans le corps : contrôles et marques bidirectionnelles refusés, liants permis
    "invisible-corps-bidi.md": [(21, f"caractère invisible interdit (U+202E, colonne 39) : "
                                     f"{BIDI_TEXTE}")],
    "invisible-corps-isolement.md": [(24, f"caractère invisible interdit (U+2067, colonne 7) : "
                                          f"{BIDI_TEXTE}")],
    "invisible-corps-bom.md": [(24, "caractère invisible interdit (U+FEFF, colonne 6) : "
                                    "supprimez-le ; il vient souvent d'un copier-coller")],
    "invisible-corps-controle.md": [(24, "caractère invisible interdit (U+0085, colonne 6) : "
                                         "supprimez-le ; il vient souvent d'un copier-coller")],
    "invisible-corps-liants.md": [],
    # --- YAML
    "yaml-fusion.md": [(2, FUSION)],
    "yaml-fusion-liste.md": [(6, FUSION)],
    "types-etranges.md": [(8, f"labos › n° {i} doit être un texte") for i in range(1, 8)],
    "cles-etranges.md": [(1, f"champ inconnu « {nom} » : vérifiez l'orthographe (champs "
                             "possibles : ccas, equipe, etat, exemple, labos, licence, mis_a_jour, "
                             "outils, priorite, resume, thematique, titre, validation, valide_le, "
                             "valide_par)")
                         for nom in ("123", "None", "True", "inf")],
    "nombre-flottant-infini.md": [(7, "exemple doit être true ou false")],
    "nombre-cinq-cents-chiffres.md": [(6, "nombre trop long (500 chiffres) : écrivez un nombre "
                                          "raisonnable, ou mettez ce texte entre guillemets")],
    "nombre-enorme.md": [(7, f"etat : « {'7' * 99} » n'est pas une valeur possible (valeurs "
                             "possibles : idee, en-conception, en-experimentation, deploye, "
                             "abandonne)")],
    # --- dates
    "date-impossible.md": [(11, "mis_a_jour : « 2023-02-30 » n'est pas une date qui existe : "
                                f"février 2023 a 28 jours ; {DATE}")],
    "date-bissextile.md": [(11, "mis_a_jour : « 2024-02-30 » n'est pas une date qui existe : "
                                f"février 2024 a 29 jours ; {DATE}")],
    "date-mois-13.md": [(11, "mis_a_jour : « 2022-13-01 » n'est pas une date qui existe : le "
                             f"mois 13 n'existe pas (de 01 à 12) ; {DATE}")],
    "date-an-3000.md": [(11, "mis_a_jour : « 3000-01-01 » est hors de la période du commun "
                             f"(années 1900 à 2100) ; {DATE}")],
    "date-cinq-chiffres.md": [(11, "mis_a_jour : « 99999-01-01 » n'est pas une date au format "
                                   "AAAA-MM-JJ (par exemple 2022-06-30)")],
    "date-type-etrange.md": [(11, "mis_a_jour doit être une date au format AAAA-MM-JJ (par "
                                  "exemple 2022-06-30)")],
    # --- liens écrits avec des « % »
    "lien-javascript-pourcent.md": [(21, "le lien « %6Aavascript:alert(1 » est une adresse "
                                         "« javascript: » écrite avec des « % » : « javascript: » "
                                         "peut lancer du script ; écrivez l'adresse en clair, par "
                                         "exemple https://…, ou le chemin d'une page du commun")],
    "lien-https-pourcent.md": [(21, "le lien « %68ttps://evil.example/ » est une adresse "
                                    "« https: » écrite avec des « % » : écrivez l'adresse en "
                                    "clair, par exemple https://…, ou le chemin d'une page du "
                                    "commun")],
    # --- un titre suivi de 3 000 espaces : accepté, et lu vite
    "titre-espaces.md": [],
}


def problemes(projet: Projet, chemin: str) -> list[tuple[int, str]]:
    return [(p.ligne, p.message) for p in construire(projet.racine).problemes if p.chemin == chemin]


@pytest.mark.parametrize("nom", sorted(ATTENDUS))
def test_fichier_robustesse(projet: Projet, nom: str) -> None:
    shutil.copy(ROBUSTESSE / nom, projet.racine / "fiches" / nom)
    chargement = construire(projet.racine)
    assert [(p.ligne, p.message) for p in chargement.problemes
            if p.chemin == f"fiches/{nom}"] == ATTENDUS[nom]
    # refusé : jamais publié ; sans problème : publié
    assert (Path(nom).stem in chargement.corpus.fiches) == (not ATTENDUS[nom])


def test_chaque_fixture_a_son_attendu() -> None:
    assert sorted(p.name for p in ROBUSTESSE.glob("*.md")) == sorted(ATTENDUS)


def test_mis_a_jour_dans_le_futur(projet: Projet) -> None:
    projet.ecrire("fiches/futur.md", (ROBUSTESSE / "date-impossible.md").read_text(
        encoding="utf-8").replace("2023-02-30", "2099-01-01"))
    assert problemes(projet, "fiches/futur.md") == [
        (11, "mis_a_jour : le 2099-01-01 est dans le futur : écrivez la date de la dernière "
             "mise à jour, aujourd'hui au plus tard")]


def test_trop_de_participants_dit_comment_corriger(projet: Projet) -> None:
    projet.remplacer("labos/presences/labo-1.yml", "participants: 3", "participants: 9")
    assert problemes(projet, "labos/presences/labo-1.yml") == [
        (6, "presences › mtsangamouji › participants doit valoir au plus 3 (et non 9) : "
            "corrigez-le. Nombre de personnes du CCAS venues (1 à 3 : l'équipe projet).")]


def test_invisible_dans_commun_yml(projet: Projet) -> None:
    projet.remplacer("commun.yml", "nom: commun d'essai", 'nom: "commun\\u202e d\'essai"')
    with pytest.raises(ConfigurationInvalide) as erreur:
        construire(projet.racine)
    assert [str(p) for p in erreur.value.problemes] == [
        "commun.yml:" + str(_ligne(projet, "commun.yml", "commun\\u202e")) + ": "
        + _invisible("site › nom", "202E", BIDI, "\\u202e")]


def _ligne(projet: Projet, chemin: str, texte: str) -> int:
    lignes = (projet.racine / chemin).read_text(encoding="utf-8").split("\n")
    return next(i for i, l in enumerate(lignes, 1) if texte in l)


@pytest.mark.lent
@pytest.mark.parametrize("nom", ["par-etat", "index"])
def test_nom_de_page_generee_jamais_publie(projet: Projet, nom: str) -> None:
    texte = (ROBUSTESSE / "invisible-corps-liants.md").read_text(encoding="utf-8")
    projet.ecrire(f"fiches/{nom}.md", texte.replace("Trois mois.", "TEXTE-DE-LA-FICHE-PIEGE"))
    assert problemes(projet, f"fiches/{nom}.md") == [
        (1, f"le nom « {nom}.md » est réservé à une page que le site construit lui-même : ce "
            f"fichier ne serait pas publié ; renommez-le d'après son sujet, par exemple "
            f"« {nom}-guichet-mobile.md » (minuscules sans accents, chiffres et tirets)")]
    site = projet.construire(strict=False)
    for page in site.rglob("*.html"):
        assert "TEXTE-DE-LA-FICHE-PIEGE" not in page.read_text(encoding="utf-8"), page
    with zipfile.ZipFile(site / "telechargements" / "commun-hors-ligne.zip") as copie:
        assert not any(b"TEXTE-DE-LA-FICHE-PIEGE" in copie.read(n) for n in copie.namelist())
    # la page générée est bien là, à sa place
    assert "Fiches" in projet.page(site, f"fiches/{nom}" if nom != "index" else "fiches")


# --- Temps linéaire ------------------------------------------------------------------------------

def _fiche_de(corps: str) -> str:
    return (ROBUSTESSE / "invisible-corps-liants.md").read_text(encoding="utf-8").replace(
        "Il faut un interprète (", corps + "\n\nIl faut un interprète (")


def test_titres_pieges_lus_en_temps_lineaire(projet: Projet) -> None:
    """Un fichier de 94 Ko de titres suivis de longues suites d'espaces prenait 7 à 10 s
    (expression régulière au temps cubique) ; il se lit maintenant aussi vite qu'un fichier
    ordinaire de même taille. La borne est relative à ce fichier ordinaire, mesuré ici."""
    pieges = ("## a" + " " * 300 + "b\n") * 300
    ordinaire = ("Une phrase ordinaire, sans piège aucun, pour comparer." * 6 + "\n\n") * 290
    assert abs(len(pieges) - len(ordinaire)) < 5_000 and len(pieges) > 90_000

    def duree(corps: str) -> float:
        projet.ecrire("fiches/mesure.md", _fiche_de(corps))
        meilleure = float("inf")
        for _ in range(3):
            debut = temps_de_calcul()
            construire(projet.racine)
            meilleure = min(meilleure, temps_de_calcul() - debut)
        return meilleure

    base = duree(ordinaire)
    assert duree(pieges) < 5 * base + 0.5


def test_titre_lineaire_et_fidele() -> None:
    """``TITRE`` rend exactement ce que rendait l'expression naïve, sur des lignes tirées au
    hasard (graine fixe), et ne revient jamais en arrière dans une longue suite d'espaces."""
    naive = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
    hasard = random.Random(10)
    for _ in range(20_000):
        ligne = "#" * hasard.randint(0, 8) + "".join(
            hasard.choice(" #a\t\xa0b") for _ in range(hasard.randint(0, 12)))
        m, n = verification.TITRE.match(ligne), naive.match(ligne)
        assert (m and m.groups()) == (n and n.groups()), ligne


def test_liens_lineaires_et_fideles() -> None:
    naif = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
    hasard = random.Random(11)
    for _ in range(20_000):
        ligne = "".join(hasard.choice('[]()!\\ a"<>') for _ in range(hasard.randint(0, 18)))
        assert list(verification.cibles_de_liens(ligne)) == \
            [m.group(1) for m in naif.finditer(ligne)], ligne


@pytest.mark.parametrize("ligne", ["[" * 5000, "[a](" * 1250, "[a](<" * 1000,
                                   "[" * 2500 + "a" * 2400 + "]]"])
def test_liens_pieges_sans_retour_arriere(ligne: str) -> None:
    """Le travail est compté, pas chronométré : l'étiquette de chaque passage et la destination
    de chaque tentative sont lues une fois (au plus deux lectures par caractère)."""
    lus = 0
    vrai_match = {"etiquette": verification._FIN_ETIQUETTE.match,
                  "course": verification._COURSE.match}

    class Compteur:
        def __init__(self, nom: str) -> None:
            self.nom = nom

        def match(self, texte: str, position: int):
            nonlocal lus
            m = vrai_match[self.nom](texte, position)
            lus += (m.end() - position) if m else 1
            return m

    anciens = verification._FIN_ETIQUETTE, verification._COURSE
    # des motifs qui comptent les caractères lus : seul match() leur est demandé
    verification._FIN_ETIQUETTE, verification._COURSE = (
        Compteur("etiquette"), Compteur("course"))  # type: ignore[assignment]
    try:
        list(verification.cibles_de_liens(ligne))
    finally:
        verification._FIN_ETIQUETTE, verification._COURSE = anciens
    assert lus <= 2 * len(ligne) + 10


# --- Les fichiers produits sont toujours bien formés -----------------------------------------

HOSTILES = "\x00\x07\x1b\x7f\x85\u202e\u2066\ufeff\ud800\udfff\ufffe\uffff</feed>]]>&amp;\r\n\t="


def _relire(fichiers: dict[str, bytes]) -> None:
    """Chaque fichier produit, relu par un analyseur strict."""
    flux = fichiers["flux.xml"]
    ET.fromstring(flux)
    xml.dom.minidom.parseString(flux)
    icalendar.Calendar.from_ical(fichiers["labos.ics"])
    assert all(b >= 0x20 or b in b"\t\r\n" for b in fichiers["labos.ics"]), "contrôle dans l'ics"
    for nom in ("donnees/catalogue.json", "donnees/catalogue.schema.json"):
        json.loads(fichiers[nom].decode("utf-8"))
    for nom in ("donnees/fiches.csv", "donnees/outils.csv"):
        lignes = list(csv.reader(io.StringIO(fichiers[nom].decode("utf-8"), newline="")))
        assert len({len(l) for l in lignes}) == 1
        assert not caracteres.INTERDIT_SORTIE.search(fichiers[nom].decode("utf-8"))


def _relire_recherche(scripts: dict[str, str]) -> None:
    appel = re.compile(r"CommunRecherche\.(\w+)\((.*)\);\n", re.S)
    for chemin, texte in scripts.items():
        m = appel.fullmatch(texte)
        assert m, chemin
        json.loads("[" + m.group(2) + "]")
        assert not caracteres.INTERDIT_SORTIE.search(texte), chemin
        texte.encode("utf-8")


def test_ecrivains_directs_textes_hostiles(projet: Projet) -> None:
    """Le contrôle d'entrée contourné : les écrivains reçoivent eux-mêmes des textes piégés."""
    corpus = construire(projet.racine).corpus.publiable(apercu=False)
    fiches = {i: dataclasses.replace(f, titre=f.titre + HOSTILES,
                                     resume="\x07=2+2" + HOSTILES, equipe=("=1+1", HOSTILES))
              for i, f in corpus.fiches.items()}
    outils = {i: dataclasses.replace(o, titre=HOSTILES + o.titre, materiel=(HOSTILES,))
              for i, o in corpus.outils.items()}
    piege = dataclasses.replace(corpus, fiches=fiches, outils=outils)
    fichiers = exports(piege, ADRESSES, FIXE)
    _relire(fichiers)
    assert "\x07" not in fichiers["flux.xml"].decode("utf-8")
    # les formules restent neutralisées, même derrière un caractère retiré
    lignes = list(csv.DictReader(io.StringIO(fichiers["donnees/fiches.csv"].decode(), newline="")))
    assert all(l["resume"].startswith("'=2+2") and l["equipe"].startswith("'=1+1;")
               for l in lignes) and lignes
    index = recherche.construire([recherche.Document(
        url="fiches/x/", titre="Titre" + HOSTILES, genre="Fiche", texte="mot " + HOSTILES,
        resume=HOSTILES)])
    _relire_recherche(dict(recherche.scripts(index)))


@pytest.mark.lent
def test_site_bien_forme_meme_controle_contourne(projet: Projet, monkeypatch) -> None:
    """Même si le contrôle des caractères laissait tout passer, le site et sa copie hors ligne
    publient des fichiers de données et un index de recherche bien formés."""
    jamais = re.compile("(?!)")
    monkeypatch.setattr(source, "INTERDIT_VALEUR", jamais)
    monkeypatch.setattr(source, "INTERDIT_TEXTE", jamais)
    projet.remplacer("fiches/mtsangamouji-guichet.md",
                     "titre: Un guichet d'accès aux droits à M'Tsangamouji",
                     'titre: "Un guichet\\x07\\x1b\\x85\\u202e\\ufeff à M\'Tsangamouji"')
    assert "mtsangamouji-guichet" in construire(projet.racine).corpus.fiches  # bien contourné
    site = projet.construire(strict=False)
    fichiers = {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*")
                if p.is_file()}
    assert "\u202e".encode() not in fichiers["flux.xml"]
    _relire(fichiers)
    _relire_recherche({c.removeprefix("recherche/"): t.decode("utf-8")
                       for c, t in fichiers.items() if c.startswith("recherche/")
                       and c.endswith(".js") and c.count("/") >= 1
                       and not c.startswith("recherche/index.html")})
    with zipfile.ZipFile(site / "telechargements" / "commun-hors-ligne.zip") as copie:
        flux = next(n for n in copie.namelist() if n.endswith("/flux.xml"))
        xml.dom.minidom.parseString(copie.read(flux))


# --- Au hasard : jamais de trace Python ------------------------------------------------------

CHAMPS = ["titre", "resume", "ccas", "thematique", "priorite", "etat", "labos", "outils",
          "equipe", "mis_a_jour", "validation", "licence", "exemple", "debut", "fin", "<<",
          "duree_minutes", "render_macros"]
ALPHABET = st.characters(codec="utf-8", categories=None) | st.sampled_from(
    list("\x00\x07\x1b\x7f\x85\u202e\u2066\u200b\u200d\ufeff\ud800:#-[]{}&*!|>'\"%\\\n\t "))
TEXTE = st.text(ALPHABET, max_size=30)
SCALAIRE = (st.none() | st.booleans() | st.integers() | st.integers(min_value=10**90)
            | st.floats() | st.dates().map(str) | st.sampled_from(
                ["2023-02-30", "99999-01-01", "3000-01-01", "0000-00-00", "validé", "idee",
                 "acoua", "carte-empathie", "CC-BY-SA-4.0", "9" * 120])
            | TEXTE)


def _conteneurs(enfants: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Listes et dictionnaires de valeurs (une fonction nommée, pas un lambda sur plusieurs
    lignes : hypothesis lit son source pour vérifier qu'elle utilise son argument)."""
    return st.lists(enfants, max_size=4) \
        | st.dictionaries(st.sampled_from(CHAMPS) | TEXTE, enfants, max_size=4)


VALEUR = st.recursive(SCALAIRE, _conteneurs, max_leaves=12)
LIGNES_YAML = st.sampled_from([
    "<<: {titre: Un autre}", "a: &x [1, 2]\nb: *x", "c: !!python/name:os.system", "d: 1e400",
    "e: 1.0e+400", "f: " + "9" * 500, "g: 2023-02-30", "titre: deux fois", "? [a, b]\n: c",
    "h: [[[[[[[[[[[[1]]]]]]]]]]]]", 'i: "\\ud800"', "j: |\n  bloc\n  de texte", ": vide",
    "k: {a: 1, a: 2}", "- liste", "l: '", "m: >\n  plié"])
MORCEAUX = st.sampled_from([
    "## Le besoin", "## La solution", "## L'expérimentation", "## Les enseignements",
    "## La feuille de route", "# Titre", "```", "~~~", "`", "``", "<script>alert(1)</script>",
    "<b>", "</details>", '<details markdown="1">', "<abbr title='x'>", "<!--", "-->", "[", "]",
    "](", "[a](b)", "[a](%6Aavascript:x)", "![i](images/x.png)", "[r]: javascript:x", "{: #a}",
    "{onclick=x}", "&#106;", "&amp;", "<https://a.b>", "| a | b |", "|---|---|", "> ", "*", "_",
    "   ", "\t", "06 39 12 34 56", "x@gmail.com", "## a" + " " * 50 + "#", "\\", "\u202e",
    "\u200d", "\x85", "(", ")"])
CORPS = st.lists(MORCEAUX | TEXTE, max_size=25).map(lambda m: "".join(
    x + ("\n" if i % 3 == 2 else " ") for i, x in enumerate(m)))
FORME = re.compile(r"^[^\n:]+:[1-9][0-9]*: \S.*$", re.S)

EXEMPLES = 1000
# des fichiers valides du petit commun, que chaque essai abîme : les contrôles profonds
# (référentiel, cohérence, présences, exports) sont atteints, pas seulement le schéma
MODELES = ["fiches/mtsangamouji-guichet.md", "outils/carte-empathie.md", "labos/labo-1.md",
           "labos/presences/labo-1.yml", "fiches/hasard.md"]


@pytest.mark.lent
def test_au_hasard_jamais_de_trace(tmp_path: Path) -> None:
    """Des en-têtes et des corps tirés au hasard (graine fixe) : ``charger`` (ce qu'appelle
    ``scripts/verifier.py``) rend des problèmes « fichier:ligne: message », jamais une trace ;
    ce qu'il accepte s'exporte en fichiers bien formés."""
    racine = tmp_path / "commun"
    shutil.copytree(FIXTURES / "projet", racine)
    originaux = {m: (racine / m).read_text(encoding="utf-8") for m in MODELES[:-1]}
    originaux["fiches/hasard.md"] = "---\n---\n"
    essais = 0

    @settings(derandomize=True, database=None, deadline=None, max_examples=EXEMPLES,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(modele=st.sampled_from(MODELES),
           changes=st.dictionaries(st.sampled_from(CHAMPS) | TEXTE, VALEUR, max_size=3),
           retires=st.lists(st.sampled_from(CHAMPS), max_size=2),
           lignes=st.lists(LIGNES_YAML, max_size=2), corps=CORPS, brut=st.booleans())
    def un_essai(modele: str, changes: dict, retires: list[str], lignes: list[str], corps: str,
                 brut: bool) -> None:
        nonlocal essais
        essais += 1
        for chemin, texte in originaux.items():
            (racine / chemin).write_text(texte, encoding="utf-8")
        if modele.endswith(".yml"):
            entete, reste = yaml.safe_load(originaux[modele]), ""
        else:
            _, texte_yaml, reste = originaux[modele].split("---\n", 2)
            entete = yaml.safe_load(texte_yaml) or {}
        for champ in retires:
            entete.pop(champ, None)
        entete.update(changes)
        try:
            texte_yaml = yaml.safe_dump(entete, allow_unicode=not brut, sort_keys=False)
        except yaml.YAMLError:
            texte_yaml = ""
        texte_yaml += "".join(l + "\n" for l in lignes)
        if modele.endswith(".yml"):
            texte = texte_yaml
        else:
            coupure = reste.find("\n## ", 1) + 1 or len(reste)
            texte = "---\n" + texte_yaml + "---\n" + reste[:coupure] + corps + "\n" \
                + reste[coupure:]
        (racine / modele).write_bytes(texte.encode("utf-8", "surrogatepass"))
        try:
            chargement = construire(racine)
        except ConfigurationInvalide:
            raise AssertionError("commun.yml n'a pas été touché") from None
        for probleme in chargement.problemes:
            assert FORME.match(str(probleme)), str(probleme)
        _relire(exports(chargement.corpus.publiable(apercu=False), ADRESSES, FIXE))

    un_essai()
    print(f"\nhypothesis : {essais} exemples essayés")
    assert essais >= EXEMPLES


def test_publiable() -> None:
    assert caracteres.publiable("a\x00b\x07c\x85d\u202ee\ud800f\uffffg\u200dh\t\n") == \
        "abcdefg\u200dh\t\n"
