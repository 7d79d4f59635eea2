"""Évaluation de la recherche du commun, face à Pagefind, sur des requêtes jugées à la main.

Usage :
    python scripts/evaluer_recherche.py [--ensemble developpement|reserve|tout]
                                        [--version REF | --copie-de-travail]
                                        [--garder DOSSIER] [--details]

Les requêtes et leurs pages pertinentes sont dans ``tests/fixtures/recherche/requetes.yml``
(jugées en lisant les pages, avant tout réglage du moteur ; un tiers est tenu en réserve), le
corpus public dans ``tests/fixtures/recherche/corpus/`` (voir son README). L'évaluation :

1. copie le dépôt dans un dossier temporaire (la version ``--version``, HEAD par défaut, par
   ``git archive`` ; ou la copie de travail telle quelle avec ``--copie-de-travail``) et y ajoute
   le corpus sous ``docs/corpus/``, indexé par notre recherche comme toute page de ``docs/`` ;
2. construit le site (``mkdocs build --strict``, les pages du corpus hors menu) ;
3. fait indexer par Pagefind (paquet npm épinglé dans ``package.json``) les mêmes pages que
   notre index, et seulement le contenu de la page (``data-pagefind-body`` sur l'article,
   sans le bloc d'impression) ;
4. sert le site en local avec gzip (le serveur de ``scripts/bench.py``) et, dans Chromium
   headless avec un écran de téléphone (360 px), pour chaque requête et dans un contexte neuf
   (cache vide, sans service worker) :
   - tape la requête dans notre page de recherche (formulaire ``#commun-recherche``, champ
     ``q``) et lit les liens des résultats (``#commun-resultats li > a``) une fois
     ``#commun-etat`` rempli et la liste stable ;
   - interroge Pagefind par son API JavaScript (``pagefind.search``) dans la même page, et lit
     l'adresse des 20 premiers résultats (autant que notre page en montre) ;
5. calcule succès@1, succès@5 et le rang réciproque moyen (MRR, 0 quand aucune page
   pertinente n'est dans la liste), par ensemble, par source (corpus, contenu du commun) et par
   sorte de requête ; et les octets d'une première recherche (gzip, en-têtes compris, comme le
   navigateur les reçoit), médiane sur les requêtes : pour nous, les fichiers de la recherche
   chargés avec la page (adresse contenant « recherche », page elle-même exclue) et les
   scripts et données que la requête charge ; pour Pagefind, tout ce que charge
   ``/pagefind/`` (moteur, WebAssembly, index, puis les fragments des 5 premiers résultats, ou
   des 20).

Le tableau s'affiche en Markdown. Tout est déterministe : mêmes fichiers, mêmes chiffres.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml
from bench import ARGUMENTS, CHROMIUM, RACINE, servir

if TYPE_CHECKING:  # Playwright n'est importé que pour mesurer dans Chromium
    from playwright.sync_api import Browser, Page, Request

FIXTURES = RACINE / "tests" / "fixtures" / "recherche"
REQUETES = FIXTURES / "requetes.yml"
CORPUS = FIXTURES / "corpus"
PAGEFIND = RACINE / "node_modules" / ".bin" / "pagefind"

SORTES = ("exact", "sans-accent", "mot-en-trop", "faute-de-frappe", "trait-d-union", "prefixe",
          "petit-mot", "titre-ambigu", "langage-courant")
ENSEMBLES = ("developpement", "reserve")
CHAMPS = ("id", "requete", "sorte", "ensemble", "pertinentes")
SOURCES = {"c": "corpus", "m": "commun"}  # la première lettre de l'identifiant
PROFONDEUR = 20  # résultats lus par requête : ce que notre page montre


# --- 1. Les requêtes jugées ------------------------------------------------------------------

class RequetesInvalides(Exception):
    """Le fichier des requêtes est mal formé : un message « chemin:ligne: … » par problème."""


@dataclass(frozen=True)
class Requete:
    id: str
    texte: str
    sorte: str
    ensemble: str
    pertinentes: tuple[str, ...]
    ligne: int = 0

    @property
    def source(self) -> str:
        return SOURCES.get(self.id[:1], "?")


def tirage_reserve(ids: Iterable[str], graine: int) -> set[str]:
    """Le tirage de la réserve, tel qu'il a été fait une fois pour toutes avant la première
    mesure : pour chaque source (c, puis m), un tiers des identifiants triés."""
    hasard = random.Random(graine)
    reserve: set[str] = set()
    tous = sorted(ids)
    for lettre in SOURCES:
        groupe = [i for i in tous if i.startswith(lettre)]
        reserve |= set(hasard.sample(groupe, round(len(groupe) / 3)))
    return reserve


def charger_requetes(chemin: Path = REQUETES) -> tuple[int, list[Requete]]:
    """La graine et les requêtes du fichier ; ``RequetesInvalides`` avec tous les problèmes
    trouvés, chacun situé (``chemin:ligne: message``)."""
    nom = str(chemin)
    try:
        texte = chemin.read_text(encoding="utf-8")
        racine = yaml.compose(texte)
        donnees = yaml.safe_load(texte)
    except (OSError, yaml.YAMLError) as e:
        raise RequetesInvalides(f"{nom}:1: fichier illisible ({e})") from None
    if not isinstance(donnees, dict) or racine is None:
        raise RequetesInvalides(f"{nom}:1: il faut « graine: » et « requetes: »")
    problemes: list[str] = []
    graine = donnees.get("graine")
    if not isinstance(graine, int):
        problemes.append(f"{nom}:1: « graine » doit être un nombre entier")
    noeuds = next((v for k, v in racine.value if k.value == "requetes"), None)
    elements = donnees.get("requetes")
    if not isinstance(elements, list) or noeuds is None:
        problemes.append(f"{nom}:1: « requetes » doit être une liste")
        raise RequetesInvalides("\n".join(problemes))
    requetes: list[Requete] = []
    for noeud, brut in zip(noeuds.value, elements, strict=True):
        ligne = noeud.start_mark.line + 1
        ici = f"{nom}:{ligne}:"
        if not isinstance(brut, dict):
            problemes.append(f"{ici} une requête s'écrit avec id, requete, sorte, ensemble, "
                             "pertinentes")
            continue
        manquants = [c for c in CHAMPS if c not in brut]
        if manquants:
            problemes.append(f"{ici} il manque {', '.join(manquants)}")
            continue
        if inconnus := sorted(set(brut) - set(CHAMPS)):
            problemes.append(f"{ici} champ inconnu : {', '.join(map(str, inconnus))}")
        pertinentes = brut["pertinentes"]
        if not isinstance(pertinentes, list) or not pertinentes \
                or not all(isinstance(p, str) and p.endswith("/") and not p.startswith("/")
                           for p in pertinentes):
            problemes.append(f"{ici} « pertinentes » : une liste de chemins de pages comme "
                             "« outils/persona/ » (sans « / » au début, avec « / » à la fin)")
            continue
        if brut["sorte"] not in SORTES:
            problemes.append(f"{ici} sorte inconnue « {brut['sorte']} » (possibles : "
                             f"{', '.join(SORTES)})")
        if brut["ensemble"] not in ENSEMBLES:
            problemes.append(f"{ici} ensemble inconnu « {brut['ensemble']} » (possibles : "
                             f"{', '.join(ENSEMBLES)})")
        if not isinstance(brut["requete"], str) or not brut["requete"].strip():
            problemes.append(f"{ici} la requête est vide")
        if str(brut["id"])[:1] not in SOURCES:
            problemes.append(f"{ici} l'identifiant commence par « c » (corpus) ou « m » "
                             "(contenu du commun)")
        requetes.append(Requete(str(brut["id"]), str(brut["requete"]), str(brut["sorte"]),
                                str(brut["ensemble"]), tuple(pertinentes), ligne))
    vus: dict[str, int] = {}
    for r in requetes:
        if r.id in vus:
            problemes.append(f"{nom}:{r.ligne}: identifiant « {r.id} » déjà pris ligne "
                             f"{vus[r.id]}")
        vus.setdefault(r.id, r.ligne)
    if isinstance(graine, int) and not problemes:
        attendu = tirage_reserve([r.id for r in requetes], graine)
        for r in requetes:
            if (r.ensemble == "reserve") != (r.id in attendu):
                problemes.append(f"{nom}:{r.ligne}: « {r.id} » devrait être en "
                                 f"{'reserve' if r.id in attendu else 'developpement'} "
                                 f"(tirage de la graine {graine})")
    if problemes:
        raise RequetesInvalides("\n".join(problemes))
    assert isinstance(graine, int)
    return graine, requetes


def chemin_source(page: str) -> str:
    """Le fichier Markdown d'une page du site (``outils/persona/`` → ``outils/persona.md``) ;
    une page d'index de dossier est aussi ``dossier/index.md`` (voir ``chemins_possibles``)."""
    return page.removesuffix("/") + ".md" if page else "index.md"


def chemins_possibles(page: str) -> tuple[str, str]:
    """Les deux fichiers Markdown qui donnent la page ``page`` (``x/`` vient de ``x.md`` ou de
    ``x/index.md``)."""
    return chemin_source(page), page + "index.md"


# --- 2. Les mesures ---------------------------------------------------------------------------

def rang(resultats: Sequence[str], pertinentes: Iterable[str]) -> int | None:
    """Le rang (1 = premier) du premier résultat pertinent, ou None s'il n'y en a aucun."""
    voulues = set(pertinentes)
    return next((i for i, r in enumerate(resultats, 1) if r in voulues), None)


def succes(rangs: Sequence[int | None], k: int) -> float:
    """La part des requêtes dont une page pertinente est dans les k premiers résultats."""
    return sum(1 for r in rangs if r is not None and r <= k) / len(rangs) if rangs else 0.0


def mrr(rangs: Sequence[int | None]) -> float:
    """Le rang réciproque moyen : 1/rang du premier résultat pertinent, 0 s'il n'y en a pas."""
    return sum(1 / r for r in rangs if r is not None) / len(rangs) if rangs else 0.0


@dataclass
class Reponse:
    """Ce qu'un moteur a rendu pour une requête."""

    resultats: list[str]
    octets: int
    octets_20: int = 0  # Pagefind : avec les fragments des 20 premiers (les 5 premiers sinon)
    note: str = ""


@dataclass
class Mesures:
    """Les réponses des deux moteurs, requête par requête."""

    requetes: list[Requete]
    commun: dict[str, Reponse] = field(default_factory=dict)
    pagefind: dict[str, Reponse] = field(default_factory=dict)

    def rangs(self, moteur: str, requetes: Iterable[Requete]) -> list[int | None]:
        reponses = self.commun if moteur == "commun" else self.pagefind
        return [rang(reponses[r.id].resultats, r.pertinentes) for r in requetes]


def groupes(requetes: Sequence[Requete]) -> list[tuple[str, list[Requete]]]:
    """Les lignes du tableau : chaque ensemble présent, l'ensemble des deux, chaque source,
    chaque sorte."""
    lignes: list[tuple[str, list[Requete]]] = []
    presents = [e for e in ENSEMBLES if any(r.ensemble == e for r in requetes)]
    for e in presents:
        lignes.append((f"ensemble {e}", [r for r in requetes if r.ensemble == e]))
    if len(presents) > 1:
        lignes.append(("tout", list(requetes)))
    for lettre, source in SOURCES.items():
        lignes.append((f"source {source}", [r for r in requetes if r.id.startswith(lettre)]))
    for s in SORTES:
        lignes.append((f"sorte {s}", [r for r in requetes if r.sorte == s]))
    return [(nom, rs) for nom, rs in lignes if rs]


def tableau(mesures: Mesures) -> str:
    """Le tableau Markdown des résultats."""
    entete = ["| requêtes | n | commun s@1 | commun s@5 | commun MRR "
              "| Pagefind s@1 | Pagefind s@5 | Pagefind MRR |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    lignes = []
    for nom, rs in groupes(mesures.requetes):
        valeurs = []
        for moteur in ("commun", "pagefind"):
            rangs = mesures.rangs(moteur, rs)
            valeurs += [f"{succes(rangs, 1):.2f}", f"{succes(rangs, 5):.2f}", f"{mrr(rangs):.3f}"]
        lignes.append(f"| {nom} | {len(rs)} | " + " | ".join(valeurs) + " |")
    ids = [r.id for r in mesures.requetes]

    def mediane(valeurs: list[int]) -> str:
        return f"{statistics.median(valeurs) / 1024:.1f} Ko" if valeurs else "—"

    octets = [
        "",
        "| première recherche, contexte neuf (gzip, médiane) | octets |",
        "|---|---:|",
        f"| le commun | {mediane([mesures.commun[i].octets for i in ids])} |",
        f"| Pagefind, 5 premiers résultats | "
        f"{mediane([mesures.pagefind[i].octets for i in ids])} |",
        f"| Pagefind, 20 premiers résultats | "
        f"{mediane([mesures.pagefind[i].octets_20 for i in ids])} |",
    ]
    return "\n".join(entete + lignes + octets)


def details(mesures: Mesures) -> str:
    """Requête par requête : le rang de la première page pertinente chez chacun."""
    lignes = ["| id | requête | sorte | commun | Pagefind | premier résultat du commun |",
              "|---|---|---|---:|---:|---|"]
    for r in mesures.requetes:
        rc = rang(mesures.commun[r.id].resultats, r.pertinentes)
        rp = rang(mesures.pagefind[r.id].resultats, r.pertinentes)
        premier = (mesures.commun[r.id].resultats or ["(aucun)"])[0]
        note = f" ({mesures.commun[r.id].note})" if mesures.commun[r.id].note else ""
        lignes.append(f"| {r.id} | {r.texte} | {r.sorte} | {rc or '—'} | {rp or '—'} "
                      f"| {premier}{note} |")
    return "\n".join(lignes)


# --- 3. Le site d'évaluation ------------------------------------------------------------------

def copier_depot(dossier: Path, version: str | None) -> None:
    """Le dépôt dans ``dossier`` : la version ``version`` (git archive), ou la copie de travail
    telle quelle si ``version`` est None."""
    if version is None:
        shutil.copytree(RACINE, dossier, ignore=shutil.ignore_patterns(
            ".venv*", "site", "site-*", ".git", "__pycache__", ".pytest_cache", "node_modules"))
        return
    archive = subprocess.run(["git", "-C", str(RACINE), "archive", "--format=tar", version],
                             capture_output=True, check=False)
    if archive.returncode:
        raise SystemExit(f"version « {version} » introuvable : "
                         f"{archive.stderr.decode(errors='replace').strip()}")
    dossier.mkdir(parents=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(dossier, filter="data")


def ajouter_corpus(projet: Path) -> int:
    """Les pages du corpus sous ``docs/corpus/`` (sans son README) ; leur nombre."""
    n = 0
    for source in sorted(CORPUS.rglob("*.md")):
        if source.parent == CORPUS:
            continue
        cible = projet / "docs" / "corpus" / source.relative_to(CORPUS)
        cible.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, cible)
        n += 1
    # les pages du corpus ne sont pas dans le menu : une information, pas un avertissement
    (projet / "mkdocs-evaluation.yml").write_text(
        "INHERIT: mkdocs.yml\nvalidation:\n  omitted_files: info\n", encoding="utf-8")
    return n


def construire(projet: Path) -> float:
    """Construit le site d'évaluation dans ``projet/site`` ; la durée du build."""
    debut = time.perf_counter()
    resultat = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs-evaluation.yml"],
        cwd=projet, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if resultat.returncode:
        raise SystemExit(f"le build a échoué :\n{resultat.stderr[-3000:]}")
    return time.perf_counter() - debut


# Ce que le hook de recherche indexe (hooks/recherche.py) : les contenus, les pages générées
# que le registre met dans l'index, et les pages de docs/ sans « recherche: false ».
_PAGES_INDEXEES = """
import json, sys
from pathlib import Path
sys.path.insert(0, "hooks")
from commun.construction import construire
c = construire(Path("."))
print(json.dumps(sorted(set(c.contenus) | {s for s, p in c.pages.items() if p.recherche})))
"""


def pages_indexees(projet: Path) -> list[str]:
    """Les pages (``outils/persona/``) que notre index contient, selon la règle du hook."""
    sortie = subprocess.run([sys.executable, "-c", _PAGES_INDEXEES], cwd=projet,
                            capture_output=True, text=True, check=True).stdout
    sources = set(json.loads(sortie))
    for md in (projet / "docs").rglob("*.md"):
        texte = md.read_text(encoding="utf-8")
        entete = texte.split("---", 2)[1] if texte.startswith("---") else ""
        if not re.search(r"^recherche:\s*false\b", entete, re.M):
            sources.add(md.relative_to(projet / "docs").as_posix())
    pages = []
    for s in sorted(sources):
        page = s.removesuffix(".md")
        page = page.removesuffix("index") if page == "index" or page.endswith("/index") \
            else page + "/"
        pages.append(page)
    return pages


_ARTICLE = '<article class="md-content__inner md-typeset"'
_IMPRESSION = '<div class="commun-impression"'


def indexer_pagefind(site: Path, pages: list[str]) -> int:
    """Marque le contenu des pages de notre index pour Pagefind, puis lance Pagefind ; le
    nombre de pages qu'il a indexées."""
    if not PAGEFIND.exists():
        raise SystemExit("Pagefind manque : lancez « npm ci » à la racine du dépôt")
    for page in pages:
        fichier = site / page / "index.html"
        html = fichier.read_text(encoding="utf-8")
        if _ARTICLE not in html:
            raise SystemExit(f"{fichier} : pas d'article de contenu à indexer")
        html = html.replace(_ARTICLE, _ARTICLE + " data-pagefind-body", 1)
        html = html.replace(_IMPRESSION, _IMPRESSION + " data-pagefind-ignore")
        fichier.write_text(html, encoding="utf-8")
    resultat = subprocess.run([str(PAGEFIND), "--site", str(site)], cwd=RACINE,
                              capture_output=True, text=True, check=False)
    if resultat.returncode:
        raise SystemExit(f"Pagefind a échoué :\n{resultat.stdout[-2000:]}{resultat.stderr}")
    trouve = re.search(r"Indexed (\d+) pages?", resultat.stdout)
    return int(trouve.group(1)) if trouve else 0


# --- 4. Interroger les deux moteurs dans Chromium -------------------------------------------

def chemin_de_page(adresse: str) -> str:
    """L'adresse d'un résultat → chemin de page (``http://…/outils/persona/`` →
    ``outils/persona/``)."""
    chemin = urlsplit(adresse).path.lstrip("/")
    return chemin.removesuffix("index.html")


class Reseau:
    """Les requêtes d'une page, pour compter les octets transférés (corps compressé et en-têtes,
    comme le navigateur les reçoit)."""

    def __init__(self, page: Page) -> None:
        self.requetes: list[Request] = []
        page.on("request", self.noter)

    def noter(self, requete: Request) -> None:
        self.requetes.append(requete)

    def octets(self, garder: Callable[[Request], bool], depuis: int = 0) -> int:
        """Les octets des requêtes parties après la ``depuis``-ième, choisies par ``garder``
        (``sizes`` attend la fin de chacune)."""
        total = 0
        for requete in self.requetes[depuis:]:
            if garder(requete):
                tailles = requete.sizes()
                total += tailles["responseBodySize"] + tailles["responseHeadersSize"]
        return total


def _attendre_resultats(page: Page, delai: float = 15.0) -> tuple[list[str], str]:
    """Les liens des résultats, une fois l'état annoncé et la liste stable (300 ms)."""
    lire = ("() => [document.getElementById('commun-etat')?.textContent.trim() || '', "
            "Array.from(document.querySelectorAll('#commun-resultats li > a'))"
            ".map(a => a.href)]")
    fin = time.monotonic() + delai
    precedent: Any = None
    stable = 0
    while time.monotonic() < fin:
        etat, liens = page.evaluate(lire)
        if etat and [etat, liens] == precedent:
            stable += 1
            if stable >= 3:
                return [chemin_de_page(a) for a in liens], ""
        else:
            stable = 0
        precedent = [etat, liens]
        page.wait_for_timeout(100)
    return [], "délai dépassé"


def _est_recherche(requete: Request) -> bool:
    return "recherche" in urlsplit(requete.url).path and requete.resource_type != "document"


def _est_chargee_par_script(requete: Request) -> bool:
    """Ce qu'un script de recherche charge (pas l'icône de l'onglet, qui arrive après coup)."""
    return _est_recherche(requete) or requete.resource_type in ("script", "fetch", "xhr")


def interroger_commun(page: Page, reseau: Reseau, adresse: str, texte: str) -> Reponse:
    """La requête tapée dans notre page de recherche, dès la page chargée (contexte neuf) ; les
    octets de la recherche : ses fichiers demandés avec la page, puis les scripts et données
    qui partent après la première frappe."""
    page.goto(adresse + "recherche/", wait_until="load")
    frappe = len(reseau.requetes)
    page.locator("#commun-recherche input[name=q]").press_sequentially(texte, delay=0)
    resultats, note = _attendre_resultats(page)
    octets = reseau.octets(_est_recherche) - reseau.octets(_est_recherche, frappe) \
        + reseau.octets(_est_chargee_par_script, frappe)
    return Reponse(resultats[:PROFONDEUR], octets, note=note)


_PAGEFIND_JS = """async ([texte, n]) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const recherche = await pagefind.search(texte);
  const premiers = recherche.results.slice(0, n);
  return Promise.all(premiers.map(r => r.data().then(d => d.url)));
}"""


def _de_pagefind(requete: Request) -> bool:
    return urlsplit(requete.url).path.startswith("/pagefind/")


def interroger_pagefind(page: Page, reseau: Reseau, texte: str) -> Reponse:
    """La requête donnée à Pagefind par son API JavaScript, dans la même page (rien de
    Pagefind n'y est encore chargé) : octets avec les 5 premiers résultats (ce que montre son
    interface), puis avec les 20 premiers."""
    page.evaluate(_PAGEFIND_JS, [texte, 5])
    page.wait_for_timeout(50)  # les dernières requêtes sont notées
    octets_5 = reseau.octets(_de_pagefind)
    urls = page.evaluate(_PAGEFIND_JS, [texte, PROFONDEUR])
    page.wait_for_timeout(50)
    return Reponse([chemin_de_page(u) for u in urls], octets_5, reseau.octets(_de_pagefind))


def interroger(navigateur: Browser, adresse: str, texte: str) -> tuple[Reponse, Reponse]:
    """Une requête pour chacun des deux moteurs, dans un contexte neuf (cache vide, sans
    service worker) : les fichiers de l'un et de l'autre ne se recouvrent pas."""
    contexte = navigateur.new_context(viewport={"width": 360, "height": 740},
                                      service_workers="block")
    try:
        page = contexte.new_page()
        reseau = Reseau(page)
        return (interroger_commun(page, reseau, adresse, texte),
                interroger_pagefind(page, reseau, texte))
    finally:
        contexte.close()


# --- Le tout ----------------------------------------------------------------------------------

def evaluer(requetes: list[Requete], version: str | None, garder: Path | None) -> tuple[
        Mesures, dict[str, object]]:
    from playwright.sync_api import sync_playwright

    infos: dict[str, object] = {"version": version or "copie de travail"}
    if version is not None:
        infos["commit"] = subprocess.run(
            ["git", "-C", str(RACINE), "rev-parse", "--short", version],
            capture_output=True, text=True, check=True).stdout.strip()
    debut = time.perf_counter()
    base = Path(tempfile.mkdtemp(prefix="evaluer-recherche-"))
    try:
        projet = base / "commun"
        copier_depot(projet, version)
        infos["pages du corpus"] = ajouter_corpus(projet)
        print("— build du site d'évaluation…", file=sys.stderr)
        infos["build (s)"] = round(construire(projet), 1)
        pages = pages_indexees(projet)
        infos["pages de notre index"] = len(pages)
        connues = set(pages)
        for r in requetes:
            for page in r.pertinentes:
                if page not in connues:
                    raise SystemExit(f"{REQUETES}:{r.ligne}: « {page} » n'est pas une page "
                                     "indexée du site d'évaluation")
        print("— index Pagefind…", file=sys.stderr)
        infos["pages indexées par Pagefind"] = indexer_pagefind(projet / "site", pages)
        mesures = Mesures(requetes)
        with sync_playwright() as playwright:
            navigateur = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
            serveur, adresse = servir(projet / "site")
            try:
                for i, r in enumerate(requetes, 1):
                    print(f"— {i}/{len(requetes)} {r.texte}", file=sys.stderr)
                    mesures.commun[r.id], mesures.pagefind[r.id] = interroger(
                        navigateur, adresse, r.texte)
            finally:
                serveur.shutdown()
                navigateur.close()
        if garder:
            garder.mkdir(parents=True, exist_ok=True)
            shutil.copytree(projet / "site", garder / "site", dirs_exist_ok=True)
            (garder / "reponses.json").write_text(json.dumps({
                r.id: {"requete": r.texte, "commun": mesures.commun[r.id].__dict__,
                       "pagefind": mesures.pagefind[r.id].__dict__} for r in requetes},
                ensure_ascii=False, indent=1), encoding="utf-8")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    infos["durée totale (s)"] = round(time.perf_counter() - debut, 1)
    return mesures, infos


def main(arguments: list[str]) -> int:
    parseur = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parseur.add_argument("--ensemble", choices=[*ENSEMBLES, "tout"], default="developpement",
                         help="les requêtes à passer (réserve : seulement pour vérifier, une "
                              "fois le réglage fini)")
    quelle = parseur.add_mutually_exclusive_group()
    quelle.add_argument("--version", default="HEAD",
                        help="la version du dépôt à évaluer (git archive), HEAD par défaut")
    quelle.add_argument("--copie-de-travail", action="store_true",
                        help="évalue la copie de travail, modifications non validées comprises")
    parseur.add_argument("--garder", type=Path,
                         help="garde le site construit et les réponses (reponses.json) ici")
    parseur.add_argument("--details", action="store_true",
                         help="affiche aussi le rang obtenu requête par requête")
    options = parseur.parse_args(arguments)
    try:
        _, requetes = charger_requetes()
    except RequetesInvalides as e:
        print(e, file=sys.stderr)
        return 1
    if options.ensemble != "tout":
        requetes = [r for r in requetes if r.ensemble == options.ensemble]
    mesures, infos = evaluer(requetes, None if options.copie_de_travail else options.version,
                             options.garder)
    print(f"\n## Recherche : {len(requetes)} requêtes ({options.ensemble})\n")
    print(", ".join(f"{k} : {v}" for k, v in infos.items()) + "\n")
    print(tableau(mesures))
    if options.details:
        print("\n" + details(mesures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
