"""Aides des tests dans Chromium, partagées par plusieurs fichiers de tests."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

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
