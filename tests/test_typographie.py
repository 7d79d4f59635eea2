"""La typographie française des pages : espaces insécables avant « : » et dans « », fines avant
« ; ? ! », dans le texte seulement."""

from __future__ import annotations

import re

import pytest

from commun.typographie import FINE, INSECABLE, espacer
from conftest import Projet


@pytest.mark.parametrize(("avant", "apres"), [
    ("<p>Quoi ? Oui ! Bien ; fini : là.</p>",
     f"<p>Quoi{FINE}? Oui{FINE}! Bien{FINE}; fini{INSECABLE}: là.</p>"),
    ("<p>« Bonjour »</p>", f"<p>«{INSECABLE}Bonjour{INSECABLE}»</p>"),
    ("<p>«Collé»</p>", f"<p>«{INSECABLE}Collé{INSECABLE}»</p>"),
    # une espace déjà insécable, mais la mauvaise, est remise à la bonne
    (f"<p>Vraiment{INSECABLE}?</p>", f"<p>Vraiment{FINE}?</p>"),
    # ni le code, ni les attributs, ni les adresses, ni les heures
    ('<p><a href="https://x.fr/?q=a : b" title="a ?">lien ?</a></p>',
     f'<p><a href="https://x.fr/?q=a : b" title="a ?">lien{FINE}?</a></p>'),
    ("<pre><code>a ? b : c\n« x »</code></pre><p>fin !</p>",
     f"<pre><code>a ? b : c\n« x »</code></pre><p>fin{FINE}!</p>"),
    ("<p><code>x ? y</code> et <kbd>Ctrl !</kbd> puis https://a.b 12:30</p>",
     "<p><code>x ? y</code> et <kbd>Ctrl !</kbd> puis https://a.b 12:30</p>"),
    ("<p>a<br/>b ?</p>", f"<p>a<br/>b{FINE}?</p>"),
])
def test_espaces_de_la_ponctuation(avant: str, apres: str) -> None:
    assert espacer(avant) == apres
    assert espacer(apres) == apres  # une seconde fois ne change rien


@pytest.mark.lent
def test_le_site_ne_laisse_aucun_point_d_interrogation_seul(projet: Projet) -> None:
    projet.remplacer("fiches/mtsangamouji-guichet.md", "## Le besoin\n",
                     "## Le besoin\n\nQui vient ? Personne ! « Vraiment » : oui.\n\n")
    site = projet.construire()
    fiche = projet.page(site, "fiches/mtsangamouji-guichet")
    assert f"Qui vient{FINE}? Personne{FINE}! «{INSECABLE}Vraiment{INSECABLE}»{INSECABLE}: oui." \
        in fiche
    # les pages générées aussi : « Feuille de route : » sur la page du CCAS
    assert f"Feuille de route{INSECABLE}: " in projet.page(site, "ccas/mtsangamouji")
    # aucune ponctuation haute précédée d'une espace sécable dans le texte des pages
    for page in ("fiches/mtsangamouji-guichet", "ccas/mtsangamouji", "outils/carte-empathie",
                 "suivi"):
        html = projet.page(site, page)
        corps = html.split('<article', 1)[1].split("</article>", 1)[0]
        texte = re.sub(r"<(code|pre|script|style)\b.*?</\1>|<[^>]+>", "", corps, flags=re.S)
        assert not re.search(r" [;:?!»]|« ", texte), (page, re.findall(r".{20} [;:?!»]", texte))
