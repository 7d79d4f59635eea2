"""Les canevas à imprimer (``canevas/<outil>.yml``, ``commun.canevas``) : chaque description
livrée se charge, chaque page tient sur une feuille A4 ou A3 avec son texte dans ses zones, une
description fautive dit fichier et ligne, et le site construit lie et emporte les fichiers."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import pytest
from pypdf import PdfReader

from commun import canevas
from commun.canevas import (
    INTERIEUR,
    INTERLIGNE,
    MARGE,
    MONTANTE,
    PLACE_MIN,
    RANGEE_MIN,
    ZONE_QUESTION,
    ZONE_TITRE,
    Canevas,
    Texte,
)
from commun.construction import construire
from conftest import RACINE, Projet

LIVRES = sorted(p.stem for p in (RACINE / "canevas").glob("*.yml"))
# les outils que l'issue nomme, au moins
DEMANDES = {"arbre-problemes", "carte-empathie", "parcours-usager", "blueprint-service",
            "fiche-concept", "matrice-impact-effort", "modele-feuille-de-route",
            "plan-experimentation"}
PIED = "le commun · licence CC BY-SA 4.0 · https://essai.example/outils/x/"
# A4 et A3 en points PDF (1 pt = 1/72 de pouce), en portrait
POINTS = {"A4": (595.3, 841.9), "A3": (841.9, 1190.6)}


def tous() -> dict[str, Canevas]:
    return canevas.charger_canevas(RACINE)


def sans_espaces(texte: str) -> str:
    """Le texte sans aucune espace (ordinaire, insécable, fine) : l'extraction d'un PDF coupe et
    joint les lignes à sa façon."""
    return re.sub(r"[\s\u00a0\u202f]+", "", texte)


def test_chaque_description_livree_se_charge() -> None:
    charges = tous()
    assert sorted(charges) == LIVRES
    assert set(charges) >= DEMANDES
    problemes = [str(p) for p in construire(RACINE).problemes if p.chemin.startswith("canevas/")]
    assert problemes == []
    # « dit » et « fait » à part sur la carte d'empathie
    titres = [z.titre for z in charges["carte-empathie"].zones]
    assert "Elle dit" in titres and "Elle fait" in titres


def test_chaque_outil_canevas_a_son_canevas() -> None:
    canevas_ = {p.stem for p in (RACINE / "outils").glob("*.md")
                if re.search(r"^type: canevas$", p.read_text(encoding="utf-8"), re.M)}
    assert canevas_ <= set(LIVRES), sorted(canevas_ - set(LIVRES))


@pytest.mark.parametrize("outil", LIVRES)
@pytest.mark.parametrize("format", ["A4", "A3"])
def test_une_page_a_la_bonne_taille_avec_tous_ses_titres(outil: str, format: str) -> None:
    c = tous()[outil]
    lecteur = PdfReader(io.BytesIO(canevas.pdf(c, format, pied=PIED)))
    assert len(lecteur.pages) == 1
    boite = lecteur.pages[0].mediabox
    attendu = POINTS[format] if c.orientation == "portrait" else POINTS[format][::-1]
    assert (float(boite.width), float(boite.height)) == pytest.approx(attendu, abs=1)
    texte_pdf = sans_espaces(lecteur.pages[0].extract_text())
    dessin = canevas.svg(c, format, pied=PIED)
    largeur, hauteur = canevas.dimensions(c, format)
    assert f'width="{largeur:g}mm" height="{hauteur:g}mm" viewBox="0 0 {largeur:g} {hauteur:g}"' \
        in dessin
    racine = ET.fromstring(dessin.encode())  # du XML bien formé
    assert racine.tag == "{http://www.w3.org/2000/svg}svg"
    texte_svg = sans_espaces("".join(racine.itertext()))
    for titre in [c.titre, *(z.titre for z in c.zones), *(t for z in c.zones for t in z.tableau)]:
        assert sans_espaces(titre) in texte_pdf, titre
        assert sans_espaces(titre) in texte_svg, titre
    assert sans_espaces(PIED) in texte_pdf


def test_le_pdf_est_le_meme_d_un_build_a_l_autre() -> None:
    c = tous()["arbre-problemes"]
    premier = canevas.pdf(c, "A4", pied=PIED)
    assert premier == canevas.pdf(c, "A4", pied=PIED)
    assert b"/CreationDate" not in premier and b"/ModDate" not in premier
    assert b"DejaVuSans" in premier  # la police mesurée est celle du dessin


def test_typst_ne_tourne_jamais_dans_le_processus_du_build() -> None:
    """Un processus forké après un appel de Typst l'attendrait pour toujours (le Livret est
    composé dans des fils forkés) : après un canevas en PDF, un fils forké compose encore. Dans
    un Python neuf, pour ne pas dépendre des tests passés avant."""
    script = """if True:
        import os, signal, sys
        sys.path.insert(0, "hooks")
        from commun import canevas
        c = canevas.charger_canevas(canevas.Path("."))["persona"]
        assert canevas.pdf(c, "A4", pied="x").startswith(b"%PDF")
        fils = os.fork()
        if fils == 0:
            signal.alarm(60)  # plutôt qu'attendre pour toujours
            import typst
            os._exit(0 if typst.compile(b"A").startswith(b"%PDF") else 1)
        _, etat = os.waitpid(fils, 0)
        sys.exit(os.waitstatus_to_exitcode(etat))
    """
    fini = subprocess.run([sys.executable, "-c", script], cwd=RACINE, capture_output=True,
                          text=True, timeout=300, check=False)
    assert fini.returncode == 0, fini.stderr


@pytest.mark.parametrize("outil", LIVRES)
def test_le_texte_reste_dans_sa_zone(outil: str) -> None:
    """Chaque ligne dessinée, mesurée à nouveau, tient dans la largeur de sa zone ; les lignes
    empilées laissent de quoi écrire ; rien ne sort des marges de la page."""
    c = tous()[outil]
    for format in ("A4", "A3"):
        plan = canevas.mise_en_page(c, format, PIED)
        k = plan.k
        for p in plan.zones:
            place = p.largeur - 2 * INTERIEUR * k
            for ligne in p.titre:
                assert canevas.largeur(ligne, ZONE_TITRE * k, gras=True) <= place, ligne
            for ligne in p.question:
                assert canevas.largeur(ligne, ZONE_QUESTION * k) <= place, ligne
            hauteur_texte = (len(p.titre) * ZONE_TITRE + len(p.question) * ZONE_QUESTION) \
                * INTERLIGNE * k
            reste = (p.hauteur - 2 * INTERIEUR * k - hauteur_texte
                     - (2 * k if p.zone.tableau else 0))
            besoin = RANGEE_MIN * p.zone.rangees if p.zone.tableau else PLACE_MIN
            assert reste >= besoin * k - 1, (p.zone.titre, format)
            # chaque ligne dessinée dans la zone y reste, de la tête au pied des lettres
            for t in plan.dessins:
                if isinstance(t, Texte) and p.x <= t.x <= p.x + p.largeur \
                        and p.y <= t.y <= p.y + p.hauteur:
                    assert t.x + canevas.largeur(t.texte, t.corps, t.gras) <= p.x + p.largeur
                    assert t.y - MONTANTE * t.corps >= p.y
                    assert t.y + (INTERLIGNE - MONTANTE) * t.corps <= p.y + p.hauteur
        marge = MARGE * k - 0.01
        for t in plan.dessins:
            if isinstance(t, Texte) and not t.vertical:
                debut = {"start": t.x, "middle": t.x - canevas.largeur(t.texte, t.corps,
                                                                       t.gras) / 2,
                         "end": t.x - canevas.largeur(t.texte, t.corps, t.gras)}[t.ancre]
                assert debut >= marge, t.texte
                assert debut + canevas.largeur(t.texte, t.corps, t.gras) <= plan.largeur - marge
                assert marge <= t.y - MONTANTE * t.corps and t.y <= plan.hauteur - marge


def test_l_a3_est_l_a4_agrandi() -> None:
    """Les corps suivent la page : le titre d'une zone mesure √2 fois plus en A3."""
    c = tous()["fiche-concept"]
    a4, a3 = (canevas.mise_en_page(c, f) for f in ("A4", "A3"))
    corps = [t.corps for t in a4.dessins if isinstance(t, Texte)]
    assert [t.corps for t in a3.dessins if isinstance(t, Texte)] == pytest.approx(
        [x * 297 / 210 for x in corps])
    assert min(corps) >= 2.5  # le pied, 7 pt ; le texte des zones en a 10 ou plus


CARTE = RACINE / "canevas" / "carte-empathie.yml"


def avec_canevas(projet: Projet, texte: str, nom: str = "carte-empathie") -> list[str]:
    projet.ecrire(f"canevas/{nom}.yml", texte)
    return [str(p) for p in construire(projet.racine).problemes]


def ligne_de(texte: str, morceau: str) -> int:
    return texte[:texte.index(morceau)].count("\n") + 1


@pytest.mark.parametrize(("avant", "apres", "repere", "message"), [
    ("  - titre: Elle pense\n", "  - titre: Elle pense\n    largeur: 2\n", "  - titre: Elle pense",
     "zone « Elle pense » : elle sort de la grille (3 lignes × 4 colonnes) : changez sa place, "
     "sa largeur ou sa hauteur, ou agrandissez la grille"),
    ("    colonne: 4\n  - titre: Elle fait\n", "    colonne: 3\n  - titre: Elle fait\n",
     "  - titre: Elle pense",
     "zone « Elle pense » : elle recouvre la zone « La personne » : changez sa ligne ou sa "
     "colonne"),
    ("lignes: [1, 1, 0.75]", "lignes: [1, 1, 0.3]", "  - titre: Ses freins",
     "zone « Ses freins » : son texte ne laisse pas la place d'écrire (3,4 mm sur la page A4 ; "
     "il faut 12 mm pour écrire) : raccourcissez la question, ou agrandissez la zone "
     "(« hauteur », « lignes »)"),
    ("  - titre: Ses freins\n", "  - titre: Ses freins\n    couleur: rouge\n", "    couleur",
     "champ inconnu « couleur » : vérifiez l'orthographe (champs "
     "possibles : accent, colonne, hauteur, id, largeur, ligne, question, tableau, titre)"),
    ("zones:\n", "fleches:\n  - {de: dit, vers: fait}\nzones:\n", "  - {de: dit",
     "flèche : aucune zone n'a l'id « dit » (id connus : aucun)"),
])
def test_une_description_fautive_dit_fichier_et_ligne(projet: Projet, avant: str, apres: str,
                                                     repere: str, message: str) -> None:
    texte = CARTE.read_text(encoding="utf-8")
    assert avant in texte
    texte = texte.replace(avant, apres, 1)
    attendu = f"canevas/carte-empathie.yml:{ligne_de(texte, repere)}: {message}"
    assert attendu in avec_canevas(projet, texte)


def test_un_canevas_sans_outil_est_refuse(projet: Projet) -> None:
    problemes = avec_canevas(projet, CARTE.read_text(encoding="utf-8"), "arbre-problemes")
    assert problemes == [
        "canevas/arbre-problemes.yml:1: aucun outil « arbre-problemes » "
        "(outils/arbre-problemes.md) : un canevas porte le nom du fichier de son outil "
        "(ex. canevas/arbre-problemes.yml)"]


def test_un_yaml_casse_dit_sa_ligne(projet: Projet) -> None:
    texte = CARTE.read_text(encoding="utf-8").replace("lignes: [1, 1, 0.75]", "lignes: [1, 1")
    problemes = avec_canevas(projet, texte)
    assert len(problemes) == 1
    assert problemes[0].startswith("canevas/carte-empathie.yml:")
    assert "crochet « [ » jamais fermé" in problemes[0]


@pytest.mark.lent
def test_la_page_de_l_outil_lie_les_quatre_fichiers_du_site(projet: Projet) -> None:
    projet.ecrire("canevas/carte-empathie.yml", CARTE.read_text(encoding="utf-8"))
    site = projet.construire()
    page = projet.page(site, "outils/carte-empathie")
    bloc = page[page.index('id="canevas-a-imprimer"'):]
    bloc = bloc[:bloc.index("<h2", 1)]
    liens = [(adresse, texte.replace("&nbsp;", "\u00a0")) for adresse, texte
             in re.findall(r'<a href="([^"]+)">([^<]+)</a>', bloc)]
    assert [texte.rsplit(",", 1)[0] for _, texte in liens] == [
        "A4,\u00a0PDF", "A4,\u00a0SVG", "A3,\u00a0PDF", "A3,\u00a0SVG"]
    with zipfile.ZipFile(site / "telechargements" / "commun-hors-ligne.zip") as copie:
        dans_la_copie = {n.split("/", 1)[1] for n in copie.namelist()}
    for adresse, texte in liens:
        fichier = (site / "outils" / "carte-empathie" / adresse).resolve()
        assert fichier.is_file(), adresse
        chemin = fichier.relative_to(site.resolve()).as_posix()
        assert chemin.startswith("telechargements/canevas/carte-empathie-")
        assert chemin in dans_la_copie
        ko = max(fichier.stat().st_size // 1000, 1)
        assert texte.endswith(f",\u00a0{ko}\u00a0ko"), texte
    pdf = PdfReader(site / "telechargements" / "canevas" / "carte-empathie-a3.pdf")
    texte = sans_espaces(pdf.pages[0].extract_text())
    assert sans_espaces("commun d'essai · licence CC BY-SA 4.0 · "
                        "https://essai.example/outils/carte-empathie/") in texte
