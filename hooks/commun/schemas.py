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

from commun import champs
from commun import vocabulaire as v
from commun.champs import (
    ANNEE_MAX,
    ANNEE_MIN,
    COMMUNS,
    MOTIF_DATE,
    MOTIF_ID,
    MOTIF_IMAGE,
    PARTICIPANTS_MAX,
    PARTICIPANTS_MIN,
)
from commun.genres import GENRES
from commun.source import Chemin

BASE_URL = "https://le-commun.example/schemas/"


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
    par_genre = {g.nom: _objet(g.titre_schema, {**COMMUNS, **g.proprietes}, list(g.champs_requis),
                               g.nom) for g in GENRES.values()}

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
                     "nom": champs.texte("Nom du site.", 2, 80),
                     "territoire": champs.texte("Le nom du territoire, tel qu'il s'affiche.",
                                                2, 80),
                     "description": champs.texte("Une ou deux phrases.", 10, 400),
                     "programme": champs.texte("Le programme qui fait vivre le commun.", 2, 120),
                     "porteur": champs.texte("La structure qui porte le programme.", 2, 120),
                     "cofinancement": champs.texte("La mention de cofinancement.", 2, 200),
                     "url": {"type": "string", "pattern": "^https?://.+/$",
                             "description": "Adresse publique du site, finie par « / »."},
                     "depot": {"type": "string", "pattern": "^https?://[^ ]+[^/]$",
                               "description": "Adresse du dépôt git (sans « / » final)."},
                     "branche": champs.texte("La branche publiée.", 1, 80),
                     "licence_contenu": champs.choix(v.LICENCES_CONTENU, "Licence des contenus."),
                     "licence_code": champs.texte("Licence du code (identifiant SPDX).", 2, 40),
                     "couleur": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$",
                                 "description": "Couleur principale (en-tête, liens, icônes), "
                                                "ex. #00695c. Choisissez-la assez foncée : "
                                                "texte blanc dessus, contraste 4,5:1 au moins."},
                     "exemples": {"type": "boolean",
                                  "description": "false retire du site les contenus d'exemple."},
                     "carte": {"type": "string", "pattern": r"^[a-zA-Z0-9_./-]+\.geojson$",
                               "description": "Les contours des communes (GeoJSON, propriété "
                                              "« code » INSEE), depuis la racine du dépôt : la "
                                              "carte des CCAS. Sans ce champ, pas de carte."},
                     "populations": {"type": "string", "pattern": r"^[a-zA-Z0-9_./-]+\.json$",
                                     "description": "Les populations des communes, écrites par "
                                                    "« make communes » depuis le découpage "
                                                    "administratif officiel."},
                     "silence_semaines": champs.entier(
                         "Au-delà de tant de semaines sans contact noté, le tableau de bord "
                         "signale l'équipe.", 1, 52),
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
                                             "alt": champs.texte("Ce que montre le logo (texte "
                                                           "alternatif).", 2, 120)}}},
                 }},
        "ccas": liste("Les CCAS du territoire et l'union départementale.", {
            "id": champs.identifiant("Identifiant écrit dans les fiches."),
            "nom": champs.texte("Nom officiel.", 2, 80),
            "type": champs.choix(v.TYPES_CCAS, "commune (par défaut) ou union."),
            "insee": {"type": "string", "pattern": "^(?:[0-9]{2}|2[AB])[0-9]{3}$",
                      "description": "Le code officiel (INSEE) de la commune, ex. 97601 ; "
                                     "vérifié avec le découpage administratif officiel."},
            "fictif": {"type": "boolean",
                       "description": "true : une entité inventée, qui porte les contenus "
                                      "d'exemple et disparaît avec eux (site.exemples: false)."},
        }, ["id", "nom"]),
        "thematiques": liste("Les thématiques.", {
            "id": champs.identifiant("Identifiant écrit dans les fiches."),
            "nom": champs.texte("Libellé.", 2, 80),
            "description": champs.texte("Une phrase.", 2, 300),
        }, ["id", "nom"]),
        "labos": liste("Les labos du programme.", {
            "id": champs.identifiant("Identifiant écrit dans les fiches."),
            "nom": champs.texte("Libellé.", 2, 80),
            "periode": champs.texte("Quand (ex. « octobre 2021 »).", 2, 80),
            "debut": champs.date("Premier jour prévu (calendrier)."),
            "fin": champs.date("Dernier jour prévu (calendrier)."),
        }, ["id", "nom"], dependentRequired={"debut": ["fin"], "fin": ["debut"]}),
        "intersessions": {**liste("Les intersessions à distance, entre deux labos.", {
            "id": champs.identifiant("Identifiant (ex. intersession-1)."),
            "nom": champs.texte("Libellé.", 2, 80),
            "debut": champs.date("Premier jour."),
            "fin": champs.date("Dernier jour."),
            "description": champs.texte("Ce qui s'y fait, en une phrase.", 2, 300),
        }, ["id", "nom", "debut", "fin"]), "minItems": 0},
        "validateurs": {**liste("Les instances qui valident la publication : une fonction ou un "
                                "organe, jamais une personne.", {
            "id": champs.identifiant("Identifiant écrit dans « valide_par »."),
            "nom": champs.texte("Qui valide, tel que la page l'affiche.", 2, 120),
            "mention": champs.texte("Ce que cette validation n'est pas encore, affiché à côté.",
                                    2, 200),
        }, ["id", "nom"]), "minItems": 0},
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
        **{c: COMMUNS[c] for c in champs.PROVENANCE},
        "presences": {
            "type": "object", "minProperties": 1,
            "description": "Pour chaque CCAS présent (identifiant de commun.yml) : ses jours de "
                           "présence et le nombre de personnes venues. Jamais de noms.",
            "additionalProperties": {
                "type": "object", "additionalProperties": False,
                "required": ["jours", "participants"],
                "properties": {
                    "jours": {"type": "array", "items": champs.date("Un jour de présence."),
                              "minItems": 1, "maxItems": 10, "uniqueItems": True,
                              "description": "Les jours où le CCAS était présent, pendant le "
                                             "labo."},
                    "participants": champs.entier(
                        f"Nombre de personnes du CCAS venues ({PARTICIPANTS_MIN} à "
                        f"{PARTICIPANTS_MAX} : l'équipe projet).",
                        PARTICIPANTS_MIN, PARTICIPANTS_MAX),
                }}},
    }, ["validation", "presences"], "presences")
    provenance = {c: COMMUNS[c] for c in ("validation", "exemple", *champs.PROVENANCE)}
    roles = {"type": "array", "maxItems": 6,
             "items": champs.texte("Un rôle, jamais un nom.", 2, 120),
             "description": "L'équipe projet, par rôles (jamais de noms)."}

    def points(description: str) -> dict[str, Any]:
        return {"type": "array", "maxItems": 10, "items": champs.texte("Un point.", 3, 200),
                "description": description}

    fiche_ccas = _objet("Fiche de données d'un CCAS (territoire/ccas/<ccas>.yml)", {
        **provenance, "mis_a_jour": COMMUNS["mis_a_jour"],
        "equipe": roles,
        "forces": points("Les forces repérées pendant l'immersion."),
        "ressources": points("Les ressources : lieux, partenaires, moyens."),
        "fragilites": points("Les fragilités repérées, dites sans jugement."),
        "thematique_prioritaire": champs.reference("La thématique du projet prioritaire."),
        "thematique_secondaire": champs.reference("La thématique du projet secondaire."),
        "pourquoi": champs.texte("Pourquoi ces thématiques, en quelques phrases.", 10, 1500),
        "chiffres": {"type": "array", "maxItems": 20,
                     "description": "Des chiffres du diagnostic (PASS'PALAS, analyse des besoins "
                                    "sociaux), chacun avec sa source et son année : aucun "
                                    "chiffre sans source.",
                     "items": {"type": "object", "additionalProperties": False,
                               "required": ["libelle", "valeur", "source", "annee"],
                               "properties": {
                                   "libelle": champs.texte("Ce que mesure le chiffre.", 3, 160),
                                   "valeur": champs.texte("La valeur, avec son unité (« 42 % »).",
                                                          1, 40),
                                   "source": champs.texte("D'où il vient (document, "
                                                          "organisme).", 3, 200),
                                   "annee": champs.entier("L'année de la donnée.", 1900, 2100)}}},
        "feuille_de_route": {"type": "array", "maxItems": 15,
                             "items": champs.texte("Une étape : quoi, d'ici quand, quel rôle.",
                                                   5, 300),
                             "description": "La feuille de route du lancement des labos."},
    }, ["validation"], "fiche-ccas")
    journal = _objet("Journal de suivi d'un CCAS (territoire/suivi/<ccas>.yml)", {
        **provenance,
        "entrees": {"type": "array", "maxItems": 500,
                    "description": "Les contacts de l'intersession, un par élément : jamais de "
                                   "nom, jamais de numéro ; qui agit se dit par son rôle.",
                    "items": {"type": "object", "additionalProperties": False,
                              "required": ["date", "type", "qui", "resume"], "properties": {
                                  "date": champs.date("Le jour du contact."),
                                  "type": champs.choix(v.CONTACTS, "La nature du contact."),
                                  "qui": champs.texte("Qui a agi : un rôle (« chargée de "
                                                      "mission du programme »).", 2, 120),
                                  "resume": champs.texte("Ce qui s'est dit ou fait.", 5, 500),
                                  "question": champs.texte("La question posée.", 5, 500),
                                  "reponse": champs.texte("La réponse donnée.", 5, 1500),
                                  "thematique": champs.reference("La thématique concernée."),
                                  "faq": {"type": "boolean",
                                          "description": "true : la question et sa réponse "
                                                         "servent aux autres (page « Questions "
                                                         "des intersessions »)."},
                                  "suite": champs.texte("La prochaine étape.", 3, 300),
                              }}},
    }, ["validation", "entrees"], "journal")
    nom_xls = {"type": "string", "pattern": r"^[a-z][a-z0-9_]*$", "maxLength": 40}
    questionnaire = _objet("Questionnaire d'un outil (questionnaires/<outil>.yml)", {
        **provenance,
        "titre": COMMUNS["titre"],
        "outil": champs.reference("L'outil qui le présente (nom de fichier de outils/)."),
        "introduction": champs.texte("Ce qu'on dit avant : but, durée, anonymat.", 10, 1000),
        "anonyme": {"type": "boolean",
                    "description": "true : rien n'y identifie une personne (une seule question "
                                   "« categorie » au plus, à groupes larges)."},
        "questions": {"type": "array", "minItems": 1, "maxItems": 60,
                      "description": "Les questions, dans l'ordre.",
                      "items": {"type": "object", "additionalProperties": False,
                                "required": ["id", "type", "libelle"], "properties": {
                                    "id": {**nom_xls, "description": "Identifiant (colonne du "
                                           "CSV, nom XLSForm) : minuscules, chiffres, « _ »."},
                                    "partie": champs.texte("Le titre de la partie.", 2, 80),
                                    "type": champs.choix(v.TYPES_QUESTION, "Le type."),
                                    "libelle": champs.texte("La question.", 3, 300),
                                    "aide": champs.texte("Une précision.", 3, 600),
                                    "obligatoire": {"type": "boolean"},
                                    "categorie": {"type": "boolean",
                                                  "description": "true : les réponses sont "
                                                                 "aussi lues par catégorie."},
                                    "echelle": {"type": "object", "additionalProperties": False,
                                                "required": ["min", "max", "bas", "haut"],
                                                "properties": {
                                                    "min": champs.entier("Le bas.", 0, 1),
                                                    "max": champs.entier("Le haut.", 2, 10),
                                                    "bas": champs.texte("Ce que veut dire le "
                                                                        "bas.", 2, 80),
                                                    "haut": champs.texte("Ce que veut dire le "
                                                                         "haut.", 2, 80)}},
                                    "options": {"type": "array", "minItems": 2, "maxItems": 12,
                                                "items": {"type": "object",
                                                          "additionalProperties": False,
                                                          "required": ["id", "libelle"],
                                                          "properties": {
                                                              "id": nom_xls,
                                                              "libelle": champs.texte(
                                                                  "Le choix.", 1, 200)}}},
                                    "minimum": champs.entier("Le plus petit nombre.", 0, 100000),
                                    "maximum": champs.entier("Le plus grand nombre.", 0, 100000),
                                    "bonne_reponse": nom_xls,
                                    "explication": champs.texte("Pourquoi c'est la bonne "
                                                                "réponse.", 10, 800),
                                }}},
    }, ["titre", "outil", "introduction", "validation", "questions"], "questionnaire")
    indicateurs = _objet("Indicateurs d'un questionnaire pour un labo "
                         "(labos/indicateurs/<labo>.yml, écrit par scripts/synthese.py)", {
        **provenance,
        "questionnaire": champs.reference("Le questionnaire (nom de fichier de questionnaires/)."),
        "reponses": champs.entier("Le nombre de réponses.", 1, 10000),
        "accord": {"type": "object", "additionalProperties": champs.entier(
                       "La part des réponses dans le haut de l'échelle, en %.", 0, 100),
                   "description": "Pour chaque question à échelle : la part des réponses dans "
                                  "le haut de l'échelle (3 ou 4 sur 4), en pour cent."},
    }, ["questionnaire", "reponses", "accord", "validation"], "indicateurs")
    taille = {"oneOf": [{"type": "integer", "minimum": 1, "maximum": 12},
                        {"type": "array", "minItems": 1, "maxItems": 12,
                         "items": {"type": "number", "exclusiveMinimum": 0, "maximum": 10}}]}
    place = champs.entier("Compté depuis 1 ; sans lui, la zone prend la case libre suivante.",
                          1, 12)
    canevas = _objet("Canevas à imprimer d'un outil (canevas/<outil>.yml)", {
        "titre": COMMUNS["titre"],
        "consigne": champs.texte("Ce qu'on fait avec la feuille, en une ou deux phrases.", 5, 200),
        "orientation": champs.choix(("paysage", "portrait"), "Le sens de la feuille."),
        "colonnes": {**taille, "description": "Le nombre de colonnes de la grille, ou la largeur "
                                              "relative de chacune ([1, 2, 1])."},
        "lignes": {**taille, "description": "Le nombre de lignes de la grille, ou la hauteur "
                                            "relative de chacune ([3, 1, 3])."},
        "axes": {"type": "object", "additionalProperties": False,
                 "required": ["horizontal", "vertical"],
                 "description": "Deux axes fléchés, sous la grille et à sa gauche.",
                 "properties": {"horizontal": champs.texte("L'axe du bas.", 2, 60),
                                "vertical": champs.texte("L'axe de gauche.", 2, 60)}},
        "zones": {"type": "array", "minItems": 1, "maxItems": 24,
                  "description": "Les zones à remplir, dans l'ordre de lecture.",
                  "items": {"type": "object", "additionalProperties": False,
                            "required": ["titre"], "properties": {
                                "id": champs.identifiant("Le nom de la zone, pour les flèches."),
                                "titre": champs.texte("Le titre de la zone.", 2, 60),
                                "question": champs.texte("La question ou la consigne de la zone.",
                                                         3, 200),
                                "ligne": place, "colonne": place,
                                "largeur": champs.entier("En colonnes de la grille.", 1, 12),
                                "hauteur": champs.entier("En lignes de la grille.", 1, 12),
                                "accent": {"type": "boolean",
                                           "description": "true : fond gris (la case centrale)."},
                                "tableau": {"type": "object", "additionalProperties": False,
                                            "required": ["colonnes", "rangees"],
                                            "description": "Un tableau à remplir dans la zone.",
                                            "properties": {
                                                "colonnes": {"type": "array", "minItems": 1,
                                                             "maxItems": 8,
                                                             "items": champs.texte(
                                                                 "Le titre d'une colonne.", 1,
                                                                 40)},
                                                "rangees": champs.entier("Les rangées vides.", 1,
                                                                         30)}},
                            }}},
        "fleches": {"type": "array", "maxItems": 24,
                    "description": "Des flèches entre deux zones (par leur id).",
                    "items": {"type": "object", "additionalProperties": False,
                              "required": ["de", "vers"],
                              "properties": {"de": champs.reference("La zone de départ."),
                                             "vers": champs.reference("La zone d'arrivée.")}}},
    }, ["titre", "orientation", "colonnes", "lignes", "zones"], "canevas")
    return {**par_genre, "commun": commun, "presences": presences, "fiche-ccas": fiche_ccas,
            "journal": journal, "questionnaire": questionnaire, "indicateurs": indicateurs,
            "canevas": canevas}


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
