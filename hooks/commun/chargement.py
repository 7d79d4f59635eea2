"""Charger le commun une fois : ``commun.yml``, puis outils/, fiches/ et labos/, vérifiés.

``charger(racine, pages_generees)`` rend un ``Chargement`` : le corpus des contenus sans défaut,
et la liste de tous les problèmes trouvés. Un contenu qui a un problème n'entre pas dans le
corpus : il n'est jamais publié. On l'appelle par ``construction.construire``, qui lui donne les
pages générées (cibles de liens) et fait la suite.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from commun import canevas as canevas_
from commun import carte, donnees_personnelles, schemas, surete, verification
from commun.arriere_plan import processus_a_part
from commun.caracteres import lisible
from commun.genres import PAR_DOSSIER
from commun.modele import (
    ADistance,
    Canevas,
    Ccas,
    Chiffre,
    Commune,
    CompteRendu,
    Configuration,
    Contact,
    Contenu,
    Corpus,
    Enregistrement,
    FeuillePresence,
    Fiche,
    FicheCcas,
    Indicateurs,
    Intersession,
    Journal,
    Labo,
    Logo,
    Option,
    Outil,
    Presence,
    Probleme,
    Question,
    Questionnaire,
    Site,
    Thematique,
    Validateur,
)
from commun.source import TAILLE_MAX, ErreurSource, Source, charger_yaml, decoder, lire

FICHIER_CONFIGURATION = "commun.yml"
# Les feuilles de présence : un fichier YAML par labo, à côté des comptes rendus.
DOSSIER_PRESENCES = "labos/presences"
DOSSIER_FICHES_CCAS = "territoire/ccas"  # une fiche de données par CCAS
DOSSIER_JOURNAUX = "territoire/suivi"  # un journal de suivi des intersessions par CCAS
DOSSIER_QUESTIONNAIRES = "questionnaires"  # un questionnaire par outil d'évaluation
DOSSIER_INDICATEURS = "labos/indicateurs"  # les indicateurs de fin de labo, un fichier par labo
DOSSIER_CANEVAS = canevas_.DOSSIER  # le canevas à imprimer d'un outil, un fichier par outil

# dossier → genre de contenu (commun.genres)
COLLECTIONS = PAR_DOSSIER
IGNORES = {"README.md"}
# fichiers : en dessous, lancer des processus coûte plus qu'il ne rapporte
EN_PARALLELE_AU_DELA = 300


class ConfigurationInvalide(Exception):
    def __init__(self, problemes: list[Probleme]) -> None:
        super().__init__("\n".join(map(str, problemes)))
        self.problemes = problemes


@dataclass
class Chargement:
    corpus: Corpus
    problemes: list[Probleme] = field(default_factory=list)
    # fichiers non Markdown des dossiers de contenu (images, PDF) : src_uri → chemin absolu
    fichiers_joints: dict[str, Path] = field(default_factory=dict)


def charger_configuration(racine: Path) -> Configuration:
    """Lit ``commun.yml`` ; lève ``ConfigurationInvalide`` avec les problèmes trouvés."""
    chemin = racine / FICHIER_CONFIGURATION
    if not chemin.exists():
        raise ConfigurationInvalide([Probleme(FICHIER_CONFIGURATION, 1,
                                              "fichier de configuration introuvable")])
    try:
        donnees, lignes = charger_yaml(FICHIER_CONFIGURATION, decoder(chemin.read_bytes()))
    except ErreurSource as e:
        raise ConfigurationInvalide([Probleme(FICHIER_CONFIGURATION, e.ligne, e.message)]) from None

    def ligne(c: tuple) -> int:
        while c not in lignes and c:
            c = c[:-1]
        return lignes.get(c, 1)

    problemes = [Probleme(FICHIER_CONFIGURATION, ligne(c), lisible(m))
                 for c, m in schemas.erreurs("commun", donnees)]
    conforme = not problemes  # les contrôles suivants supposent le schéma respecté
    for rubrique in ("ccas", "thematiques", "labos", "intersessions", "validateurs"):
        vus: set[str] = set()
        for i, entree in enumerate(donnees.get(rubrique) or [] if conforme else []):
            if entree["id"] in vus:
                double = f"{rubrique} : l'identifiant « {entree['id']} » est en double"
                problemes.append(Probleme(FICHIER_CONFIGURATION, ligne((rubrique, i)), double))
            vus.add(entree["id"])
            if entree.get("fin", "9") < entree.get("debut", ""):
                problemes.append(Probleme(
                    FICHIER_CONFIGURATION, ligne((rubrique, i, "fin")),
                    f"{rubrique} : « {entree['id']} » finit ({entree['fin']}) avant de commencer "
                    f"({entree['debut']}) : corrigez debut ou fin"))
    docs = (racine / "docs").resolve()
    for i, logo in enumerate(donnees["site"].get("logos") or [] if conforme else []):
        fichier = (docs / logo["chemin"]).resolve()
        if not fichier.is_relative_to(docs) or not fichier.is_file():
            problemes.append(Probleme(
                FICHIER_CONFIGURATION, ligne(("site", "logos", i, "chemin")),
                f"site › logos : le fichier docs/{logo['chemin']} est introuvable : déposez "
                "l'image dans docs/ ou corrigez le chemin"))
    for cle in ("carte", "populations") if conforme else ():
        relatif = donnees["site"].get(cle)
        fichier = (racine / relatif).resolve() if relatif else None
        if fichier and (not fichier.is_relative_to(racine.resolve()) or not fichier.is_file()):
            problemes.append(Probleme(
                FICHIER_CONFIGURATION, ligne(("site", cle)),
                f"site › {cle} : le fichier {relatif} est introuvable : déposez-le dans le dépôt "
                "(voir territoire/README.md) ou retirez la ligne"))
    communes = _communes(racine, donnees["site"].get("populations")) if conforme else {}
    if problemes:
        raise ConfigurationInvalide(problemes)
    site = donnees["site"]
    return Configuration(
        site=Site(**{**site, "logos": tuple(Logo(**l) for l in site.get("logos") or [])}),
        ccas={e["id"]: Ccas(**e) for e in donnees["ccas"]},
        thematiques={e["id"]: Thematique(**e) for e in donnees["thematiques"]},
        labos={e["id"]: Labo(**e) for e in donnees["labos"]},
        intersessions={e["id"]: Intersession(**e) for e in donnees.get("intersessions") or []},
        validateurs={e["id"]: Validateur(**e) for e in donnees.get("validateurs") or []},
        communes=communes,
        contours=carte.contours(racine / site["carte"]) if site.get("carte") else (),
        contacts_autorises=frozenset(donnees_personnelles.normaliser_contact(c)
                                     for c in donnees.get("contacts_autorises") or []),
    )


def _communes(racine: Path, relatif: str | None) -> dict[str, Commune]:
    """Les communes du découpage officiel (``make communes``), par code INSEE."""
    fichier = racine / relatif if relatif else None
    if fichier is None or not fichier.is_file():
        return {}
    donnees = json.loads(fichier.read_text(encoding="utf-8"))
    return {code: Commune(code, c["nom_cog"], c.get("population"), c["source"])
            for code, c in donnees["communes"].items()}


def _construire(classe: type[Contenu], source: Source, identifiant: str) -> Contenu:
    donnees = _figer(source.entete)
    if classe is CompteRendu:
        identifiant = donnees["labo"]
    if "a_distance" in donnees:
        donnees["a_distance"] = ADistance.depuis(donnees["a_distance"])
    if "audio" in donnees:
        donnees["audio"] = tuple(Enregistrement(**e) for e in donnees["audio"])
    return classe(id=identifiant, chemin=source.chemin, corps=source.corps,
                  ligne_corps=source.ligne_corps, **donnees)


Examen = tuple[str, list[tuple[int, str]], Source | None, Contenu | None]


def _examiner(racine: Path, config: Configuration, presents: dict[str, set[str]],
              fichier: tuple[str, Path]) -> Examen:
    """Un fichier de contenu lu et vérifié seul : (chemin, problèmes, source, contenu), le
    contenu étant None s'il a un problème."""
    dossier, chemin = fichier
    relatif = chemin.relative_to(racine).as_posix()
    nom_schema, classe = COLLECTIONS[dossier].nom, COLLECTIONS[dossier].classe
    if nom_illisible := list(verification.verifier_nom_lisible(relatif)):
        return relatif, nom_illisible, None, None
    if chemin.parent != racine / dossier:
        return relatif, [(1, f"placez ce fichier directement dans {dossier}/, "
                             "pas dans un sous-dossier")], None, None
    if chemin.is_symlink() or not chemin.resolve().is_relative_to(racine.resolve()):
        return relatif, [(1, "ce fichier est un lien symbolique : remplacez-le par "
                             "un vrai fichier")], None, None
    if not chemin.is_file():
        return relatif, [(1, f"« {chemin.name} » n'est pas un fichier ordinaire "
                             "(un dossier ?) : renommez-le ou retirez-le")], None, None
    try:
        source = lire(racine, chemin)
    except ErreurSource as e:
        return relatif, [(e.ligne, e.message)], None, None
    signalements = sorted([
        *verification.verifier_nom(chemin.stem),
        *((source.ligne(c), m) for c, m in schemas.erreurs(nom_schema, source.entete)),
        *verification.verifier_referentiel(source, config, presents["outils"],
                                           presents["fiches"]),
        *surete.verifier_source(source, config.contacts_autorises,
                                donnees_personnelles.connus(config)),
    ])
    signalements += verification.verifier_sections(source, verification.SECTIONS[nom_schema])
    signalements += verification.verifier_fiction(source, config)
    signalements += verification.verifier_provenance(source, config.validateurs)
    if classe is Outil:
        signalements += verification.verifier_outil(source)
        signalements += verification.verifier_enregistrements(source, chemin.parent)
    if signalements:
        return relatif, signalements, None, None
    return relatif, [], source, _construire(classe, source, chemin.stem)


def _examiner_tous(racine: Path, config: Configuration, presents: dict[str, set[str]],
                   fichiers: list[tuple[str, Path]]) -> list[Examen]:
    """Chaque fichier est indépendant des autres : au-delà de quelques centaines, ils se
    vérifient sur tous les cœurs de la machine (2 ms par fiche : 10 s à 5 000 fiches)."""
    examiner = partial(_examiner, racine, config, presents)
    a_part = processus_a_part() if len(fichiers) >= EN_PARALLELE_AU_DELA else None
    if a_part is None:
        return list(map(examiner, fichiers))
    contexte, coeurs = a_part
    with ProcessPoolExecutor(max_workers=coeurs, mp_context=contexte) as groupe:
        return list(groupe.map(examiner, fichiers, chunksize=100))


def fichiers_de_contenu(racine: Path) -> list[tuple[str, Path]]:
    """(dossier de collection, chemin) de chaque fichier Markdown de contenu, triés."""
    trouves = []
    for dossier in COLLECTIONS:
        base = racine / dossier
        if base.is_dir() and not base.is_symlink():  # un dossier lien est signalé au chargement
            trouves += [(dossier, p) for p in sorted(base.rglob("*.md")) if p.name not in IGNORES]
    return trouves


def pages_du_site(racine: Path, docs: str = "docs") -> set[str]:
    """Les chemins de pages et fichiers écrits à la main dans ``docs/``."""
    base = racine / docs
    return {p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()} \
        if base.is_dir() else set()


def charger(racine: Path, pages_generees: Callable[[Corpus], Iterable[str]]) -> Chargement:
    """Lit et vérifie tout le contenu de ``racine``. Lève ``ConfigurationInvalide`` si
    ``commun.yml`` est inutilisable (rien d'autre ne peut alors être vérifié).

    ``pages_generees(corpus publié)`` : les chemins des pages que le site construit en plus
    (catalogues, CCAS…), cibles de liens valides ; ``construction.construire`` donne celles du
    registre (``commun.pages``), que ce module, plus bas, n'importe pas."""
    config = charger_configuration(racine)
    problemes: list[Probleme] = []
    sources: dict[str, tuple[Source, Contenu]] = {}
    contenus: list[Contenu] = []

    def signaler(chemin: str, signalements: Iterable[tuple[int, str]]) -> bool:
        avant = len(problemes)
        chemin = verification.chemin_affichable(chemin)  # un nom illisible s'écrit quand même
        problemes.extend(Probleme(chemin, ligne, lisible(message))
                         for ligne, message in signalements)
        return len(problemes) > avant

    fichiers = fichiers_de_contenu(racine)
    # les identifiants cités doivent exister ; un fichier présent mais en défaut compte comme
    # existant (son propre problème est signalé à part)
    presents = {dossier: {p.stem for d, p in fichiers if d == dossier} for dossier in COLLECTIONS}
    for relatif, signalements, source, contenu in _examiner_tous(racine, config, presents,
                                                                  fichiers):
        signaler(relatif, signalements)
        if contenu is not None and source is not None:
            sources[relatif] = (source, contenu)
            contenus.append(contenu)

    for contenu, message in verification.verifier_doublons(contenus):
        signaler(contenu.chemin, [(1, message)])
        del sources[contenu.chemin]

    retenus = [c for _, c in sources.values()]
    presences = _charger_presences(racine, config, {c.id: c for c in retenus
                                                    if isinstance(c, CompteRendu)}, signaler)
    fiches_ccas, journaux = _charger_territoire(racine, config, signaler)
    questionnaires = _charger_questionnaires(racine, config, presents["outils"], signaler)
    indicateurs = _charger_indicateurs(racine, config, questionnaires, signaler)
    canevas = _charger_canevas(racine, presents["outils"], signaler)
    outils = {c.id: c for c in retenus if isinstance(c, Outil)}
    fiches = {c.id: c for c in retenus if isinstance(c, Fiche)}
    brut = Corpus(config, outils, fiches, {c.id: c for c in retenus if isinstance(c, CompteRendu)})

    joints = _fichiers_joints(racine)
    for relatif, message in surete.liens_symboliques(racine, COLLECTIONS):
        signaler(relatif, [(1, message)])
    # une image refusée reste une cible de lien (le problème est dit une fois, sur l'image) ; un
    # nom illisible est refusé avant tout : le site (et sa copie ZIP) ne saurait pas l'écrire
    refuses_joints = {relatif for relatif, chemin in joints.items()
                      if signaler(relatif, list(verification.verifier_nom_lisible(relatif))
                                  or surete.verifier_fichier_joint(chemin))}
    publie = brut.publiable(apercu=False)
    docs = pages_du_site(racine)
    cibles_publiees = docs | set(joints) | {c.src_uri for c in publie.contenus()} \
        | set(pages_generees(publie))
    cibles = cibles_publiees | {f"{d}/{p.stem}.md" for d, p in fichiers}
    uris_publiees = {c.src_uri for c in publie.contenus()}
    refuses: set[str] = set()
    for relatif, (source, contenu) in sources.items():
        if signaler(relatif, verification.verifier_coherence(contenu, source, fiches)):
            refuses.add(relatif)
        publies = cibles_publiees if contenu.src_uri in uris_publiees else cibles
        if signaler(relatif, verification.verifier_liens(source, contenu.src_uri, publies, cibles)):
            refuses.add(relatif)

    gardes = [c for r, (_, c) in sources.items() if r not in refuses]
    corpus = Corpus(
        config,
        {c.id: c for c in gardes if isinstance(c, Outil)},
        {c.id: c for c in gardes if isinstance(c, Fiche)},
        {c.id: c for c in gardes if isinstance(c, CompteRendu)},
        presences=presences,
        fiches_ccas=fiches_ccas,
        journaux=journaux,
        questionnaires=questionnaires,
        indicateurs=indicateurs,
        canevas=canevas,
    )
    problemes.sort(key=lambda p: (p.chemin, p.ligne))
    return Chargement(corpus, problemes,
                      {r: c for r, c in joints.items() if r not in refuses_joints})


def fichiers_yaml(racine: Path, dossier: str) -> list[Path]:
    """Les fichiers d'un dossier de données YAML (hors README et fichiers cachés)."""
    base = racine / dossier
    if not base.is_dir():
        return []
    return sorted(p for p in base.rglob("*") if p.is_file() and not p.name.startswith(".")
                  and p.suffix != ".md")


def fichiers_de_presence(racine: Path) -> list[Path]:
    return fichiers_yaml(racine, DOSSIER_PRESENCES)


def _sources_yaml(racine: Path, dossier: str, nom_schema: str, quoi: str, exemple: str,
                  signaler: Callable[[str, Iterable[tuple[int, str]]], bool],
                  ) -> Iterator[tuple[str, Source]]:
    """(nom du fichier sans « .yml », source) de chaque fichier de ``dossier`` lu et conforme à
    son schéma ; les autres sont signalés (``quoi`` : « une feuille de présence » ; ``exemple`` :
    le nom qu'il prend)."""
    base = racine / dossier
    for chemin in fichiers_yaml(racine, dossier):
        relatif = chemin.relative_to(racine).as_posix()
        if chemin.parent != base:
            signaler(relatif, [(1, f"placez ce fichier directement dans {dossier}/, "
                                   "pas dans un sous-dossier")])
            continue
        if chemin.suffix != ".yml":
            signaler(relatif, [(1, f"{quoi} est un fichier « .yml » nommé d'après "
                                   f"{exemple} : renommez ou retirez ce fichier")])
            continue
        if chemin.is_symlink() or not chemin.resolve().is_relative_to(racine.resolve()):
            signaler(relatif, [(1, "ce fichier est un lien symbolique : remplacez-le par "
                                   "un vrai fichier")])
            continue
        try:
            if chemin.stat().st_size > TAILLE_MAX:
                raise ErreurSource(1, f"le fichier dépasse {TAILLE_MAX // 1_000_000} Mo")
            texte = decoder(chemin.read_bytes())
            donnees, lignes = charger_yaml(relatif, texte)
        except ErreurSource as e:
            signaler(relatif, [(e.ligne, e.message)])
            continue
        source = Source(relatif, donnees if isinstance(donnees, dict) else {}, "", 1, lignes,
                        texte, ligne_entete=1)
        erreurs = [(source.ligne(c), m) for c, m in schemas.erreurs(nom_schema, donnees)]
        if erreurs:
            signaler(relatif, sorted(erreurs))
            continue
        yield chemin.stem, source


def _charger_presences(racine: Path, config: Configuration,
                       comptes_rendus: dict[str, CompteRendu],
                       signaler: Callable[[str, Iterable[tuple[int, str]]], bool],
                       ) -> dict[str, FeuillePresence]:
    """Lit et vérifie ``labos/presences/*.yml`` ; seules les feuilles sans défaut sont gardées.
    ``comptes_rendus`` : ceux qui se sont lus sans défaut (leurs dates et CCAS présents font
    foi)."""
    feuilles: dict[str, FeuillePresence] = {}
    for labo, source in _sources_yaml(racine, DOSSIER_PRESENCES, "presences",
                                      "une feuille de présence",
                                      f"le labo (ex. {DOSSIER_PRESENCES}/labo-1.yml)", signaler):
        if signaler(source.chemin, sorted(verification.verifier_presences(
                source, labo, config, comptes_rendus.get(labo)))):
            continue
        donnees = source.entete
        feuilles[labo] = FeuillePresence(
            labo=labo, chemin=source.chemin, **_publication(donnees),
            presences=tuple(Presence(ccas=c, jours=tuple(sorted(p["jours"])),
                                     participants=p["participants"])
                            for c, p in donnees["presences"].items()))
    return feuilles


def _donnees_ccas(racine: Path, config: Configuration, dossier: str, nom_schema: str,
                  quoi: str, signaler: Callable[[str, Iterable[tuple[int, str]]], bool],
                  ) -> Iterator[tuple[str, dict[str, Any]]]:
    """(CCAS, données) des fichiers par CCAS d'un dossier de ``territoire/`` (fiches de données,
    journaux de suivi), vérifiés : le CCAS, la fiction, la provenance, les données personnelles."""
    for ccas, source in _sources_yaml(racine, dossier, nom_schema, quoi,
                                      f"le CCAS (ex. {dossier}/acoua.yml)", signaler):
        if not signaler(source.chemin, sorted({
                *verification.verifier_donnees_ccas(source, ccas, config),
                *_donnees_personnelles(source, config)})):
            yield ccas, source.entete


def _donnees_personnelles(source: Source, config: Configuration) -> list[tuple[int, str]]:
    """Les données personnelles d'un fichier YAML de texte libre (contacts de commun.yml admis,
    mots du référentiel jamais pris pour des noms)."""
    return donnees_personnelles.verifier_donnees_personnelles(
        source, config.contacts_autorises, donnees_personnelles.connus(config))


def _figer(donnees: dict[str, Any]) -> dict[str, Any]:
    """Les champs d'un en-tête pour le modèle figé : les listes deviennent des tuples."""
    return {k: tuple(x) if isinstance(x, list) else x for k, x in donnees.items()}


def _publication(donnees: dict[str, Any]) -> dict[str, Any]:
    """Les champs de ``Publiable`` d'un fichier de données : état, exemple, provenance."""
    return {"validation": donnees["validation"], "exemple": donnees.get("exemple", False),
            "valide_par": donnees.get("valide_par", ""), "valide_le": donnees.get("valide_le")}


def _charger_questionnaires(racine: Path, config: Configuration, outils: set[str],
                            signaler: Callable[[str, Iterable[tuple[int, str]]], bool],
                            ) -> dict[str, Questionnaire]:
    """Les questionnaires (``questionnaires/<outil>.yml``), vérifiés : identifiants, types,
    choix, bonne réponse, outil qui les présente."""
    questionnaires = {}
    for id, source in _sources_yaml(racine, DOSSIER_QUESTIONNAIRES, "questionnaire",
                                    "un questionnaire", "son outil (ex. questionnaires/"
                                    "quiz-intersession.yml)", signaler):
        if signaler(source.chemin, sorted({
                *verification.verifier_questionnaire(source, id, outils),
                *verification.verifier_provenance(source, config.validateurs),
                *_donnees_personnelles(source, config)})):
            continue
        d = source.entete
        questions = tuple(Question(**{
            **_figer(q), "options": tuple(Option(**o) for o in q.get("options", [])),
            "echelle": (q["echelle"]["min"], q["echelle"]["max"], q["echelle"]["bas"],
                        q["echelle"]["haut"]) if "echelle" in q else None})
            for q in d["questions"])
        questionnaires[id] = Questionnaire(
            id=id, chemin=source.chemin, titre=d["titre"], outil=d["outil"],
            introduction=d["introduction"], anonyme=d.get("anonyme", False),
            questions=questions, **_publication(d))
    return questionnaires


def _charger_canevas(racine: Path, outils: set[str],
                     signaler: Callable[[str, Iterable[tuple[int, str]]], bool],
                     ) -> dict[str, Canevas]:
    """Les canevas à imprimer (``canevas/<outil>.yml``), vérifiés : l'outil existe, les zones
    tiennent dans la grille sans se recouvrir, leur texte tient dans la page (A4 et A3)."""
    resultat = {}
    for id, source in _sources_yaml(racine, DOSSIER_CANEVAS, "canevas", "un canevas",
                                    f"son outil (ex. {DOSSIER_CANEVAS}/arbre-problemes.yml)",
                                    signaler):
        canevas, problemes = canevas_.lire(source, id, outils)
        if not signaler(source.chemin, problemes) and canevas is not None:
            resultat[id] = canevas
    return resultat


def _charger_indicateurs(racine: Path, config: Configuration,
                         questionnaires: dict[str, Questionnaire],
                         signaler: Callable[[str, Iterable[tuple[int, str]]], bool],
                         ) -> dict[str, Indicateurs]:
    """Les indicateurs de fin de labo (``labos/indicateurs/<labo>.yml``), écrits par
    ``scripts/synthese.py --indicateurs`` : le labo, le questionnaire et ses questions à échelle
    existent."""
    resultat = {}
    for labo, source in _sources_yaml(racine, DOSSIER_INDICATEURS, "indicateurs",
                                      "un fichier d'indicateurs", "le labo (ex. "
                                      f"{DOSSIER_INDICATEURS}/labo-1.yml)", signaler):
        if signaler(source.chemin, sorted({
                *verification.verifier_indicateurs(source, labo, config, questionnaires),
                *verification.verifier_provenance(source, config.validateurs)})):
            continue
        d = source.entete
        resultat[labo] = Indicateurs(
            labo=labo, chemin=source.chemin, questionnaire=d["questionnaire"],
            reponses=d["reponses"], accord=dict(d["accord"]), **_publication(d))
    return resultat


def _charger_territoire(racine: Path, config: Configuration,
                        signaler: Callable[[str, Iterable[tuple[int, str]]], bool],
                        ) -> tuple[dict[str, FicheCcas], dict[str, Journal]]:
    """Les fiches de données et les journaux de suivi des CCAS (``territoire/``)."""
    fiches = {ccas: FicheCcas(ccas=ccas, chemin=f"{DOSSIER_FICHES_CCAS}/{ccas}.yml", **{
        **_figer(d), "chiffres": tuple(Chiffre(**x) for x in d.get("chiffres", []))})
        for ccas, d in _donnees_ccas(racine, config, DOSSIER_FICHES_CCAS, "fiche-ccas",
                                     "une fiche de données de CCAS", signaler)}
    journaux = {ccas: Journal(
        ccas=ccas, chemin=f"{DOSSIER_JOURNAUX}/{ccas}.yml", **_publication(d),
        contacts=tuple(sorted((Contact(**e) for e in d["entrees"]), key=lambda e: e.date)))
        for ccas, d in _donnees_ccas(racine, config, DOSSIER_JOURNAUX, "journal",
                                     "un journal de suivi", signaler)}
    return fiches, journaux


def _fichiers_joints(racine: Path) -> dict[str, Path]:
    """Images et documents rangés dans les dossiers de contenu (hors Markdown, hors liens)."""
    joints: dict[str, Path] = {}
    for dossier in COLLECTIONS:
        base = racine / dossier
        if not base.is_dir() or base.is_symlink():
            continue
        for chemin in sorted(base.rglob("*")):
            if chemin.is_file() and chemin.suffix != ".md" and not chemin.is_symlink() \
                    and not chemin.name.startswith(".") \
                    and not chemin.is_relative_to(racine / DOSSIER_PRESENCES) \
                    and not chemin.is_relative_to(racine / DOSSIER_INDICATEURS):
                joints[chemin.relative_to(racine).as_posix()] = chemin
    return joints


def apercu_demande() -> bool:
    """Le mode aperçu (brouillons inclus) : variable d'environnement ``COMMUN_APERCU=1``."""
    return os.environ.get("COMMUN_APERCU", "").strip().lower() in {"1", "oui", "true", "yes"}


def racine_du_projet() -> Path:
    """Le dossier qui contient ``commun.yml`` (variable ``COMMUN_RACINE`` pour les tests)."""
    if env := os.environ.get("COMMUN_RACINE"):
        return Path(env)
    return Path(__file__).resolve().parents[2]


def empreinte(racine: Path) -> tuple:
    """Ce qui, s'il change, oblige à tout relire : chemin, date et taille de chaque fichier lu
    (``commun.yml``, contenus, fichiers joints, feuilles de présence)."""
    fichiers = [racine / FICHIER_CONFIGURATION, *(p for _, p in fichiers_de_contenu(racine)),
                *_fichiers_joints(racine).values(), *fichiers_de_presence(racine),
                *fichiers_yaml(racine, DOSSIER_FICHES_CCAS),
                *fichiers_yaml(racine, DOSSIER_JOURNAUX),
                *fichiers_yaml(racine, DOSSIER_QUESTIONNAIRES),
                *fichiers_yaml(racine, DOSSIER_INDICATEURS),
                *fichiers_yaml(racine, DOSSIER_CANEVAS)]
    return tuple((str(p), s.st_mtime_ns, s.st_size) for p in fichiers
                 if (s := p.stat()) is not None)
