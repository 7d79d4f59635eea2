"""La copie hors ligne d'un téléphone quand le commun est reconstruit (Chromium, 360 × 740).

Le petit commun d'essai, servi sur 127.0.0.1, est téléchargé en entier (« Consulter hors
ligne »), puis une fiche change et le site est reconstruit dans le même dossier : la copie
d'avant reste lisible sans réseau, recherche comprise, et « Mettre à jour » ne retélécharge
que les fichiers dont l'empreinte a changé, et les seules parties de la liste des fichiers
(``hors-ligne/fichiers-N.json``) qui en listent un."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from commun import hors_ligne
from commun.hors_ligne import lire_liste, taille
from conftest import Projet, telephone_360

pytestmark = pytest.mark.navigateur


@contextmanager
def servir_en_comptant(site: Path) -> Iterator[tuple[str, list[str]]]:
    """Sert ``site`` et note le chemin de chaque requête reçue."""
    recues: list[str] = []

    class Compteur(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            recues.append(self.path)

    serveur = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Compteur, directory=str(site)))
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{serveur.server_address[1]}", recues
    finally:
        serveur.shutdown()
        serveur.server_close()


def telecharger_tout(page: Page) -> str:
    page.get_by_role("button", name="Consulter hors ligne").or_(
        page.get_by_role("button", name="Mettre à jour")).click()
    # (expect plutôt que wait_for_function, qui évalue une chaîne : la CSP des pages le refuse)
    expect(page.locator("#commun-etat-hors-ligne")).to_have_text(re.compile("^Prêt"),
                                                                 timeout=60_000)
    return page.locator("#commun-etat-hors-ligne").inner_text()


def empreintes(site: Path) -> dict[str, str]:
    return lire_liste(site)


def parties(site: Path) -> list[str]:
    return json.loads((site / "hors-ligne" / "fichiers.json").read_text(encoding="utf-8"))[
        "parties"]


def caches_du_commun(page: Page) -> list[str]:
    return page.evaluate("caches.keys().then(n => n.filter(x => x.startsWith('commun-')))")


def test_un_nouveau_build_garde_la_copie_et_ne_retelecharge_que_ce_qui_change(
        navigateur: Browser, projet: Projet, monkeypatch: pytest.MonkeyPatch) -> None:
    # des parties de 200 fichiers : le commun d'essai (un demi-millier de fichiers) en a quatre,
    # loin du seuil où leur nombre double (à 64, un fichier de plus au commun d'essai le franchit)
    monkeypatch.setattr(hors_ligne, "PAR_PARTIE", 200)
    site = projet.construire()
    with servir_en_comptant(site) as (adresse, recues):
        contexte, page = telephone_360(navigateur)
        page.goto(adresse + "/hors-ligne/")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()
        # avant de dépenser son forfait, on sait ce que pèse le commun
        liste = json.loads((site / "hors-ligne" / "fichiers.json").read_text(encoding="utf-8"))
        assert page.get_by_role("button").filter(has_text="Consulter hors ligne").inner_text() \
            == f"Consulter hors ligne ({taille(liste['octets'])})"
        premier = telecharger_tout(page)
        assert "repris" not in premier
        version_1 = caches_du_commun(page)
        assert len(version_1) == 1
        avant_build, parties_avant = empreintes(site), parties(site)
        assert len(parties_avant) > 1  # la liste est bien découpée

        # une fiche change, une autre est publiée ; le site est reconstruit là où il est servi
        modele = (projet.racine / "fiches" / "mtsangamouji-guichet.md").read_text(
            encoding="utf-8")
        projet.ecrire("fiches/mtsangamouji-epicerie.md", modele.replace(
            "titre: Un guichet", "titre: Une épicerie solidaire"))
        projet.remplacer("fiches/mtsangamouji-guichet.md", "titre: Un guichet",
                         "titre: Un nouveau guichet")
        projet.construire()
        apres_build, parties_apres = empreintes(site), parties(site)
        assert len(parties_apres) == len(parties_avant)
        changees = {f"hors-ligne/fichiers-{i}.json" for i, e in enumerate(parties_apres)
                    if parties_avant[i] != e}
        # une partie ne change que si elle liste un fichier ajouté ou modifié (ici, l'index de
        # recherche change presque en entier : ses scores dépendent de tout le corpus)
        for nom in changees:
            listes = json.loads((site / nom).read_text(encoding="utf-8"))["fichiers"]
            assert any(avant_build.get(u) != apres_build[u] for u in listes), nom
        inchanges = {u for u, e in apres_build.items() if avant_build.get(u) == e}
        assert "outils/prototype-papier/" in inchanges and "fiches/mtsangamouji-guichet/" \
            not in inchanges
        page.evaluate("""async () => {  // le nouveau service worker s'installe et s'active
            const r = await navigator.serviceWorker.getRegistration();
            await r.update();
            while (r.installing || r.waiting) await new Promise(ok => setTimeout(ok, 50));
        }""")
        caches = caches_du_commun(page)
        assert len(caches) == 2 and version_1[0] in caches  # la copie d'avant est gardée

        # sans réseau, une page jamais ouverte depuis le nouveau build se lit dans la copie d'avant
        contexte.set_offline(True)
        page.goto(adresse + "/outils/prototype-papier/")
        assert page.locator("h1").inner_text().rstrip("¶") == "Prototype papier"
        page.goto(adresse + "/recherche/?q=guichet")  # et sa recherche, entière
        page.locator("#commun-resultats a").first.wait_for()
        assert "Un guichet" in page.locator("#commun-resultats").inner_text()
        contexte.set_offline(False)

        page.goto(adresse + "/hors-ligne/")
        avant = len(recues)
        second = telecharger_tout(page)
        # (l'icône de l'onglet, le navigateur la demande lui-même, hors service worker)
        telecharges = [r.removeprefix("/") for r in recues[avant:]
                       if not r.startswith("/assets/icones/icone-32.png")]
        repris = int(second.split("; ")[1].split(" repris")[0])
        # ce qui n'a pas changé vient de la copie d'avant ; seul ce qui a changé est téléchargé
        assert [r for r in telecharges if r in inchanges] == []
        assert "fiches/mtsangamouji-guichet/" in telecharges
        assert "fiches/mtsangamouji-epicerie/" in telecharges
        # de la liste des fichiers : la racine, et les seules parties qui ont changé
        assert {r.split("?")[0] for r in telecharges if r.startswith("hors-ligne/fichiers")} \
            == {"hors-ligne/fichiers.json", *changees}
        assert len(inchanges) - 10 <= repris <= len(inchanges), second  # 10 : déjà en cache
        apres = caches_du_commun(page)
        assert len(apres) == 1 and apres != version_1  # la copie d'avant n'a plus d'usage

        # une image ajoutée, rien d'autre : une seule partie de la liste change, et « Mettre à
        # jour » ne télécharge qu'elle (les autres sont reprises de la copie) et l'image
        avant_build, parties_avant = empreintes(site), parties(site)
        projet.ecrire("docs/assets/ajoutee.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
        projet.construire()
        assert {u for u, e in empreintes(site).items() if avant_build.get(u) != e} \
            == {"assets/ajoutee.svg"}
        changees = {f"hors-ligne/fichiers-{i}.json" for i, e in enumerate(parties(site))
                    if parties_avant[i] != e}
        assert len(changees) == 1
        page.evaluate("""async () => {
            const r = await navigator.serviceWorker.getRegistration();
            await r.update();
            while (r.installing || r.waiting) await new Promise(ok => setTimeout(ok, 50));
        }""")
        page.goto(adresse + "/hors-ligne/")
        avant = len(recues)
        troisieme = telecharger_tout(page)
        recus = {r.removeprefix("/").split("?")[0] for r in recues[avant:]}
        assert {r for r in recus if r.startswith(("hors-ligne/fichiers", "assets/aj"))} \
            == {"hors-ligne/fichiers.json", *changees, "assets/ajoutee.svg"}, troisieme
        contexte.close()
