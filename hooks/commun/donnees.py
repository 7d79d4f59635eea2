"""Les données ouvertes du commun : catalogue JSON (et son schéma), CSV, flux Atom, iCalendar.

Tout passe par de vrais sérialiseurs (``json``, ``csv``, ``xml.etree.ElementTree``,
``icalendar``), jamais par des gabarits de texte : une apostrophe (« M'Tsangamouji »), un
guillemet ou un retour à la ligne dans un titre ne peuvent pas casser un fichier.

Chaque texte écrit passe par ``caracteres.publiable`` (défense en profondeur) : même si un
caractère de contrôle échappait au contrôle d'entrée, aucun fichier ne deviendrait illisible.

``exports(corpus, …)`` rend {chemin dans le site: octets} ; le hook ``hooks/donnees.py`` les
écrit après le build. Le corpus reçu doit être celui du contenu **validé** (les fichiers sont
publiés même quand le site est un aperçu). Les adresses et le contenu de chaque fichier sont
décrits dans ``FICHIERS`` et ``COLONNES_*``, que la page « Données ouvertes » affiche.
"""

from __future__ import annotations

import csv
import io
import json
import os
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

import icalendar

from commun import questionnaires, suivi
from commun import vocabulaire as v
from commun.caracteres import publiable
from commun.modele import (
    CompteRendu,
    Configuration,
    Contenu,
    Corpus,
    FeuillePresence,
    Fiche,
    Outil,
    Publiable,
)
from commun.schemas import MOTIF_DATE, MOTIF_ID

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Fichier:
    chemin: str  # dans le site, ex. « donnees/catalogue.json »
    format: str
    type_mime: str
    description: str


CATALOGUE = Fichier("donnees/catalogue.json", "JSON", "application/json",
                    "Toutes les fiches projets, les outils, les comptes rendus de labo et les "
                    "feuilles de présence, avec leurs métadonnées et leurs adresses.")
SCHEMA_CATALOGUE = Fichier("donnees/catalogue.schema.json", "JSON Schema",
                           "application/schema+json",
                           "Le schéma JSON (2020-12) qui décrit le catalogue, champ par champ.")
FICHES_CSV = Fichier("donnees/fiches.csv", "CSV", "text/csv",
                     "Les fiches projets, une ligne par fiche.")
OUTILS_CSV = Fichier("donnees/outils.csv", "CSV", "text/csv",
                     "Les outils et méthodes, une ligne par outil.")
FLUX = Fichier("flux.xml", "Atom", "application/atom+xml",
               "Les fiches projets et les outils, du plus récemment mis à jour au plus ancien.")
CALENDRIER = Fichier("labos.ics", "iCalendar", "text/calendar",
                     "Les labos et les intersessions, à importer dans un agenda.")
FICHIERS = (CATALOGUE, SCHEMA_CATALOGUE, FICHES_CSV, OUTILS_CSV, FLUX, CALENDRIER)


@dataclass(frozen=True)
class Adresses:
    """Les adresses publiques : ``page("fiches/x.md")`` et ``fichier("flux.xml")``."""

    page: Callable[[str], str]
    fichier: Callable[[str], str]


# --- Le catalogue JSON ------------------------------------------------------------------------

def _publies(ids: tuple[str, ...], publies: dict[str, Any]) -> list[str]:
    """Les renvois vers des contenus publiés seulement : un brouillon n'est jamais nommé."""
    return [i for i in ids if i in publies]


def _commun(c: Contenu, corpus: Corpus, adresses: Adresses) -> dict[str, Any]:
    return {
        "url": adresses.page(c.src_uri),
        "source": corpus.configuration.site.lien_source(c.chemin),
        "licence": c.licence,
        "exemple": c.exemple,
        "mis_a_jour": c.mis_a_jour,
        **_provenance(c, corpus),
    }


def _provenance(c: Publiable, corpus: Corpus) -> dict[str, Any]:
    """Qui a validé la publication (une instance, jamais une personne) et quand."""
    qui = corpus.configuration.validateurs.get(c.valide_par)
    return {"valide_par": {"id": qui.id, "nom": qui.nom} if qui else None,
            "valide_le": c.valide_le}


def _fiche(f: Fiche, corpus: Corpus, adresses: Adresses) -> dict[str, Any]:
    config = corpus.configuration
    return {
        "id": f.id, "titre": f.titre, "resume": f.resume,
        "ccas": {"id": f.ccas, "nom": config.ccas[f.ccas].nom},
        "thematique": {"id": f.thematique, "nom": config.thematiques[f.thematique].nom},
        "priorite": f.priorite, "etat": f.etat,
        "labos": list(f.labos),
        "outils": _publies(f.outils, corpus.outils),
        "equipe": list(f.equipe),
        **_commun(f, corpus, adresses),
    }


def _outil(o: Outil, corpus: Corpus, adresses: Adresses) -> dict[str, Any]:
    return {
        "id": o.id, "titre": o.titre, "resume": o.resume, "type": o.type, "phase": o.phase,
        "duree_minutes": o.duree_minutes, "participants_min": o.participants_min,
        "participants_max": o.participants_max, "difficulte": o.difficulte,
        "materiel": list(o.materiel), "outils_lies": _publies(o.outils_lies, corpus.outils),
        "a_distance": {"canaux": list(o.a_distance.canaux), "langues": list(o.a_distance.langues),
                       "cout": o.a_distance.cout,
                       "non_recommande": o.a_distance.non_recommande},
        **_commun(o, corpus, adresses),
    }


def _compte_rendu(c: CompteRendu, corpus: Corpus, adresses: Adresses) -> dict[str, Any]:
    return {
        "id": c.id, "titre": c.titre,
        "labo": {"id": c.labo, "nom": corpus.configuration.labos[c.labo].nom},
        "debut": c.debut, "fin": c.fin, "lieu": c.lieu, "format": c.format,
        "ccas_presents": list(c.ccas_presents),
        "outils": _publies(c.outils, corpus.outils),
        "fiches": _publies(c.fiches, corpus.fiches),
        **_commun(c, corpus, adresses),
    }


def _feuille(p: FeuillePresence, corpus: Corpus) -> dict[str, Any]:
    return {
        "labo": {"id": p.labo, "nom": corpus.configuration.labos[p.labo].nom},
        "exemple": p.exemple,
        **_provenance(p, corpus),
        "presences": [{"ccas": x.ccas, "jours": list(x.jours), "participants": x.participants}
                      for x in p.presences],
    }


def catalogue(corpus: Corpus, adresses: Adresses) -> dict[str, Any]:
    site = corpus.configuration.site
    nom, url = v.LICENCES.get(site.licence_contenu, (site.licence_contenu, ""))
    dates = [c.mis_a_jour for c in corpus.contenus() if c.mis_a_jour]
    return {
        "$schema": adresses.fichier(SCHEMA_CATALOGUE.chemin),
        "titre": f"{site.nom} — {site.territoire}",
        "description": site.description,
        "site": adresses.fichier(""),
        "licence": {"id": site.licence_contenu, "nom": nom, "url": url},
        "mis_a_jour": max(dates, default=None),
        "fiches": [_fiche(f, corpus, adresses) for f in _par_id(corpus.fiches)],
        "outils": [_outil(o, corpus, adresses) for o in _par_id(corpus.outils)],
        "comptes_rendus": [_compte_rendu(c, corpus, adresses)
                           for l in corpus.configuration.labos
                           if (c := corpus.comptes_rendus.get(l)) is not None],
        "presences": [_feuille(p, corpus) for l in corpus.configuration.labos
                      if (p := corpus.presences.get(l)) is not None],
    }


def _par_id(contenus: dict[str, Any]) -> list[Any]:
    return [contenus[k] for k in sorted(contenus)]


def schema_catalogue(adresse: str) -> dict[str, Any]:
    """Le schéma JSON du catalogue, construit depuis le vocabulaire (une seule source)."""

    def texte(description: str) -> dict[str, Any]:
        return {"type": "string", "description": description}

    def choix(termes: dict[str, v.Terme] | tuple[str, ...], description: str) -> dict[str, Any]:
        return {"enum": list(termes), "description": description}

    def ids(description: str) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "string", "pattern": MOTIF_ID},
                "description": description}

    def objet(proprietes: dict[str, Any], description: str = "") -> dict[str, Any]:
        schema = {"type": "object", "additionalProperties": False,
                  "required": list(proprietes), "properties": proprietes}
        return {**schema, "description": description} if description else schema

    date_ = {"type": "string", "pattern": MOTIF_DATE, "format": "date",
             "description": "Date au format AAAA-MM-JJ."}
    reference = objet({"id": {"type": "string", "pattern": MOTIF_ID}, "nom": texte("Libellé.")},
                      "Un élément du référentiel (commun.yml) : identifiant et libellé.")
    provenance = {
        "valide_par": {"anyOf": [reference, {"type": "null"}],
                       "description": "L'instance qui a validé la publication (jamais une "
                                      "personne), ou null pour un brouillon."},
        "valide_le": {"anyOf": [date_, {"type": "null"}],
                      "description": "Le jour de cette validation, ou null."},
    }
    communs = {
        "url": {"type": "string", "format": "uri", "description": "La page du site."},
        "source": {"type": "string", "format": "uri",
                   "description": "Le fichier source (Markdown) dans le dépôt."},
        "licence": choix(v.LICENCES_CONTENU, "La licence du contenu."),
        "exemple": {"type": "boolean", "description": "true : contenu fictif d'exemple."},
        "mis_a_jour": {"anyOf": [date_, {"type": "null"}],
                       "description": "Date de la dernière mise à jour, ou null."},
        **provenance,
    }
    fiche = objet({
        "id": {"type": "string", "pattern": MOTIF_ID,
               "description": "Identifiant (nom du fichier)."},
        "titre": texte("Le titre."), "resume": texte("Une phrase qui résume le projet."),
        "ccas": reference, "thematique": reference,
        "priorite": choix(v.PRIORITES, "Projet prioritaire ou secondaire du CCAS."),
        "etat": choix(v.ETATS, "L'état d'avancement du projet."),
        "labos": ids("Les labos où le projet a été travaillé."),
        "outils": ids("Les outils utilisés (identifiants du catalogue)."),
        "equipe": {"type": "array", "items": {"type": "string"},
                   "description": "Les rôles de l'équipe projet (jamais de noms)."},
        **communs,
    }, "Une fiche projet d'un CCAS.")
    outil = objet({
        "id": {"type": "string", "pattern": MOTIF_ID,
               "description": "Identifiant (nom du fichier)."},
        "titre": texte("Le titre."), "resume": texte("À quoi sert l'outil."),
        "type": choix(v.TYPES_OUTIL, "La nature de l'outil."),
        "phase": choix(v.PHASES, "La phase de la démarche."),
        "duree_minutes": {"type": "integer", "minimum": 1, "description": "Durée en minutes."},
        "participants_min": {"type": "integer", "minimum": 1},
        "participants_max": {"type": "integer", "minimum": 1},
        "difficulte": choix(v.DIFFICULTES, "La difficulté d'animation."),
        "materiel": {"type": "array", "items": {"type": "string"}},
        "outils_lies": ids("Les outils liés."),
        "a_distance": objet({
            "canaux": {"type": "array", "items": choix(v.CANAUX, "Un canal.")},
            "langues": {"type": "array", "items": choix(v.LANGUES, "Une langue.")},
            "cout": {"type": "string", "description": "Ce qu'elle coûte, et qui paie."},
            "non_recommande": {"type": "string",
                               "description": "Pourquoi pas à distance (vide sinon)."},
        }, "La variante à distance : canaux, langues, coût ; ou pourquoi elle n'existe pas."),
        **communs,
    }, "Un outil ou une méthode.")
    compte_rendu = objet({
        "id": {"type": "string", "pattern": MOTIF_ID, "description": "L'identifiant du labo."},
        "titre": texte("Le titre du compte rendu."), "labo": reference,
        "debut": date_, "fin": date_, "lieu": texte("La commune ou le lieu."),
        "format": choix(v.FORMATS, "Le format du labo."),
        "ccas_presents": ids("Les CCAS présents."),
        "outils": ids("Les outils utilisés pendant le labo."),
        "fiches": ids("Les fiches travaillées."),
        **communs,
    }, "Le compte rendu d'un labo.")
    presence = objet({
        "labo": reference,
        "exemple": {"type": "boolean", "description": "true : données fictives d'exemple."},
        **provenance,
        "presences": {"type": "array", "items": objet({
            "ccas": {"type": "string", "pattern": MOTIF_ID, "description": "Le CCAS."},
            "jours": {"type": "array", "items": date_, "minItems": 1,
                      "description": "Les jours de présence."},
            "participants": {"type": "integer", "minimum": 1, "maximum": 3,
                             "description": "Le nombre de personnes venues (jamais de noms)."},
        })},
    }, "La feuille de présence d'un labo.")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": adresse,
        "title": "Catalogue des données du commun",
        **objet({
            "$schema": {"type": "string", "description": "L'adresse de ce schéma."},
            "titre": texte("Le nom du commun."),
            "description": texte("Ce qu'est le commun."),
            "site": texte("L'adresse du site."),
            "licence": objet({"id": texte("Identifiant SPDX."), "nom": texte("Nom."),
                              "url": texte("Texte de la licence.")},
                             "La licence des contenus, sauf mention contraire par élément."),
            "mis_a_jour": {"anyOf": [date_, {"type": "null"}],
                           "description": "La plus récente des dates de mise à jour."},
            "fiches": {"type": "array", "items": fiche, "description": "Les fiches projets."},
            "outils": {"type": "array", "items": outil, "description": "Les outils."},
            "comptes_rendus": {"type": "array", "items": compte_rendu,
                               "description": "Les comptes rendus de labo."},
            "presences": {"type": "array", "items": presence,
                          "description": "Les feuilles de présence des labos."},
        }),
    }


# --- Les CSV ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Colonne:
    nom: str
    description: str
    valeur: Callable[[Any], Any]


SEPARATEUR_LISTE = ";"


def _liste(valeurs: Iterable[str]) -> str:
    return SEPARATEUR_LISTE.join(valeurs)


def colonnes_fiches(corpus: Corpus, adresses: Adresses) -> list[Colonne]:
    config = corpus.configuration
    return [
        Colonne("id", "Identifiant (nom du fichier)", lambda f: f.id),
        Colonne("titre", "Titre", lambda f: f.titre),
        Colonne("resume", "Résumé en une phrase", lambda f: f.resume),
        Colonne("ccas", "Identifiant du CCAS", lambda f: f.ccas),
        Colonne("ccas_nom", "Nom du CCAS", lambda f: config.ccas[f.ccas].nom),
        Colonne("thematique", "Identifiant de la thématique", lambda f: f.thematique),
        Colonne("thematique_nom", "Thématique",
                lambda f: config.thematiques[f.thematique].nom),
        Colonne("priorite", f"{' ou '.join(v.PRIORITES)}", lambda f: f.priorite),
        Colonne("etat", ", ".join(v.ETATS), lambda f: f.etat),
        Colonne("labos", "Labos, séparés par des points-virgules", lambda f: _liste(f.labos)),
        Colonne("outils", "Outils utilisés, séparés par des points-virgules",
                lambda f: _liste(_publies(f.outils, corpus.outils))),
        Colonne("equipe", "Rôles de l'équipe, séparés par des points-virgules",
                lambda f: _liste(f.equipe)),
        Colonne("mis_a_jour", "Date de mise à jour (AAAA-MM-JJ)", lambda f: f.mis_a_jour or ""),
        *_colonnes_provenance(config),
        Colonne("licence", "Licence", lambda f: f.licence),
        Colonne("exemple", "oui pour une fiche fictive d'exemple",
                lambda f: "oui" if f.exemple else "non"),
        Colonne("url", "Page du site", lambda f: adresses.page(f.src_uri)),
    ]


def _colonnes_provenance(config: Configuration) -> list[Colonne]:
    def nom(c: Contenu) -> str:
        qui = config.validateurs.get(c.valide_par)
        return qui.nom if qui else ""
    return [Colonne("valide_par", "Qui a validé la publication (une instance, jamais une "
                    "personne)", nom),
            Colonne("valide_le", "Date de la validation (AAAA-MM-JJ)",
                    lambda c: c.valide_le or "")]


def colonnes_outils(corpus: Corpus, adresses: Adresses) -> list[Colonne]:
    config = corpus.configuration
    return [
        Colonne("id", "Identifiant (nom du fichier)", lambda o: o.id),
        Colonne("titre", "Titre", lambda o: o.titre),
        Colonne("resume", "À quoi sert l'outil", lambda o: o.resume),
        Colonne("type", ", ".join(v.TYPES_OUTIL), lambda o: o.type),
        Colonne("phase", ", ".join(v.PHASES), lambda o: o.phase),
        Colonne("duree_minutes", "Durée en minutes", lambda o: o.duree_minutes),
        Colonne("participants_min", "Participants, au moins", lambda o: o.participants_min),
        Colonne("participants_max", "Participants, au plus", lambda o: o.participants_max),
        Colonne("difficulte", ", ".join(v.DIFFICULTES), lambda o: o.difficulte),
        Colonne("materiel", "Matériel, séparé par des points-virgules",
                lambda o: _liste(o.materiel)),
        Colonne("outils_lies", "Outils liés, séparés par des points-virgules",
                lambda o: _liste(_publies(o.outils_lies, corpus.outils))),
        Colonne("a_distance", "Canaux de la variante à distance, séparés par des points-virgules "
                "(vide : non recommandée à distance)", lambda o: _liste(o.a_distance.canaux)),
        Colonne("mis_a_jour", "Date de mise à jour (AAAA-MM-JJ)", lambda o: o.mis_a_jour or ""),
        *_colonnes_provenance(config),
        Colonne("licence", "Licence", lambda o: o.licence),
        Colonne("url", "Page du site", lambda o: adresses.page(o.src_uri)),
    ]


FORMULE = ("=", "+", "-", "@", "\t", "\r")


def _cellule(valeur: Any) -> Any:
    """Un texte qui commence comme une formule (« =… ») est précédé d'une apostrophe, pour
    qu'un tableur ne l'exécute pas à l'ouverture (injection de formule)."""
    if isinstance(valeur, str):
        valeur = publiable(valeur)
    if isinstance(valeur, str) and valeur.startswith(FORMULE):
        return "'" + valeur
    return valeur


def tableau_csv(colonnes: list[Colonne], lignes: list[Any]) -> str:
    """Un CSV (RFC 4180 : virgules, guillemets doubles, fins de ligne CRLF) avec l'en-tête."""
    sortie = io.StringIO(newline="")
    ecrivain = csv.writer(sortie)
    ecrivain.writerow([c.nom for c in colonnes])
    for ligne in lignes:
        ecrivain.writerow([_cellule(c.valeur(ligne)) for c in colonnes])
    return sortie.getvalue()


# --- Le flux Atom -------------------------------------------------------------------------------

def _identifiant(corpus: Corpus, chemin: str) -> str:
    """Un identifiant Atom permanent, qui ne dépend pas de l'adresse du site."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{corpus.configuration.site.depot}/{chemin}").urn


def _instant(iso: str) -> str:
    return f"{iso}T00:00:00Z"


def flux_atom(corpus: Corpus, adresses: Adresses) -> bytes:
    """Les fiches et outils datés (``mis_a_jour``), du plus récent au plus ancien."""
    site = corpus.configuration.site
    contenus: list[Fiche | Outil] = [*corpus.fiches.values(), *corpus.outils.values()]
    datees = sorted(((c.mis_a_jour, c) for c in contenus if c.mis_a_jour),
                    key=lambda d: (d[1].collection, d[1].id))
    datees.sort(key=lambda d: d[0], reverse=True)  # tri stable : le plus récent d'abord

    def sous(parent: ET.Element, nom: str, texte: str | None = None,
             **attributs: str) -> ET.Element:
        element = ET.SubElement(parent, nom, {k: publiable(str(a)) for k, a in attributs.items()})
        element.text = None if texte is None else publiable(str(texte))
        return element

    # l'espace de noms Atom est celui par défaut du document : des noms courts, sans préfixe
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "fr"})
    sous(feed, "title", f"{site.nom} — fiches projets et outils")
    sous(feed, "subtitle", site.description)
    sous(feed, "id", _identifiant(corpus, FLUX.chemin))
    sous(feed, "updated", _instant(datees[0][0]) if datees
         else _instant(date(2000, 1, 1).isoformat()))
    sous(feed, "link", rel="self", type=FLUX.type_mime, href=adresses.fichier(FLUX.chemin))
    sous(feed, "link", rel="alternate", type="text/html", href=adresses.fichier(""))
    sous(sous(feed, "author"), "name", site.porteur or site.nom)
    nom, _ = v.LICENCES.get(site.licence_contenu, (site.licence_contenu, ""))
    sous(feed, "rights", f"{nom}, sauf mention contraire")
    sous(feed, "generator", site.nom)
    for mis_a_jour, c in datees:
        entree = sous(feed, "entry")
        sous(entree, "title", c.titre)
        sous(entree, "id", _identifiant(corpus, c.chemin))
        sous(entree, "updated", _instant(mis_a_jour))
        sous(entree, "link", rel="alternate", type="text/html", href=adresses.page(c.src_uri))
        sous(entree, "summary", c.resume)
        if isinstance(c, Fiche):
            sous(entree, "category", term="fiche", label="Fiche projet")
            sous(entree, "category", term=c.thematique,
                 label=corpus.configuration.thematiques[c.thematique].nom)
            sous(sous(entree, "author"), "name", corpus.configuration.ccas[c.ccas].libelle)
        else:
            sous(entree, "category", term="outil", label="Outil")
            sous(entree, "category", term=c.phase, label=v.PHASES[c.phase].libelle)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


# --- Le calendrier iCalendar ----------------------------------------------------------------------

def calendrier_ics(corpus: Corpus, adresses: Adresses, maintenant: datetime) -> bytes:
    """Les labos et intersessions en événements « journée entière » (RFC 5545)."""
    site = corpus.configuration.site
    hote = urlsplit(adresses.fichier("")).hostname or urlsplit(site.depot).hostname or "le-commun"
    cal = _Calendrier()
    cal.add("prodid", f"-//{site.nom}//{site.programme or 'programme'}//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{site.programme or site.nom} — labos et intersessions")
    for etape in suivi.etapes(corpus):
        evenement = _Evenement()
        evenement.add("uid", f"{etape.id}@{hote}")
        evenement.add("dtstamp", maintenant.astimezone(UTC))
        evenement.add("dtstart", suivi.jour(etape.debut))
        evenement.add("dtend", etape.fin_exclue)
        evenement.add("summary", f"{etape.nom} — {site.programme}" if site.programme
                      else etape.nom)
        details = [etape.description] if etape.description else []
        if etape.genre == "labo" and not etape.realise:
            details.append("Trois jours d'ateliers en sous-groupes et un forum collectif "
                           "(dates prévues).")
        if etape.format:
            details.append(v.FORMATS[etape.format].libelle)
        if etape.src_uri:
            details.append(adresses.page(etape.src_uri))
        if details:
            evenement.add("description", "\n".join(details))
        if etape.lieu:
            evenement.add("location", etape.lieu)
        if etape.src_uri:
            evenement.add("url", adresses.page(etape.src_uri))
        evenement.add("transp", "TRANSPARENT")
        cal.add_component(evenement)
    return cal.to_ical()


class _Textes(icalendar.Component):
    """Un composant iCalendar dont chaque texte passe par ``publiable`` (RFC 5545 n'accepte
    aucun caractère de contrôle dans un texte)."""

    def add(self, name: str, value: Any, *args: Any, **kwargs: Any) -> None:
        value = publiable(value) if isinstance(value, str) else value
        super().add(name, value, *args, **kwargs)


class _Calendrier(_Textes, icalendar.Calendar):
    pass


class _Evenement(_Textes, icalendar.Event):
    pass


def _publiables(valeur: Any) -> Any:
    """Les textes d'une structure JSON passés par ``publiable`` (clés comprises)."""
    if isinstance(valeur, str):
        return publiable(valeur)
    if isinstance(valeur, dict):
        return {_publiables(k): _publiables(v) for k, v in valeur.items()}
    if isinstance(valeur, (list, tuple)):
        return [_publiables(v) for v in valeur]
    return valeur


# --- Tout ---------------------------------------------------------------------------------------

def maintenant() -> datetime:
    """L'heure du build ; ``SOURCE_DATE_EPOCH`` la fixe (builds reproductibles, tests)."""
    if (epoque := os.environ.get("SOURCE_DATE_EPOCH", "").strip()).isdigit():
        return datetime.fromtimestamp(int(epoque), tz=UTC)
    return datetime.now(tz=UTC)


def exports(corpus: Corpus, adresses: Adresses, maintenant: datetime) -> dict[str, bytes]:
    """Les fichiers de données : {chemin dans le site: contenu}."""

    def json_(donnees: Any) -> bytes:
        return (json.dumps(_publiables(donnees), ensure_ascii=False, indent=2, allow_nan=False)
                + "\n").encode("utf-8")

    fiches = _par_id(corpus.fiches)
    outils = _par_id(corpus.outils)
    return {
        CATALOGUE.chemin: json_(catalogue(corpus, adresses)),
        SCHEMA_CATALOGUE.chemin: json_(schema_catalogue(adresses.fichier(SCHEMA_CATALOGUE.chemin))),
        FICHES_CSV.chemin: tableau_csv(colonnes_fiches(corpus, adresses), fiches).encode("utf-8"),
        OUTILS_CSV.chemin: tableau_csv(colonnes_outils(corpus, adresses), outils).encode("utf-8"),
        FLUX.chemin: flux_atom(corpus, adresses),
        CALENDRIER.chemin: calendrier_ics(corpus, adresses, maintenant),
        **{chemin: octets for q in corpus.questionnaires.values()
           for chemin, octets in questionnaires.fichiers(q).items()},
    }
