"""La carte des CCAS : tracés simplifiés, un lien par commune, la même information en liste, les
couleurs de l'état du projet prioritaire, rien pour un territoire sans contours."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from commun import carte
from commun.modele import Ccas, Contour, Corpus
from outils import CCAS, configuration_minimale, corpus_minimal, fiche

SVG = "{http://www.w3.org/2000/svg}"


def carre(x: float, y: float, cote: float = 0.01, pas: int = 50) -> tuple[tuple[float, float], ...]:
    """Un carré fermé, avec beaucoup de points alignés (que la simplification retire)."""
    bords = [(x + cote * i / pas, y) for i in range(pas)] + \
        [(x + cote, y + cote * i / pas) for i in range(pas)] + \
        [(x + cote - cote * i / pas, y + cote) for i in range(pas)] + \
        [(x, y + cote - cote * i / pas) for i in range(pas)]
    return (*bords, bords[0])


def test_la_simplification_garde_la_forme_d_un_anneau_ferme() -> None:
    anneau = carre(45.0, -12.8)
    simple = carte.simplifier(anneau, carte.TOLERANCE)
    assert len(anneau) == 201 and 5 <= len(simple) <= 6  # les quatre coins, fermé
    assert simple[0] == simple[-1] == anneau[0]
    assert {(round(x, 4), round(y, 4)) for x, y in simple} == {
        (45.0, -12.8), (45.01, -12.8), (45.01, -12.79), (45.0, -12.79)}


def corpus_avec_carte() -> Corpus:
    ccas = (Ccas("acoua", "Acoua", insee="97601"), Ccas("bandrele", "Bandrélé", insee="97603"),
            Ccas("udccas", "UDCCAS d'essai", "union"),
            Ccas("exemple-essai", "CCAS fictif", fictif=True, insee="97699"))
    config = replace(configuration_minimale(ccas=ccas), contours=(
        Contour("97601", (carre(45.0, -12.7),)), Contour("97603", (carre(45.1, -12.9),)),
        Contour("97699", (carre(45.2, -12.9),)), Contour("99999", (carre(46.0, -12.0),))))
    return corpus_minimal(configuration=config, fiches=[
        fiche(etat="deploye"), fiche("acoua-b", etat="idee"),
        fiche("bandrele-a", ccas="bandrele", priorite="secondaire", etat="deploye")])


def test_un_lien_par_commune_et_la_meme_chose_en_liste() -> None:
    html = carte.carte(corpus_avec_carte(), "../")
    figure, liste = html.split("\n\n")
    svg = ET.fromstring(figure).find(f"{SVG}svg")
    assert svg is not None
    liens = svg.findall(f"{SVG}a")
    # les deux communes du référentiel ; ni l'entité fictive, ni un code inconnu
    assert [(a.get("href"), a.get("aria-label")) for a in liens] == [
        ("../ccas/acoua/", "Acoua : projet prioritaire déployé"),
        ("../ccas/bandrele/", "Bandrélé : aucun projet prioritaire publié")]
    remplis = [a.find(f"{SVG}path").get("fill") for a in liens]  # type: ignore[union-attr]
    assert remplis == [carte.COULEURS["deploye"], carte.COULEURS["aucun"]]
    assert svg.get("aria-labelledby") == "carte-des-ccas-titre"
    legende = [t.text for t in svg.findall(f"{SVG}text")]
    assert legende == [libelle.capitalize() for _, _, libelle in carte.ETATS]
    assert ('<a href="../ccas/acoua/"><strong>Acoua</strong><span> : projet prioritaire '
            "déployé</span></a>") in liste
    assert '<a href="../ccas/bandrele/"><strong>Bandrélé</strong>' in liste
    assert "fictif" not in liste


def test_pas_de_contours_pas_de_carte() -> None:
    assert carte.carte(corpus_minimal(configuration=configuration_minimale(ccas=CCAS)), "") == ""


def test_les_contours_du_territoire_se_lisent(tmp_path: Path) -> None:
    geo = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "97601", "nom": "Acoua"},
         "geometry": {"type": "Polygon", "coordinates": [[[45.0, -12.7], [45.1, -12.7],
                                                          [45.1, -12.8], [45.0, -12.7]]]}},
        {"type": "Feature", "properties": {"code": "97608"},
         "geometry": {"type": "MultiPolygon", "coordinates": [
             [[[45.2, -12.8], [45.3, -12.8], [45.3, -12.9], [45.2, -12.8]]],
             [[[45.4, -12.8], [45.5, -12.8], [45.5, -12.9], [45.4, -12.8]]]]}}]}
    (tmp_path / "c.geojson").write_text(json.dumps(geo), encoding="utf-8")
    lus = carte.contours(tmp_path / "c.geojson")
    assert [(c.insee, len(c.anneaux)) for c in lus] == [("97601", 1), ("97608", 2)]
