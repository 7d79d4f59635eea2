"""Les schémas JSON des en-têtes, et leurs erreurs dites en français.

Les schémas sont construits depuis ``vocabulaire`` (une seule source) et publiés dans
``schemas/`` pour les éditeurs (``scripts/schemas.py`` les réécrit ; un test vérifie qu'ils
sont à jour). Les valeurs du territoire (communes, thématiques, labos) ne sont pas dans les
schémas : elles viennent de ``commun.yml`` et sont vérifiées par ``verification``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any

import jsonschema

from commun import vocabulaire as v
from commun.source import Chemin

BASE_URL = "https://le-commun.example/schemas/"
MOTIF_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MOTIF_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
MOTIF_IMAGE = r"^[a-zA-Z0-9_-][a-zA-Z0-9_./-]*\.(svg|png|jpg|jpeg)$"
# Les dates du commun : au-delà, c'est une faute de frappe (« 3022 », « 1022 »), et une année à
# cinq chiffres ou 9999 ferait déborder les calculs de dates (calendrier, fin exclue).
ANNEE_MIN, ANNEE_MAX = 1900, 2100
# Un labo accueille au moins une et au plus trois personnes par CCAS (appel d'offres).
PARTICIPANTS_MIN, PARTICIPANTS_MAX = 1, 3


def _choix(termes: dict[str, v.Terme] | tuple[str, ...], description: str) -> dict[str, Any]:
    valeurs = list(termes)
    return {"enum": valeurs, "description": f"{description} Valeurs : {', '.join(valeurs)}."}


def _texte(description: str, mini: int = 1, maxi: int = 200) -> dict[str, Any]:
    return {"type": "string", "minLength": mini, "maxLength": maxi, "description": description}


def _entier(description: str, mini: int, maxi: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": mini, "maximum": maxi, "description": description}


def _date(description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": MOTIF_DATE, "format": "date",
            "description": f"{description} Au format AAAA-MM-JJ."}


def _references(description: str, maxi: int = 30, mini: int = 0) -> dict[str, Any]:
    """Une liste d'identifiants d'autres objets (leur existence est vérifiée à part)."""
    return {"type": "array", "items": {"type": "string", "minLength": 1},
            "uniqueItems": True, "minItems": mini, "maxItems": maxi, "description": description}


def _reference(description: str) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "description": description}


def _identifiant(description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": MOTIF_ID, "description": description}


COMMUNS = {
    "titre": _texte("Le titre, court et parlant.", 3, 120),
    "validation": _choix(v.VALIDATIONS, "« validé » publie ; « brouillon » reste en aperçu."),
    "licence": _choix(v.LICENCES_CONTENU, "La licence du contenu."),
    "exemple": {"type": "boolean", "description": "true pour un contenu fictif d'exemple."},
    "mis_a_jour": _date("Date de la dernière mise à jour."),
}


def _objet(titre: str, proprietes: dict[str, Any], requis: list[str], nom: str) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE_URL + f"{nom}.schema.json",
        "title": titre,
        "type": "object",
        "required": requis,
        "additionalProperties": False,
        "properties": proprietes,
    }


@cache
def schemas() -> dict[str, dict[str, Any]]:
    """Les schémas par nom : ``outil``, ``fiche``, ``compte-rendu``, ``commun``, ``presences``."""
    outil = _objet("Outil ou méthode du commun", {
        **COMMUNS,
        "resume": _texte("Une phrase qui dit à quoi sert l'outil.", 10, 200),
        "type": _choix(v.TYPES_OUTIL, "La nature de l'outil."),
        "phase": _choix(v.PHASES, "La phase de la démarche de design."),
        "duree_minutes": _entier("Durée en minutes.", 1, 60 * 24 * 5),
        "participants_min": _entier("Nombre minimum de participants.", 1, 500),
        "participants_max": _entier("Nombre maximum de participants.", 1, 500),
        "difficulte": _choix(v.DIFFICULTES, "La difficulté d'animation."),
        "materiel": {"type": "array", "items": _texte("Un élément de matériel."), "maxItems": 30,
                     "description": "Le matériel nécessaire, une ligne par élément."},
        "outils_lies": _references("Identifiants d'outils liés (noms de fichiers sans .md).", 8),
    }, ["titre", "resume", "type", "phase", "duree_minutes", "participants_min",
        "participants_max", "difficulte", "materiel", "outils_lies", "licence", "validation"],
        "outil")
    fiche = _objet("Fiche projet d'un CCAS", {
        **COMMUNS,
        "resume": _texte("Une phrase qui résume le projet.", 10, 200),
        "ccas": _reference("Le CCAS (ou l'UDCCAS) qui porte le projet : voir commun.yml."),
        "thematique": _reference("La thématique : voir commun.yml."),
        "priorite": _choix(v.PRIORITES, "Projet prioritaire ou secondaire."),
        "etat": _choix(v.ETATS, "L'état du projet."),
        "labos": _references("Les labos où le projet a été travaillé : voir commun.yml.", 20),
        "outils": _references("Les outils utilisés (noms de fichiers de outils/ sans .md).", 30),
        "equipe": {"type": "array", "items": _texte("Un rôle, jamais un nom.", 2, 120),
                   "minItems": 1, "maxItems": 6,
                   "description": "Les rôles de l'équipe projet, sans aucun nom de personne."},
    }, ["titre", "resume", "ccas", "thematique", "priorite", "etat", "labos", "outils", "equipe",
        "mis_a_jour", "validation", "licence"], "fiche")
    compte_rendu = _objet("Compte rendu de labo", {
        **COMMUNS,
        "labo": _reference("Le labo : voir commun.yml."),
        "debut": _date("Premier jour du labo."),
        "fin": _date("Dernier jour du labo."),
        "lieu": _texte("La commune ou le lieu (pas d'adresse privée).", 2, 120),
        "format": _choix(v.FORMATS, "Le format du labo."),
        "ccas_presents": _references("Les CCAS présents : voir commun.yml.", 40, 1),
        "outils": _references("Les outils utilisés pendant le labo.", 40),
        "fiches": _references("Les fiches projets travaillées (noms de fichiers sans .md).", 60),
    }, ["titre", "labo", "debut", "fin", "lieu", "format", "ccas_presents", "outils", "fiches",
        "validation", "licence"], "compte-rendu")

    def liste(nom: str, proprietes: dict[str, Any], requis: list[str],
              **autres: Any) -> dict[str, Any]:
        # une liste vide est permise : un nouveau territoire remplit son référentiel peu à peu
        return {"type": "array", "description": nom, "items": {
            "type": "object", "required": requis, "additionalProperties": False,
            "properties": proprietes, **autres}}

    commun = _objet("Configuration d'un commun (commun.yml)", {
        "site": {"type": "object", "additionalProperties": False,
                 "required": ["nom", "territoire", "description", "depot", "branche",
                              "licence_contenu", "licence_code", "exemples"],
                 "properties": {
                     "nom": _texte("Nom du site.", 2, 80),
                     "territoire": _texte("Le nom du territoire, tel qu'il s'affiche.", 2, 80),
                     "description": _texte("Une ou deux phrases.", 10, 400),
                     "programme": _texte("Le programme qui fait vivre le commun.", 2, 120),
                     "porteur": _texte("La structure qui porte le programme.", 2, 120),
                     "cofinancement": _texte("La mention de cofinancement.", 2, 200),
                     "url": {"type": "string", "pattern": "^https?://.+/$",
                             "description": "Adresse publique du site, finie par « / »."},
                     "depot": {"type": "string", "pattern": "^https?://[^ ]+[^/]$",
                               "description": "Adresse du dépôt git (sans « / » final)."},
                     "branche": _texte("La branche publiée.", 1, 80),
                     "licence_contenu": _choix(v.LICENCES_CONTENU, "Licence des contenus."),
                     "licence_code": _texte("Licence du code (identifiant SPDX).", 2, 40),
                     "couleur": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$",
                                 "description": "Couleur principale (en-tête, liens, icônes), "
                                                "ex. #00695c. Choisissez-la assez foncée : "
                                                "texte blanc dessus, contraste 4,5:1 au moins."},
                     "exemples": {"type": "boolean",
                                  "description": "false retire du site les contenus d'exemple."},
                     "logos": {"type": "array", "maxItems": 6,
                               "description": "Les logos imprimés sur les certificats "
                                              "d'assiduité, un par ligne.",
                               "items": {"type": "object", "additionalProperties": False,
                                         "required": ["chemin", "alt"], "properties": {
                                             "chemin": {
                                                 "type": "string",
                                                 "pattern": MOTIF_IMAGE,
                                                 "description": "Le fichier image, dans docs/ "
                                                                "(ex. assets/logos/commun.svg)."},
                                             "alt": _texte("Ce que montre le logo (texte "
                                                           "alternatif).", 2, 120)}}},
                 }},
        "ccas": liste("Les CCAS du territoire et l'union départementale.", {
            "id": _identifiant("Identifiant écrit dans les fiches."),
            "nom": _texte("Nom officiel.", 2, 80),
            "type": _choix(v.TYPES_CCAS, "commune (par défaut) ou union."),
        }, ["id", "nom"]),
        "thematiques": liste("Les thématiques.", {
            "id": _identifiant("Identifiant écrit dans les fiches."),
            "nom": _texte("Libellé.", 2, 80),
            "description": _texte("Une phrase.", 2, 300),
        }, ["id", "nom"]),
        "labos": liste("Les labos du programme.", {
            "id": _identifiant("Identifiant écrit dans les fiches."),
            "nom": _texte("Libellé.", 2, 80),
            "periode": _texte("Quand (ex. « octobre 2021 »).", 2, 80),
            "debut": _date("Premier jour prévu (calendrier)."),
            "fin": _date("Dernier jour prévu (calendrier)."),
        }, ["id", "nom"], dependentRequired={"debut": ["fin"], "fin": ["debut"]}),
        "intersessions": {**liste("Les intersessions à distance, entre deux labos.", {
            "id": _identifiant("Identifiant (ex. intersession-1)."),
            "nom": _texte("Libellé.", 2, 80),
            "debut": _date("Premier jour."),
            "fin": _date("Dernier jour."),
            "description": _texte("Ce qui s'y fait, en une phrase.", 2, 300),
        }, ["id", "nom", "debut", "fin"]), "minItems": 0},
        "contacts_autorises": {
            "type": "array", "uniqueItems": True,
            "items": {"type": "string",
                      "pattern": r"^(?:[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}|[+0-9][0-9 .()-]{5,})$",
                      "description": "Une adresse e-mail ou un numéro de téléphone."},
            "description": "Les contacts institutionnels (accueil d'un CCAS, numéro vert) que le "
                           "contenu peut publier ; toute autre adresse e-mail ou tout autre numéro "
                           "de téléphone est refusé comme donnée personnelle."},
    }, ["site", "ccas", "thematiques", "labos"], "commun")
    presences = _objet("Feuille de présence d'un labo (labos/presences/<labo>.yml)", {
        "validation": COMMUNS["validation"],
        "exemple": COMMUNS["exemple"],
        "presences": {
            "type": "object", "minProperties": 1,
            "description": "Pour chaque CCAS présent (identifiant de commun.yml) : ses jours de "
                           "présence et le nombre de personnes venues. Jamais de noms.",
            "additionalProperties": {
                "type": "object", "additionalProperties": False,
                "required": ["jours", "participants"],
                "properties": {
                    "jours": {"type": "array", "items": _date("Un jour de présence."),
                              "minItems": 1, "maxItems": 10, "uniqueItems": True,
                              "description": "Les jours où le CCAS était présent, pendant le "
                                             "labo."},
                    "participants": _entier(
                        f"Nombre de personnes du CCAS venues ({PARTICIPANTS_MIN} à "
                        f"{PARTICIPANTS_MAX} : l'équipe projet).",
                        PARTICIPANTS_MIN, PARTICIPANTS_MAX),
                }}},
    }, ["validation", "presences"], "presences")
    return {"outil": outil, "fiche": fiche, "compte-rendu": compte_rendu, "commun": commun,
            "presences": presences}


def date_du_commun(valeur: object) -> bool:
    """Une date AAAA-MM-JJ qui existe, entre ``ANNEE_MIN`` et ``ANNEE_MAX``."""
    if not isinstance(valeur, str):
        return True  # le type est dit par ailleurs
    try:
        return ANNEE_MIN <= date.fromisoformat(valeur).year <= ANNEE_MAX
    except ValueError:
        return False


@cache
def _validateur(nom: str) -> jsonschema.protocols.Validator:
    schema = schemas()[nom]
    classe = jsonschema.validators.validator_for(schema)
    formats = jsonschema.FormatChecker(formats=())
    formats.checks("date")(date_du_commun)
    return classe(schema, format_checker=formats)


def erreurs(nom: str, donnees: Any) -> Iterator[tuple[Chemin, str]]:
    """Les erreurs de ``donnees`` selon le schéma ``nom`` : (chemin du champ, message)."""
    for erreur in sorted(_validateur(nom).iter_errors(donnees),
                         key=lambda e: list(map(str, e.path))):
        chemin = tuple(erreur.absolute_path)
        if erreur.validator == "format" and not re.match(MOTIF_DATE, str(erreur.instance)):
            continue  # déjà dit par le motif AAAA-MM-JJ
        if erreur.validator == "additionalProperties":  # un message par champ inconnu, à sa ligne
            connus = sorted(erreur.schema.get("properties", {}))
            for inconnu in sorted(set(erreur.instance) - set(connus), key=str):
                yield (*chemin, inconnu), (
                    f"champ inconnu « {inconnu} » : vérifiez l'orthographe (champs possibles : "
                    f"{', '.join(connus)})")
            continue
        yield chemin, _message(erreur)


_TYPES = {"string": "un texte", "integer": "un nombre entier", "array": "une liste (une ligne "
          "« - valeur » par élément)", "boolean": "true ou false", "object": "une liste de champs"}


def _nom(chemin: Chemin) -> str:
    morceaux = [f"n° {c + 1}" if isinstance(c, int) else c for c in chemin]
    return " › ".join(str(m) for m in morceaux) or "l'en-tête"


def _message(erreur: jsonschema.ValidationError) -> str:
    champ = _nom(tuple(erreur.absolute_path))
    valeur = erreur.instance
    schema = erreur.schema if isinstance(erreur.schema, dict) else {}
    match erreur.validator:
        case "required":
            manquants = [m for m in erreur.validator_value if m not in (valeur or {})]
            nom = manquants[0] if manquants else "?"
            description = schema.get("properties", {}).get(nom, {}).get("description", "")
            return f"champ obligatoire « {nom} » manquant : ajoutez une ligne « {nom}: … » " \
                   f"dans l'en-tête. {description}".strip()
        case "enum":
            return f"{champ} : « {valeur} » n'est pas une valeur possible " \
                   f"(valeurs possibles : {', '.join(map(str, erreur.validator_value))})"
        case "type" if schema.get("pattern") == MOTIF_DATE:
            return f"{champ} doit être une date au format AAAA-MM-JJ (par exemple 2022-06-30)"
        case "type":
            attendu = _TYPES.get(str(erreur.validator_value), str(erreur.validator_value))
            return f"{champ} doit être {attendu}"
        case "pattern" if erreur.validator_value == MOTIF_DATE:
            return f"{champ} : « {valeur} » n'est pas une date au format AAAA-MM-JJ " \
                   f"(par exemple 2022-06-30)"
        case "format":
            return f"{champ} : « {valeur} » {_date_impossible(str(valeur))} ; écrivez une " \
                   "vraie date au format AAAA-MM-JJ"
        case "pattern" if erreur.validator_value == MOTIF_ID:
            return f"{champ} : « {valeur} » n'est pas un identifiant valide (minuscules sans " \
                   f"accents, chiffres et tirets, comme « carte-empathie »)"
        case "pattern":
            return f"{champ} : « {valeur} » n'a pas la forme attendue. " \
                   f"{schema.get('description', '')}".strip()
        case "minLength":
            return f"{champ} est trop court (au moins {erreur.validator_value} caractères)"
        case "maxLength":
            return f"{champ} est trop long ({len(valeur)} caractères, " \
                   f"{erreur.validator_value} au plus) : raccourcissez-le"
        case "minimum":
            return f"{champ} doit valoir au moins {erreur.validator_value} (et non " \
                   f"{_nombre(valeur)}) : corrigez-le. {schema.get('description', '')}".strip()
        case "maximum":
            return f"{champ} doit valoir au plus {erreur.validator_value} (et non " \
                   f"{_nombre(valeur)}) : corrigez-le. {schema.get('description', '')}".strip()
        case "minItems":
            return f"{champ} doit contenir au moins {erreur.validator_value} élément(s)"
        case "maxItems":
            return f"{champ} contient trop d'éléments ({erreur.validator_value} au plus)"
        case "uniqueItems":
            return f"{champ} contient deux fois la même valeur : supprimez le doublon"
        case "minProperties":
            return f"{champ} est vide : ajoutez au moins une ligne"
        case "dependentRequired":
            manquant = next((m for champs in erreur.validator_value.values() for m in champs
                             if m not in (valeur or {})), "?")
            return f"{champ} : il manque « {manquant} » (écrivez les deux dates, debut et fin, " \
                   "ou aucune)"
    return f"{champ} : {erreur.message}"


MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre")


def _date_impossible(texte: str) -> str:
    """Ce qui ne va pas dans une date AAAA-MM-JJ refusée : « n'est pas une date qui existe :
    février 2023 a 28 jours »."""
    annee, mois, jour = (int(x) for x in texte.split("-"))
    if not 1 <= mois <= 12:
        raison = f"le mois {mois:02d} n'existe pas (de 01 à 12)"
    elif jour == 0:
        raison = "le jour 00 n'existe pas (les jours commencent à 01)"
    elif annee < ANNEE_MIN or annee > ANNEE_MAX:
        return f"est hors de la période du commun (années {ANNEE_MIN} à {ANNEE_MAX})"
    else:
        raison = f"{MOIS[mois - 1]} {annee} a {calendar.monthrange(annee, mois)[1]} jours"
    return f"n'est pas une date qui existe : {raison}"


def _nombre(valeur: Any) -> str:
    """Un nombre tel qu'écrit, abrégé s'il est démesuré."""
    texte = str(valeur)
    return texte if len(texte) <= 20 else f"un nombre de {len(texte)} chiffres"
