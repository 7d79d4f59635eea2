"""Banc d'essai du commun : vitesse de build et poids des pages, face à Material « nu ».

Usage :
    python scripts/bench.py [--fiches 2000 5000] [--sans-material] [--lighthouse]
                            [--sans-mise-a-jour] [--garder DOSSIER]

Pour chaque taille, le banc :
1. copie le dépôt dans un dossier temporaire et y ajoute N fiches synthétiques (~420 mots) ;
2. construit le site (``mkdocs build --strict``) : durée, pic de mémoire (RSS du plus gros
   processus, et du build avec ses processus de travail additionnés), taille du site et de la
   copie ZIP, ZIM pour Kiwix ;
3. le sert en local avec gzip (comme un hébergeur statique) et le charge dans Chromium headless
   (écran de téléphone, 360 × 740) : octets transférés à la première visite de chaque type de
   page, puis à la visite suivante d'une autre page, octets d'une première recherche et délai
   jusqu'aux premiers résultats, en ligne et depuis la copie décompressée (``file://``) ;
4. mesure « Mettre à jour » sur un téléphone : ajoute une fiche et reconstruit, puis à la
   place modifie le corps d'une fiche et reconstruit ; chaque fois, compare les deux
   ``hors-ligne/fichiers.json`` : fichiers retéléchargés et leur poids gzip (la liste
   comprise), rubrique par rubrique, et le poids de la copie du téléphone ;
5. fait de même pour un build Material ordinaire des mêmes fichiers Markdown (navigation par
   défaut, recherche de Material), pour comparer.

Les chiffres s'affichent en tableau à la fin. Rien n'est chronométré dans les tests : c'est ici
qu'on mesure.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:  # Playwright n'est importé que pour mesurer dans Chromium (voir plus bas)
    from playwright.sync_api import Browser, Page, Request

RACINE = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGUMENTS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]
sys.path.insert(0, str(RACINE / "hooks"))


# --- 1. Le contenu synthétique --------------------------------------------------------------

def vocabulaire() -> list[str]:
    """Les mots du contenu livré : un français réaliste, avec ses accents."""
    texte = " ".join(p.read_text(encoding="utf-8").split("---", 2)[-1]
                     for d in ("fiches", "outils") for p in (RACINE / d).glob("*.md"))
    return [m for m in re.findall(r"[\wÀ-ÿ'’-]+", texte) if not m.isdigit()]


def phrase(hasard: random.Random, mots: list[str], n: int) -> str:
    debut = hasard.randrange(len(mots) - n)
    return " ".join(mots[debut:debut + n]).capitalize() + "."


def fiches_synthetiques(dossier: Path, n: int, graine: int = 976) -> None:
    from commun.chargement import charger_configuration

    config = charger_configuration(RACINE)
    hasard = random.Random(graine)
    mots = vocabulaire()
    outils = sorted(p.stem for p in (RACINE / "outils").glob("*.md"))
    for i in range(n):
        # des fiches comme celles des vrais CCAS (jamais publiées : le banc les jette), réparties
        # sur tout le territoire, comptées au tableau de bord comme les vraies
        fiche_synthetique(dossier, i, hasard, mots, outils, config)


def contenu_livre_d_abord(projet: Path, jour: str = "2022-12-01") -> None:
    """Les outils et fiches livrés, validés le 5 décembre 2026, datés ici d'avant les fiches
    synthétiques (publiées depuis 2023) : à 5 000 fiches, ils sont l'origine du commun, pas le
    dernier lot publié. Sinon la fiche « la plus récente » du banc, validée le même jour qu'eux,
    mesurerait une publication au milieu d'un lot de 57 contenus (voir le README)."""
    for chemin in [*(projet / "outils").glob("*.md"), *(projet / "fiches").glob("*.md")]:
        texte = chemin.read_text(encoding="utf-8")
        chemin.write_text(re.sub(r"(?m)^(valide_le|mis_a_jour): \S+$", rf"\1: {jour}", texte),
                          encoding="utf-8")


def fiche_synthetique(dossier: Path, i: int, hasard: random.Random, mots: list[str],
                      outils: list[str], config: Any, mis_a_jour: str | None = None) -> Path:
    """La fiche synthétique n° i + 1 (``mis_a_jour`` : une date tirée au hasard en 2022)."""
    etats = ["idee", "en-conception", "en-experimentation", "deploye", "abandonne"]
    sections = ["Le besoin", "La solution", "L'expérimentation", "Les enseignements",
                "La feuille de route"]
    ccas = hasard.choice(list(config.ccas_reels))
    corps = []
    for s in sections:
        paragraphes = [" ".join(phrase(hasard, mots, hasard.randint(10, 22))
                                for _ in range(4)) for _ in range(2)]
        corps.append(f"## {s}\n\n" + "\n\n".join(paragraphes))
    labos = sorted(hasard.sample(list(config.labos), hasard.randint(1, 3)))
    texte = "\n".join([
        "---",
        "titre: " + json.dumps(f"Projet synthétique n° {i + 1} — "
                               + phrase(hasard, mots, 4)[:-1], ensure_ascii=False),
        f"resume: {json.dumps(phrase(hasard, mots, 14)[:150], ensure_ascii=False)}",
        f"ccas: {ccas}",
        f"thematique: {hasard.choice(list(config.thematiques))}",
        f"priorite: {hasard.choice(['prioritaire', 'secondaire'])}",
        f"etat: {hasard.choice(etats)}",
        f"labos: [{', '.join(labos)}]",
        f"outils: [{', '.join(hasard.sample(outils, 3))}]",
        "equipe: [Référent du projet, agent du CCAS]",
        "mis_a_jour: " + (mis_a_jour or
                          f"2022-{hasard.randint(1, 12):02d}-{hasard.randint(1, 28):02d}"),
        "validation: validé",
        "valide_par: equipe-commun",
        # publiées au fil du programme, quatre par jour depuis 2023 : la plus récente en dernier
        f"valide_le: {mis_a_jour or (date(2023, 1, 1) + timedelta(days=i // 4)).isoformat()}",
        "licence: CC-BY-SA-4.0",
        "---",
        "\n\n".join(corps),
        "",
    ])
    chemin = dossier / f"{ccas}-synthese-{i + 1:05d}.md"
    chemin.write_text(texte, encoding="utf-8")
    return chemin


# --- 2. Le build ----------------------------------------------------------------------------

def construire(projet: Path, config: str = "mkdocs.yml") -> dict[str, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_avant = usage.ru_utime + usage.ru_stime
    debut = time.perf_counter()
    # pas de « -q » : MkDocs filtrerait alors les avertissements avant que --strict les compte.
    # Le build tourne dans un processus qui dit à la fin son propre pic de mémoire.
    lanceur = ("import resource, runpy, sys\n"
               f"sys.argv = ['mkdocs', 'build', '--strict', '-f', {config!r}]\n"
               "try:\n    runpy.run_module('mkdocs', run_name='__main__')\n"
               "except SystemExit as e:\n    code = e.code\nelse:\n    code = 0\n"
               "moi = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
               "enfants = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
               "print(f'PIC_RSS_KO={max(moi, enfants)}', file=sys.stderr)\n"
               "sys.exit(code)\n")
    processus = subprocess.Popen([sys.executable, "-c", lanceur], cwd=projet, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # le build fait une partie du travail dans des processus à part : leur mémoire s'ajoute
    pic_total = 0
    sorties: list[str] = []
    lecteur = threading.Thread(target=lambda: sorties.extend(processus.communicate()))
    lecteur.start()
    while lecteur.is_alive():
        pic_total = max(pic_total, rss_arbre_ko(processus.pid))
        lecteur.join(0.25)
    duree = time.perf_counter() - debut
    if processus.returncode:
        raise SystemExit(f"le build a échoué :\n{sorties[1][-3000:]}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime - cpu_avant
    if not (trouve := re.search(r"PIC_RSS_KO=(\d+)", sorties[1])):
        raise SystemExit(f"le build n'a pas donné son pic de mémoire :\n{sorties[1][-3000:]}")
    pic = int(trouve.group(1))
    site = projet / "site"
    octets = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    zip_ = site / "telechargements" / "commun-hors-ligne.zip"
    kiwix = site / "telechargements" / "commun.zim"
    index = list((site / "recherche").rglob("*.js"))
    # les PDF (Livret, certificats) se composent pendant le build : leur durée, et ce qu'ils
    # ont fait attendre à la fin (le journal du hook hooks/imprimes.py)
    pdf = re.search(r"Imprimés : .*\(([\d.]+) s, dont ([\d.]+) s d'attente", sorties[1])
    mesures = {"build_s": duree, "cpu_s": cpu, "rss_mo": pic / 1024,
            "rss_total_mo": pic_total / 1024, "site_mo": octets / 1e6,
            "zip_mo": zip_.stat().st_size / 1e6 if zip_.exists() else 0.0,
            "zim_mo": kiwix.stat().st_size / 1e6 if kiwix.exists() else 0.0,
            "pages": sum(1 for _ in site.rglob("index.html"))}
    if pdf:
        mesures.update(pdf_s=float(pdf.group(1)), pdf_attente_s=float(pdf.group(2)))
    if index:  # notre recherche (pas celle de Material)
        mesures.update(index_fichiers=len(index),
                       index_mo=sum(p.stat().st_size for p in index) / 1e6,
                       index_gzip_mo=sum(len(gzip.compress(p.read_bytes(), 6))
                                         for p in index) / 1e6)
    return mesures


def rss_arbre_ko(racine: int) -> int:
    """La mémoire résidente d'un processus et de tous ses descendants, additionnée (les pages
    partagées après un fork comptent deux fois : c'est un majorant)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for dossier in Path("/proc").iterdir():
        if not dossier.name.isdigit():
            continue
        try:
            stat = (dossier / "stat").read_text()
            statut = (dossier / "status").read_text()
        except OSError:
            continue
        pid = int(dossier.name)
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
        ligne = next((l for l in statut.splitlines() if l.startswith("VmRSS:")), "VmRSS: 0 kB")
        rss[pid] = int(ligne.split()[1])
    total = 0
    for pid in rss:
        p = pid
        while p and p != racine:
            p = parents.get(p, 0)
        if p == racine:
            total += rss[pid]
    return total


# --- 3. Servir avec gzip et mesurer dans Chromium --------------------------------------------

class Octets:
    """Ce que le serveur a réellement envoyé (en-têtes compris) : les octets transférés,
    service worker compris, cache du navigateur déduit."""

    def __init__(self, flux: io.BufferedIOBase) -> None:
        self.flux = flux

    def write(self, donnees: bytes) -> int:
        ServeurGzip.envoyes += len(donnees)
        return self.flux.write(donnees)

    def __getattr__(self, nom: str) -> Any:
        return getattr(self.flux, nom)


class ServeurGzip(http.server.SimpleHTTPRequestHandler):
    """Comme un hébergeur statique : gzip pour le texte, cache de 10 minutes, ETag."""

    TEXTE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".webmanifest", ".txt")
    envoyes = 0

    def setup(self) -> None:
        super().setup()
        # Octets fait tout ce que fait le flux qu'il enveloppe (__getattr__), sans en hériter
        self.wfile = Octets(self.wfile)  # type: ignore[assignment]

    def log_message(self, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        chemin = Path(self.translate_path(self.path))
        if chemin.is_dir():
            chemin = chemin / "index.html"
        if not chemin.is_file() or not chemin.name.endswith(self.TEXTE) \
                or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        corps = gzip.compress(chemin.read_bytes(), 6)
        etag = f'"{chemin.stat().st_mtime_ns:x}-{len(corps):x}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return None
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(chemin)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(corps)))
        self.send_header("ETag", etag)
        self.end_headers()
        return io.BytesIO(corps)


class Serveur(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # un navigateur qui ferme une connexion en cours n'est pas une erreur du banc


def servir(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    serveur = Serveur(
        ("127.0.0.1", 0), functools.partial(ServeurGzip, directory=str(site)))
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    return serveur, f"http://127.0.0.1:{serveur.server_address[1]}/"


class Compteur:
    """Compte les octets envoyés par le serveur local, et les requêtes vers d'autres sites."""

    def __init__(self, page: Page) -> None:
        self.hors_site: list[str] = []

        def noter(requete: Request) -> None:
            if not requete.url.startswith(("http://127.0.0.1", "file:", "data:")):
                self.hors_site.append(requete.url)

        page.context.on("request", noter)
        ServeurGzip.envoyes = 0

    def lire(self) -> int:
        octets, ServeurGzip.envoyes = ServeurGzip.envoyes, 0
        return octets


def mesurer_pages(navigateur: Browser, adresse: str, pages: dict[str, str]) -> dict[str, int]:
    """Première visite de chaque type de page (cache vide), puis visite suivante d'une autre."""
    mesures: dict[str, int] = {}
    for nom, url in pages.items():
        contexte = navigateur.new_context(viewport={"width": 360, "height": 740})
        page = contexte.new_page()
        compteur = Compteur(page)
        page.goto(adresse + url, wait_until="networkidle")
        page.wait_for_timeout(1500)  # le service worker s'installe et met la coquille en cache
        mesures[f"1re visite : {nom}"] = compteur.lire()
        contexte.close()
    contexte = navigateur.new_context(viewport={"width": 360, "height": 740})
    page = contexte.new_page()
    compteur = Compteur(page)
    urls = list(pages.values())
    page.goto(adresse + urls[0], wait_until="networkidle")
    page.wait_for_timeout(1500)
    compteur.lire()
    page.goto(adresse + urls[-1], wait_until="networkidle")
    page.wait_for_timeout(500)
    mesures["visite suivante (autre page)"] = compteur.lire()
    mesures["requêtes vers un autre site"] = len(compteur.hors_site)
    contexte.close()
    return mesures


def premiere_recherche(navigateur: Browser, url: str, ouvrir: Callable[[Page], None],
                       champ: str, resultats: str, mot: str) -> tuple[int, float]:
    """Octets chargés et délai entre la première frappe et les premiers résultats."""
    contexte = navigateur.new_context(viewport={"width": 360, "height": 740})
    page = contexte.new_page()
    compteur = Compteur(page)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    ouvrir(page)
    page.wait_for_timeout(300)
    compteur.lire()
    debut = time.perf_counter()
    page.locator(champ).press_sequentially(mot, delay=0)
    try:
        page.locator(resultats).first.wait_for(timeout=20_000)
        duree = time.perf_counter() - debut
    except Exception:
        duree = float("nan")
    page.wait_for_timeout(500)
    octets = compteur.lire()
    contexte.close()
    return octets, duree


def lighthouse(adresse: str, pages: dict[str, str]) -> dict[str, str]:
    """Scores Lighthouse (mobile) des types de page, avec le Chromium de Debian.
    Lighthouse 12.8.2 vient du registre npm par npx (la 13 demande Node 22)."""
    scores = {}
    drapeaux = " ".join(ARGUMENTS)
    for nom, url in pages.items():
        resultat = subprocess.run(
            ["npx", "--yes", "lighthouse@12.8.2", adresse + url, "--quiet", "--output=json",
             "--output-path=stdout", "--form-factor=mobile", f"--chrome-flags={drapeaux}",
             "--only-categories=performance,accessibility,best-practices,seo"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
        try:
            categories = json.loads(resultat.stdout)["categories"]
        except (ValueError, KeyError):
            scores[f"Lighthouse : {nom}"] = "échec"
            continue
        scores[f"Lighthouse : {nom}"] = " / ".join(
            str(round(categories[c]["score"] * 100))
            for c in ("performance", "accessibility", "best-practices", "seo"))
    return scores


# --- 4. « Mettre à jour » sur un téléphone : ce qu'une fiche ajoutée ou modifiée coûte ----

LISTE_HORS_LIGNE = "hors-ligne/fichiers.json"


def lire_liste(site: Path) -> dict[str, str]:
    """url → empreinte, d'après ``hors-ligne/fichiers.json`` et ses parties."""
    from commun.hors_ligne import lire_liste as lire

    return lire(site)


def parties_de_liste(site: Path) -> dict[str, str]:
    """La liste et ses parties (chemin → empreinte) : la liste est relue à chaque mise à jour,
    une partie seulement quand son empreinte a changé."""
    from commun.hors_ligne import partie

    liste = json.loads((site / LISTE_HORS_LIGNE).read_text(encoding="utf-8"))
    return {LISTE_HORS_LIGNE: liste["version"],
            **{partie(n): e for n, e in enumerate(liste.get("parties", []))}}


def fichier_du_site(site: Path, url: str) -> Path:
    return site / (url + "index.html" if url == "" or url.endswith("/") else url)


def octets_gzip(chemin: Path) -> int:
    return len(gzip.compress(chemin.read_bytes(), 6))


def rubrique(url: str) -> str:
    """La rubrique d'un fichier dans le détail : son dossier, à part les pages « page-N »."""
    if re.search(r"(^|/)page-\d+/", url):
        return "listes, pages « page-N »"
    if url.startswith("hors-ligne/fichiers"):
        return "hors-ligne/fichiers*.json (la liste)"
    if "/" not in url.rstrip("/"):  # l'accueil, une page ou un fichier à la racine
        return url or "accueil"
    return url.split("/", 1)[0] + "/"


def copie_telephone(site: Path) -> dict[str, object]:
    """Le poids de la copie du téléphone : la somme des fichiers listés, brute et gzip."""
    urls = list(lire_liste(site))
    chemins = [fichier_du_site(site, u) for u in urls]
    return {"copie téléphone : fichiers": len(urls),
            "copie téléphone (Mo)": sum(c.stat().st_size for c in chemins) / 1e6,
            "copie téléphone, gzip (Mo)": sum(octets_gzip(c) for c in chemins) / 1e6}


def difference(avant: dict[str, str], listes_avant: dict[str, str],
               site: Path) -> tuple[int, int, dict[str, list[int]]]:
    """Ce qu'un téléphone qui a la copie ``avant`` retélécharge : (fichiers, octets gzip,
    {rubrique: [fichiers, octets gzip]}), la liste et ses parties changées comprises."""
    apres = lire_liste(site)
    changes = [u for u, e in apres.items() if avant.get(u) != e]
    changes += [c for c, e in parties_de_liste(site).items() if listes_avant.get(c) != e]
    detail: dict[str, list[int]] = {}
    total = 0
    for url in changes:
        octets = octets_gzip(fichier_du_site(site, url))
        total += octets
        ligne = detail.setdefault(rubrique(url), [0, 0])
        ligne[0] += 1
        ligne[1] += octets
    return len(changes), total, detail


def dates(projet: Path) -> int:
    """Le nombre de contenus datés du commun : ceux que la recherche range par tranches
    (``commun.recherche.tranche_en_cours``)."""
    from commun.construction import construire as construire_commun

    return sum(1 for c in construire_commun(projet).publiable.contenus() if c.publie_le)


def mise_a_jour(projet: Path, n: int) -> dict[str, object]:
    """Ajoute une fiche, puis à la place en modifie une, puis ajoute celle qui ouvre une
    tranche de l'index de recherche : après chaque rebuild (PDF déjà faits en cache), sa durée
    et ce que « Mettre à jour » retélécharge sur un téléphone (gzip), rubrique par rubrique."""
    from commun.chargement import charger_configuration
    from commun.recherche import RECENTS

    site = projet / "site"
    mesures: dict[str, object] = copie_telephone(site)
    avant, listes_avant = lire_liste(site), parties_de_liste(site)
    hasard = random.Random(13)
    mots = vocabulaire()
    outils = sorted(p.stem for p in (RACINE / "outils").glob("*.md"))
    config = charger_configuration(RACINE)
    details: dict[str, dict[str, list[int]]] = {}

    def reconstruire(cas: str) -> None:
        print(f"— {n} fiches : rebuild, une fiche {cas}…", file=sys.stderr)
        temps = construire(projet)
        mesures[f"rebuild, 1 fiche {cas} : écoulé / CPU (s)"] = \
            f"{temps['build_s']:.1f} / {temps['cpu_s']:.1f}"
        fichiers, octets, details[cas] = difference(avant, listes_avant, site)
        mesures[f"1 fiche {cas} : fichiers retéléchargés"] = fichiers
        mesures[f"1 fiche {cas} : octets retéléchargés (gzip)"] = octets

    def ajouter(i: int) -> Path:
        return fiche_synthetique(projet / "fiches", i, hasard, mots, outils, config,
                                 mis_a_jour="2026-12-05")

    # a) une fiche nouvelle, la plus récente du commun
    nouvelle = ajouter(n)
    reconstruire("ajoutée")
    nouvelle.unlink()
    # b) le corps d'une fiche existante réécrit (même en-tête)
    existante = next((projet / "fiches").glob("*-synthese-00002.md"))
    texte = existante.read_text(encoding="utf-8")
    entete, corps = texte.rsplit("\n---\n", 1)
    existante.write_text(entete + "\n---\n" + corps.replace(
        "## La solution\n\n", "## La solution\n\n" + phrase(hasard, mots, 30) + "\n\n", 1),
        encoding="utf-8")
    reconstruire("modifiée")
    existante.write_text(texte, encoding="utf-8")
    # c) une fois toutes les RECENTS fiches : celle qui ouvre une tranche de la recherche (et
    # verse la précédente dans les fichiers des mots), après celles qui remplissent la tranche
    ajoutees = [ajouter(n + i) for i in range(-dates(projet) % RECENTS)]
    print(f"— {n} fiches : rebuild, {len(ajoutees)} fiches ajoutées…", file=sys.stderr)
    construire(projet)
    avant, listes_avant = lire_liste(site), parties_de_liste(site)
    ajoutees.append(ajouter(n + len(ajoutees)))
    reconstruire("qui ouvre une tranche de la recherche")
    for chemin in ajoutees:
        chemin.unlink()
    for cas, detail in details.items():
        for nom, (f, o) in sorted(detail.items(), key=lambda x: -x[1][1]):
            mesures[f"  fiche {cas} : {nom} (fichiers / octets)"] = f"{f} / {o / 1024:.1f} Ko"
    return mesures


# --- 5. Material « nu » : les mêmes fichiers Markdown --------------------------------------

def projet_material(source: Path, dossier: Path) -> None:
    docs = dossier / "docs"
    for collection in ("outils", "fiches", "labos"):
        shutil.copytree(source / collection, docs / collection)
    (docs / "index.md").write_text("# Le commun\n\nAccueil.\n", encoding="utf-8")
    (dossier / "mkdocs.yml").write_text(
        "site_name: le commun (Material ordinaire)\n"
        "theme:\n  name: material\n  language: fr\n"
        "plugins:\n  - search:\n      lang: fr\n", encoding="utf-8")


# --- Le tout -------------------------------------------------------------------------------

def banc(n: int, avec_material: bool, garder: Path | None,
         avec_lighthouse: bool = False, avec_mise_a_jour: bool = True
         ) -> dict[str, dict[str, object]]:
    from playwright.sync_api import sync_playwright

    base = Path(tempfile.mkdtemp(prefix=f"bench-{n}-"))
    projet = base / "commun"
    shutil.copytree(RACINE, projet, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", "__pycache__", ".pytest_cache", "node_modules", ".cache"))
    contenu_livre_d_abord(projet)
    fiches_synthetiques(projet / "fiches", n)
    colonnes: dict[str, dict[str, object]] = {"le commun": {}, "Material": {}}
    print(f"— {n} fiches : build du commun…", file=sys.stderr)
    colonnes["le commun"].update(construire(projet))
    un_outil = "outils/carte-empathie/"
    une_fiche = f"fiches/{next((projet / 'fiches').glob('*-synthese-00001.md')).stem}/"
    if avec_material:
        print(f"— {n} fiches : build Material ordinaire…", file=sys.stderr)
        autre = base / "material"
        projet_material(projet, autre)
        colonnes["Material"].update(construire(autre))
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        serveur, adresse = servir(projet / "site")
        colonnes["le commun"].update(mesurer_pages(navigateur, adresse, {
            "accueil": "", "catalogue": "fiches/", "fiche": une_fiche, "outil": un_outil}))

        def ouvrir_commun(page: Page) -> None:
            page.locator("a.commun-bouton-recherche").click()
            page.wait_for_load_state("networkidle")

        octets, duree = premiere_recherche(navigateur, adresse, ouvrir_commun, "#commun-q",
                                           "#commun-resultats a", "personnes agees")
        colonnes["le commun"]["1re recherche (octets)"] = octets
        colonnes["le commun"]["1ers résultats en ligne (s)"] = duree
        if avec_lighthouse:
            colonnes["le commun"].update(lighthouse(adresse, {
                "accueil": "", "catalogue": "fiches/", "fiche": une_fiche, "outil": un_outil}))
        serveur.shutdown()
        copie = base / "copie"
        with zipfile.ZipFile(projet / "site" / "telechargements" / "commun-hors-ligne.zip") as z:
            z.extractall(copie)
        _, duree = premiere_recherche(
            navigateur, (copie / "le-commun" / "index.html").as_uri(), ouvrir_commun,
            "#commun-q", "#commun-resultats a", "personnes agees")
        colonnes["le commun"]["1ers résultats file:// (s)"] = duree
        if avec_material:
            serveur, adresse = servir(base / "material" / "site")
            colonnes["Material"].update(mesurer_pages(navigateur, adresse, {
                "accueil": "", "catalogue": "fiches/", "fiche": une_fiche, "outil": un_outil}))

            def ouvrir_material(page: Page) -> None:
                page.locator("label.md-header__button[for='__search']").click()

            octets, duree = premiere_recherche(navigateur, adresse, ouvrir_material,
                                               "input.md-search__input",
                                               ".md-search-result__item", "personnes agees")
            colonnes["Material"]["1re recherche (octets)"] = octets
            colonnes["Material"]["1ers résultats en ligne (s)"] = duree
            colonnes["Material"]["1ers résultats file:// (s)"] = "ne marche pas"
            serveur.shutdown()
        navigateur.close()
    if avec_mise_a_jour:  # en dernier : les deux rebuilds réécrivent le site mesuré plus haut
        colonnes["le commun"].update(mise_a_jour(projet, n))
    if garder:
        shutil.copytree(base, garder / f"bench-{n}", dirs_exist_ok=True)
    shutil.rmtree(base, ignore_errors=True)
    return colonnes


def format_valeur(cle: str, valeur: object) -> str:
    if isinstance(valeur, float):
        if valeur != valeur:
            return "—"
        return f"{valeur:.2f}" if cle.endswith(("(s)", "_s")) else f"{valeur:.1f}"
    if isinstance(valeur, int) and ("visite" in cle or "octets" in cle):
        return f"{valeur / 1024:.1f} Ko"
    return str(valeur)


def main(arguments: list[str]) -> int:
    parseur = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parseur.add_argument("--fiches", type=int, nargs="+", default=[2000, 5000])
    parseur.add_argument("--sans-material", action="store_true")
    parseur.add_argument("--garder", type=Path)
    parseur.add_argument("--lighthouse", action="store_true",
                         help="ajoute les scores Lighthouse mobile (performance / accessibilité "
                              "/ bonnes pratiques / SEO) ; télécharge Lighthouse par npx")
    parseur.add_argument("--sans-mise-a-jour", action="store_true",
                         help="sans mesurer « Mettre à jour » (deux rebuilds de moins)")
    options = parseur.parse_args(arguments)
    libelles = {"build_s": "build, temps écoulé (s)", "cpu_s": "build, temps CPU (s)",
                "rss_mo": "pic RSS d'un processus (Mo)",
                "rss_total_mo": "pic RSS, build et ses processus additionnés (Mo)",
                "site_mo": "site (Mo)",
                "zip_mo": "copie ZIP (Mo)", "zim_mo": "ZIM pour Kiwix (Mo)", "pages": "pages",
                "pdf_s": "PDF (Livret, certificats) : composition, en parallèle du build (s)",
                "pdf_attente_s": "PDF : attente ajoutée en fin de build (s)",
                "index_fichiers": "index de recherche : fichiers",
                "index_mo": "index de recherche (Mo)",
                "index_gzip_mo": "index de recherche, fichier par fichier en gzip (Mo)",
                **{f"1 fiche {cas} : octets retéléchargés (gzip)":
                   f"1 fiche {cas} : octets retéléchargés (gzip, cible ≤ 150 Ko à 5 000)"
                   for cas in ("ajoutée", "modifiée",
                               "qui ouvre une tranche de la recherche")}}
    for n in options.fiches:
        colonnes = banc(n, not options.sans_material, options.garder, options.lighthouse,
                        not options.sans_mise_a_jour)
        cles = list(dict.fromkeys(k for c in colonnes.values() for k in c))
        print(f"\n## {n} fiches synthétiques (+ le contenu livré)\n")
        print("| mesure | le commun | Material ordinaire |")
        print("|---|---:|---:|")
        for cle in cles:
            valeurs = [format_valeur(cle, c.get(cle, "—")) for c in colonnes.values()]
            print(f"| {libelles.get(cle, cle)} | {valeurs[0]} | {valeurs[1]} |")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
