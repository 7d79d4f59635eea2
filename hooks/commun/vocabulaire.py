"""Les listes fermées du commun : une seule définition, utilisée partout.

Chaque vocabulaire associe un identifiant (ce qu'on écrit dans l'en-tête YAML) à son libellé
(ce qu'on affiche). Les valeurs propres au territoire (communes, thématiques, labos) ne sont pas
ici : elles sont dans ``commun.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Terme:
    id: str
    libelle: str
    description: str = ""


def _termes(*termes: Terme) -> dict[str, Terme]:
    return {t.id: t for t in termes}


PHASES = _termes(
    Terme("comprendre", "Comprendre",
          "Aller voir, écouter les habitants et les partenaires, poser le bon problème."),
    Terme("imaginer", "Imaginer",
          "Produire beaucoup d'idées ensemble, puis choisir celles qui valent d'être testées."),
    Terme("prototyper", "Prototyper",
          "Rendre l'idée visible et manipulable, vite et sans frais, pour la discuter."),
    Terme("experimenter", "Expérimenter",
          "Tester en vrai, à petite échelle, et tenir le projet entre deux labos."),
    Terme("evaluer-partager", "Évaluer et partager",
          "Mesurer ce qui a changé, tirer les enseignements et les transmettre à d'autres."),
)

TYPES_OUTIL = _termes(
    Terme("methode", "Méthode"),
    Terme("canevas", "Canevas"),
    Terme("questionnaire", "Questionnaire"),
    Terme("modele", "Modèle vierge"),
)

DIFFICULTES = _termes(
    Terme("facile", "Facile"),
    Terme("intermediaire", "Intermédiaire"),
    Terme("avance", "Avancé"),
)

ETATS = _termes(
    Terme("idee", "Idée"),
    Terme("en-conception", "En conception"),
    Terme("en-experimentation", "En expérimentation"),
    Terme("deploye", "Déployé"),
    Terme("abandonne", "Abandonné"),
)

PRIORITES = _termes(
    Terme("prioritaire", "Projet prioritaire"),
    Terme("secondaire", "Projet secondaire"),
)

FORMATS = _termes(
    Terme("presentiel", "Présentiel"),
    Terme("distanciel", "Distanciel"),
    Terme("hybride", "Hybride"),
)

VALIDE = "validé"
BROUILLON = "brouillon"
VALIDATIONS = _termes(
    Terme(BROUILLON, "Brouillon — non validé"),
    Terme(VALIDE, "Validé"),
)

# Comment une variante à distance passe : ce qu'elle coûte dépend du canal (voir « cout »).
CANAUX = _termes(
    Terme("appel-gsm", "appel téléphonique (GSM)"),
    Terme("message-vocal", "messages vocaux"),
    Terme("sms", "SMS"),
    Terme("message-ecrit", "messages écrits"),
    Terme("visio", "visioconférence"),
    Terme("papier", "papier, déposé ou envoyé"),
)

# Les langues des consignes et de leurs enregistrements.
LANGUES = _termes(
    Terme("francais", "français"),
    Terme("shimaore", "shimaoré"),
    Terme("kibushi", "kibushi"),
)

# Ce que note le journal de suivi d'une équipe pendant les intersessions.
CONTACTS = _termes(
    Terme("appel", "appel"),
    Terme("message", "message"),
    Terme("visite", "visite"),
    Terme("relance", "relance"),
    Terme("reunion", "réunion à distance"),
    Terme("question", "question et réponse"),
)

# Les types de question d'un questionnaire, et leur type XLSForm (KoboToolbox, ODK Collect).
TYPES_QUESTION = _termes(
    Terme("echelle", "échelle", "select_one"),
    Terme("choix-unique", "choix unique", "select_one"),
    Terme("choix-multiple", "choix multiple", "select_multiple"),
    Terme("oui-non", "oui ou non", "select_one"),
    Terme("nombre", "nombre", "integer"),
    Terme("texte-court", "texte court", "text"),
    Terme("texte-long", "texte long", "text"),
)

TYPES_CCAS = _termes(
    Terme("commune", "CCAS"),
    Terme("union", "Union départementale"),
)

# Sections obligatoires du corps, dans l'ordre. D'autres sections peuvent s'intercaler.
# Un intitulé qui finit par « … » accepte toute suite (« Exemple à » suivi du territoire).
ORAL = "Consignes à lire à voix haute"  # dites telles quelles, souvent interprétées phrase à phrase
ORIGINE = "Origine et pour aller plus loin"
SECTIONS_OUTIL = ("Pourquoi", "Comment faire", ORAL, "Conseils", "Variante à distance",
                  "Exemple à…", ORIGINE)
# Un outil plus long que ceci a aussi sa « Version courte » (où l'on dit ce qu'on garde).
VERSION_COURTE, DUREE_SANS_VERSION_COURTE = "Version courte", 90
MOTS_ORAL_MAX = 120
SECTIONS_FICHE = ("Le besoin", "La solution", "L'expérimentation", "Les enseignements",
                  "La feuille de route")

LICENCES = {
    "CC-BY-SA-4.0": ("Creative Commons Attribution – Partage dans les mêmes conditions 4.0",
                     "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"),
    "CC-BY-4.0": ("Creative Commons Attribution 4.0",
                  "https://creativecommons.org/licenses/by/4.0/deed.fr"),
    "CC0-1.0": ("CC0 1.0 — domaine public", "https://creativecommons.org/publicdomain/zero/1.0/deed.fr"),
    "etalab-2.0": ("Licence Ouverte / Open Licence 2.0 (Etalab)",
                   "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
    "EUPL-1.2": ("Licence publique de l'Union européenne 1.2",
                 "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12"),
}
LICENCES_CONTENU = ("CC-BY-SA-4.0", "CC-BY-4.0", "CC0-1.0", "etalab-2.0")
