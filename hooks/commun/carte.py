"""La carte des CCAS, dessinée au build en SVG depuis les contours des communes déposés dans le
dépôt (GeoJSON, ``site.carte``) : ni fond de carte, ni script, ni requête vers un autre site.

Chaque commune est un lien vers la page de son CCAS, coloriée selon l'état de son projet
prioritaire ; une légende dans le dessin, et la même information en liste juste après (pour les
lecteurs d'écran, et pour qui lit mal les couleurs). Les tracés sont simplifiés
(Douglas-Peucker) : quelques kilo-octets pour tout le territoire.
"""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from commun.modele import Ccas, Configuration, Contour, Corpus

LARGEUR = 360  # unités du viewBox, comme les graphiques
TOLERANCE = 0.0008  # degrés (environ 90 m, moins d'une unité du dessin) : en deçà, un point
# ne change pas le dessin
Point = tuple[float, float]

# l'état du projet prioritaire d'un CCAS, du plus avancé au moins avancé : couleur de remplissage
# (contraste d'au moins 3:1 avec le blanc des frontières, WCAG 1.4.11) et libellé de la légende
ETATS: tuple[tuple[str, str, str], ...] = (
    ("deploye", "#1b5e20", "projet prioritaire déployé"),
    ("en-experimentation", "#00796b", "projet prioritaire en expérimentation"),
    ("en-conception", "#5e35b1", "projet prioritaire en conception"),
    ("idee", "#8d6e63", "projet prioritaire à l'état d'idée"),
    ("aucun", "#757575", "aucun projet prioritaire publié"),
)
_RANG = {e: i for i, (e, _, _) in enumerate(ETATS)}
COULEURS = {e: couleur for e, couleur, _ in ETATS}


def contours(chemin: Path) -> tuple[Contour, ...]:
    """Les communes d'un GeoJSON (propriété ``code`` : le code INSEE) : leurs contours
    extérieurs, îlots compris."""
    donnees = json.loads(chemin.read_text(encoding="utf-8"))
    resultat = []
    for f in donnees.get("features", []):
        geo = f.get("geometry") or {}
        polygones = [geo["coordinates"]] if geo.get("type") == "Polygon" else \
            geo.get("coordinates", []) if geo.get("type") == "MultiPolygon" else []
        anneaux = tuple(tuple((float(p[0]), float(p[1])) for p in poly[0])
                        for poly in polygones if poly)
        resultat.append(Contour(str((f.get("properties") or {}).get("code", "")), anneaux))
    return tuple(resultat)


def simplifier(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker : les points qui s'écartent de plus de ``tolerance`` de la corde."""
    if len(points) < 3:
        return list(points)
    garder = [False] * len(points)
    garder[0] = garder[-1] = True
    piles = [(0, len(points) - 1)]
    while piles:
        debut, fin = piles.pop()
        (x1, y1), (x2, y2) = points[debut], points[fin]
        longueur = math.hypot(x2 - x1, y2 - y1)
        loin, ecart = debut, 0.0
        for i in range(debut + 1, fin):
            x, y = points[i]
            # un anneau fermé commence et finit au même point : la distance à ce point
            d = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / longueur if longueur \
                else math.hypot(x - x1, y - y1)
            if d > ecart:
                loin, ecart = i, d
        if ecart > tolerance:
            garder[loin] = True
            piles += [(debut, loin), (loin, fin)]
    return [p for p, g in zip(points, garder, strict=True) if g]


def etat_prioritaire(corpus: Corpus, ccas: str) -> str:
    """L'état le plus avancé des projets prioritaires (non abandonnés) du CCAS, ou « aucun »."""
    etats = [f.etat for f in corpus.fiches_de_ccas(ccas)
             if f.priorite == "prioritaire" and f.etat in _RANG]
    return min(etats, key=_RANG.__getitem__, default="aucun")


def carte(corpus: Corpus, base: str) -> str:
    """La figure : le SVG (un lien par commune, vers ``base`` + « ccas/<id>/ ») puis la liste.
    ``corpus`` : les faits (sans exemple) ; rien si le territoire n'a pas de contours."""
    config = corpus.configuration
    par_code = {c.insee: c for c in config.ccas.values() if c.insee and not c.fictif}
    communes = [(c, par_code[c.insee], etat_prioritaire(corpus, par_code[c.insee].id))
                for c in config.contours if c.insee in par_code]
    if not communes:
        return ""
    fig = ET.Element("figure", {"class": "commun-carte", "id": "carte-des-ccas"})
    fig.append(_svg(config, communes, base))
    ET.SubElement(fig, "figcaption").text = (
        f"Les {len(communes)} communes et l'état du projet prioritaire de leur CCAS. Chaque "
        "commune mène à la page de son CCAS.")
    liste = ET.Element("details", {"class": "abstract commun-carte__liste"})
    ET.SubElement(liste, "summary").text = "Voir la carte en liste"
    ul = ET.SubElement(liste, "ul")
    for _, ccas, etat in sorted(communes, key=lambda commune: commune[1].nom):
        lien = ET.SubElement(ET.SubElement(ul, "li"), "a", {"href": f"{base}ccas/{ccas.id}/"})
        ET.SubElement(lien, "strong").text = ccas.nom
        ET.SubElement(lien, "span").text = f" : {_libelle(etat)}"
    return (ET.tostring(fig, encoding="unicode", method="xml") + "\n\n"
            + ET.tostring(liste, encoding="unicode", method="html"))


def _libelle(etat: str) -> str:
    return next(libelle for e, _, libelle in ETATS if e == etat)


def _svg(config: Configuration, communes: list[tuple[Contour, Ccas, str]],
         base: str) -> ET.Element:
    """Le dessin : (contour, CCAS, état de son projet prioritaire) de chaque commune."""
    points = [p for c, _, _ in communes for a in c.anneaux for p in a]
    cos0 = math.cos(math.radians(sum(y for _, y in points) / len(points)))
    xs = [x * cos0 for x, _ in points]
    ys = [-y for _, y in points]
    x0, y0 = min(xs), min(ys)
    echelle = LARGEUR / (max(xs) - x0)
    hauteur = (max(ys) - y0) * echelle
    legende = 22 * len(ETATS) + 10

    def projeter(p: Point) -> str:
        x = (p[0] * cos0 - x0) * echelle
        y = (-p[1] - y0) * echelle
        return f"{x:.0f} {y:.0f}"  # une unité du dessin : une centaine de mètres

    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg",
                             "viewBox": f"-4 -4 {LARGEUR + 8} {hauteur + legende + 8:.0f}",
                             "aria-labelledby": "carte-des-ccas-titre"})
    ET.SubElement(svg, "title", {"id": "carte-des-ccas-titre"}).text = (
        f"Carte des CCAS de {config.site.territoire}")
    for c, ccas, etat in communes:
        lien = ET.SubElement(svg, "a", {"href": f"{base}ccas/{ccas.id}/",
                                        "aria-label": f"{ccas.nom} : {_libelle(etat)}"})
        ET.SubElement(lien, "title").text = f"{ccas.nom} : {_libelle(etat)}"
        chemin = " ".join(
            "M" + " L".join(projeter(p) for p in simplifier(a, TOLERANCE)) + " Z"
            for a in c.anneaux)
        ET.SubElement(lien, "path", {"d": chemin, "fill": COULEURS[etat],
                                     "stroke": "#ffffff", "stroke-width": "1",
                                     "class": f"commun-carte__commune commun-carte--{etat}"})
    y = hauteur + 10
    for _, couleur, libelle in ETATS:
        ET.SubElement(svg, "rect", {"x": "0", "y": f"{y:.0f}", "width": "16", "height": "16",
                                    "fill": couleur})
        ET.SubElement(svg, "text", {"x": "24", "y": f"{y + 13:.0f}", "font-size": "14"}).text = \
            libelle.capitalize()
        y += 22
    return svg
