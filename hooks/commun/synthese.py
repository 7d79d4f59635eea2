"""Le rapport de synthèse d'un questionnaire, depuis les réponses exportées : celles du
formulaire du site (un fichier CSV par personne), ou l'export CSV de KoboToolbox ou d'ODK
(colonnes préfixées par leur groupe, « le_labo/lieu » ou « le_labo-lieu », colonnes techniques
« _uuid », « start »…), au séparateur virgule ou point-virgule, en UTF-8 avec ou sans BOM (ce
qu'écrit Excel en français).

Les réponses brutes sont des données personnelles : elles ne sont jamais publiées ni versionnées
(dossier ``reponses/``, ignoré par git). Seule la synthèse l'est, et la règle des petits
effectifs s'y applique : aucune catégorie de moins de ``PETIT_EFFECTIF`` réponses n'est montrée à
part.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from commun.donnees_personnelles import normaliser, personnes, trouver
from commun.graphiques import Graphique, Serie, figure
from commun.modele import Question, Questionnaire
from commun.questionnaires import META, groupe

PETIT_EFFECTIF = 5
# les colonnes techniques des exports KoboToolbox et ODK, sans réponse à lire
TECHNIQUES = re.compile(r"^(_.*|start|end|today|deviceid|username|simserial|subscriberid|"
                        r"phonenumber|audit|meta[/-].*|formhub[/-].*|__version__|KEY|"
                        r"SubmissionDate|SubmitterID|SubmitterName|AttachmentsPresent|"
                        r"AttachmentsExpected|Status|ReviewState|DeviceID|Edits|FormVersion)$")
UUID = ("_uuid", "meta/instanceID", "meta-instanceID", "KEY", "reponse_id")


class ReponsesInvalides(Exception):
    """Des fichiers de réponses qu'on ne peut pas lire : un problème « fichier:ligne: message »
    par ligne."""

    def __init__(self, problemes: list[str]) -> None:
        super().__init__("\n".join(problemes))
        self.problemes = problemes


@dataclass
class Reponses:
    """Les réponses lues : une ligne par personne, {question: valeur(s)}."""

    lignes: list[dict[str, str | tuple[str, ...]]] = field(default_factory=list)


def _colonne(nom: str, ids: set[str], groupes: set[str]) -> str | None:
    """L'identifiant de question d'une colonne, sans son préfixe de groupe (« le_labo/lieu »,
    « le_labo-lieu ») ; None si ce n'est pas une question, ou si le préfixe n'est pas l'une des
    parties du questionnaire."""
    if nom in ids:
        return nom
    for separateur in ("/", "-"):
        prefixe, _, fin = nom.rpartition(separateur)
        if prefixe and fin in ids and set(prefixe.split(separateur)) <= groupes:
            return fin
    return None


def lire(q: Questionnaire, fichiers: Iterable[Path]) -> Reponses:
    """Toutes les réponses de ``fichiers`` ; lève ``ReponsesInvalides`` au moindre problème (rien
    n'est alors synthétisé : un chiffre faux serait pire qu'aucun)."""
    par_id = {x.id: x for x in q.questions}
    reponses, problemes = Reponses(), list[str]()
    vus: dict[str, str] = {}  # identifiant de réponse → où il a été lu
    groupes = {groupe(x.partie) for x in q.questions if x.partie}
    for chemin in fichiers:
        try:
            texte = chemin.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            problemes.append(f"{chemin}:1: fichier illisible : exportez-le en CSV, encodé en "
                             "UTF-8")
            continue
        separateur = ";" if texte.split("\n", 1)[0].count(";") > texte.split("\n", 1)[0].count(
            ",") else ","
        lignes = list(csv.reader(io.StringIO(texte), delimiter=separateur))
        if not lignes:
            problemes.append(f"{chemin}:1: fichier vide")
            continue
        entete = lignes[0]
        colonnes: dict[int, str] = {}
        for i, nom in enumerate(entete):
            if (qid := _colonne(nom, set(par_id), groupes)) is not None:
                colonnes[i] = qid
            elif not TECHNIQUES.match(nom) and nom not in META and not _sous_colonne(nom, par_id):
                problemes.append(f"{chemin}:1: colonne « {nom} » inconnue du questionnaire "
                                 f"« {q.id} » : est-ce le bon fichier ? (colonnes attendues : "
                                 f"{', '.join(par_id)})")
        uuid = next((i for i, nom in enumerate(entete) if nom in UUID), None)
        for numero, ligne in enumerate(lignes[1:], start=2):
            if not any(c.strip() for c in ligne):
                continue
            if uuid is not None and uuid < len(ligne) and ligne[uuid]:
                if (deja := vus.get(ligne[uuid])) is not None:
                    problemes.append(f"{chemin}:{numero}: réponse en double (déjà lue en "
                                     f"{deja}) : gardez un seul exemplaire")
                    continue
                vus[ligne[uuid]] = f"{chemin}:{numero}"
            valeurs: dict[str, str | tuple[str, ...]] = {}
            for i, qid in colonnes.items():
                brut = ligne[i].strip() if i < len(ligne) else ""
                if brut.startswith("'"):
                    brut = brut[1:]  # une formule désamorcée par le formulaire du site
                if brut:
                    valeur, erreur = _valeur(par_id[qid], brut)
                    if erreur:
                        problemes.append(f"{chemin}:{numero}: {qid} : {erreur}")
                    else:
                        valeurs[qid] = valeur
            reponses.lignes.append(valeurs)
    if problemes:
        raise ReponsesInvalides(problemes)
    return reponses


def _sous_colonne(nom: str, par_id: dict[str, Question]) -> bool:
    """« langues/kibushi » : la colonne 0/1 d'un choix multiple, que Kobo ajoute."""
    for separateur in ("/", "-"):
        morceaux = nom.split(separateur)
        if len(morceaux) >= 2 and morceaux[-2] in par_id \
                and par_id[morceaux[-2]].type == "choix-multiple":
            return True
    return False


def _valeur(x: Question, brut: str) -> tuple[str | tuple[str, ...], str]:
    possibles = [o.id for o in x.choix]
    if x.type == "choix-multiple":
        valeurs = tuple(brut.split())
        hors = [val for val in valeurs if val not in possibles]
        return valeurs, (f"« {' '.join(hors)} » n'est pas un choix possible "
                         f"({', '.join(possibles)})" if hors else "")
    if possibles:
        return brut, ("" if brut in possibles else
                      f"« {brut} » n'est pas une réponse possible ({', '.join(possibles)})")
    if x.type == "nombre":
        if not re.fullmatch(r"-?[0-9]+", brut):
            return brut, f"« {brut} » n'est pas un nombre entier"
        n = int(brut)
        if (x.minimum is not None and n < x.minimum) or (x.maximum is not None and n > x.maximum):
            return brut, f"{n} est hors des bornes ({x.minimum} à {x.maximum})"
    return brut, ""


# --- Le rapport -----------------------------------------------------------------------------

def _table(entete: tuple[str, ...], lignes: Iterable[tuple[str, ...]]) -> str:
    def cellule(t: str) -> str:
        return t.replace("|", "\\|").replace("\n", " ")
    rangs = [entete, tuple("---" for _ in entete), *lignes]
    return "\n".join("| " + " | ".join(cellule(c) for c in r) + " |" for r in rangs)


def _comptes(x: Question, lignes: list[dict]) -> Counter[str]:
    c: Counter[str] = Counter()
    for ligne in lignes:
        valeur = ligne.get(x.id)
        if isinstance(valeur, tuple):
            c.update(valeur)
        elif valeur is not None:
            c[valeur] += 1
    return c


def _pourcent(n: int, total: int) -> str:
    return f"{round(100 * n / total)} %" if total else "—"


def _masquer(texte: str) -> str:
    """Un texte libre sans ce qui désigne une personne : une réponse qui donne un contact ou un
    identifiant est retirée entière, un nom de personne est remplacé."""
    if trouver(normaliser(texte), frozenset(), frozenset()):
        return "[réponse retirée : elle contenait un contact ou un identifiant]"
    for debut, fin in reversed(personnes(texte)):
        texte = texte[:debut] + "[nom retiré]" + texte[fin:]
    return texte


def rapport(q: Questionnaire, reponses: Reponses, titre: str = "",
            precedent: Reponses | None = None, *, section: bool = False) -> str:
    """Le rapport de synthèse en Markdown (tableaux, graphiques SVG, textes libres masqués).
    ``section`` : une section d'un compte rendu (titres d'un niveau plus bas, tableaux sans
    graphique : le contenu contribué n'écrit pas de HTML)."""
    lignes, n = reponses.lignes, len(reponses.lignes)
    parties = [f"# {titre or 'Rapport de synthèse : ' + q.titre}",
               f"**{n} réponses.**" + (f" Réponses précédentes : {len(precedent.lignes)}."
                                       if precedent else "")]
    categorie = next((x for x in q.questions if x.categorie), None)
    if categorie is not None:
        parties += [f"## Qui a répondu ({categorie.libelle.lower()})", *_repartition(
            categorie, lignes, n)]
    montres = groupes(categorie, lignes) if categorie is not None else None
    for numero, x in enumerate(q.questions, start=1):
        if x is categorie:
            continue
        parties.append(f"## {numero}. {x.libelle}")
        parties += [p for p in _question(q, x, lignes, precedent)
                    if not (section and p.startswith("<figure"))]
        if montres and len(montres) >= 2 and x.choix and categorie is not None:
            parties += [f"Par catégorie ({categorie.libelle.lower()}) :", _par_groupe(x, montres)]
    if section:
        parties = [re.sub(r"^(#+) ", r"#\1 ", p) for p in parties]
    return "\n\n".join(parties) + "\n"


REGLE = (f"*Règle des petits effectifs : une catégorie de moins de {PETIT_EFFECTIF} réponses "
         "n'est pas montrée à part, pour que personne ne soit reconnu.*")


def groupes(categorie: Question, lignes: list[dict]) -> list[tuple[str, list[dict]]] | None:
    """Les groupes qu'on peut montrer, sous la règle des petits effectifs : chaque catégorie
    d'au moins ``PETIT_EFFECTIF`` réponses, puis les autres regroupées ; None quand ce
    regroupement ferait moins de ``PETIT_EFFECTIF`` (on le devinerait par soustraction)."""
    comptes = _comptes(categorie, lignes)
    montrees = [o for o in categorie.choix if comptes[o.id] >= PETIT_EFFECTIF]
    ids = {o.id for o in montrees}
    autres = [ligne for ligne in lignes if ligne.get(categorie.id) not in ids]
    if 0 < len(autres) < PETIT_EFFECTIF:
        return None
    resultat = [(o.libelle, [ligne for ligne in lignes if ligne.get(categorie.id) == o.id])
                for o in montrees]
    return resultat + ([("Autres catégories, regroupées", autres)] if autres else [])


def _repartition(categorie: Question, lignes: list[dict], n: int) -> Iterator[str]:
    """Qui a répondu, par catégorie, sous la règle des petits effectifs (``groupes``)."""
    montres = groupes(categorie, lignes)
    if montres is None:
        yield _table(("Catégorie", "Réponses"), [("Toutes catégories", str(n))])
        yield (REGLE[:-2] + " ; ici, le détail permettrait de retrouver un petit groupe par "
               "soustraction : il n'est pas donné.*")
        return
    yield _table(("Catégorie", "Réponses"), [(libelle, str(len(g))) for libelle, g in montres])
    if any(libelle.startswith("Autres") for libelle, _ in montres):
        yield REGLE


def _par_groupe(x: Question, montres: list[tuple[str, list[dict]]]) -> str:
    """Une question fermée, colonne par groupe : « nombre (part) »."""
    rangs = []
    for o in x.choix:
        cellules = []
        for _, g in montres:
            comptes, repondu = _comptes(x, g), sum(1 for ligne in g if x.id in ligne)
            cellules.append(f"{comptes[o.id]} ({_pourcent(comptes[o.id], repondu)})")
        rangs.append((o.libelle, *cellules))
    return _table(("Réponse", *(libelle for libelle, _ in montres)), rangs)


def _question(q: Questionnaire, x: Question, lignes: list[dict],
              precedent: Reponses | None) -> Iterator[str]:
    repondu = sum(1 for ligne in lignes if x.id in ligne)
    if x.type in ("texte-court", "texte-long"):
        textes = sorted({_masquer(str(ligne[x.id])) for ligne in lignes if x.id in ligne})
        yield f"{repondu} réponses." if textes else "*Aucune réponse.*"
        yield from (f"> {t}" for t in textes)
        return
    if x.type == "nombre":
        nombres = sorted(int(str(ligne[x.id])) for ligne in lignes if x.id in ligne)
        if not nombres:
            yield "*Aucune réponse.*"
            return
        mediane = nombres[len(nombres) // 2] if len(nombres) % 2 else \
            (nombres[len(nombres) // 2 - 1] + nombres[len(nombres) // 2]) / 2
        yield _table(("Réponses", "Médiane", "Plus petit", "Plus grand", "Total"),
                     [(str(repondu), f"{mediane:g}", str(nombres[0]), str(nombres[-1]),
                       str(sum(nombres)))])
        return
    comptes = _comptes(x, lignes)
    avant = _comptes(x, precedent.lignes) if precedent else None
    entete = ("Réponse", "Nombre", "Part") + (("Avant",) if avant is not None else ())
    rangs: list[tuple[str, ...]] = []
    for o in x.choix:
        rang: tuple[str, ...] = (o.libelle + (" ✓" if o.id == x.bonne_reponse else ""),
                                 str(comptes[o.id]), _pourcent(comptes[o.id], repondu))
        if avant is not None and precedent is not None:
            avant_total = sum(1 for ligne in precedent.lignes if x.id in ligne)
            rang += (_pourcent(avant[o.id], avant_total),)
        rangs.append(rang)
    yield _table(entete, rangs)
    if x.bonne_reponse:
        yield (f"**Bonnes réponses : {_pourcent(comptes[x.bonne_reponse], repondu)}** "
               f"({comptes[x.bonne_reponse]} sur {repondu})."
               + (" À reprendre au prochain labo." if repondu and comptes[x.bonne_reponse] * 2
                  < repondu else ""))
    if repondu:
        yield figure(Graphique(
            f"synthese-{q.id}-{x.id}", x.libelle, f"Répartition des {repondu} réponses.",
            "Réponse", tuple(o.libelle for o in x.choix),
            (Serie("Réponses", tuple(comptes[o.id] for o in x.choix)),)))


def accord(q: Questionnaire, reponses: Reponses) -> dict[str, int]:
    """Pour chaque question à échelle : la part des réponses dans le haut de l'échelle (3 ou 4
    sur 4), en pour cent ; l'indicateur que suit le tableau de bord, labo après labo."""
    resultat = {}
    for x in q.questions:
        if x.echelle is None:
            continue
        valeurs = [int(str(ligne[x.id])) for ligne in reponses.lignes if x.id in ligne]
        if valeurs:
            milieu = (x.echelle[0] + x.echelle[1]) / 2
            resultat[x.id] = round(100 * sum(1 for n in valeurs if n > milieu) / len(valeurs))
    return resultat


def fichier_indicateurs(q: Questionnaire, reponses: Reponses, *, exemple: bool = False) -> str:
    """Le fichier ``labos/indicateurs/<labo>.yml`` : des agrégats, en brouillon jusqu'à ce que la
    coordination le valide."""
    lignes = ["# yaml-language-server: $schema=../../schemas/indicateurs.schema.json",
              "#", "# Écrit par scripts/synthese.py --indicateurs : des parts de réponses, jamais "
              "des réponses.", f"questionnaire: {q.id}", f"reponses: {len(reponses.lignes)}",
              "validation: brouillon"]
    if exemple:
        lignes.append("exemple: true")
    lignes.append("accord:")
    lignes += [f"  {cle}: {valeur}" for cle, valeur in accord(q, reponses).items()]
    return "\n".join(lignes) + "\n"
