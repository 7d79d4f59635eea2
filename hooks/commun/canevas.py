"""Les canevas à imprimer des outils : une description par outil (``canevas/<outil>.yml``), une
page dessinée en A4 et en A3, en SVG et en PDF.

Une description est une grille (``colonnes`` et ``lignes``, en nombre ou en tailles relatives) de
zones : un titre, une question, au besoin un tableau à remplir ; des flèches entre zones (les
étapes d'un parcours) et deux axes (une matrice). Les agents l'impriment (A4 au bureau, A3 pour
un mur) et la remplissent au feutre ou avec des post-it : de grandes cases, du noir et du gris,
des marges de plus de 10 mm, le titre de l'outil en haut, le commun, la licence et l'adresse de
l'outil en bas.

Le texte est coupé ici, mesuré avec la police DejaVu Sans (paquet Debian ``fonts-dejavu-core``),
la même que Typst utilise pour le PDF : une zone dont le texte ne tient pas, avec la place d'écrire
en dessous, est une erreur de la description (``canevas/x.yml:LIGNE: message``), jamais un texte
qui déborde. Le PDF est le SVG posé sur une page par Typst (``typst``), le texte restant du
texte (copiable, lu par un lecteur d'écran), sans date : le même canevas donne les mêmes octets.

L'API stable, pour le Livret : ``charger_canevas(racine)`` et ``svg(canevas, format, pied=…)``.
"""

from __future__ import annotations

import html
import math
import pickle
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, cast

from commun import schemas
from commun.arriere_plan import dans_un_python_neuf
from commun.modele import Canevas, Site, Zone
from commun.source import ErreurSource, Source, charger_yaml, decoder
from commun.typographie import texte as espacer

__all__ = ["Canevas", "Zone", "charger_canevas", "fichiers", "pdf", "pied_de", "svg"]

DOSSIER = "canevas"  # dans le dépôt : canevas/<outil>.yml
TELECHARGEMENTS = "telechargements/canevas"  # dans le site : <outil>-a4.pdf, -a3.svg…
FORMATS = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}  # en mm, en portrait
EXTENSIONS = ("pdf", "svg")

# Les mesures de la page A4, en mm ; l'A3 les multiplie par √2 (297 / 210) : le même canevas,
# plus grand, pour un mur.
MARGE = 12.0  # ≥ 10 mm : ce que toutes les imprimantes savent imprimer
TITRE = 7.0  # corps du titre (≈ 20 pt)
CONSIGNE = 3.6  # ≈ 10 pt
ZONE_TITRE = 4.6  # ≈ 13 pt
ZONE_QUESTION = 3.5  # ≈ 10 pt
ENTETE_TABLEAU = 3.4
AXE = 3.6
PIED = 2.6  # ≈ 7,5 pt
INTERLIGNE = 1.25  # hauteur d'une ligne, en corps
MONTANTE = 0.93  # de la tête d'une ligne à sa ligne de base, en corps (DejaVu Sans)
INTERIEUR = 3.0  # entre le bord d'une zone et son texte
ECART = 4.0  # entre deux zones
ECART_FLECHES = 10.0  # entre deux zones quand des flèches les relient
BANDE_AXE = 11.0  # la place d'un axe, sous la grille et à sa gauche
PLACE_MIN = 12.0  # la place pour écrire sous le texte d'une zone (une ligne au feutre)
RANGEE_MIN = 7.0  # la hauteur d'une rangée de tableau
SECURITE = 0.97  # le texte est coupé un peu avant le bord : une autre police, un peu plus large
POLICES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
DOSSIERS_POLICES = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
                    Path("/usr/local/share/fonts/dejavu"))
FAMILLE = "DejaVu Sans, Verdana, sans-serif"
CHAMPS_EN_LIGNE = "Date : ……………………   Équipe : ……………………"
LICENCES = {"CC-BY-SA-4.0": "CC BY-SA 4.0", "CC-BY-4.0": "CC BY 4.0", "CC0-1.0": "CC0 1.0",
            "etalab-2.0": "Licence Ouverte 2.0"}


# --- Lire les descriptions -------------------------------------------------------------------

def charger_canevas(racine: Path) -> dict[str, Canevas]:
    """Les canevas sans défaut de ``racine/canevas/`` (outil → canevas), par ordre d'outil. Les
    défauts, eux, sont dits par le build et ``make verifier`` (``commun.chargement``)."""
    outils = {p.stem for p in (racine / "outils").glob("*.md")}
    resultat = {}
    for chemin in sorted((racine / DOSSIER).glob("*.yml")):
        relatif = chemin.relative_to(racine).as_posix()
        try:
            donnees, lignes = charger_yaml(relatif, decoder(chemin.read_bytes()))
        except ErreurSource:
            continue
        source = Source(relatif, donnees if isinstance(donnees, dict) else {}, "", 1, lignes,
                        ligne_entete=1)
        if any(schemas.erreurs("canevas", donnees)):
            continue
        canevas, problemes = lire(source, chemin.stem, outils)
        if canevas is not None and not problemes:
            resultat[canevas.id] = canevas
    return resultat


def lire(source: Source, outil: str, outils: set[str]) -> tuple[Canevas | None, list[tuple[int,
                                                                                          str]]]:
    """Le canevas d'une description déjà conforme à son schéma, et ses problèmes (ligne,
    message) : l'outil, la place des zones, les flèches, le texte qui doit tenir."""
    d = source.entete
    problemes: list[tuple[int, str]] = []
    if outil not in outils:
        problemes.append((1, f"aucun outil « {outil} » (outils/{outil}.md) : un canevas porte le "
                             "nom du fichier de son outil (ex. canevas/arbre-problemes.yml)"))
    colonnes = _tailles(d["colonnes"])
    lignes = _tailles(d["lignes"])
    zones: list[Zone] = []
    occupees: dict[tuple[int, int], str] = {}
    for i, z in enumerate(d["zones"]):
        ligne_z = source.ligne(("zones", i))
        largeur, hauteur = z.get("largeur", 1), z.get("hauteur", 1)
        if ("ligne" in z) != ("colonne" in z):
            problemes.append((ligne_z, f"zone « {z['titre']} » : donnez sa ligne et sa colonne, "
                                       "ou aucune des deux (elle prend alors la case libre "
                                       "suivante)"))
            continue
        place: tuple[int, int] | None = (z["ligne"], z["colonne"]) if "ligne" in z else None
        if place is None:
            place = _case_libre(occupees, len(lignes), len(colonnes), largeur, hauteur)
            if place is None:
                problemes.append((ligne_z, f"zone « {z['titre']} » : plus de case libre dans la "
                                           f"grille ({len(lignes)} lignes × {len(colonnes)} "
                                           "colonnes) : ajoutez une ligne (« lignes ») ou "
                                           "placez-la (« ligne », « colonne »)"))
                continue
        l, c = place
        if l + hauteur - 1 > len(lignes) or c + largeur - 1 > len(colonnes):
            problemes.append((ligne_z, f"zone « {z['titre']} » : elle sort de la grille "
                                       f"({len(lignes)} lignes × {len(colonnes)} colonnes) : "
                                       "changez sa place, sa largeur ou sa hauteur, ou agrandissez "
                                       "la grille"))
            continue
        cases = [(l + a, c + b) for a in range(hauteur) for b in range(largeur)]
        if deja := next((occupees[x] for x in cases if x in occupees), None):
            problemes.append((ligne_z, f"zone « {z['titre']} » : elle recouvre la zone « {deja} » "
                                       ": changez sa ligne ou sa colonne"))
            continue
        occupees.update(dict.fromkeys(cases, z["titre"]))
        tableau = z.get("tableau", {})
        zones.append(Zone(titre=espacer(z["titre"]), ligne=l, colonne=c, largeur=largeur,
                          hauteur=hauteur, id=z.get("id", ""),
                          question=espacer(z.get("question", "")), accent=z.get("accent", False),
                          tableau=tuple(espacer(t) for t in tableau.get("colonnes", ())),
                          rangees=tableau.get("rangees", 0), ligne_source=ligne_z))
    ids: dict[str, int] = {}
    for z in zones:
        if z.id and z.id in ids:
            problemes.append((z.ligne_source, f"deux zones s'appellent « {z.id} » (l'autre ligne "
                                              f"{ids[z.id]}) : changez l'un des deux id"))
        ids.setdefault(z.id, z.ligne_source)
    fleches = []
    for i, f in enumerate(d.get("fleches", [])):
        for bout in ("de", "vers"):
            if f[bout] not in ids or not f[bout]:
                problemes.append((source.ligne(("fleches", i, bout)),
                                  f"flèche : aucune zone n'a l'id « {f[bout]} » (id connus : "
                                  f"{', '.join(sorted(i for i in ids if i)) or 'aucun'})"))
        if f["de"] == f["vers"]:
            problemes.append((source.ligne(("fleches", i)),
                              "flèche : elle part et arrive à la même zone"))
        fleches.append((f["de"], f["vers"]))
    if problemes:
        return None, sorted(problemes)
    axes = d.get("axes")
    canevas = Canevas(id=outil, chemin=source.chemin, titre=espacer(d["titre"]),
                      orientation=d["orientation"], colonnes=colonnes, lignes=lignes,
                      zones=tuple(zones), consigne=espacer(d.get("consigne", "")),
                      fleches=tuple(fleches),
                      axes=(espacer(axes["horizontal"]), espacer(axes["vertical"]))
                      if axes else None)
    for format in FORMATS:
        problemes.extend(_ne_tient_pas(canevas, format, source))
    if problemes:
        return None, sorted(set(problemes))
    return canevas, []


def _tailles(valeur: int | list[float]) -> tuple[float, ...]:
    return (1.0,) * valeur if isinstance(valeur, int) else tuple(float(x) for x in valeur)


def _case_libre(occupees: dict[tuple[int, int], str], lignes: int, colonnes: int, largeur: int,
                hauteur: int) -> tuple[int, int] | None:
    """La première case, dans l'ordre de lecture, où la zone tient sans en recouvrir une autre."""
    for l in range(1, lignes - hauteur + 2):
        for c in range(1, colonnes - largeur + 2):
            if all((l + a, c + b) not in occupees for a in range(hauteur)
                   for b in range(largeur)):
                return l, c
    return None


def _ne_tient_pas(canevas: Canevas, format: str, source: Source) -> Iterator[tuple[int, str]]:
    """Ce qui ne tient pas sur la page : le titre, la consigne, le texte des zones."""
    plan = mise_en_page(canevas, format)
    k = plan.k
    if plan.titre_trop_long:
        yield source.ligne(("titre",)), "le titre ne tient pas sur une ligne : raccourcissez-le"
    if len(plan.consigne) > 2:
        yield source.ligne(("consigne",)), ("la consigne prend plus de deux lignes : "
                                            "raccourcissez-la")
    for p in plan.zones:
        z = p.zone
        if p.mot_trop_long:
            yield z.ligne_source, (f"zone « {z.titre} » : le mot « {p.mot_trop_long} » est plus "
                                   "large que la zone : élargissez-la (« largeur », « colonnes »)")
        elif p.place_pour_ecrire < (RANGEE_MIN * z.rangees if z.rangees else PLACE_MIN) * k:
            besoin = (f"{z.rangees} rangées de {RANGEE_MIN:g} mm" if z.rangees
                      else f"{PLACE_MIN:g} mm pour écrire")
            reste = f"{p.place_pour_ecrire / k:.1f}".replace(".", ",")
            yield z.ligne_source, (
                f"zone « {z.titre} » : son texte ne laisse pas la place d'écrire ({reste} mm "
                f"sur la page A4 ; il faut {besoin}) : "
                "raccourcissez la question, ou agrandissez la zone (« hauteur », « lignes »)")


# --- Mesurer et couper le texte --------------------------------------------------------------

@cache
def _police(gras: bool) -> Any:
    """La police DejaVu Sans (Pillow), au corps 1000 : les largeurs se mesurent en millièmes."""
    from PIL import ImageFont

    nom = POLICES[gras]
    for dossier in DOSSIERS_POLICES:
        if (dossier / nom).is_file():
            return ImageFont.truetype(str(dossier / nom), 1000)
    raise RuntimeError(f"police {nom} introuvable dans {', '.join(map(str, DOSSIERS_POLICES))} : "
                       "installez le paquet Debian fonts-dejavu-core")


def dossier_des_polices() -> Path:
    """Le dossier de DejaVu Sans, que Typst reçoit pour dessiner le PDF."""
    _police(False)
    return next(d for d in DOSSIERS_POLICES if (d / POLICES[0]).is_file())


def largeur(texte: str, corps: float, gras: bool = False) -> float:
    """La largeur de ``texte`` en mm, au corps ``corps`` (en mm)."""
    return float(_police(gras).getlength(texte)) * corps / 1000


def couper(texte: str, corps: float, place: float, gras: bool = False) -> tuple[list[str], str]:
    """Les lignes de ``texte`` coupé aux espaces ordinaires pour tenir dans ``place`` mm, et le
    premier mot trop large pour tenir seul ("" s'il n'y en a pas)."""
    lignes: list[str] = []
    trop_long = ""
    for mot in texte.split(" "):
        if not mot:
            continue
        if largeur(mot, corps, gras) > place * SECURITE and not trop_long:
            trop_long = mot
        essai = f"{lignes[-1]} {mot}" if lignes else mot
        if lignes and largeur(essai, corps, gras) <= place * SECURITE:
            lignes[-1] = essai
        else:
            lignes.append(mot)
    return lignes, trop_long


# --- La mise en page -------------------------------------------------------------------------

@dataclass(frozen=True)
class Texte:
    x: float
    y: float  # la ligne de base
    corps: float
    texte: str
    gras: bool = False
    ancre: str = "start"  # « start », « middle », « end »
    vertical: bool = False  # tourné d'un quart de tour, lu de bas en haut
    gris: bool = False


@dataclass(frozen=True)
class Cadre:
    x: float
    y: float
    largeur: float
    hauteur: float
    trait: float
    fond: str = "#ffffff"
    arrondi: float = 0.0


@dataclass(frozen=True)
class Trait:
    x1: float
    y1: float
    x2: float
    y2: float
    trait: float
    pointe: float = 0.0  # la taille de la pointe de flèche au bout (x2, y2), 0 : sans pointe
    gris: bool = False


@dataclass
class ZonePlacee:
    """Une zone sur la page : son cadre, ses lignes de texte, la place qui reste pour écrire."""

    zone: Zone
    x: float
    y: float
    largeur: float
    hauteur: float
    titre: list[str] = field(default_factory=list)
    question: list[str] = field(default_factory=list)
    bas_du_texte: float = 0.0  # là où finit le texte (titre et question)
    place_pour_ecrire: float = 0.0
    mot_trop_long: str = ""


@dataclass
class Plan:
    """Une page de canevas, en mm : ce qu'on dessine, et où sont les zones."""

    format: str
    largeur: float
    hauteur: float
    k: float  # l'échelle par rapport à l'A4
    dessins: list[Texte | Cadre | Trait] = field(default_factory=list)
    zones: list[ZonePlacee] = field(default_factory=list)
    consigne: list[str] = field(default_factory=list)
    titre_trop_long: bool = False
    pied: str = ""


def dimensions(canevas: Canevas, format: str) -> tuple[float, float]:
    """La largeur et la hauteur de la page, en mm."""
    if format not in FORMATS:
        raise ValueError(f"format « {format} » inconnu : {', '.join(FORMATS)}")
    petit, grand = FORMATS[format]
    return (grand, petit) if canevas.orientation == "paysage" else (petit, grand)


def mise_en_page(canevas: Canevas, format: str, pied: str = "") -> Plan:
    """Le canevas posé sur une page ``format`` (« A4 », « A3 ») : titre, consigne, grille de
    zones, flèches, axes et pied de page. Tout est mesuré en mm sur la vraie page."""
    largeur_page, hauteur_page = dimensions(canevas, format)
    k = FORMATS[format][0] / FORMATS["A4"][0]
    plan = Plan(format, largeur_page, hauteur_page, k, pied=pied)
    marge = MARGE * k
    utile = largeur_page - 2 * marge
    dessins = plan.dessins

    # l'en-tête : le titre à gauche, de quoi noter la date et l'équipe à droite, la consigne
    champs = CHAMPS_EN_LIGNE
    corps_champs = CONSIGNE * k
    place_titre = utile - largeur(champs, corps_champs) - 6 * k
    plan.titre_trop_long = largeur(canevas.titre, TITRE * k, True) > place_titre
    y = marge + MONTANTE * TITRE * k
    dessins.append(Texte(marge, y, TITRE * k, canevas.titre, gras=True))
    dessins.append(Texte(largeur_page - marge, y, corps_champs, champs, ancre="end"))
    y += (INTERLIGNE - MONTANTE) * TITRE * k
    if canevas.consigne:
        plan.consigne, _ = couper(canevas.consigne, CONSIGNE * k, utile)
        for ligne in plan.consigne:
            y += INTERLIGNE * CONSIGNE * k
            dessins.append(Texte(marge, y - (INTERLIGNE - MONTANTE) * CONSIGNE * k,
                                 CONSIGNE * k, ligne))
    haut_grille = y + 4 * k

    # le pied : le commun, la licence, l'adresse de l'outil
    bas_page = hauteur_page - marge
    if pied:
        dessins.append(Texte(marge, bas_page - (INTERLIGNE - MONTANTE) * PIED * k, PIED * k,
                             pied, gris=True))
    bas_grille = bas_page - INTERLIGNE * PIED * k - 3 * k

    # les axes : sous la grille et à sa gauche
    gauche_grille = marge
    if canevas.axes is not None:
        horizontal, vertical = canevas.axes
        gauche_grille += BANDE_AXE * k
        bas_grille -= BANDE_AXE * k
        y_axe = bas_grille + 3 * k
        dessins.append(Trait(gauche_grille, y_axe, largeur_page - marge, y_axe, 0.8 * k,
                             pointe=3 * k))
        dessins.append(Texte((gauche_grille + largeur_page - marge) / 2,
                             y_axe + 2 * k + MONTANTE * AXE * k, AXE * k, horizontal, gras=True,
                             ancre="middle"))
        x_axe = gauche_grille - 3 * k
        dessins.append(Trait(x_axe, bas_grille, x_axe, haut_grille, 0.8 * k, pointe=3 * k))
        dessins.append(Texte(x_axe - 2 * k - (1 - MONTANTE) * AXE * k,
                             (haut_grille + bas_grille) / 2, AXE * k, vertical, gras=True,
                             ancre="middle", vertical=True))

    # la grille : l'écart s'élargit là où passent des flèches
    zones = {z.id: z for z in canevas.zones if z.id}
    horizontales = [_cote_a_cote(zones[de], zones[vers]) for de, vers in canevas.fleches]
    xs = _positions(gauche_grille, largeur_page - marge, canevas.colonnes,
                    (ECART_FLECHES if any(horizontales) else ECART) * k)
    ys = _positions(haut_grille, bas_grille, canevas.lignes,
                    (ECART_FLECHES if not all(horizontales) else ECART) * k)
    placees: dict[str, ZonePlacee] = {}
    for z in canevas.zones:
        x0, _ = xs[z.colonne - 1]
        _, x1 = xs[z.colonne + z.largeur - 2]
        y0, _ = ys[z.ligne - 1]
        _, y1 = ys[z.ligne + z.hauteur - 2]
        p = _zone(z, x0, y0, x1 - x0, y1 - y0, k, dessins)
        plan.zones.append(p)
        if z.id:
            placees[z.id] = p
    for de, vers in canevas.fleches:
        dessins.append(_fleche(placees[de], placees[vers], k))
    return plan


def _cote_a_cote(a: Zone, b: Zone) -> bool:
    """Si deux zones sont l'une à côté de l'autre (leurs colonnes ne se recouvrent pas)."""
    return a.colonne + a.largeur <= b.colonne or b.colonne + b.largeur <= a.colonne


def _positions(debut: float, fin: float, tailles: tuple[float, ...],
               ecart: float) -> list[tuple[float, float]]:
    """Le début et la fin de chaque colonne (ou ligne) de la grille, écarts déduits."""
    place = fin - debut - ecart * (len(tailles) - 1)
    total = sum(tailles)
    resultat, x = [], debut
    for t in tailles:
        resultat.append((x, x + place * t / total))
        x += place * t / total + ecart
    return resultat


def _zone(z: Zone, x: float, y: float, l: float, h: float, k: float,
          dessins: list[Texte | Cadre | Trait]) -> ZonePlacee:
    p = ZonePlacee(z, x, y, l, h)
    dessins.append(Cadre(x, y, l, h, (1.2 if z.accent else 0.5) * k,
                         "#e6e6e6" if z.accent else "#ffffff", arrondi=2 * k))
    interieur = INTERIEUR * k
    place = l - 2 * interieur
    p.titre, trop_long_titre = couper(z.titre, ZONE_TITRE * k, place, gras=True)
    p.question, trop_long_question = couper(z.question, ZONE_QUESTION * k, place)
    p.mot_trop_long = trop_long_titre or trop_long_question
    curseur = y + interieur
    for ligne in p.titre:
        dessins.append(Texte(x + interieur, curseur + MONTANTE * ZONE_TITRE * k, ZONE_TITRE * k,
                             ligne, gras=True))
        curseur += INTERLIGNE * ZONE_TITRE * k
    if p.question:
        curseur += 0.6 * k
    for ligne in p.question:
        dessins.append(Texte(x + interieur, curseur + MONTANTE * ZONE_QUESTION * k,
                             ZONE_QUESTION * k, ligne, gris=True))
        curseur += INTERLIGNE * ZONE_QUESTION * k
    p.bas_du_texte = curseur
    if not z.tableau:
        p.place_pour_ecrire = y + h - interieur - curseur
        return p
    # le tableau : une rangée de titres, puis des rangées vides qui prennent toute la place
    haut = curseur + 2 * k
    colonnes = _positions(x, x + l, (1.0,) * len(z.tableau), 0)
    entetes = [couper(t, ENTETE_TABLEAU * k, b - a - 2 * interieur, gras=True)
               for t, (a, b) in zip(z.tableau, colonnes, strict=True)]
    p.mot_trop_long = p.mot_trop_long or next((m for _, m in entetes if m), "")
    hauteur_entete = max(len(e) for e, _ in entetes) * INTERLIGNE * ENTETE_TABLEAU * k + 2 * k
    dessins.append(Cadre(x + 0.25 * k, haut, l - 0.5 * k, hauteur_entete, 0, "#f0f0f0"))
    for (lignes, _), (a, _) in zip(entetes, colonnes, strict=True):
        for n, ligne in enumerate(lignes):
            dessins.append(Texte(a + interieur, haut + k + (n + MONTANTE) * INTERLIGNE
                                 * ENTETE_TABLEAU * k, ENTETE_TABLEAU * k, ligne, gras=True))
    debut_rangees = haut + hauteur_entete
    fin = y + h - 0.25 * k
    p.place_pour_ecrire = fin - debut_rangees
    pas = p.place_pour_ecrire / z.rangees
    for n in range(z.rangees + 1):
        yy = debut_rangees + n * pas
        if n < z.rangees:
            dessins.append(Trait(x, yy, x + l, yy, 0.3 * k, gris=True))
    dessins.append(Trait(x, haut, x + l, haut, 0.3 * k, gris=True))
    for a, _ in colonnes[1:]:
        dessins.append(Trait(a, haut, a, fin, 0.3 * k, gris=True))
    return p


def _fleche(de: ZonePlacee, vers: ZonePlacee, k: float) -> Trait:
    """Une flèche d'une zone à l'autre, dans l'écart qui les sépare, au milieu de ce qu'elles ont
    en face l'une de l'autre."""
    def milieu(a0: float, a1: float, b0: float, b1: float) -> float:
        bas, haut = max(a0, b0), min(a1, b1)
        return (bas + haut) / 2 if bas < haut else (a0 + a1 + b0 + b1) / 4

    jeu = 1.0 * k
    if vers.x >= de.x + de.largeur:  # vers la droite
        y = milieu(de.y, de.y + de.hauteur, vers.y, vers.y + vers.hauteur)
        return Trait(de.x + de.largeur + jeu, y, vers.x - jeu, y, 0.9 * k, 3 * k)
    if vers.x + vers.largeur <= de.x:  # vers la gauche
        y = milieu(de.y, de.y + de.hauteur, vers.y, vers.y + vers.hauteur)
        return Trait(de.x - jeu, y, vers.x + vers.largeur + jeu, y, 0.9 * k, 3 * k)
    x = milieu(de.x, de.x + de.largeur, vers.x, vers.x + vers.largeur)
    if vers.y >= de.y + de.hauteur:  # vers le bas
        return Trait(x, de.y + de.hauteur + jeu, x, vers.y - jeu, 0.9 * k, 3 * k)
    return Trait(x, de.y - jeu, x, vers.y + vers.hauteur + jeu, 0.9 * k, 3 * k)


# --- Le dessin : SVG, puis PDF ---------------------------------------------------------------

def _n(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _svg_de(d: Texte | Cadre | Trait) -> Iterator[str]:
    match d:
        case Cadre():
            trait = (f' stroke="#000000" stroke-width="{_n(d.trait)}"' if d.trait
                     else ' stroke="none"')
            arrondi = f' rx="{_n(d.arrondi)}"' if d.arrondi else ""
            yield (f'<rect x="{_n(d.x)}" y="{_n(d.y)}" width="{_n(d.largeur)}" '
                   f'height="{_n(d.hauteur)}"{arrondi} fill="{d.fond}"{trait}/>')
        case Trait():
            couleur = "#808080" if d.gris else "#000000"
            x2, y2 = d.x2, d.y2
            if d.pointe:  # la ligne s'arrête à la base de la pointe
                longueur = math.hypot(d.x2 - d.x1, d.y2 - d.y1) or 1
                ux, uy = (d.x2 - d.x1) / longueur, (d.y2 - d.y1) / longueur
                x2, y2 = d.x2 - ux * d.pointe * 0.9, d.y2 - uy * d.pointe * 0.9
                base = (d.x2 - ux * d.pointe, d.y2 - uy * d.pointe)
                demi = d.pointe * 0.55
                points = [(d.x2, d.y2), (base[0] - uy * demi, base[1] + ux * demi),
                          (base[0] + uy * demi, base[1] - ux * demi)]
                yield ('<polygon points="' + " ".join(f"{_n(a)},{_n(b)}" for a, b in points)
                       + f'" fill="{couleur}"/>')
            yield (f'<line x1="{_n(d.x1)}" y1="{_n(d.y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
                   f'stroke="{couleur}" stroke-width="{_n(d.trait)}"/>')
        case Texte():
            attributs = [f'x="{_n(d.x)}"', f'y="{_n(d.y)}"', f'font-size="{_n(d.corps)}"']
            if d.gras:
                attributs.append('font-weight="bold"')
            if d.ancre != "start":
                attributs.append(f'text-anchor="{d.ancre}"')
            if d.gris:
                attributs.append('fill="#333333"')
            if d.vertical:
                attributs.append(f'transform="rotate(-90 {_n(d.x)} {_n(d.y)})"')
            yield f"<text {' '.join(attributs)}>{html.escape(d.texte, quote=False)}</text>"


def svg(canevas: Canevas, format: str, *, pied: str) -> str:
    """Le canevas en SVG, à la taille réelle de la page (``width="297mm"``, ``viewBox`` en mm) ;
    ``pied`` : la ligne du bas (``pied_de``)."""
    plan = mise_en_page(canevas, format, pied)
    l, h = _n(plan.largeur), _n(plan.hauteur)
    lignes = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{l}mm" height="{h}mm" '
        f'viewBox="0 0 {l} {h}" font-family="{FAMILLE}">',
        f"<title>{html.escape(canevas.titre, quote=False)} — canevas {format}</title>",
        f'<rect width="{l}" height="{h}" fill="#ffffff"/>',
        *(ligne for d in plan.dessins for ligne in _svg_de(d)),
        "</svg>",
    ]
    return "\n".join(lignes) + "\n"


TYPST = """#set document(title: sys.inputs.titre, date: none)
#set text(lang: "fr")
#set page(width: {largeur}mm, height: {hauteur}mm, margin: 0pt)
#image(bytes(sys.inputs.svg), format: "svg", width: 100%, height: 100%)
"""


def pdf(canevas: Canevas, format: str, *, pied: str) -> bytes:
    """Le canevas en PDF d'une page : le SVG posé par Typst, sans date (mêmes octets d'un build
    à l'autre)."""
    return composer([(canevas, format, pied)])[0]


def _pdf(canevas: Canevas, format: str, pied: str) -> bytes:
    import typst  # seulement dans le processus qui compose (voir ``composer``)

    largeur_page, hauteur_page = dimensions(canevas, format)
    source: bytes = TYPST.format(largeur=_n(largeur_page), hauteur=_n(hauteur_page)).encode()
    return bytes(typst.compile(source, font_paths=_polices_typst(), sys_inputs={
        "svg": svg(canevas, format, pied=pied), "titre": f"{canevas.titre} — canevas {format}"}))


def composer(taches: list[tuple[Canevas, str, str]]) -> list[bytes]:
    """Les PDF de ``taches`` (canevas, format, pied), composés ensemble par Typst dans un
    nouveau processus Python (``python -m commun.canevas``). Typst compose sur un groupe de fils
    d'exécution créé à son premier appel ; un processus forké ensuite n'en a plus que la trace,
    et Typst l'y attend pour toujours. Or le build forke ses travaux d'arrière-plan
    (``commun.arriere_plan``, les PDF du Livret), et « mkdocs serve » peut avoir déjà appelé
    Typst : un processus neuf compose sans dépendre de ce que le build a fait avant."""
    if not taches:
        return []
    return cast(list[bytes], dans_un_python_neuf("commun.canevas", taches))


@cache
def _polices_typst() -> Any:
    """DejaVu Sans seulement, lue une fois : ni les polices de la machine (le PDF changerait de
    l'une à l'autre), ni celles de Typst."""
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                       font_paths=[str(dossier_des_polices())])


# --- Les fichiers du site --------------------------------------------------------------------

def pied_de(site: Site, outil: str) -> str:
    """« le commun · CC BY-SA 4.0 · https://…/outils/arbre-problemes/ »."""
    morceaux = [site.nom, f"licence {LICENCES.get(site.licence_contenu, site.licence_contenu)}"]
    if site.url:
        morceaux.append(f"{site.url.rstrip('/')}/outils/{outil}/")
    return " · ".join(morceaux)


def chemin(outil: str, format: str, extension: str) -> str:
    """``telechargements/canevas/arbre-problemes-a4.pdf`` : le chemin dans le site."""
    return f"{TELECHARGEMENTS}/{outil}-{format.lower()}.{extension}"


_DEJA_FAITS: dict[tuple[Canevas, str], dict[str, bytes]] = {}


def fichiers(canevas: Canevas, pied: str) -> dict[str, bytes]:
    """Les quatre fichiers d'un canevas (A4 et A3, PDF et SVG) : {chemin dans le site: octets}.
    Gardés en mémoire : la page de l'outil (leur poids) et le build (les écrire) les demandent,
    et « mkdocs serve » ne recompose que les canevas qui ont changé."""
    return fichiers_de([(canevas, pied)])[0]


def fichiers_de(paires: list[tuple[Canevas, str]]) -> list[dict[str, bytes]]:
    """``fichiers`` de chaque (canevas, pied), les PDF qui manquent composés en une fois."""
    manquants = [p for p in dict.fromkeys(paires) if p not in _DEJA_FAITS]
    pdfs = iter(composer([(c, format, pied) for c, pied in manquants for format in FORMATS]))
    for c, pied in manquants:
        resultat = {}
        for format in FORMATS:
            resultat[chemin(c.id, format, "pdf")] = next(pdfs)
            resultat[chemin(c.id, format, "svg")] = svg(c, format, pied=pied).encode("utf-8")
        _DEJA_FAITS[(c, pied)] = resultat
    return [_DEJA_FAITS[p] for p in paires]


def formats() -> Iterable[tuple[str, str]]:
    """(format, extension) dans l'ordre des liens : A4 PDF, A4 SVG, A3 PDF, A3 SVG."""
    return [(f, e) for f in FORMATS for e in EXTENSIONS]


if __name__ == "__main__":  # composer() : des tâches sur l'entrée, des PDF sur la sortie
    sys.stdout.buffer.write(pickle.dumps([_pdf(*t) for t in pickle.loads(sys.stdin.buffer.read())]))
