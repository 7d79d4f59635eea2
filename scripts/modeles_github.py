"""Réécrit le formulaire GitHub « Proposer une fiche » (.github/ISSUE_TEMPLATE) depuis commun.yml.

Usage :
    python scripts/modeles_github.py             écrit .github/ISSUE_TEMPLATE/*.yml
    python scripts/modeles_github.py --verifier  code de sortie 1 si un fichier n'est pas à jour

Les listes déroulantes (CCAS, thématiques, priorité, état, labos) ont pour valeurs celles de
commun.yml et du vocabulaire : quand on ajoute une commune ou un labo, relancez « make github ».
Un test vérifie que les fichiers sont à jour.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "hooks"))

from commun import schemas  # noqa: E402
from commun import vocabulaire as v  # noqa: E402
from commun.chargement import charger_configuration  # noqa: E402
from commun.generes import ecrire_ou_verifier  # noqa: E402
from commun.modele import Configuration  # noqa: E402
from commun.squelettes import A_COMPLETER, GENRES, sections  # noqa: E402

DOSSIER = RACINE / ".github" / "ISSUE_TEMPLATE"
ENTETE = ("# Fichier écrit par scripts/modeles_github.py depuis commun.yml : ne le modifiez pas "
          "à la main,\n# lancez « make github ».\n")


def option(identifiant: str, libelle: str) -> str:
    """Le libellé d'un choix, suivi de l'identifiant à écrire dans la fiche."""
    return f"{libelle} ({identifiant})"


def liste(id: str, label: str, options: list[str], description: str = "",
          requis: bool = True, multiple: bool = False) -> dict[str, Any]:
    attributs: dict[str, Any] = {"label": label}
    if description:
        attributs["description"] = description
    if multiple:
        attributs["multiple"] = True
    attributs["options"] = options
    return {"type": "dropdown", "id": id, "attributes": attributs,
            "validations": {"required": requis}}


def texte(id: str, label: str, description: str, requis: bool, long: bool = True,
          exemple: str = "") -> dict[str, Any]:
    attributs: dict[str, Any] = {"label": label, "description": description}
    if exemple:
        attributs["placeholder"] = exemple
    return {"type": "textarea" if long else "input", "id": id, "attributes": attributs,
            "validations": {"required": requis}}


def formulaire_fiche(config: Configuration) -> dict[str, Any]:
    proprietes = schemas.schemas()["fiche"]["properties"]
    titre, resume = proprietes["titre"], proprietes["resume"]
    site = config.site
    corps: list[dict[str, Any]] = [
        {"type": "markdown", "attributes": {"value": (
            "Ce formulaire sert à proposer une fiche projet sans utiliser git : la coordination "
            "du programme la met en forme et l'ajoute au commun, en brouillon, puis la relit "
            "avec vous avant de la publier.\n\n"
            f"Le formulaire du site ({site.url}proposer/) fait la même chose et prépare "
            "directement le fichier.\n\n"
            "**Ce que vous écrivez ici est public.** N'écrivez aucune donnée personnelle : ni "
            "nom d'habitant ou d'agent, ni téléphone, ni adresse électronique. Décrivez "
            "l'équipe par ses rôles.")}},
        texte("titre", "Titre du projet", f"Court et parlant ({titre['minLength']} à "
              f"{titre['maxLength']} caractères).", True, long=False,
              exemple="Un café des parents à Ouangani"),
        texte("resume", "Le projet en une phrase", f"{resume['minLength']} à "
              f"{resume['maxLength']} caractères.", True, long=False),
        liste("ccas", "CCAS qui porte le projet",
              [option(c.id, c.nom) for c in config.ccas_reels.values()]),
        liste("thematique", "Thématique",
              [option(t.id, t.nom) for t in config.thematiques.values()]),
        liste("priorite", "Projet prioritaire ou secondaire ?",
              [option(p.id, p.libelle) for p in v.PRIORITES.values()]),
        liste("etat", "Où en est le projet ?",
              [option(e.id, e.libelle) for e in v.ETATS.values()]),
        liste("labos", "Labos où le projet a été travaillé",
              [option(l.id, l.nom) for l in config.labos.values()],
              "Facultatif ; plusieurs choix possibles.", requis=False, multiple=True),
        texte("outils", "Outils utilisés", "Facultatif : les noms des outils du commun que "
              "vous avez utilisés, un par ligne.", False),
        texte("equipe", "Les rôles de l'équipe projet", "Un rôle par ligne, jamais de nom.",
              True, exemple="Référente du projet, agente d'accueil du CCAS"),
    ]
    for i, (intitule, consigne) in enumerate(sections(GENRES["fiche"], config), start=1):
        aide = consigne.strip("_").removeprefix(A_COMPLETER).strip()
        corps.append(texte(f"section-{i}", intitule, aide[0].upper() + aide[1:], False))
    corps.append({"type": "checkboxes", "id": "accord", "attributes": {
        "label": "Avant d'envoyer", "options": [
            {"label": "Je n'ai écrit aucune donnée personnelle (nom, téléphone, adresse "
                      "électronique).", "required": True},
            {"label": f"J'accepte que cette fiche soit publiée sous licence "
                      f"{site.licence_contenu}, après relecture par la coordination.",
             "required": True},
        ]}})
    return {
        "name": "Proposer une fiche projet",
        "description": "Sans git : décrivez votre projet, la coordination le met en forme.",
        "title": "Fiche : ",
        "labels": ["proposition de fiche"],
        "body": corps,
    }


def configuration_formulaires(config: Configuration) -> dict[str, Any]:
    return {
        "blank_issues_enabled": True,
        "contact_links": [{
            "name": "Proposer une fiche depuis le site",
            "url": f"{config.site.url}proposer/",
            "about": "Un formulaire qui prépare le fichier de la fiche, à envoyer sur GitHub.",
        }],
    }


class Ecrivain(yaml.SafeDumper):
    """YAML lisible : un texte de plusieurs lignes est écrit en bloc « | »."""


Ecrivain.add_representer(str, lambda d, s: d.represent_scalar(
    "tag:yaml.org,2002:str", s, style="|" if "\n" in s else None))


def textes(config: Configuration) -> dict[Path, str]:
    def ecrire(donnees: dict[str, Any]) -> str:
        return ENTETE + yaml.dump(donnees, Dumper=Ecrivain, allow_unicode=True, sort_keys=False,
                                  width=100)

    return {DOSSIER / "proposer-une-fiche.yml": ecrire(formulaire_fiche(config)),
            DOSSIER / "config.yml": ecrire(configuration_formulaires(config))}


def main(arguments: list[str]) -> int:
    return ecrire_ou_verifier(textes(charger_configuration(RACINE)), RACINE, "make github",
                              "--verifier" in arguments)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
