"""Le formulaire « Proposer une fiche » du site, en HTML, tiré du référentiel.

Les questions, les choix (CCAS, thématiques, labos, outils publiés…) et les consignes viennent
de ``commun.squelettes`` : ce sont les mêmes que celles de ``scripts/nouvelle_fiche.py``.
Le script ``hooks/theme/assets/proposer.js`` lit les données jointes au formulaire
(``data-commun``), vérifie les réponses, écrit le fichier de la fiche et prépare la page
« nouveau fichier » de GitHub. Rien n'est envoyé par le site lui-même.

Le HTML est écrit sans ligne vide : Python-Markdown le garde alors tel quel.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable

from commun import vocabulaire as v
from commun.modele import Corpus
from commun.squelettes import GENRES, Inventaire, Question, donnees_formulaire, questions, sections

PREFIXE = "proposer-"  # des identifiants HTML qui ne rencontrent pas ceux du thème
NOMS = "proposer/noms"  # les noms déjà pris par les fiches de chaque CCAS : NOMS/<ccas>.json


def noms_par_ccas(corpus: Corpus) -> dict[str, list[str]]:
    """Les noms des fiches publiées que le nom d'une fiche proposée pour ce CCAS pourrait
    rencontrer : ceux qui commencent par « <ccas>- » (le formulaire y met toujours le CCAS en
    tête). Ils sont à part, un fichier par CCAS (``NOMS``), plutôt que dans la page : la page
    du formulaire ne change plus à chaque fiche publiée, et une mise à jour hors ligne ne
    retélécharge que la liste du CCAS de la fiche."""
    return {c: sorted(f for f in corpus.fiches if f.startswith(f"{c}-"))
            for c in corpus.configuration.ccas}


def _e(texte: object) -> str:
    return html.escape(str(texte), quote=True)


def _aide_et_erreur(nom: str, aide: str) -> tuple[list[str], str]:
    """Le paragraphe d'aide et la zone d'erreur d'un champ, et leur ``aria-describedby``."""
    lignes = [f'<p class="commun-aide" id="{PREFIXE}{nom}-aide">{_e(aide)}</p>'] if aide else []
    decrit = f"{PREFIXE}{nom}-aide " if aide else ""
    return lignes, f'{decrit}{PREFIXE}{nom}-erreur'


def _erreur(nom: str) -> str:
    return f'<p class="commun-erreur" id="{PREFIXE}{nom}-erreur" hidden></p>'


def _requis(q: Question) -> str:
    return ' <span class="commun-requis">(obligatoire)</span>' if q.obligatoire else \
        ' <span class="commun-facultatif">(facultatif)</span>'


def _aide(q: Question) -> str:
    aide = q.aide.removeprefix("facultatif").strip(" ;,")
    return aide[:1].upper() + aide[1:] + ("." if aide and not aide.endswith((".", ")")) else "")


def _texte(q: Question, long: bool = False, lignes: int = 3) -> list[str]:
    aide, decrit = _aide_et_erreur(q.champ, _aide(q))
    attributs = (f'id="{PREFIXE}{q.champ}" name="{q.champ}" aria-describedby="{decrit}"'
                 + (" required" if q.obligatoire else ""))
    champ = (f'<textarea {attributs} rows="{lignes}"></textarea>' if long
             else f'<input type="text" {attributs} autocomplete="off">')
    return ['<div class="commun-champ">',
            f'<label for="{PREFIXE}{q.champ}">{_e(q.libelle)}{_requis(q)}</label>',
            *aide, champ, _erreur(q.champ), "</div>"]


def _liste(q: Question) -> list[str]:
    texte_aide = _aide(q)
    if q.ajout:  # une valeur qui manque ne doit pas bloquer sans rien dire
        texte_aide = (texte_aide + " " if texte_aide else "") + \
            "Absent de la liste ? Demandez à la coordination de l'ajouter : une ligne suffit."
    aide, decrit = _aide_et_erreur(q.champ, texte_aide)
    options = [] if q.defaut else ['<option value="">— Choisir —</option>']
    options += [f'<option value="{_e(id)}"{" selected" if id == q.defaut else ""}>{_e(nom)}'
                "</option>" for id, nom in q.choix]
    # Une liste à valeur par défaut n'est jamais vide : HTML y refuse « required » sans option
    # vide en tête ; « aria-required » dit seulement aux lecteurs d'écran qu'elle est obligatoire.
    requis = "" if not q.obligatoire else ' aria-required="true"' if q.defaut else " required"
    return ['<div class="commun-champ">',
            f'<label for="{PREFIXE}{q.champ}">{_e(q.libelle)}{_requis(q)}</label>', *aide,
            f'<select id="{PREFIXE}{q.champ}" name="{q.champ}" aria-describedby="{decrit}"'
            f"{requis}>", *options, "</select>", _erreur(q.champ), "</div>"]


def _cases(q: Question, type_: str, choix: Iterable[tuple[str, str]] | None = None,
           groupes: list[tuple[str, list[tuple[str, str]]]] | None = None) -> list[str]:
    """Des cases à cocher (ou boutons radio) dans un ``fieldset`` : une ligne de 44 px chacune."""
    aide, decrit = _aide_et_erreur(q.champ, _aide(q))

    def case(id: str, nom: str) -> str:
        return (f'<label class="commun-case"><input type="{type_}" name="{q.champ}" '
                f'value="{_e(id)}"> <span>{_e(nom)}</span></label>')

    lignes = [f'<fieldset class="commun-cases" id="{PREFIXE}{q.champ}" '
              f'aria-describedby="{decrit}">',
              f"<legend>{_e(q.libelle)}{_requis(q)}</legend>", *aide]
    if groupes is None:
        lignes += [case(id, nom) for id, nom in (choix if choix is not None else q.choix)]
    for titre, elements in groupes or []:
        lignes += [f'<p class="commun-groupe">{_e(titre)}</p>', *(case(*e) for e in elements)]
    return [*lignes, _erreur(q.champ), "</fieldset>"]


def formulaire_fiche(corpus: Corpus) -> str:
    """Le HTML du formulaire, pour le corpus publié (seuls les outils et fiches publiés y
    figurent : un brouillon n'apparaît nulle part sur le site)."""
    config = corpus.configuration
    genre = GENRES["fiche"]
    inventaire = Inventaire(outils=tuple((o.id, o.titre) for o in corpus.outils_tries))
    qs = {q.champ: q for q in questions(genre, config, inventaire)}
    # dans la page, seuls les noms qu'aucun fichier de CCAS ne porte (``noms_par_ccas``)
    par_ccas = {n for noms in noms_par_ccas(corpus).values() for n in noms}
    donnees = donnees_formulaire(config, pris=[f for f in corpus.fiches if f not in par_ccas])
    donnees["noms"] = f"{NOMS}/"
    par_phase = [(p.libelle, [(o.id, o.titre) for o in corpus.outils_de_phase(p.id)])
                 for p in v.PHASES.values()]
    par_phase = [(titre, outils) for titre, outils in par_phase if outils]

    lignes = [
        f'<form id="{PREFIXE}formulaire" class="commun-formulaire" novalidate '
        f'data-commun="{_e(json.dumps(donnees, ensure_ascii=False))}">',
        f'<div class="commun-bilan" id="{PREFIXE}bilan" role="alert" tabindex="-1" hidden></div>',
        "<fieldset>", "<legend>Le projet</legend>",
        *_texte(qs["titre"]), *_texte(qs["resume"], long=True, lignes=3),
        *_liste(qs["ccas"]), *_liste(qs["thematique"]), "</fieldset>",
        "<fieldset>", "<legend>Où en est-il ?</legend>",
        *_cases(qs["priorite"], "radio"), *_liste(qs["etat"]),
        *_cases(qs["labos"], "checkbox"), "</fieldset>",
        '<details class="commun-details">',
        f"<summary>Outils utilisés ({len(inventaire.outils)} outils, facultatif)</summary>",
        *_cases(qs["outils"], "checkbox", groupes=par_phase), "</details>",
        "<fieldset>", "<legend>L'équipe</legend>",
        *_texte(qs["equipe"], long=True, lignes=3), "</fieldset>",
        "<fieldset>", "<legend>Le texte de la fiche</legend>",
        '<p class="commun-aide">Facultatif ici : ce que vous laissez vide reste une consigne '
        "« À compléter », à remplir plus tard sur GitHub.</p>",
    ]
    for i, (intitule, consigne) in enumerate(sections(genre, config), start=1):
        q = Question(f"section-{i}", intitule, consigne.strip("_").removeprefix("À compléter :"),
                     obligatoire=False)
        lignes += [l.replace("<textarea ", f'<textarea data-section="{_e(intitule)}" ')
                   for l in _texte(q, long=True, lignes=5)]
    lignes += [
        "</fieldset>",
        "<fieldset>", "<legend>La licence</legend>", *_liste(qs["licence"]), "</fieldset>",
        '<p><button type="submit" class="md-button md-button--primary commun-bouton">'
        "Vérifier et préparer la fiche</button></p>",
        "</form>",
        f'<section id="{PREFIXE}resultat" class="commun-resultat" hidden '
        f'aria-labelledby="{PREFIXE}resultat-titre">',
        f'<h2 id="{PREFIXE}resultat-titre" tabindex="-1">Votre fiche est prête</h2>',
        f'<p>Elle sera le fichier <code id="{PREFIXE}chemin"></code>, en brouillon : rien n\'est '
        "publié avant la relecture de la coordination.</p>",
        f'<p><a id="{PREFIXE}github" class="md-button md-button--primary commun-bouton" '
        'href="#" target="_blank" rel="noopener">Proposer la fiche sur GitHub</a></p>',
        f'<p class="commun-aide" id="{PREFIXE}github-aide">GitHub s\'ouvre avec le fichier déjà '
        "rempli, dans le bon dossier. Connectez-vous (un compte gratuit suffit), puis cliquez "
        "« Commit changes… » et « Propose changes » : c'est votre demande de fusion.</p>",
        '<p class="commun-actions">'
        f'<button type="button" id="{PREFIXE}copier" class="md-button commun-bouton">'
        "Copier le texte</button> "
        f'<button type="button" id="{PREFIXE}telecharger" class="md-button commun-bouton">'
        "Télécharger le fichier</button></p>",
        f'<p id="{PREFIXE}statut" class="commun-statut" role="status"></p>',
        # la zone qui défile est atteignable au clavier (le thème retire le tabindex d'un
        # bloc de code qui ne déborde pas au chargement, or celui-ci est vide à ce moment-là)
        '<div class="commun-apercu" tabindex="0" role="region" aria-label="Le texte du fichier">'
        f'<pre><code id="{PREFIXE}texte"></code></pre></div>',
        "</section>",
    ]
    return "\n".join(lignes)
