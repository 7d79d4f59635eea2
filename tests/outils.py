"""Aides partagées par plusieurs fichiers de tests : un commun construit en mémoire (modèle,
configuration, corpus), pour les tests unitaires, et les contrôles dans Chromium.

Les fabriques (``configuration_minimale``, ``outil``, ``fiche``, ``compte_rendu``,
``corpus_minimal``) rendent des objets du modèle valides, comme le chargement les aurait
construits, sans rien lire ni écrire sur le disque ; chaque champ se remplace par mot-clé, à la
manière des ``load_config(**cfg)`` et ``get_page`` de MkDocs (``tests/base.py``) :
``fiche(etat="idee")``, ``corpus_minimal(fiches=[fiche(id="acoua-a"), fiche(id="acoua-b")])``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from commun import vocabulaire as v
from commun.modele import (
    ADistance,
    Ccas,
    CompteRendu,
    Configuration,
    Corpus,
    FeuillePresence,
    Fiche,
    Labo,
    Outil,
    Site,
    Thematique,
    Validateur,
)

if TYPE_CHECKING:  # Playwright n'est chargé que par les tests dans Chromium
    from playwright.sync_api import Page

# --- Un commun en mémoire -------------------------------------------------------------------

SITE = Site(nom="commun d'essai", territoire="Île d'essai",
            description="Un petit commun pour les tests du moteur.",
            depot="https://forge.example/essai/commun", branche="main",
            licence_contenu="CC-BY-SA-4.0", licence_code="EUPL-1.2", exemples=True,
            url="https://essai.example/")
CCAS = (Ccas("acoua", "Acoua"), Ccas("bandrele", "Bandrélé"),
        Ccas("udccas", "UDCCAS d'essai", "union"))
THEMATIQUES = (Thematique("acces-aux-droits", "Accès aux droits",
                          "Informer et accompagner les démarches."),
               Thematique("jeunesse-enfance-famille", "Jeunesse, enfance et famille"))
VALIDATEURS = (Validateur("coordination", "la coordination du programme d'essai"),)
# ce qu'un contenu validé dit de sa validation
PROVENANCE: dict[str, Any] = {"valide_par": "coordination", "valide_le": "2022-01-10"}
LABOS = (Labo("labo-1", "Labo 1", "octobre 2021", "2021-10-12", "2021-10-14"),
         Labo("labo-2", "Labo 2", "décembre 2021"))

# « Exemple à… » : le territoire suit (ici, une commune)
CORPS_OUTIL = "".join(f"## {s.replace('…', ' Acoua')}\n\nTexte de la section.\n\n"
                      for s in v.SECTIONS_OUTIL)
CORPS_FICHE = "".join(f"## {s}\n\nTexte de la section.\n\n" for s in v.SECTIONS_FICHE)


def configuration_minimale(*, ccas: Iterable[Ccas] = CCAS,
                           thematiques: Iterable[Thematique] = THEMATIQUES,
                           labos: Iterable[Labo] = LABOS, **site: Any) -> Configuration:
    """Le ``commun.yml`` d'un petit territoire : trois CCAS (dont une union), deux
    thématiques, deux labos (le premier avec ses dates prévues). ``site`` remplace des champs du
    site : ``configuration_minimale(exemples=False)``."""
    return Configuration(site=replace(SITE, **site), ccas={c.id: c for c in ccas},
                         thematiques={t.id: t for t in thematiques},
                         labos={l.id: l for l in labos},
                         validateurs={x.id: x for x in VALIDATEURS})


def outil(id: str = "carte-empathie", **champs: Any) -> Outil:
    """Un outil validé de la phase « comprendre », avec toutes ses sections."""
    valeurs: dict[str, Any] = {
        "chemin": f"outils/{id}.md", "titre": "Carte d'empathie",
        "resume": "Se mettre à la place d'un habitant pour comprendre son besoin.",
        "type": "canevas", "phase": "comprendre", "duree_minutes": 90, "participants_min": 4,
        "participants_max": 12, "difficulte": "facile", "materiel": ("Grandes feuilles",),
        "a_distance": ADistance(canaux=("appel-gsm",), langues=("francais", "shimaore"),
                                cout="Un appel court, sur le téléphone de service du CCAS."),
        "validation": v.VALIDE, **PROVENANCE, "licence": "CC-BY-SA-4.0", "corps": CORPS_OUTIL,
        "ligne_corps": 16}
    return Outil(id=id, **{**valeurs, **champs})


def fiche(id: str = "acoua-guichet", **champs: Any) -> Fiche:
    """Une fiche projet validée du CCAS d'Acoua, qui cite le labo 1 et l'outil par défaut."""
    valeurs: dict[str, Any] = {
        "chemin": f"fiches/{id}.md", "titre": "Un guichet d'accès aux droits",
        "resume": "Une permanence hebdomadaire pour les démarches, au plus près des villages.",
        "ccas": "acoua", "thematique": "acces-aux-droits", "priorite": "prioritaire",
        "etat": "en-experimentation", "labos": ("labo-1",), "outils": ("carte-empathie",),
        "equipe": ("Référente du projet",), "mis_a_jour": "2022-06-30",
        "validation": v.VALIDE, **PROVENANCE, "licence": "CC-BY-SA-4.0", "corps": CORPS_FICHE,
        "ligne_corps": 15}
    return Fiche(id=id, **{**valeurs, **champs})


def compte_rendu(labo: str = "labo-1", **champs: Any) -> CompteRendu:
    """Le compte rendu validé d'un labo (son identifiant est celui du labo, comme au
    chargement), où Acoua et l'UDCCAS étaient présents."""
    valeurs: dict[str, Any] = {
        "chemin": f"labos/{labo}.md", "titre": "Labo 1 : comprendre", "debut": "2021-10-12",
        "fin": "2021-10-14", "lieu": "Mamoudzou", "format": "presentiel",
        "ccas_presents": ("acoua", "udccas"), "outils": ("carte-empathie",),
        "fiches": ("acoua-guichet",), "validation": v.VALIDE, **PROVENANCE,
        "licence": "CC-BY-SA-4.0",
        "corps": "## Objectifs\n\nComprendre.\n", "ligne_corps": 14}
    return CompteRendu(id=labo, labo=labo, **{**valeurs, **champs})


def corpus_minimal(*, outils: Iterable[Outil] | None = None,
                   fiches: Iterable[Fiche] | None = None,
                   comptes_rendus: Iterable[CompteRendu] | None = None,
                   presences: Iterable[FeuillePresence] = (),
                   configuration: Configuration | None = None, apercu: bool = False) -> Corpus:
    """Un corpus sur ``configuration_minimale()`` : par défaut un outil, une fiche et un compte
    rendu (ceux des fabriques) ; une liste, même vide, les remplace."""
    return Corpus(
        configuration or configuration_minimale(),
        {o.id: o for o in ((outil(),) if outils is None else outils)},
        {f.id: f for f in ((fiche(),) if fiches is None else fiches)},
        {c.id: c for c in ((compte_rendu(),) if comptes_rendus is None else comptes_rendus)},
        apercu=apercu, presences={p.labo: p for p in presences})


# --- Chromium -------------------------------------------------------------------------------

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"

# Les transitions du thème (le titre de l'en-tête glisse en 0,4 s quand la page défile) : axe
# lirait une couleur à mi-chemin, selon la charge de la machine. Les arrêter pose chaque élément
# dans son état final, celui qu'un lecteur voit ; c'est lui qu'axe juge.
SANS_TRANSITIONS = ("*,*::before,*::after{transition:none!important;"
                    "animation:none!important;scroll-behavior:auto!important}")
DEUX_IMAGES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
REGLES_AXE = ("['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']")


def violations_axe(page: Page) -> list[tuple[str, list]]:
    """(règle, premier élément) de chaque violation axe-core (WCAG 2.2 A/AA et bonnes pratiques)
    de la page dans son état posé. axe est évalué par le protocole du navigateur : la politique
    de sécurité (CSP) de la page, qui refuse tout script en ligne, ne le concerne pas."""
    assert AXE.exists(), "axe-core manque : lancez « npm ci »"
    page.add_style_tag(content=SANS_TRANSITIONS)
    page.evaluate(DEUX_IMAGES)  # les scripts du thème voient le dernier défilement
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    resultat = page.evaluate(f"() => axe.run(document, {{runOnly: {{type: 'tag', "
                             f"values: {REGLES_AXE}}}}})")
    assert resultat["passes"], "axe n'a rien vérifié"
    return [(v["id"], v["nodes"][0]["target"]) for v in resultat["violations"]]
