"""Compare deux sites construits, fichier par fichier : ce qu'une réorganisation du code a changé.

Usage :
    python scripts/comparer_sites.py AVANT APRES

Deux builds du même contenu diffèrent seulement par ce qui dépend de l'instant ou de
l'empreinte du build : la date et l'heure des données ouvertes et des pieds de page, la version
de la copie hors ligne (service worker, ``hors-ligne/fichiers.json``), les octets de la copie ZIP
et de ``sitemap.xml.gz``. Ces parties sont neutralisées ; tout autre écart est listé (fichier
ajouté, retiré, ou différent avec sa première ligne qui diffère). Code de sortie 1 s'il y en a.
Le contenu de la copie ZIP est comparé fichier par fichier, comme le site.
"""

from __future__ import annotations

import argparse
import re
import sys
import zipfile
from pathlib import Path

# ce qui change d'un build à l'autre sans que le code ait changé
VOLATILS = [
    re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?"),  # horodatages
    re.compile(rb"DTSTAMP:[0-9TZ]+"),
    re.compile(rb"[0-9a-f]{12,16}"),  # version de la copie hors ligne, empreintes de fichiers
    re.compile(rb'"parties":\[[^\]]*\]'),  # empreintes des parties de la liste hors ligne
    re.compile(rb"commun-contribution-[0-9a-f]+"),
    re.compile(rb"\d+(?:,\d+)?(?:&nbsp;|\xc2\xa0| )(?:Mo|Ko|ko)"),  # tailles de la copie
]
SANS_OCTETS = {".gz", ".zip"}  # comparés par leur contenu (ZIP) ou pas du tout (gzip du plan)


def neutraliser(octets: bytes) -> bytes:
    for motif in VOLATILS:
        octets = motif.sub(b"~", octets)
    return octets


def fichiers(racine: Path) -> dict[str, bytes]:
    """Chemin relatif → octets neutralisés, copie ZIP dépliée sous « zip:… »."""
    lus: dict[str, bytes] = {}
    for chemin in sorted(p for p in racine.rglob("*") if p.is_file()):
        relatif = chemin.relative_to(racine).as_posix()
        if chemin.suffix == ".zip":
            with zipfile.ZipFile(chemin) as z:
                for nom in z.namelist():
                    lus[f"zip:{nom}"] = neutraliser(z.read(nom))
        elif chemin.suffix == ".zim":  # entrée par entrée : l'en-tête porte un identifiant tiré
            lus.update(entrees_zim(chemin))  # au hasard à chaque écriture
        elif chemin.suffix not in SANS_OCTETS:
            lus[relatif] = neutraliser(chemin.read_bytes())
    return lus


def entrees_zim(chemin: Path) -> dict[str, bytes]:
    """Les entrées d'un fichier ZIM (contenu neutralisé) et ses métadonnées, sous « zim:… »."""
    from libzim.reader import Archive

    archive = Archive(chemin)
    lus = {f"zim:meta:{cle}": neutraliser(bytes(archive.get_metadata(cle)))
           for cle in archive.metadata_keys}
    for i in range(archive.entry_count):
        entree = archive._get_entry_by_id(i)
        if not entree.is_redirect:
            lus[f"zim:{entree.path}"] = neutraliser(bytes(entree.get_item().content))
    return lus


def ecarts(avant: dict[str, bytes], apres: dict[str, bytes]) -> list[str]:
    sortie = [f"retiré : {c}" for c in sorted(avant.keys() - apres.keys())]
    sortie += [f"ajouté : {c}" for c in sorted(apres.keys() - avant.keys())]
    for chemin in sorted(avant.keys() & apres.keys()):
        if avant[chemin] != apres[chemin]:
            a, b = avant[chemin].split(b"\n"), apres[chemin].split(b"\n")
            i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                     min(len(a), len(b)))
            ligne = (b[i] if i < len(b) else b"").decode("utf-8", "replace").strip()[:120]
            sortie.append(f"différent : {chemin}:{i + 1}: {ligne}")
    return sortie


def main(arguments: list[str]) -> int:
    parseur = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parseur.add_argument("avant", type=Path)
    parseur.add_argument("apres", type=Path)
    options = parseur.parse_args(arguments)
    liste = ecarts(fichiers(options.avant), fichiers(options.apres))
    for ligne in liste:
        print(ligne)
    print(f"{len(liste)} écart(s)" if liste else "identiques (hors horodatages et versions)")
    return 1 if liste else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
