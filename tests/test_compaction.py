"""Les pages sans les blancs d'indentation du gabarit (``commun.compaction``) : plus légères sur
un téléphone, et le même texte pour le lecteur."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from commun.compaction import compacter
from conftest import Projet, telephone_360


def test_les_blancs_d_indentation_deviennent_un_saut_de_ligne() -> None:
    gabarit = ("<nav>\n    <ul>\n\n      <li>\n        <a href=\"x\">\n          Accueil\n"
               "        </a>\n      </li>\n    </ul>\n  </nav>\n")
    assert compacter(gabarit) == ("<nav>\n<ul>\n<li>\n<a href=\"x\">\nAccueil\n</a>\n</li>\n"
                                  "</ul>\n</nav>\n")


def test_ce_qui_garde_ses_blancs_n_est_pas_touche() -> None:
    garde = ('<pre><code>def f():\n\n    return 1\n</code></pre>\n'
             '<p>du <code>a\n   b</code> et</p>\n<textarea>\n  ligne 1\n\n  ligne 2</textarea>\n'
             '<script type="application/json">{"a":\n   1}</script>\n'
             '<style>\n  p { color: red }\n</style>\n'
             '<meta name="description" content="deux\n   lignes">')
    assert compacter(garde) == garde
    # un blanc entre deux mots ou deux liens reste un blanc ; sans saut de ligne, rien ne change
    assert compacter("<a>un</a>  <a>deux</a>") == "<a>un</a>  <a>deux</a>"
    assert compacter("<a>un</a> \n  <a>deux</a>") == "<a>un</a>\n<a>deux</a>"
    # les repères que la copie hors ligne remplace restent là
    assert compacter("<p>\n  <!--commun:copie-hors-ligne-->\n</p>") == (
        "<p>\n<!--commun:copie-hors-ligne-->\n</p>")


@pytest.mark.lent
@pytest.mark.navigateur
def test_une_page_compactee_se_lit_pareil(navigateur: Browser, projet: Projet) -> None:
    """Le texte que le lecteur voit (innerText) est le même avant et après compaction, et la
    page compactée est nettement plus légère."""
    site = projet.construire()
    page_compactee = (site / "fiches" / "mtsangamouji-guichet" / "index.html").read_text(
        encoding="utf-8")
    # la page telle que le gabarit l'écrit : ses blancs d'indentation rétablis à la main
    indentee = page_compactee.replace("\n<", "\n        <").replace(">\n", ">\n\n      ")
    assert compacter(indentee) == page_compactee
    assert len(page_compactee) < len(indentee)
    contexte, page = telephone_360(navigateur)
    textes = []
    for html in (indentee, page_compactee):
        fichier = site / "fiches" / "mtsangamouji-guichet" / "essai.html"
        fichier.write_text(html, encoding="utf-8")
        page.goto(fichier.as_uri())
        textes.append(page.locator("body").inner_text())
    contexte.close()
    assert textes[0] == textes[1]
    assert "Un guichet" in textes[1]
