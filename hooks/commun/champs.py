"""Les fragments de schéma JSON des champs d'en-tête : un texte borné, un entier, une date, un
choix dans le vocabulaire, des références à d'autres objets. Les genres de contenu
(``commun.genres``) et les schémas (``commun.schemas``) les composent ; ce module, tout en bas,
n'importe que le vocabulaire.
"""

from __future__ import annotations

from typing import Any

from commun import vocabulaire as v

MOTIF_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MOTIF_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
MOTIF_IMAGE = r"^[a-zA-Z0-9_-][a-zA-Z0-9_./-]*\.(svg|png|jpg|jpeg)$"
# Les dates du commun : au-delà, c'est une faute de frappe (« 3022 », « 1022 »), et une année à
# cinq chiffres ou 9999 ferait déborder les calculs de dates (calendrier, fin exclue).
ANNEE_MIN, ANNEE_MAX = 1900, 2100
# Un labo accueille au moins une et au plus trois personnes par CCAS (appel d'offres).
PARTICIPANTS_MIN, PARTICIPANTS_MAX = 1, 3


def choix(termes: dict[str, v.Terme] | tuple[str, ...], description: str) -> dict[str, Any]:
    valeurs = list(termes)
    return {"enum": valeurs, "description": f"{description} Valeurs : {', '.join(valeurs)}."}


def texte(description: str, mini: int = 1, maxi: int = 200) -> dict[str, Any]:
    return {"type": "string", "minLength": mini, "maxLength": maxi, "description": description}


def entier(description: str, mini: int, maxi: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": mini, "maximum": maxi, "description": description}


def date(description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": MOTIF_DATE, "format": "date",
            "description": f"{description} Au format AAAA-MM-JJ."}


def references(description: str, maxi: int = 30, mini: int = 0) -> dict[str, Any]:
    """Une liste d'identifiants d'autres objets (leur existence est vérifiée à part)."""
    return {"type": "array", "items": {"type": "string", "minLength": 1},
            "uniqueItems": True, "minItems": mini, "maxItems": maxi, "description": description}


def reference(description: str) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "description": description}


def identifiant(description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": MOTIF_ID, "description": description}


COMMUNS = {
    "titre": texte("Le titre, court et parlant.", 3, 120),
    "validation": choix(v.VALIDATIONS, "« validé » publie ; « brouillon » reste en aperçu."),
    "licence": choix(v.LICENCES_CONTENU, "La licence du contenu."),
    "exemple": {"type": "boolean", "description": "true pour un contenu fictif d'exemple."},
    "mis_a_jour": date("Date de la dernière mise à jour."),
    "valide_par": reference("Qui a validé la publication : l'identifiant d'une instance de la "
                            "rubrique « validateurs » de commun.yml (jamais un nom de personne). "
                            "Obligatoire quand validation vaut « validé »."),
    "valide_le": date("Le jour de cette validation. Obligatoire quand validation vaut « validé »."),
}
# Les champs de la validation : remplis par qui valide, jamais par qui propose.
PROVENANCE = ("valide_par", "valide_le")


MOTIF_AUDIO = r"^[a-zA-Z0-9_-][a-zA-Z0-9_./-]*\.(m4a|mp3|ogg|opus)$"


def enregistrements() -> dict[str, Any]:
    """Les enregistrements des consignes à voix haute, un par langue, dits par un locuteur."""
    return {
        "type": "array", "maxItems": len(v.LANGUES),
        "description": "Les consignes à voix haute enregistrées : une ligne par langue, le "
                       "fichier déposé à côté (ex. audio/world-cafe-shimaore.m4a) et qui parle "
                       "(un rôle, jamais un nom). Jamais une traduction automatique.",
        "items": {"type": "object", "additionalProperties": False,
                  "required": ["langue", "fichier", "voix"], "properties": {
                      "langue": choix(v.LANGUES, "La langue parlée."),
                      "fichier": {"type": "string", "pattern": MOTIF_AUDIO,
                                  "description": "Le fichier M4A, MP3, Ogg ou Opus, depuis le "
                                                 "dossier de l'outil (ex. audio/x-kibushi.m4a)."},
                      "voix": texte("Qui parle : un rôle et sa langue (« médiatrice, locutrice "
                                    "du kibushi »), jamais un nom.", 5, 120)}},
    }


def a_distance() -> dict[str, Any]:
    """Comment la variante à distance d'un outil passe vraiment, ou pourquoi elle n'existe pas."""
    return {
        "type": "object", "additionalProperties": False, "minProperties": 1,
        "description": "La variante à distance : ses canaux, ses langues et ce qu'elle coûte (et "
                       "à qui) ; ou, seul, « non_recommande » et sa raison.",
        "properties": {
            "canaux": {"type": "array", "minItems": 1, "maxItems": len(v.CANAUX),
                       "uniqueItems": True, "items": choix(v.CANAUX, "Un canal."),
                       "description": f"Par où elle passe. Valeurs : {', '.join(v.CANAUX)}."},
            "langues": {"type": "array", "minItems": 1, "maxItems": len(v.LANGUES),
                        "uniqueItems": True, "items": choix(v.LANGUES, "Une langue."),
                        "description": f"Dans quelles langues. Valeurs : {', '.join(v.LANGUES)}."},
            "cout": texte("Ce qu'elle coûte en données ou en appels, et qui le paie.", 10, 200),
            "non_recommande": texte("Pourquoi cet outil ne se fait pas à distance.", 10, 300),
        },
    }
