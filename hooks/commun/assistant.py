"""Les assistants « nouveau contenu » de scripts/ : poser les questions, écrire le squelette,
dire la suite.

Chaque question de ``commun.squelettes.questions`` est aussi une option (« --titre … »). Celles
qui manquent sont posées en français, avec des choix numérotés tirés de ``commun.yml``, quand
l'entrée est un terminal (ou avec ``--interactif``) ; sinon l'assistant s'arrête en disant ce
qui manque. Le fichier est créé à sa place, nommé d'après son identifiant, et jamais par-dessus
un fichier existant. Il est ensuite vérifié comme au build.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from commun.chargement import ConfigurationInvalide, charger_configuration
from commun.construction import construire
from commun.squelettes import (
    GENRES,
    Genre,
    Inventaire,
    Question,
    ReponseInvalide,
    chemin_du_nouveau,
    convertir,
    inventorier,
    questions,
    squelette,
    verifier_reponse,
)


class Abandon(Exception):
    """L'assistant s'arrête (fin de l'entrée, aucune valeur possible…) ; le message dit pourquoi."""


class Analyseur(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog} : {message}\nLancez « python {self.prog} --help » pour voir "
                     "les options.\n")


def analyseur(programme: str, usage: str, qs: list[Question]) -> argparse.ArgumentParser:
    p = Analyseur(prog=programme, description=usage, add_help=False,
                  formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-h", "--help", action="help", help="affiche cette aide")
    reponses = p.add_argument_group("les réponses (sinon, les questions sont posées)")
    for q in qs:
        aide = q.libelle + (f" — {q.aide}" if q.aide else "")
        if q.choix and q.filtre is None:
            aide += ". Valeurs : " + ", ".join(c[0] for c in q.choix)
        if q.defaut not in (None, []):
            aide += f". Par défaut : {q.defaut}"
        if q.sorte in ("plusieurs", "lignes"):
            reponses.add_argument(q.option, dest=q.champ, nargs="+", action="extend",
                                  metavar="VALEUR", help=aide)
        else:
            reponses.add_argument(q.option, dest=q.champ, metavar="VALEUR", help=aide)
    mode = p.add_argument_group("le mode")
    mode.add_argument("--interactif", action="store_true",
                      help="pose les questions même si l'entrée n'est pas un terminal")
    mode.add_argument("--non-interactif", action="store_true",
                      help="ne pose aucune question : ce qui manque est une erreur")
    mode.add_argument("--afficher", action="store_true",
                      help="affiche le fichier au lieu de l'écrire")
    return p


def _numeros(brut: str, choix: tuple[tuple[str, str], ...]) -> list[str]:
    """« 1 3 » ou « 1, labo-3 » → les identifiants choisis (un numéro vaut son choix)."""
    elements = [e for e in brut.replace(",", " ").split() if e]
    return [choix[int(e) - 1][0] if e.isdigit() and 1 <= int(e) <= len(choix) else e
            for e in elements]


def evaluer(genre: Genre, q: Question, brut: Any, reponses: Mapping[str, Any],
            inventaire: Inventaire) -> tuple[Any, list[str]]:
    """La valeur d'une réponse et ce qui ne va pas avec elle (liste vide si elle convient)."""
    try:
        valeur = convertir(q, brut, reponses)
        return valeur, verifier_reponse(genre, q, valeur, reponses, inventaire)
    except ReponseInvalide as e:
        return None, [str(e)]


def demander(genre: Genre, q: Question, reponses: Mapping[str, Any], inventaire: Inventaire,
             entree: IO[str], sortie: IO[str]) -> Any:
    """Pose une question jusqu'à obtenir une réponse valide."""
    def dire(texte: str = "") -> None:
        print(texte, file=sortie, flush=True)

    def lire() -> str:
        ligne = entree.readline()
        if not ligne:
            raise Abandon("réponses interrompues : aucun fichier n'a été écrit")
        return ligne.rstrip("\n")

    choix = q.choix_pour(reponses)
    dire()
    dire(q.libelle + (f" — {q.aide}" if q.aide else ""))
    if q.sorte in ("choix", "plusieurs"):
        if not choix:
            if q.obligatoire:
                raise Abandon(f"{q.libelle} : aucune valeur possible. Ajoutez-en une dans "
                              "commun.yml (ou le fichier qui manque), puis recommencez")
            dire("  (aucune valeur possible : question passée)")
            return []
        for i, (id, libelle) in enumerate(choix, start=1):
            dire(f"  {i:>2}. {libelle}" + (f" [{id}]" if id != libelle else ""))
    defaut = q.defaut if q.defaut not in (None, []) else None
    invite = {"choix": "Numéro", "plusieurs": "Numéros séparés par des espaces",
              "lignes": "Une réponse par ligne, puis une ligne vide pour finir",
              "date": "Date (AAAA-MM-JJ)", "entier": "Nombre"}.get(q.sorte, "Réponse")
    if q.sorte == "plusieurs" and not q.obligatoire:
        invite += " (Entrée : aucun)"
    if defaut is not None:
        invite += f" (Entrée : {dict(choix).get(defaut, defaut)})"
    while True:
        sortie.write(invite + (" :\n" if q.sorte == "lignes" else " : "))
        sortie.flush()
        if q.sorte == "lignes":
            brut: Any = []
            while ligne := lire().strip():
                brut.append(ligne)
        else:
            brut = lire().strip()
            if brut == "" and defaut is not None:
                brut = defaut
            elif q.sorte in ("choix", "plusieurs"):
                ids = _numeros(brut, choix)
                brut = ids if q.sorte == "plusieurs" else " ".join(ids)
        valeur, messages = evaluer(genre, q, brut, reponses, inventaire)
        if not messages:
            return valeur
        for message in messages:
            dire(f"  ✗ {message}")


def main(nom_genre: str, arguments: list[str], *, racine: Path, programme: str, usage: str,
         entree: IO[str] | None = None, sortie: IO[str] | None = None,
         erreurs: IO[str] | None = None, aujourd_hui: str | None = None) -> int:
    entree, sortie, erreurs = entree or sys.stdin, sortie or sys.stdout, erreurs or sys.stderr
    genre = GENRES[nom_genre]
    try:
        config = charger_configuration(racine)
    except ConfigurationInvalide as e:
        print(f"{e}\ncommun.yml doit d'abord être corrigé.", file=erreurs)
        return 2
    inventaire = inventorier(racine)
    qs = questions(genre, config, inventaire)
    options = analyseur(programme, usage, qs).parse_args(arguments)
    interactif = options.interactif or (not options.non_interactif and entree.isatty())

    reponses: dict[str, Any] = {}
    problemes: list[str] = []
    try:
        for q in qs:
            brut = getattr(options, q.champ)
            if brut is not None:
                valeur, messages = evaluer(genre, q, brut, reponses, inventaire)
                if not messages:
                    reponses[q.champ] = valeur
                    continue
                if not interactif:
                    problemes += [f"{q.option} : {m}" for m in messages]
                    continue
                for m in messages:
                    print(f"{q.option} : {m}", file=sortie)
            if interactif:
                reponses[q.champ] = demander(genre, q, reponses, inventaire, entree, sortie)
            elif q.defaut is not None:
                reponses[q.champ] = q.defaut
            elif brut is None:
                problemes.append(f"{q.option} manque : {q.libelle}"
                                 + (f" — {q.aide}" if q.aide else ""))
    except Abandon as e:
        print(f"\n{e}", file=erreurs)
        return 1
    except KeyboardInterrupt:  # Ctrl-C pendant les questions
        print("\nInterrompu : aucun fichier n'a été écrit.", file=erreurs)
        return 130
    if problemes:
        for p in problemes:
            print(p, file=erreurs)
        print(f"\nAucun fichier écrit. Donnez ces options (« python {programme} --help » les "
              "décrit toutes), ou lancez la commande dans un terminal pour répondre aux "
              "questions.", file=erreurs)
        return 2

    chemin = chemin_du_nouveau(genre, reponses, inventaire)
    texte = squelette(genre, reponses, config,
                      aujourd_hui=aujourd_hui or datetime.date.today().isoformat())
    if options.afficher:
        sortie.write(texte)
        print(f"\n(non écrit ; il serait écrit dans {chemin})", file=erreurs)
        return 0
    fichier = racine / chemin
    fichier.parent.mkdir(parents=True, exist_ok=True)
    try:
        with fichier.open("x", encoding="utf-8", newline="\n") as f:  # jamais par-dessus
            f.write(texte)
    except FileExistsError:
        print(f"{chemin} existe déjà : rien n'a été écrit.", file=erreurs)
        return 1

    defauts = [str(p) for p in construire(racine).problemes if p.chemin == chemin]
    for d in defauts:
        print(d, file=erreurs)
    page = chemin.removesuffix(".md") + "/"
    print(f"""
C'est fait : {chemin} ({genre.libelle}, en brouillon).

Et maintenant :
  1. Ouvrez {chemin} et remplacez chaque « À compléter : … » par votre texte.
  2. Vérifiez le fichier : python scripts/verifier.py {chemin}
  3. Regardez la page, brouillons compris : make apercu, puis
     http://127.0.0.1:8000/{page}
  4. Proposez le fichier : créez une branche, ajoutez-le, poussez, puis ouvrez une demande
     de fusion (pull request) sur GitHub :
       git switch -c {genre.dossier}/{Path(chemin).stem}
       git add {chemin}
       git commit -m "{genre.nouveau} : {Path(chemin).stem}"
       git push -u origin HEAD
La coordination du programme relit, puis passe « validation: brouillon » à « validé » : c'est
alors publié. Le guide complet est dans CONTRIBUTING.md.""", file=sortie)
    return 1 if defauts else 0
