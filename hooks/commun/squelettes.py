"""Les squelettes : le texte d'un nouveau contenu (fiche, outil, compte rendu), valide dès sa
création.

Une seule définition des questions à poser (champ, libellé, aide, choix tirés de ``commun.yml``,
du vocabulaire et des fichiers présents) et du texte produit, pour :

- les assistants de ``scripts/`` (``nouvelle_fiche.py``, ``nouvel_outil.py``,
  ``nouveau_compte_rendu.py``), qui passent par ``commun.assistant`` ;
- le formulaire « Proposer une fiche » du site : ``donnees_formulaire`` donne au script du
  navigateur (``hooks/theme/assets/proposer.js``) ce qu'il lui faut pour écrire exactement le
  texte que ``squelette`` écrirait (un test compare les deux).

Un squelette passe le validateur tel quel (``validation: brouillon``). Chaque section contient une
consigne « À compléter : … » que le contributeur remplace par son texte.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commun import caracteres, schemas
from commun import vocabulaire as v
from commun.chargement import fichiers_de_contenu
from commun.genres import GENRES, Genre
from commun.modele import Configuration
from commun.source import ErreurSource, lire
from commun.verification import NOMS_RESERVES, _normaliser_titre

Choix = tuple[tuple[str, str], ...]  # (identifiant, libellé)

A_COMPLETER = "À compléter :"
LONGUEUR_ID = 60  # caractères au plus pour un identifiant proposé

# Les mots qu'on retire d'un titre pour en faire un identifiant court.
MOTS_VIDES = frozenset(
    "a au aux avec ce ces cette chez d dans de des du en et l la le les leur leurs ou par pour "
    "qu que qui s sa se ses son sur un une y".split())


# --- Les genres de contenu ------------------------------------------------------------------

# (les genres de contenu sont déclarés dans commun.genres)

# Ce qu'on écrit sous chaque section du squelette, après « À compléter : ».
CONSIGNES = {
    "Le besoin": "ce que l'équipe a observé sur le terrain : qui est concerné, ce qui ne va pas "
                 "aujourd'hui, ce que disent les habitants (sans nom ni détail qui permette de "
                 "les reconnaître).",
    "La solution": "ce que vous avez imaginé, pour qui, et ce que cela change pour les habitants.",
    "L'expérimentation": "ce que vous avez testé ou allez tester : où, combien de temps, avec "
                         "combien de personnes, et ce que vous avez mesuré.",
    "Les enseignements": "ce qui a marché, ce qui n'a pas marché et pourquoi. Les échecs aussi "
                         "sont utiles aux autres CCAS.",
    "La feuille de route": "les prochaines étapes, une par ligne : quoi, d'ici quand, et quel "
                           "rôle s'en charge (jamais de nom).",
    "Pourquoi": "à quoi sert l'outil, à quel moment d'un projet l'utiliser, ce qu'il permet "
                "d'obtenir.",
    "Comment faire": "les étapes, numérotées, avec la durée de chacune.",
    "Conseils": "ce qui aide à réussir, et les pièges à éviter.",
    "Variante à distance": "comment faire la même chose à distance : par quel canal (appel "
                           "téléphonique, message vocal, SMS), dans quelle langue, ce que ça "
                           "coûte en données et qui paie ; ou pourquoi ce n'est pas recommandé.",
    "Exemple à…": "une situation fictive, marquée comme telle, sans nom de personne ni de CCAS "
                  "réel.",
    v.ORAL: f"ce que l'animateur dit aux participants, mot pour mot, en phrases courtes, sans "
            f"sigle ({v.MOTS_ORAL_MAX} mots au plus) : un interprète le redira en shimaoré ou en "
            "kibushi.",
    v.ORIGINE: "qui a créé la méthode (auteurs, année) et une à trois références pour aller "
               "plus loin.",
    "Objectifs": "ce que le labo devait permettre aux équipes.",
    "Déroulé": "le programme, jour par jour.",
    "Ce qui a été produit": "les fiches, prototypes et décisions issus du labo.",
    "Ce que les participants en disent": "les retours des participants (questionnaire de fin de "
                                         "labo), sans nom.",
    "Suites à donner pendant l'intersession": "ce que chaque équipe fait avant le prochain labo.",
}


def sections(genre: Genre, config: Configuration) -> list[tuple[str, str]]:
    """(intitulé, consigne) des sections du squelette ; « Exemple à… » est complété par le
    territoire de ``commun.yml``."""
    resultat = []
    for intitule in genre.sections:
        consigne = CONSIGNES.get(intitule, "votre texte.")
        if intitule.endswith("…"):
            intitule = intitule.rstrip("…") + " " + config.site.territoire
        resultat.append((intitule, f"_{A_COMPLETER} {consigne}_"))
    return resultat


# --- Identifiants et YAML -------------------------------------------------------------------

def mots(texte: str) -> list[str]:
    """Les mots d'un texte, en minuscules sans accents : « Cœur d'Acoua » → coeur, d, acoua.
    Le script du formulaire fait exactement la même chose."""
    sans_accents = re.sub(r"[\u0300-\u036f]", "", unicodedata.normalize("NFKD", texte)).lower()
    for lettre, remplacement in (("œ", "oe"), ("æ", "ae"), ("ß", "ss")):
        sans_accents = sans_accents.replace(lettre, remplacement)
    return [m for m in re.split(r"[^a-z0-9]+", sans_accents) if m]


def identifiant(titre: str, *, prefixe: str = "", pris: Iterable[str] = ()) -> str:
    """Le nom de fichier proposé pour un titre : « sada » + « Un jardin partagé pour les aînés »
    → « sada-jardin-partage-aines ». Sans mots vides, sans répéter le préfixe, 60 caractères au
    plus (coupé entre deux mots), et suivi de « -2 », « -3 »… s'il est déjà ``pris``."""
    debut = mots(prefixe)
    suite = [m for m in mots(titre) if m not in MOTS_VIDES and m not in debut] or \
        [m for m in mots(titre) if m not in debut] or ["nouveau"]
    base = "-".join(debut + suite[:1])
    for mot in suite[1:]:
        if len(base) + 1 + len(mot) > LONGUEUR_ID:
            break
        base += "-" + mot
    pris = set(pris) | NOMS_RESERVES
    candidat, n = base, 1
    while candidat in pris:
        n += 1
        candidat = f"{base}-{n}"
    return candidat


# ce que YAML lirait comme autre chose qu'un texte : 12, 1_000, 0x1F, 2022-06-30, yes, null…
_AUTRE_TYPE = re.compile(r"^[-+.]?[0-9][0-9a-z_.,:+-]*$|^(y|n|yes|no|on|off|true|false|null)$",
                         re.I)
# un texte nu commence par une lettre latine (accentuée ou non) ou un chiffre
_DEBUT_NU = re.compile("^[A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_A_ECHAPPER = re.compile("[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]")


def scalaire(valeur: Any) -> str:
    """Une valeur écrite en YAML, relue à l'identique : nombre, booléen, ou texte.

    Un texte reste nu s'il commence par une lettre latine ou un chiffre, ne finit pas par une
    espace, ne contient ni « : », ni « # », ni guillemet double, ni barre oblique inverse, ni
    caractère de contrôle, et ne peut pas être pris pour un nombre, une date ou un booléen ;
    sinon il est écrit entre guillemets doubles, échappé comme en JSON (que YAML accepte).
    Le script du formulaire applique la même règle.
    """
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    if isinstance(valeur, int):
        return str(valeur)
    texte = str(valeur)
    if (_DEBUT_NU.match(texte) and not re.search(r"\s$|[:#\"\\]", texte)
            and not _A_ECHAPPER.search(texte) and not _AUTRE_TYPE.match(texte)):
        return texte
    guillemets = json.dumps(texte, ensure_ascii=False)
    return _A_ECHAPPER.sub(lambda m: f"\\u{ord(m.group()):04x}", guillemets)


CHAMPS_DATE = ("mis_a_jour", "debut", "fin")
# la variante à distance d'un nouvel outil, à dire vraiment avant la relecture
A_DISTANCE = {"non_recommande": f"{A_COMPLETER} dites par où (appel-gsm, message-vocal, sms…), "
                                "dans quelles langues et ce que ça coûte, ou pourquoi pas"}


def champ_yaml(nom: str, valeur: Any) -> str:
    """« nom: valeur », ou une liste d'une ligne « - valeur » par élément. Une date reste nue
    (« 2022-06-30 ») : notre lecteur YAML la garde en texte."""
    if isinstance(valeur, dict):  # une rubrique (a_distance) : une ligne par champ, en retrait
        return f"{nom}:\n" + "\n".join(
            f"  {c}: [{', '.join(map(scalaire, x))}]" if isinstance(x, (list, tuple))
            else f"  {c}: {scalaire(x)}" for c, x in valeur.items())
    if isinstance(valeur, (list, tuple)):
        if not valeur:
            return f"{nom}: []"
        return f"{nom}:\n" + "\n".join(f"  - {scalaire(e)}" for e in valeur)
    if nom in CHAMPS_DATE and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", str(valeur)):
        return f"{nom}: {valeur}"
    return f"{nom}: {scalaire(valeur)}"


def une_ligne(texte: str) -> str:
    """Un texte d'une ligne (titre, résumé, rôle) : espaces, tabulations et retours à la ligne
    réduits à une espace (les espaces insécables sont gardées)."""
    return re.sub(r"[ \t\n\r\f\v]+", " ", texte).strip(" ")


def normaliser_texte(texte: str) -> str:
    """Un texte de plusieurs lignes : fins de ligne « \\n », sans espaces en fin de ligne ni
    lignes vides au début et à la fin."""
    lignes = texte.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(re.sub(r"[ \t]+$", "", l) for l in lignes).strip("\n")


def squelette(genre: Genre, reponses: Mapping[str, Any], config: Configuration, *,
              aujourd_hui: str, textes: Mapping[str, str] | None = None,
              schema_editeur: bool = True) -> str:
    """Le fichier Markdown d'un nouveau contenu : l'en-tête (dans l'ordre de ``genre.champs``,
    en brouillon) puis les sections, chacune avec ``textes[intitulé]`` ou sa consigne.

    ``schema_editeur`` : ajoute en tête le commentaire qui indique le schéma JSON aux éditeurs
    qui le lisent (``# yaml-language-server: $schema=…``)."""
    valeurs = {"validation": v.BROUILLON, "mis_a_jour": aujourd_hui,
               "licence": config.site.licence_contenu, "a_distance": A_DISTANCE, **reponses}
    lignes = ["---"]
    if schema_editeur:
        lignes.append(f"# yaml-language-server: $schema=../schemas/{genre.nom}.schema.json")
    lignes += [champ_yaml(c, valeurs[c]) for c in genre.champs if c in valeurs]
    lignes.append("---")
    textes = textes or {}
    for intitule, consigne in sections(genre, config):
        texte = normaliser_texte(textes.get(intitule, ""))
        lignes += [f"## {intitule}", "", texte or consigne, ""]
    return "\n".join(lignes).rstrip("\n") + "\n"


# --- Ce qui existe déjà ---------------------------------------------------------------------

@dataclass(frozen=True)
class Inventaire:
    """Le contenu déjà présent dans le dépôt (brouillons compris, même en défaut) : pour
    proposer des choix, et ne jamais écraser un fichier ni reprendre un titre."""

    fichiers: frozenset[str] = frozenset()  # « fiches/x.md »…
    titres: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (dossier, titre) → chemin
    outils: Choix = ()
    fiches: Choix = ()
    labos_des_fiches: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    comptes_rendus: Mapping[str, str] = field(default_factory=dict)  # labo → chemin

    def noms(self, dossier: str) -> set[str]:
        return {Path(f).stem for f in self.fichiers if f.startswith(dossier + "/")}


def inventorier(racine: Path) -> Inventaire:
    fichiers: set[str] = set()
    titres: dict[tuple[str, str], str] = {}
    outils: list[tuple[str, str]] = []
    fiches: list[tuple[str, str]] = []
    labos: dict[str, tuple[str, ...]] = {}
    comptes_rendus: dict[str, str] = {}
    for dossier, chemin in fichiers_de_contenu(racine):
        relatif = chemin.relative_to(racine).as_posix()
        fichiers.add(relatif)
        try:
            entete = lire(racine, chemin).entete
        except (ErreurSource, OSError):
            continue
        titre = entete.get("titre")
        if isinstance(titre, str):
            titres.setdefault((dossier, _normaliser_titre(titre)), relatif)
        titre = str(titre or chemin.stem)
        if dossier == "outils":
            outils.append((chemin.stem, titre))
        elif dossier == "fiches":
            fiches.append((chemin.stem, titre))
            cites = entete.get("labos")
            labos[chemin.stem] = tuple(cites) if isinstance(cites, list) else ()
        elif isinstance(entete.get("labo"), str):
            comptes_rendus.setdefault(entete["labo"], relatif)
    par_titre = lambda c: mots(c[1])  # noqa: E731
    return Inventaire(frozenset(fichiers), titres, tuple(sorted(outils, key=par_titre)),
                      tuple(sorted(fiches, key=par_titre)), labos, comptes_rendus)


# --- Les questions --------------------------------------------------------------------------

@dataclass(frozen=True)
class Question:
    """Une question de l'assistant : un champ de l'en-tête, dit en français."""

    champ: str
    libelle: str
    aide: str = ""
    sorte: str = "texte"  # texte, entier, date, choix, plusieurs (choix), lignes (textes)
    choix: Choix = ()
    obligatoire: bool = True
    defaut: Any = None
    # où ajouter une valeur qui manque (« la rubrique « ccas » de commun.yml »)
    ajout: str = ""
    # les choix qui restent selon les réponses déjà données (ex. les fiches d'un labo)
    filtre: Callable[[str, Mapping[str, Any]], bool] | None = None

    @property
    def option(self) -> str:
        return "--" + self.champ.replace("_", "-")

    def choix_pour(self, reponses: Mapping[str, Any]) -> Choix:
        if self.filtre is None:
            return self.choix
        return tuple(c for c in self.choix if self.filtre(c[0], reponses))


def _termes(termes: Mapping[str, v.Terme]) -> Choix:
    return tuple((t.id, t.libelle) for t in termes.values())


def _longueur(genre: str, champ: str) -> str:
    propriete = schemas.schemas()[genre]["properties"][champ]
    return f"{propriete['minLength']} à {propriete['maxLength']} caractères"


_AJOUT = "ajoutez une ligne dans la rubrique « {} » de commun.yml (ou demandez-le à la " \
    "coordination)"


def questions(genre: Genre, config: Configuration, inventaire: Inventaire) -> list[Question]:
    """Les questions à poser pour un nouveau contenu, dans l'ordre."""
    licence = Question("licence", "Licence du contenu", "laissez la valeur proposée si vous ne "
                       "savez pas", "choix", tuple((l, l) for l in v.LICENCES_CONTENU),
                       defaut=config.site.licence_contenu)
    labos = tuple((l.id, f"{l.nom} ({l.periode})" if l.periode else l.nom)
                  for l in config.labos.values())
    outils = Question(
        "outils_lies" if genre.nom == "outil" else "outils",
        "Outils liés" if genre.nom == "outil" else "Outils utilisés",
        "facultatif", "plusieurs", inventaire.outils, obligatoire=False, defaut=[])
    if genre.nom == "fiche":
        return [
            Question("titre", "Titre du projet", f"court et parlant, {_longueur('fiche', 'titre')}"
                     " (ex. « Un café des parents à Ouangani »)"),
            Question("resume", "Le projet en une phrase", _longueur("fiche", "resume")),
            Question("ccas", "CCAS qui porte le projet", sorte="choix",
                     choix=tuple((c.id, c.nom) for c in config.ccas_reels.values()),
                     ajout=_AJOUT.format("ccas")),
            Question("thematique", "Thématique", sorte="choix",
                     choix=tuple((t.id, t.nom) for t in config.thematiques.values()),
                     ajout=_AJOUT.format("thematiques")),
            Question("priorite", "Projet prioritaire ou secondaire ?", sorte="choix",
                     choix=_termes(v.PRIORITES)),
            Question("etat", "Où en est le projet ?", sorte="choix", choix=_termes(v.ETATS),
                     defaut="idee"),
            Question("labos", "Labos où le projet a été travaillé", "facultatif", "plusieurs",
                     labos, obligatoire=False, defaut=[], ajout=_AJOUT.format("labos")),
            outils,
            Question("equipe", "Les rôles de l'équipe projet", "un rôle par ligne, jamais de nom "
                     "(ex. « Référente du projet, agente d'accueil du CCAS »)", "lignes"),
            licence,
        ]
    if genre.nom == "outil":
        return [
            Question("titre", "Nom de l'outil", _longueur("outil", "titre")),
            Question("resume", "À quoi sert-il, en une phrase ?", _longueur("outil", "resume")),
            Question("type", "Type d'outil", sorte="choix", choix=_termes(v.TYPES_OUTIL)),
            Question("phase", "Phase de la démarche", sorte="choix", choix=_termes(v.PHASES)),
            Question("duree_minutes", "Durée, en minutes", sorte="entier"),
            Question("participants_min", "Nombre minimum de participants", sorte="entier"),
            Question("participants_max", "Nombre maximum de participants", sorte="entier"),
            Question("difficulte", "Difficulté d'animation", sorte="choix",
                     choix=_termes(v.DIFFICULTES)),
            Question("materiel", "Matériel nécessaire", "un élément par ligne, facultatif",
                     "lignes", obligatoire=False, defaut=[]),
            outils,
            licence,
        ]
    deja = set(inventaire.comptes_rendus)
    return [
        Question("labo", "Labo", "les labos qui ont déjà un compte rendu ne sont pas proposés",
                 "choix", tuple(c for c in labos if c[0] not in deja),
                 ajout=_AJOUT.format("labos")),
        Question("titre", "Titre du compte rendu", f"{_longueur('compte-rendu', 'titre')} (ex. "
                 "« Labo 2 : imaginer des solutions »)"),
        Question("debut", "Premier jour du labo", "AAAA-MM-JJ, ex. 2022-03-15", "date"),
        Question("fin", "Dernier jour du labo", "AAAA-MM-JJ", "date"),
        Question("lieu", "Lieu", "la commune, jamais une adresse privée"),
        Question("format", "Format", sorte="choix", choix=_termes(v.FORMATS)),
        Question("ccas_presents", "CCAS présents", sorte="plusieurs",
                 choix=tuple((c.id, c.nom) for c in config.ccas_reels.values()),
                 ajout=_AJOUT.format("ccas")),
        outils,
        Question("fiches", "Fiches travaillées pendant ce labo", "seules les fiches qui citent "
                 "ce labo sont proposées ; facultatif", "plusieurs", inventaire.fiches,
                 obligatoire=False, defaut=[],
                 filtre=lambda id, r: r.get("labo") in inventaire.labos_des_fiches.get(id, ())),
        licence,
    ]


# --- Vérifier les réponses ------------------------------------------------------------------

class ReponseInvalide(ValueError):
    """Une réponse refusée ; le message dit pourquoi et comment corriger, en français."""


def convertir(question: Question, brut: Any, reponses: Mapping[str, Any]) -> Any:
    """Une réponse saisie (texte, ou liste de textes pour une option répétée) → sa valeur.
    Lève ``ReponseInvalide``."""
    import difflib

    if question.sorte in ("plusieurs", "lignes"):
        elements = brut if isinstance(brut, (list, tuple)) else [brut]
        if question.sorte == "plusieurs":  # « labo-1, labo-3 » ou « labo-1 labo-3 »
            elements = [e for x in elements for e in re.split(r"[,\s]+", str(x)) if e]
        else:  # un élément par ligne
            elements = [une_ligne(l) for e in elements for l in re.split(r"\r\n|\r|\n", str(e))]
            elements = [e for e in elements if e]
        valeur: Any = list(elements)
    else:
        valeur = une_ligne(str(brut))
    for texte in valeur if isinstance(valeur, list) else [valeur]:
        if m := caracteres.INTERDIT_VALEUR.search(texte):  # le validateur le refuserait
            raise ReponseInvalide(caracteres.message_valeur("votre réponse", m.group()))
    if question.sorte == "entier":
        if not re.fullmatch(r"[0-9]+", valeur):
            raise ReponseInvalide(f"« {valeur} » n'est pas un nombre entier : écrivez seulement "
                                  "des chiffres (ex. 90)")
        valeur = int(valeur)
    if question.sorte in ("choix", "plusieurs"):
        possibles = [c[0] for c in question.choix_pour(reponses)]
        for element in valeur if question.sorte == "plusieurs" else [valeur]:
            if element not in possibles:
                proche = difflib.get_close_matches(element, possibles, n=1)
                suggestion = f" Vouliez-vous dire « {proche[0]} » ?" if proche else ""
                ajout = f". Pour ajouter une valeur, {question.ajout}" if question.ajout else ""
                raise ReponseInvalide(
                    f"« {element} » n'est pas dans la liste.{suggestion} Valeurs possibles : "
                    f"{', '.join(possibles) or 'aucune'}{ajout}")
    if question.obligatoire and valeur in ("", []):
        raise ReponseInvalide("cette réponse est obligatoire")
    return valeur


def verifier_reponse(genre: Genre, question: Question, valeur: Any,
                     reponses: Mapping[str, Any], inventaire: Inventaire) -> list[str]:
    """Les problèmes d'une réponse déjà convertie, avec les règles du validateur (schéma JSON)
    et ce qui dépend des autres réponses (min ≤ max, début ≤ fin, titre déjà pris)."""
    champ = question.champ
    messages = [m for chemin, m in schemas.erreurs(genre.nom, {champ: valeur})
                if chemin[:1] == (champ,)]
    if champ == "titre" and isinstance(valeur, str):
        deja = inventaire.titres.get((genre.dossier, _normaliser_titre(valeur)))
        if deja:
            messages.append(f"le titre « {valeur} » est déjà pris ({deja}) : choisissez-en un "
                            "autre")
    if champ == "participants_max" and isinstance(reponses.get("participants_min"), int) \
            and valeur < reponses["participants_min"]:
        messages.append(f"le maximum ({valeur}) est plus petit que le minimum "
                        f"({reponses['participants_min']})")
    if champ == "fin" and isinstance(reponses.get("debut"), str) and valeur < reponses["debut"]:
        messages.append(f"la date de fin ({valeur}) est avant la date de début "
                        f"({reponses['debut']})")
    return messages


def chemin_du_nouveau(genre: Genre, reponses: Mapping[str, Any], inventaire: Inventaire) -> str:
    """Le fichier à créer : ``fiches/<ccas>-<titre>.md``, ``outils/<titre>.md`` ou
    ``labos/<labo>.md`` ; jamais un fichier qui existe déjà."""
    pris = inventaire.noms(genre.dossier)
    if genre.nom == "compte-rendu":
        nom = identifiant(reponses["labo"], pris=pris)
    else:
        nom = identifiant(reponses["titre"], prefixe=reponses.get("ccas", ""), pris=pris)
    return f"{genre.dossier}/{nom}.md"


# --- Le formulaire du site ------------------------------------------------------------------

def donnees_formulaire(config: Configuration, pris: Iterable[str]) -> dict[str, Any]:
    """Ce que le script du formulaire « Proposer une fiche » doit savoir pour écrire le même
    texte que ``squelette`` et vérifier les réponses comme le validateur (en plus simple)."""
    genre = GENRES["fiche"]
    proprietes = schemas.schemas()["fiche"]["properties"]

    def longueurs(p: Mapping[str, Any]) -> list[int]:
        return [p["minLength"], p["maxLength"]]

    return {
        "depot": config.site.depot,
        "branche": config.site.branche,
        "dossier": genre.dossier,
        "champs": list(genre.champs),
        "validation": v.BROUILLON,
        "sections": sections(genre, config),
        "pris": sorted(set(pris) | NOMS_RESERVES),
        "mots_vides": sorted(MOTS_VIDES),
        "longueur_id": LONGUEUR_ID,
        "limites": {
            "titre": longueurs(proprietes["titre"]),
            "resume": longueurs(proprietes["resume"]),
            "role": longueurs(proprietes["equipe"]["items"]),
            "equipe": [proprietes["equipe"]["minItems"], proprietes["equipe"]["maxItems"]],
        },
    }
