"""Le commun sans réseau : la copie ZIP pour ``file://``, l'application installable (PWA).

- ``CopieZip`` : la copie s'écrit au fil du build, chaque page dès qu'elle est rendue, puis le
  reste du site à la fin ; chaque page HTML y est réécrite pour ``file://`` (« ../outils/ »
  devient « ../outils/index.html », un dossier ne s'ouvrant pas tout seul hors d'un serveur) ;
- le même passage calcule la version du site (empreinte de tous ses fichiers) et la liste des
  fichiers que « Consulter hors ligne » met en cache sur le téléphone ;
- ``annoncer`` remplace, dans chaque page en ligne, le repère du pied de page par la taille et
  la date de la copie ZIP (et, sur le bouton « Consulter hors ligne », ce que pèse le commun).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from commun.verification import est_externe
from commun.zim import ZIM, EcrivainZim, Metadonnees

REPERE = "<!--commun:copie-hors-ligne-->"
REPERE_TELEPHONE = "<!--commun:taille-telephone-->"  # le bouton « Consulter hors ligne »
ZIP = "telechargements/commun-hors-ligne.zip"
# Fichiers du thème que le commun n'utilise pas (sa recherche remplace celle de Material)
INUTILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
LISTE = "hors-ligne/fichiers"  # la liste (fichiers.json) et ses parties (fichiers-….json)
NON_COPIES = (ZIP, ZIM, "sw.js", LISTE, *INUTILES)
# Ni le Livret à imprimer ni les données ouvertes (catalogue JSON, CSV, flux Atom, agenda)
# n'entrent dans la copie du téléphone : ils redisent en un bloc ce que les pages disent déjà,
# et ce bloc, qui change à chaque fiche publiée (l'agenda, à chaque build : son horodatage),
# serait à retélécharger à chaque mise à jour.
PAS_EN_CACHE = ("telechargements/", "sitemap.xml", "sitemap.xml.gz", "sw.js",
                LISTE, "schemas/", "livret/", "donnees/", "flux.xml", "labos.ics",
                *INUTILES)

ATTRIBUT = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def lien_pour_fichier(valeur: str) -> str:
    """« ../outils/ » → « ../outils/index.html » ; les adresses externes ne bougent pas."""
    if not valeur or est_externe(valeur) or valeur.startswith(("#", "/")):
        return valeur
    chemin, diese, ancre = valeur.partition("#")
    chemin, point, requete = chemin.partition("?")
    if chemin.endswith("/"):
        chemin += "index.html"
    elif chemin.rsplit("/", 1)[-1] in {".", ".."}:
        chemin += "/index.html"
    return chemin + point + requete + diese + ancre


def html_pour_fichier(html: str, mention: str) -> str:
    html = ATTRIBUT.sub(lambda m: m.group(1) + lien_pour_fichier(m.group(2)) + m.group(3), html)
    return html.replace(REPERE, mention).replace(REPERE_TELEPHONE, "")


@dataclass(frozen=True)
class Copie:
    version: str
    octets_zip: int
    # (url relative au site, taille, empreinte du contenu) de chaque fichier à mettre en cache
    fichiers: list[tuple[str, int, str]]
    entrees_zim: int = 0  # 0 : pas de ZIM (« mkdocs serve »)

    @property
    def octets_telephone(self) -> int:
        """Ce que « Consulter hors ligne » télécharge en tout."""
        return sum(t for _, t, _ in self.fichiers)


def copiable(relatif: str) -> bool:
    return not relatif.startswith(NON_COPIES) and not relatif.endswith(".map")


class CopieZip:
    """La copie ZIP, écrite au fil du build : chaque page dès que MkDocs l'a rendue
    (``ajouter``), puis le reste du site à la fin (``terminer``), qui rend la version du site
    (empreinte de tous ses fichiers) et la liste des fichiers à mettre en cache.

    Avec ``zim``, le même contenu entre au fur et à mesure dans le ZIM pour Kiwix
    (``commun.zim.EcrivainZim``), fermé par ``terminer`` avec ses métadonnées."""

    def __init__(self, site: Path, racine_zip: str, mention_fichier: str,
                 zim: bool = False) -> None:
        self.site, self.racine_zip, self.mention_fichier = site, racine_zip, mention_fichier
        self.zip: zipfile.ZipFile | None = None
        self.avec_zim = zim
        self.kiwix: EcrivainZim | None = None
        self.empreintes: dict[str, bytes] = {}
        self.fichiers: dict[str, tuple[int, str]] = {}

    def ajouter(self, relatif: str, contenu: str | bytes) -> None:
        if not copiable(relatif) or relatif in self.empreintes:
            return
        if isinstance(contenu, str):  # une page telle que MkDocs l'écrit
            contenu = contenu.encode("utf-8", errors="xmlcharrefreplace")
        empreinte = self.empreintes[relatif] = hashlib.sha256(contenu).digest()
        if not relatif.startswith(PAS_EN_CACHE):
            url = relatif.removesuffix("index.html") if relatif.endswith("index.html") else relatif
            self.fichiers[url] = (len(contenu), empreinte.hex()[:12])
        if relatif.endswith(".html"):
            contenu = html_pour_fichier(contenu.decode("utf-8"),
                                        self.mention_fichier).encode("utf-8")
        self._ecrire(relatif, contenu)

    def _archive(self) -> zipfile.ZipFile:
        if self.zip is None:  # ouvert à la première page : MkDocs a déjà vidé le dossier du site
            cible = self.site / ZIP
            cible.parent.mkdir(parents=True, exist_ok=True)
            # niveau 1 : deux fois plus rapide que le niveau 6 pour une copie de 10 % plus lourde
            self.zip = zipfile.ZipFile(cible, "w", compression=zipfile.ZIP_DEFLATED,
                                       compresslevel=1)
            if self.avec_zim:
                self.kiwix = EcrivainZim(self.site / ZIM)
        return self.zip

    def _ecrire(self, relatif: str, contenu: bytes) -> None:
        self._archive().writestr(f"{self.racine_zip}/{relatif}", contenu)
        if self.kiwix is not None:
            self.kiwix.ajouter(relatif, contenu)

    def terminer(self, meta: Metadonnees | None = None) -> Copie:
        """Le reste du site, puis la version ; ``meta`` : les métadonnées du ZIM."""
        for chemin in sorted(p for p in self.site.rglob("*") if p.is_file()):
            relatif = chemin.relative_to(self.site).as_posix()
            if copiable(relatif) and relatif not in self.empreintes:
                self.ajouter(relatif, chemin.read_bytes())
        # dans la copie ZIP seulement
        self._archive().writestr(f"{self.racine_zip}/LISEZMOI.txt", LISEZMOI.encode())
        self._archive().close()
        entrees = self.kiwix.terminer(meta) if self.kiwix is not None and meta else 0
        empreinte = hashlib.sha256()
        for relatif in sorted(self.empreintes):  # la même version, dans quelque ordre qu'on ajoute
            empreinte.update(relatif.encode() + b"\0" + self.empreintes[relatif])
        return Copie(empreinte.hexdigest()[:16], (self.site / ZIP).stat().st_size,
                     [(url, *valeurs) for url, valeurs in sorted(self.fichiers.items())],
                     entrees)


LISEZMOI = """Le commun, copie hors ligne
===========================

1. Décompressez ce fichier (clic droit > « Extraire tout… »).
2. Ouvrez le fichier index.html du dossier obtenu avec votre navigateur.

Tout fonctionne sans connexion : les pages, les images, les téléchargements et la recherche.
Cette copie est datée : pour la version à jour, retournez sur le site en ligne.
"""


def taille(octets: int) -> str:
    """« 3,9 Mo », avec une espace insécable : l'unité ne passe jamais seule à la ligne."""
    if octets < 1_000_000:
        return f"{max(octets // 1000, 1)}\u00a0ko"
    return f"{octets / 1_000_000:.1f}\u00a0Mo".replace(".", ",")


def annoncer(site: Path, pages: Iterable[Path], mentions: dict[str, str]) -> None:
    """Remplace les repères des pages en ligne (``REPERE`` : taille et date de la copie ZIP en
    pied de page ; ``REPERE_TELEPHONE`` : ce que pèse tout le commun sur un téléphone)."""
    for page in pages:
        texte = page.read_text(encoding="utf-8")
        presents = [r for r in mentions if r in texte]
        for repere in presents:
            texte = texte.replace(repere, mentions[repere].replace(
                "{racine}", _vers_racine(site, page)))
        if presents:
            page.write_text(texte, encoding="utf-8")


def _vers_racine(site: Path, page: Path) -> str:
    profondeur = len(page.relative_to(site).parts) - 1
    return "../" * profondeur


# fichiers par partie de la liste, en moyenne. Une fiche publiée change une centaine de
# fichiers (sa page, ses listes, les mots de l'index), chacun dans sa partie : de petites parties
# (0,25 Ko compressées) coûtent moins que la liste des parties, un peu plus longue, qui se relit
# à chaque mise à jour (à 5 000 fiches : 2 048 parties, 14 Ko compressés).
PAR_PARTIE = 16


def partie(numero: int) -> str:
    """Le chemin d'une partie de la liste, dans le site."""
    return f"{LISTE}-{numero}.json"


def liste_hors_ligne(copie: Copie) -> tuple[str, list[str]]:
    """``hors-ligne/fichiers.json`` et ses parties : ce que « Consulter hors ligne »
    télécharge, et l'empreinte de chaque fichier. Une mise à jour reprend de la copie d'avant
    ce qui n'a pas changé (le pied de page, qui dit la taille et la date de la copie ZIP, n'y
    compte pas).

    À des dizaines de milliers de fichiers, la liste entière pèserait des centaines de ko à
    relire à chaque mise à jour : elle est découpée en parties (``partie(n)``), chaque fichier
    rangé dans l'une d'elles selon l'empreinte de son adresse (toujours la même).
    ``fichiers.json`` ne donne que l'empreinte de chaque partie : le téléphone ne télécharge
    que les parties dont l'empreinte a changé (celles qui listent un fichier ajouté ou
    modifié), et reprend les autres de sa copie. Le nombre de parties ne change qu'en doublant.
    Rend (``fichiers.json``, [contenu de la partie 0, de la partie 1…])."""
    nombre = 1
    while nombre * PAR_PARTIE < len(copie.fichiers):
        nombre *= 2
    rangees: list[list[tuple[str, str]]] = [[] for _ in range(nombre)]
    for url, _, empreinte in copie.fichiers:
        case = int.from_bytes(hashlib.sha256(url.encode()).digest()[:4], "big") % nombre
        rangees[case].append((url, empreinte))
    parties = [json.dumps({"fichiers": [u for u, _ in r], "empreintes": [e for _, e in r]},
                          ensure_ascii=False, separators=(",", ":")) for r in rangees]
    # 8 chiffres par partie : une partie changée garde la même empreinte une fois sur 4
    # milliards ; la liste des empreintes, retéléchargée à chaque mise à jour (2 048 parties à
    # 5 000 fiches), pèse un tiers de moins qu'avec 12
    racine = json.dumps({"version": copie.version, "octets": copie.octets_telephone,
                         "parties": [hashlib.sha256(p.encode()).hexdigest()[:8]
                                     for p in parties]},
                        ensure_ascii=False, separators=(",", ":"))
    return racine, parties


def lire_liste(site: Path) -> dict[str, str]:
    """url → empreinte de chaque fichier de la copie du téléphone, d'après la liste écrite dans
    ``site`` et ses parties (pour les tests et le banc d'essai)."""
    racine = json.loads((site / f"{LISTE}.json").read_text(encoding="utf-8"))
    lues: dict[str, str] = {}
    for numero in range(len(racine["parties"])):
        morceau = json.loads((site / partie(numero)).read_text(encoding="utf-8"))
        lues.update(zip(morceau["fichiers"], morceau["empreintes"], strict=True))
    return lues


def manifeste(nom: str, description: str, couleur: str) -> str:
    return json.dumps({
        "name": nom,
        "short_name": nom[:12],
        "description": description,
        "lang": "fr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": couleur,
        "icons": [
            {"src": "assets/icones/icone-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "assets/icones/icone-512.png", "sizes": "512x512", "type": "image/png"},
            {"src": "assets/icones/icone-masquable-512.png", "sizes": "512x512",
             "type": "image/png", "purpose": "maskable"},
        ],
    }, ensure_ascii=False, indent=2)


def icones(dossier: Path, couleur: str) -> None:
    """La marque du commun (un cercle de personnes autour d'un point commun), en PNG."""
    from math import cos, pi, sin

    from PIL import Image, ImageDraw

    dossier.mkdir(parents=True, exist_ok=True)
    for nom, cote, marge in (("icone-32.png", 32, 0), ("icone-192.png", 192, 0),
                             ("icone-512.png", 512, 0), ("icone-masquable-512.png", 512, 0.1)):
        grand = cote * 4  # dessiné en grand puis réduit : des bords nets
        image = Image.new("RGBA", (grand, grand), (0, 0, 0, 0))
        dessin = ImageDraw.Draw(image)
        if marge:
            dessin.rectangle((0, 0, grand, grand), fill=couleur)
        else:
            dessin.ellipse((0, 0, grand - 1, grand - 1), fill=couleur)
        centre = grand / 2
        rayon = grand * (0.30 - marge * 0.8)
        point = grand * (0.085 - marge * 0.25)
        for i in range(6):
            angle = -pi / 2 + i * pi / 3
            x, y = centre + rayon * cos(angle), centre + rayon * sin(angle)
            dessin.ellipse((x - point, y - point, x + point, y + point), fill="white")
        coeur = point * 1.35
        dessin.ellipse((centre - coeur, centre - coeur, centre + coeur, centre + coeur),
                       fill="white")
        sortie = io.BytesIO()
        image.resize((cote, cote), Image.Resampling.LANCZOS).save(sortie, "PNG", optimize=True)
        (dossier / nom).write_bytes(sortie.getvalue())
