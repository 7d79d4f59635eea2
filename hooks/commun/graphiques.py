"""Des graphiques en barres, dessinés au build en SVG (aucune bibliothèque dans le navigateur).

Chaque graphique est une ``<figure>`` : le SVG (``role="img"``, ``<title>`` et ``<desc>`` qui
redit les chiffres en une phrase), suivi de son tableau de données dans un ``<details>`` pour les
lecteurs d'écran et pour qui veut recopier les chiffres. Les barres sont horizontales, le libellé
au-dessus de chaque barre : le dessin reste lisible sur un écran de 360 px.

Le SVG et le tableau sont construits avec ``xml.etree.ElementTree`` : un libellé comme
« M'Tsangamouji » ou « <script> » est échappé par le sérialiseur, jamais recopié tel quel.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

LARGEUR = 360  # unités du viewBox ; la feuille de style borne la largeur affichée
MARGE_VALEUR = 58  # place à droite de la barre pour écrire sa valeur (« 12 / 18 »)
TAILLE_TEXTE = 14
TAILLE_VALEUR = 13
HAUTEUR_LIBELLE = 18
HAUTEUR_BARRE = 14
ECART_SERIES = 3
ECART_LIGNES = 12
# Contraste d'au moins 3:1 sur fond blanc (WCAG 1.4.11) ; surchargeables en CSS par classe.
COULEURS = ("#00796b", "#d84315", "#5e35b1", "#6d4c41")
COULEUR_PISTE = "#e0e0e0"


@dataclass(frozen=True)
class Serie:
    nom: str
    valeurs: tuple[int, ...]


@dataclass(frozen=True)
class Graphique:
    """Des catégories (une ligne chacune) et une ou plusieurs séries de valeurs entières.

    ``empile`` : les séries se suivent sur une même barre (sinon une barre par série) ;
    ``cibles`` : une seule série, chaque barre se lit sur sa cible (« 3 / 5 ») ;
    ``maximum`` : la valeur qui occupe toute la largeur (par défaut la plus grande).
    """

    id: str
    titre: str
    resume: str
    entete: str  # intitulé de la colonne des catégories dans le tableau
    categories: tuple[str, ...]
    series: tuple[Serie, ...]
    empile: bool = False
    cibles: tuple[int, ...] | None = None
    maximum: int | None = None

    def __post_init__(self) -> None:
        if not self.series or any(len(s.valeurs) != len(self.categories) for s in self.series):
            raise ValueError(f"{self.id} : chaque série doit avoir une valeur par catégorie")
        if self.cibles is not None and (len(self.series) != 1
                                        or len(self.cibles) != len(self.categories)):
            raise ValueError(f"{self.id} : des cibles demandent une seule série, une par catégorie")

    def total(self, i: int) -> int:
        return sum(s.valeurs[i] for s in self.series)

    def echelle(self, i: int) -> int:
        """La valeur qui remplit toute la largeur pour la ligne ``i``."""
        if self.cibles is not None:
            return max(self.cibles[i], self.series[0].valeurs[i], 1)
        plus_grande = max((self.total(j) if self.empile else max(s.valeurs[j] for s in self.series))
                          for j in range(len(self.categories))) if self.categories else 0
        return max(self.maximum or 0, plus_grande, 1)

    def texte_valeur(self, i: int, serie: int | None = None) -> str:
        if self.cibles is not None:
            return f"{self.series[0].valeurs[i]} / {self.cibles[i]}"
        if serie is not None:
            return str(self.series[serie].valeurs[i])
        return str(self.total(i))


def _texte(parent: ET.Element, x: float, y: float, contenu: str, taille: int,
           **attributs: str) -> ET.Element:
    element = ET.SubElement(parent, "text", {"x": _n(x), "y": _n(y), "font-size": str(taille),
                                             "fill": "currentColor", **attributs})
    element.text = contenu
    return element


def _n(x: float) -> str:
    """Un nombre court pour le SVG (« 12 », « 12.5 »)."""
    return f"{x:.1f}".removesuffix(".0")


def svg(g: Graphique) -> ET.Element:
    longueur = LARGEUR - MARGE_VALEUR
    racine = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "role": "img", "focusable": "false",
        "aria-labelledby": f"{g.id}-titre {g.id}-desc", "class": "commun-graphique__svg"})
    ET.SubElement(racine, "title", {"id": f"{g.id}-titre"}).text = g.titre
    ET.SubElement(racine, "desc", {"id": f"{g.id}-desc"}).text = f"{g.resume} {phrase(g)}"
    y = 0.0
    if len(g.series) > 1:  # la légende, en haut
        legende = ET.SubElement(racine, "g", {"class": "commun-graphique__legende"})
        x = 0.0
        for k, serie in enumerate(g.series):
            ET.SubElement(legende, "rect", {"x": _n(x), "y": "3", "width": "12", "height": "12",
                                            "fill": COULEURS[k % len(COULEURS)],
                                            "class": f"commun-serie-{k}"})
            _texte(legende, x + 17, 14, serie.nom, TAILLE_VALEUR)
            x += 17 + 7.5 * len(serie.nom) + 16
        y = 28.0
    for i, categorie in enumerate(g.categories):
        ligne = ET.SubElement(racine, "g", {"class": "commun-graphique__ligne"})
        _texte(ligne, 0, y + TAILLE_TEXTE, categorie, TAILLE_TEXTE)
        y += HAUTEUR_LIBELLE + 2
        echelle = g.echelle(i)
        if g.cibles is not None:
            ET.SubElement(ligne, "rect", {"x": "0", "y": _n(y), "width": _n(longueur),
                                          "height": str(HAUTEUR_BARRE), "fill": COULEUR_PISTE,
                                          "class": "commun-graphique__piste"})
        x = 0.0
        for k, serie in enumerate(g.series):
            largeur = longueur * serie.valeurs[i] / echelle
            ET.SubElement(ligne, "rect", {
                "x": _n(x), "y": _n(y), "width": _n(largeur), "height": str(HAUTEUR_BARRE),
                "fill": COULEURS[k % len(COULEURS)], "class": f"commun-serie-{k}",
                "data-serie": serie.nom, "data-valeur": str(serie.valeurs[i])})
            if g.empile:
                x += largeur
            else:  # la valeur après la barre (après la piste, quand il y a une cible)
                fin = longueur if g.cibles is not None else largeur
                _texte(ligne, fin + 5, y + HAUTEUR_BARRE - 2, g.texte_valeur(i, k),
                       TAILLE_VALEUR)
                if k < len(g.series) - 1:
                    y += HAUTEUR_BARRE + ECART_SERIES
        if g.empile:
            _texte(ligne, x + 5, y + HAUTEUR_BARRE - 2, g.texte_valeur(i), TAILLE_VALEUR)
        y += HAUTEUR_BARRE + ECART_LIGNES
    hauteur = max(y - ECART_LIGNES + 4, 20)
    racine.set("viewBox", f"0 0 {LARGEUR} {_n(hauteur)}")
    return racine


def phrase(g: Graphique) -> str:
    """Les chiffres du graphique en une phrase (pour ``<desc>``)."""
    morceaux = []
    for i, categorie in enumerate(g.categories):
        if g.cibles is not None:
            morceaux.append(f"{categorie} : {g.texte_valeur(i)}")
        elif len(g.series) == 1:
            morceaux.append(f"{categorie} : {g.series[0].valeurs[i]}")
        else:
            detail = ", ".join(f"{s.nom} {s.valeurs[i]}" for s in g.series)
            morceaux.append(f"{categorie} : {detail}")
    return " ; ".join(morceaux) + "." if morceaux else "Aucune donnée."


def tableau(g: Graphique) -> ET.Element:
    """Le tableau des données du graphique, une ligne par catégorie."""
    table = ET.Element("table")
    ET.SubElement(table, "caption").text = g.titre
    entetes = [g.entete]
    if g.cibles is not None:
        entetes += [g.series[0].nom, "Objectif"]
    else:  # pas de colonne « Total » : le tableau tient sur un écran de téléphone
        entetes += [s.nom for s in g.series]
    tete = ET.SubElement(ET.SubElement(table, "thead"), "tr")
    for entete in entetes:
        ET.SubElement(tete, "th", {"scope": "col"}).text = entete
    corps = ET.SubElement(table, "tbody")
    for i, categorie in enumerate(g.categories):
        ligne = ET.SubElement(corps, "tr")
        ET.SubElement(ligne, "th", {"scope": "row"}).text = categorie
        valeurs = [s.valeurs[i] for s in g.series]
        if g.cibles is not None:
            valeurs.append(g.cibles[i])
        for valeur in valeurs:
            ET.SubElement(ligne, "td").text = str(valeur)
    return table


def figure(g: Graphique) -> str:
    """Le bloc HTML à placer dans une page Markdown : la figure, puis ses données."""
    fig = ET.Element("figure", {"class": "commun-graphique", "id": g.id})
    fig.append(svg(g))
    ET.SubElement(fig, "figcaption").text = g.resume
    donnees = ET.Element("details", {"class": "abstract commun-graphique__donnees"})
    ET.SubElement(donnees, "summary").text = "Voir les données en tableau"
    ET.SubElement(donnees, "div", {"class": "commun-graphique__defilement"}).append(tableau(g))
    # une ligne chacun, sans ligne vide : Markdown les laisse passer comme blocs HTML
    return (ET.tostring(fig, encoding="unicode", method="xml") + "\n\n"
            + ET.tostring(donnees, encoding="unicode", method="html"))
