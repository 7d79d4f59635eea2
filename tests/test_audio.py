"""Les consignes enregistrées d'un outil : le fichier est vérifié dans son contenu (format, poids,
durée), l'en-tête dit la langue et la voix (un rôle), la page les fait écouter et appelle les
locuteurs des langues qui manquent. Les enregistrements sont fabriqués ici : des trames MP3
muettes, un faux MP3 (du texte), un vrai en-tête Ogg tronqué."""

from __future__ import annotations

from pathlib import Path

import pytest

from commun import audio
from commun.construction import construire
from commun.hors_ligne import lire_liste
from conftest import Projet

# MPEG-1 couche III à 44,1 kHz : une trame de 1 152 échantillons, muette
TRAMES = {128: bytes([0xFF, 0xFB, 0x90, 0x64]) + bytes(413),
          32: bytes([0xFF, 0xFB, 0x10, 0x64]) + bytes(100)}


def mp3(secondes: float, debit: int = 128) -> bytes:
    return TRAMES[debit] * round(secondes * 44100 / 1152)


def ecrire(dossier: Path, nom: str, contenu: bytes) -> Path:
    chemin = dossier / nom
    chemin.write_bytes(contenu)
    return chemin


def test_un_vrai_enregistrement_est_accepte(tmp_path: Path) -> None:
    assert list(audio.problemes(ecrire(tmp_path, "consignes.mp3", mp3(60)))) == []


@pytest.mark.parametrize(("nom", "contenu", "debut"), [
    ("faux.mp3", b"ceci est un texte renomme en mp3\n" * 40, "ce fichier n'est pas un vrai"),
    ("faux.m4a", mp3(5), "ce fichier n'est pas un vrai enregistrement M4A"),
    ("tronque.ogg", b"OggS" + bytes(200), "ce fichier n'est pas un vrai enregistrement Ogg"),
    ("vide.opus", b"", "fichier vide"),
    ("long.mp3", mp3(200, debit=32), "enregistrement trop long (3.3 min, 3 min au plus)"),
    ("lourd.mp3", mp3(100) + bytes(audio.POIDS_MAX), "enregistrement trop lourd"),
])
def test_un_enregistrement_douteux_est_refuse(tmp_path: Path, nom: str, contenu: bytes,
                                              debut: str) -> None:
    [message] = audio.problemes(ecrire(tmp_path, nom, contenu))
    assert message.startswith(debut)


ENTETE_AUDIO = ("audio:\n  - langue: shimaore\n    fichier: audio/carte-empathie-shimaore.mp3\n"
                "    voix: Médiatrice, locutrice du shimaoré\n")


def avec_audio(projet: Projet, contenu: bytes) -> None:
    projet.remplacer("outils/carte-empathie.md", "licence: CC-BY-SA-4.0\n",
                     "licence: CC-BY-SA-4.0\n" + ENTETE_AUDIO)
    (projet.racine / "outils" / "audio").mkdir()
    (projet.racine / "outils" / "audio" / "carte-empathie-shimaore.mp3").write_bytes(contenu)


def test_fichier_absent_ou_faux_dit_ou_et_comment(projet: Projet) -> None:
    projet.remplacer("outils/carte-empathie.md", "licence: CC-BY-SA-4.0\n",
                     "licence: CC-BY-SA-4.0\n" + ENTETE_AUDIO)
    problemes = [(p.chemin, p.ligne, p.message) for p in construire(projet.racine).problemes]
    assert problemes == [("outils/carte-empathie.md", 18, (
        "audio › n° 1 › fichier : « audio/carte-empathie-shimaore.mp3 » est introuvable à côté "
        "de l'outil : déposez l'enregistrement dans outils/audio/ et écrivez "
        "« audio/nom-du-fichier.m4a »"))]
    (projet.racine / "outils" / "audio").mkdir()
    (projet.racine / "outils" / "audio" / "carte-empathie-shimaore.mp3").write_text("<script>")
    [probleme] = construire(projet.racine).problemes
    assert probleme.chemin == "outils/audio/carte-empathie-shimaore.mp3"
    assert probleme.message.startswith("ce fichier n'est pas un vrai enregistrement MP3")


@pytest.mark.lent
def test_la_page_fait_ecouter_et_appelle_les_locuteurs(projet: Projet) -> None:
    avec_audio(projet, mp3(30))
    site = projet.construire()
    html = projet.page(site, "outils/carte-empathie")
    assert ('<audio controls="" preload="none" src="../audio/carte-empathie-shimaore.mp3">'
            in html)
    assert (site / "outils" / "audio" / "carte-empathie-shimaore.mp3").read_bytes() == mp3(30)
    # en haut de la page, avant le corps de l'outil
    assert html.index("Écouter ces consignes") < html.index('id="pourquoi"')
    assert "Pas encore d'enregistrement en français, en kibushi." in html
    assert 'href="../../contribuer/#enregistrer-les-consignes"' in html
    # le téléphone le garde hors ligne : il est dans la liste des fichiers mis en cache
    assert "outils/audio/carte-empathie-shimaore.mp3" in lire_liste(site)
