"""Les enregistrements des consignes d'un outil (« Consignes à lire à voix haute »), en français,
en shimaoré ou en kibushi, déposés depuis un téléphone : vérifiés comme les images, dans le
fichier et pas seulement par l'extension.

Ce qu'un téléphone produit et que les navigateurs lisent : M4A (AAC, le dictaphone d'un iPhone,
beaucoup d'Android), MP3, Ogg Opus ou Vorbis (une note vocale WhatsApp exportée). Le contenu est
lu par mutagen : le bon format, une durée réelle, pas plus de trois minutes ; le poids est borné
pour rester léger sur un forfait prépayé.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import mutagen
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis

# extension → (nom dit au contributeur, classes mutagen acceptées)
FORMATS: dict[str, tuple[str, tuple[type, ...]]] = {
    ".m4a": ("M4A", (MP4,)),
    ".mp3": ("MP3", (MP3,)),
    ".ogg": ("Ogg", (OggOpus, OggVorbis)),
    ".opus": ("Opus", (OggOpus,)),
}
TYPES_MIME = {".m4a": "audio/mp4", ".mp3": "audio/mpeg", ".ogg": "audio/ogg",
              ".opus": "audio/ogg"}
POIDS_MAX = 1_500_000  # octets : deux minutes de voix en M4A à 96 kbit/s
DUREE_MAX = 180  # secondes : des consignes de 120 mots se disent en une minute environ


def _signature(extension: str, debut: bytes) -> bool:
    """Le début du fichier annonce bien son format (mutagen seul devine aussi d'après le nom)."""
    if extension == ".m4a":
        return debut[4:8] == b"ftyp"
    if extension == ".mp3":
        return debut.startswith(b"ID3") or (debut[:1] == b"\xff" and debut[1] & 0xE0 == 0xE0)
    return debut.startswith(b"OggS")


def problemes(chemin: Path) -> Iterator[str]:
    """Ce qui empêche de publier l'enregistrement ``chemin`` (rien : il est publiable)."""
    extension = chemin.suffix.lower()
    nom, classes = FORMATS[extension]
    poids = chemin.stat().st_size
    if poids == 0:
        yield "fichier vide : déposez le bon enregistrement, ou retirez celui-ci"
        return
    if poids > POIDS_MAX:
        yield (f"enregistrement trop lourd ({poids / 1_000_000:.1f} Mo, "
               f"{POIDS_MAX / 1_000_000:.1f} Mo au plus pour rester léger sur un forfait "
               "prépayé) : enregistrez en qualité « voix » ou « standard », ou raccourcissez")
        return
    with chemin.open("rb") as fichier:
        debut = fichier.read(12)
    try:
        lu = mutagen.File(chemin) if _signature(extension, debut) else None
    except (mutagen.MutagenError, ValueError, OSError, EOFError, IndexError):
        lu = None
    duree = float(getattr(getattr(lu, "info", None), "length", 0) or 0)
    if lu is None or not isinstance(lu, classes) or not duree > 0:
        yield (f"ce fichier n'est pas un vrai enregistrement {nom} (son contenu ne correspond "
               f"pas à l'extension « {extension} ») : exportez-le de nouveau depuis le téléphone "
               "(M4A, MP3 ou Ogg/Opus)")
        return
    if duree > DUREE_MAX:
        yield (f"enregistrement trop long ({duree / 60:.1f} min, {DUREE_MAX // 60} min "
               "au plus) : les consignes se disent en une minute environ ; réenregistrez-les")
