"""Un questionnaire défini une fois (``questionnaires/<outil>.yml``), et toutes les formes qu'il
prend : la page à imprimer et à remplir au stylo, le formulaire du site qui marche hors ligne sur
un téléphone (le même HTML, ``assets/questionnaire.js`` le fait vivre), l'XLSForm pour
KoboToolbox et ODK Collect, et le CSV vierge, une colonne par question.

Les colonnes du CSV sont les identifiants des questions : ce que le formulaire du site exporte,
ce que KoboToolbox et ODK exportent (au préfixe de groupe près), ce que lit
``scripts/synthese.py``.
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

from commun import vocabulaire as v
from commun.modele import Question, Questionnaire

DOSSIER = "questionnaires"  # dans le site : questionnaires/<id>/ (page, .xlsx, .csv)
LANGUE = "Français (fr)"  # la langue des libellés dans l'XLSForm
META = ("reponse_id", "date")  # les colonnes que le formulaire du site ajoute
SCRIPT = "assets/questionnaire.js"  # le formulaire hors ligne (hooks/theme/assets)


def colonnes(q: Questionnaire) -> list[str]:
    return [*META, *(x.id for x in q.questions)]


def csv_vierge(q: Questionnaire) -> str:
    sortie = io.StringIO()
    csv.writer(sortie, lineterminator="\r\n").writerow(colonnes(q))
    return sortie.getvalue()


def groupe(partie: str) -> str:
    """Le nom XLSForm d'une partie : « Le labo » → « le_labo » (préfixe des exports Kobo)."""
    sans_accents = unicodedata.normalize("NFKD", partie).encode("ascii", "ignore").decode()
    nom = re.sub(r"[^a-z0-9]+", "_", sans_accents.lower()).strip("_") or "partie"
    return nom if nom[0].isalpha() else f"p_{nom}"


# --- L'XLSForm ------------------------------------------------------------------------------

def _liste(x: Question) -> str:
    return {"oui-non": "oui_non"}.get(x.type, f"{x.id}_choix")


def xlsform(q: Questionnaire) -> bytes:
    """Le fichier .xlsx (feuilles survey, choices, settings), reproductible octet pour octet."""
    from openpyxl import Workbook  # chargé seulement quand un questionnaire est publié

    classeur = Workbook()
    survey = classeur.active
    assert survey is not None
    survey.title = "survey"
    label, hint = f"label::{LANGUE}", f"hint::{LANGUE}"
    survey.append(["type", "name", label, hint, "required", "appearance", "constraint",
                   "constraint_message::" + LANGUE])
    choices = classeur.create_sheet("choices")
    choices.append(["list_name", "name", label])
    partie, listes = "", set()
    for x in q.questions:
        if x.partie != partie:
            if partie:
                survey.append(["end_group", groupe(partie)])
            if x.partie:
                survey.append(["begin_group", groupe(x.partie), x.partie])
            partie = x.partie
        xls = v.TYPES_QUESTION[x.type].description
        contrainte = message = ""
        if x.type == "nombre" and (x.minimum is not None or x.maximum is not None):
            bornes = [f". >= {x.minimum}" if x.minimum is not None else "",
                      f". <= {x.maximum}" if x.maximum is not None else ""]
            contrainte = " and ".join(b for b in bornes if b)
            message = f"Entre {x.minimum or 0} et {x.maximum if x.maximum is not None else '…'}"
        if xls.startswith("select"):
            xls = f"{xls} {_liste(x)}"
            if _liste(x) not in listes:
                listes.add(_liste(x))
                for o in x.choix:
                    choices.append([_liste(x), o.id, o.libelle])
        survey.append([xls, x.id, x.libelle, x.aide, "yes" if x.obligatoire else "",
                       "multiline" if x.type == "texte-long" else "", contrainte, message])
    if partie:
        survey.append(["end_group", groupe(partie)])
    settings = classeur.create_sheet("settings")
    version = (q.valide_le or "2000-01-01").replace("-", "")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append([q.titre, q.id.replace("-", "_"), version, LANGUE])
    brut = io.BytesIO()
    classeur.save(brut)
    return _zip_reproductible(brut.getvalue())


DATE_FIXE = "2000-01-01T00:00:00Z"


def _zip_reproductible(octets: bytes) -> bytes:
    """Le même classeur réécrit avec des dates fixes (celles des entrées du ZIP, et la date de
    modification qu'openpyxl pose à l'enregistrement) : deux builds donnent le même fichier."""
    source, sortie = zipfile.ZipFile(io.BytesIO(octets)), io.BytesIO()
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as cible:
        for info in source.infolist():
            contenu = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                contenu = re.sub(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*",
                                 rb"\g<1>" + DATE_FIXE.encode(), contenu)
            fixe = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixe.compress_type = zipfile.ZIP_DEFLATED
            cible.writestr(fixe, contenu)
    return sortie.getvalue()


# --- Le formulaire (page à imprimer, formulaire hors ligne) ----------------------------------

def formulaire(q: Questionnaire) -> str:
    """Le formulaire HTML : au stylo une fois imprimé, sur le téléphone avec son script."""
    form = ET.Element("form", {"class": "commun-questionnaire", "id": f"questionnaire-{q.id}",
                               "method": "dialog", "data-questionnaire": q.id,
                               "data-colonnes": " ".join(colonnes(q))})
    partie: ET.Element | None = None
    nom_partie = ""
    for n, x in enumerate(q.questions, start=1):
        if x.partie and x.partie != nom_partie:
            partie = ET.SubElement(form, "section", {"class": "commun-questionnaire__partie"})
            ET.SubElement(partie, "h2", {"id": f"partie-{groupe(x.partie)}"}).text = x.partie
            nom_partie = x.partie
        parent = partie if partie is not None and x.partie else form
        _question(parent, n, x)
    actions = ET.SubElement(form, "div", {"class": "commun-questionnaire__actions"})
    for action, libelle in (("csv", "Télécharger mes réponses (CSV)"),
                            ("partager", "Envoyer (WhatsApp, e-mail…)"),
                            ("effacer", "Effacer mes réponses")):
        ET.SubElement(actions, "button", {"type": "button", "data-action": action,
                                          "class": "md-button", "hidden": "hidden"}).text = libelle
    ET.SubElement(form, "p", {"class": "commun-questionnaire__etat", "role": "status",
                              "aria-live": "polite"})
    return ET.tostring(form, encoding="unicode", method="html")


def _question(parent: ET.Element, n: int, x: Question) -> None:
    ident = f"q-{x.id}"
    bloc = ET.SubElement(parent, "fieldset", {"class": "commun-questionnaire__question",
                                              "id": f"question-{x.id}"})
    legende = ET.SubElement(bloc, "legend")
    legende.text = f"{n}. {x.libelle}" + (" *" if x.obligatoire else "")
    if x.aide:
        ET.SubElement(bloc, "p", {"class": "commun-questionnaire__aide"}).text = x.aide
    if x.type in ("echelle", "choix-unique", "oui-non", "choix-multiple"):
        genre = "checkbox" if x.type == "choix-multiple" else "radio"
        choix = ET.SubElement(bloc, "div", {"class": "commun-questionnaire__choix"})
        for o in x.choix:
            etiquette = ET.SubElement(choix, "label")
            champ = {"type": genre, "name": x.id, "value": o.id}
            if x.obligatoire and genre == "radio":
                champ["required"] = "required"
            ET.SubElement(etiquette, "input", champ).tail = " " + o.libelle
    elif x.type == "nombre":
        champ = {"type": "number", "name": x.id, "id": ident, "inputmode": "numeric"}
        champ |= {"min": str(x.minimum)} if x.minimum is not None else {}
        champ |= {"max": str(x.maximum)} if x.maximum is not None else {}
        ET.SubElement(ET.SubElement(bloc, "label", {"for": ident}), "span").text = "Nombre :"
        ET.SubElement(bloc, "input", champ)
    else:
        ET.SubElement(ET.SubElement(bloc, "label", {"for": ident}), "span").text = "Réponse :"
        ET.SubElement(bloc, "textarea", {"name": x.id, "id": ident,
                                         "rows": "4" if x.type == "texte-long" else "2"}).text = ""
    if x.bonne_reponse:
        reponse = next(o.libelle for o in x.choix if o.id == x.bonne_reponse)
        details = ET.SubElement(bloc, "details", {"class": "commun-questionnaire__correction"})
        ET.SubElement(details, "summary").text = "Voir la bonne réponse"
        ET.SubElement(details, "p").text = f"Bonne réponse : {reponse}. {x.explication}"


# --- Les fichiers et la page ----------------------------------------------------------------

def page_de(q: Questionnaire) -> str:
    return f"{DOSSIER}/{q.id}/index.md"


def fichiers(q: Questionnaire) -> dict[str, bytes]:
    """L'XLSForm et le CSV vierge, à côté de la page : {chemin dans le site: contenu}."""
    return {f"{DOSSIER}/{q.id}/{q.id}.xlsx": xlsform(q),
            f"{DOSSIER}/{q.id}/{q.id}.csv": csv_vierge(q).encode("utf-8")}


def page(q: Questionnaire, outil: str) -> str:
    """La page : ce qu'on dit avant, les fichiers, puis le formulaire (à remplir ou imprimer)."""
    def lien(fichier: str, texte: str) -> str:
        return f'<a href="{fichier}" download>{html.escape(texte)}</a>'

    return "\n\n".join([
        f"# {_md(q.titre)}",
        f'<p class="commun-resume">{html.escape(q.introduction)}</p>',
        f"Présenté par l'outil {outil}. Sur un téléphone, les réponses restent sur l'appareil, "
        "même sans réseau et après un rechargement, jusqu'à ce que vous les envoyiez vous-même "
        "(fichier CSV, ou WhatsApp et e-mail par le bouton « Envoyer »). Rien d'autre ne quitte "
        "le téléphone. Sur papier : imprimez cette page et répondez au stylo.",
        '<p class="commun-questionnaire__fichiers">'
        + lien(f"{q.id}.xlsx", "XLSForm pour KoboToolbox ou ODK Collect (.xlsx)") + " · "
        + lien(f"{q.id}.csv", "CSV vierge, une colonne par question") + "</p>",
        formulaire(q),
    ]) + "\n"


def _md(texte: str) -> str:
    return re.sub(r"([\\`*_\[\]#|!<>{}])", r"\\\1", texte)
