"""Les imprimés que le build écrit dans le site (``commun.imprimes`` : le Livret du Labo en PDF,
les certificats d'assiduité) : leurs chemins, et le lien que les pages du site leur font.

Les pages sont rendues avant que les PDF ne soient composés (en arrière-plan) : le lien porte
un repère, remplacé à la fin du build par le nombre de pages et le poids du fichier
(« Télécharger le livret (PDF, 183 pages, 1,1 Mo) ») dans les pages en ligne ; dans la copie
hors ligne, écrite au fil des pages, le repère reste un commentaire invisible.
"""

from __future__ import annotations

import re

DOSSIER = "telechargements"
LIVRET = f"{DOSSIER}/livret.pdf"
# le repère d'un PDF dans une page (``lien_pdf``), remplacé à la fin du build (``mention``) ;
# son début seul suffit à savoir si une page en porte un, sans expression régulière
DEBUT_REPERE = "<!--commun:pdf:"
REPERE = re.compile(re.escape(DEBUT_REPERE) + r"([a-z0-9/._-]+)-->")


def volume_pdf(numero: int) -> str:
    """Le PDF du volume ``numero`` du Livret, quand il est découpé (1 : les outils)."""
    return f"{DOSSIER}/livret-{numero}.pdf"


def certificat_pdf(ccas: str) -> str:
    return f"{DOSSIER}/certificats/{ccas}.pdf"


def lien_pdf(texte: str, chemin: str) -> str:
    """Le lien Markdown vers un PDF du site (vérifié par MkDocs : le hook ``imprimes`` déclare
    le fichier), son nombre de pages et son poids ajoutés à la fin du build."""
    return f"[{texte} (PDF{DEBUT_REPERE}{chemin}-->)](/{chemin})"


def mention(pages: int, taille: str) -> str:
    """Ce qui remplace le repère : « , 183 pages, 1,1 Mo »."""
    return f", {pages}\u00a0page{'s' if pages > 1 else ''}, {taille}"
