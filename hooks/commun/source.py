"""Lire un fichier Markdown du commun : l'en-tête YAML, le corps, et la ligne de chaque champ.

MkDocs ignore en silence un en-tête YAML invalide ; ici, chaque défaut devient une
``ErreurSource`` qui dit la ligne et comment corriger, en français.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from commun.caracteres import INTERDIT_TEXTE, INTERDIT_VALEUR, message_texte, message_valeur

# Chemin d'une valeur dans l'en-tête : ("labos", 1) désigne le 2e élément de « labos ».
Chemin = tuple[str | int, ...]

TAILLE_MAX = 2_000_000  # octets : au-delà, ce n'est pas une fiche
TAILLE_MAX_MARKDOWN = 100_000  # octets : dix fois le plus long des outils livrés

# Les limites d'un fichier contribué : au-delà, il est refusé avec un message, sans être analysé
# plus loin (temps et mémoire bornés, pas de récursion profonde dans YAML ni dans Markdown).
TAILLE_ENTETE_MAX = 32_000  # caractères de l'en-tête YAML (un outil complet en fait moins de 3 000)
LIGNE_MAX = 5_000           # caractères par ligne (un long paragraphe sur une ligne en fait 2 000)
PROFONDEUR_MAX = 10         # listes et champs imbriqués dans un en-tête YAML
NOEUDS_MAX = 1_000          # valeurs d'un en-tête YAML
NOEUDS_MAX_FICHIER = 50_000  # valeurs d'un fichier YAML entier (commun.yml, feuilles de présence)
FUSION = "tag:yaml.org,2002:merge"  # la clé « << » de YAML


class ErreurSource(Exception):
    """Un fichier illisible : ``ligne`` (à partir de 1) et un message en français."""

    def __init__(self, ligne: int, message: str) -> None:
        super().__init__(message)
        self.ligne = ligne
        self.message = message


class ChargeurYaml(yaml.SafeLoader):
    """YAML sûr, où les dates restent du texte (« 2022-06-30 ») : le schéma les vérifie."""


ChargeurYaml.yaml_implicit_resolvers = {
    premier: [(tag, regexp) for tag, regexp in resolveurs if tag != "tag:yaml.org,2002:timestamp"]
    for premier, resolveurs in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Source:
    """Un fichier lu : en-tête, corps, et numéros de ligne (comptés depuis 1 dans le fichier)."""

    chemin: str
    entete: dict[str, Any]
    corps: str
    ligne_corps: int
    lignes: dict[Chemin, int] = field(default_factory=dict)
    entete_texte: str = ""  # le texte de l'en-tête tel qu'écrit
    ligne_entete: int = 2  # sa première ligne dans le fichier (1 pour un fichier YAML entier)

    def ligne(self, chemin: Chemin = ()) -> int:
        """La ligne d'un champ, ou de son parent le plus proche, ou de l'ouverture « --- »."""
        while chemin not in self.lignes and chemin:
            chemin = chemin[:-1]
        return self.lignes.get(chemin, 1)


def decoder(octets: bytes) -> str:
    """Du texte UTF-8 (avec ou sans BOM), fins de ligne normalisées en « \\n »."""
    if not octets.strip():
        raise ErreurSource(1, "le fichier est vide : ajoutez un en-tête « --- » et le texte")
    if _utf16_ou_32(octets):
        raise ErreurSource(1, "le fichier est encodé en UTF-16 (ou UTF-32) : enregistrez-le en "
                              "« UTF-8 » (menu « Enregistrer sous » de votre éditeur)")
    if b"\x00" in octets[:8192]:
        raise ErreurSource(1, "ce n'est pas un fichier texte : déposez ici un fichier Markdown "
                              "(.md)")
    try:
        texte = octets.decode("utf-8-sig")
    except UnicodeDecodeError as erreur:
        ligne = octets[: erreur.start].count(b"\n") + 1
        raise ErreurSource(
            ligne,
            "le fichier n'est pas encodé en UTF-8 : enregistrez-le en « UTF-8 » "
            "(menu « Enregistrer sous » de votre éditeur)",
        ) from None
    return texte.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_ou_32(octets: bytes) -> bool:
    """Un texte UTF-16 ou UTF-32 (Bloc-notes, Excel) : marque d'ordre des octets, ou un octet
    nul sur deux au début (du texte latin encodé sur deux octets)."""
    if octets.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return True
    debut = octets[:512]
    pairs, impairs = debut[0::2], debut[1::2]
    if len(debut) < 8:
        return False
    return (impairs.count(0) > 0.7 * len(impairs) and pairs.count(0) < 0.1 * len(pairs)) or \
        (pairs.count(0) > 0.7 * len(pairs) and impairs.count(0) < 0.1 * len(impairs))


def verifier_texte(texte: str, premiere_ligne: int = 1) -> None:
    """Lève ``ErreurSource`` à la première ligne trop longue ou qui contient un caractère
    invisible interdit (``caracteres.INTERDIT_TEXTE``) ; ``premiere_ligne`` : le numéro de la
    1re ligne de ``texte``."""
    for i, ligne in enumerate(texte.split("\n")):
        if len(ligne) > LIGNE_MAX:
            raise ErreurSource(premiere_ligne + i, (
                f"ligne trop longue ({len(ligne)} caractères, {LIGNE_MAX} au plus) : coupez-la "
                "en plusieurs lignes ou paragraphes"))
        if m := INTERDIT_TEXTE.search(ligne):
            raise ErreurSource(premiere_ligne + i, message_texte(m.group(), m.start() + 1))


def lire(racine: Path, chemin: Path) -> Source:
    """Lit ``chemin`` (relatif à ``racine`` pour les messages) ; lève ``ErreurSource``."""
    relatif = chemin.relative_to(racine).as_posix()
    if chemin.stat().st_size > TAILLE_MAX_MARKDOWN:
        raise ErreurSource(1, f"le fichier dépasse {TAILLE_MAX_MARKDOWN // 1000} Ko : découpez-le "
                              "(un outil ou une fiche fait d'ordinaire moins de 10 Ko)")
    return analyser(relatif, decoder(chemin.read_bytes()))


def analyser(relatif: str, texte: str) -> Source:
    """Sépare l'en-tête YAML du corps et garde la ligne de chaque champ."""
    verifier_texte(texte)
    lignes = texte.split("\n")
    if lignes[0].strip() != "---":
        raise ErreurSource(
            1,
            "l'en-tête manque : la première ligne doit être « --- », suivie des champs "
            "(titre, resume…) puis d'une autre ligne « --- »",
        )
    fin = next((i for i in range(1, len(lignes)) if lignes[i].rstrip() in ("---", "...")), None)
    if fin is None:
        raise ErreurSource(
            1, "l'en-tête n'est pas fermé : ajoutez une ligne « --- » après le dernier champ"
        )
    yaml_texte = "\n".join(lignes[1:fin])
    if len(yaml_texte) > TAILLE_ENTETE_MAX:
        raise ErreurSource(1, (
            f"l'en-tête est trop long ({len(yaml_texte)} caractères, {TAILLE_ENTETE_MAX} au "
            "plus) : gardez-y les champs courts ; le texte va sous la ligne « --- »"))
    noeud = _composer(yaml_texte, decalage=2)
    if noeud is None:
        raise ErreurSource(1, "l'en-tête est vide : ajoutez les champs entre les deux lignes "
                              "« --- »")
    if not isinstance(noeud, yaml.MappingNode):
        raise ErreurSource(
            2, "l'en-tête doit être une liste de champs « nom: valeur », un par ligne"
        )
    positions: dict[Chemin, int] = {(): 1}
    _positions(noeud, (), positions, decalage=2, vus=set())
    entete = _construire(noeud, decalage=2)
    corps = "\n".join(lignes[fin + 1 :])
    return Source(relatif, entete, corps, ligne_corps=fin + 2, lignes=positions,
                  entete_texte=yaml_texte)


def charger_yaml(relatif: str, texte: str) -> tuple[Any, dict[Chemin, int]]:
    """Un fichier YAML entier (comme ``commun.yml``) : valeur et lignes de ses champs."""
    verifier_texte(texte)
    noeud = _composer(texte, decalage=1, noeuds_max=NOEUDS_MAX_FICHIER)
    if noeud is None:
        raise ErreurSource(1, "le fichier YAML est vide")
    positions: dict[Chemin, int] = {(): 1}
    _positions(noeud, (), positions, decalage=1, vus=set())
    return _construire(noeud, decalage=1), positions


# L'analyse en C (libyaml) quand PyYAML l'a : dix fois plus rapide, mêmes nœuds et marques.
ComposeurYaml = type("ComposeurYaml", (getattr(yaml, "CSafeLoader", ChargeurYaml),),
                     {"yaml_implicit_resolvers": ChargeurYaml.yaml_implicit_resolvers})

# Ce que disent PyYAML et libyaml, dit pour un contributeur.
PROBLEMES_YAML = (
    ("mapping values are not allowed", "deux-points en trop sur la ligne"),
    ("cannot start any token", "caractère interdit, par exemple une tabulation"),
    ("expected ',' or ']'", "crochet « [ » jamais fermé"),
    ("expected ',' or '}'", "accolade « { » jamais fermée"),
    ("end of stream", "guillemets jamais fermés"),
    ("undefined alias", "alias « * » inconnu"),
    ("expected <block end>", "ligne mal alignée ou texte après des guillemets"),
    ("did not find expected key", "ligne mal alignée ou texte après des guillemets"),
    ("expected alphabetic or numeric character", "caractère « & » ou « * » mal placé"),
)


def _explication(probleme: str | None) -> str:
    return next((fr for en, fr in PROBLEMES_YAML if en in (probleme or "")), "syntaxe incorrecte")


def _composer(texte: str, decalage: int, noeuds_max: int = NOEUDS_MAX) -> yaml.Node | None:
    try:
        _parcourir(texte, decalage, noeuds_max)
        return yaml.compose(texte, Loader=ComposeurYaml)
    except yaml.MarkedYAMLError as erreur:
        probleme = _explication(erreur.problem)
        raise ErreurSource(
            _ligne_yaml(erreur) + decalage,
            f"l'en-tête YAML est mal écrit ({probleme}) : vérifiez les deux-points après chaque "
            "nom de champ, les guillemets (un texte qui contient « : » doit être entre "
            "guillemets) et l'indentation des listes",
        ) from None
    except yaml.YAMLError as erreur:
        raise ErreurSource(decalage, f"l'en-tête YAML est illisible : {erreur}") from None


NOMBRE_LONG = re.compile(r"[-+]?[0-9_]{100,}")


def _parcourir(texte: str, decalage: int, noeuds_max: int) -> None:
    """Avant de construire quoi que ce soit, lit les événements YAML (sans récursion) et refuse
    ce qui ferait exploser le temps ou la mémoire plus loin : une imbrication trop profonde
    (libyaml et PyYAML construisent les nœuds récursivement), trop de valeurs, les alias
    (« *a » : une « bombe » de quelques lignes vaut des milliards de valeurs pour jsonschema),
    les étiquettes (« !!python/… ») et les nombres géants (que Python refuse de convertir)."""
    profondeur = noeuds = 0
    for evenement in yaml.parse(texte, Loader=ComposeurYaml):
        assert evenement.start_mark is not None  # l'analyseur de PyYAML situe chaque événement
        ligne = evenement.start_mark.line + decalage
        if isinstance(evenement, yaml.AliasEvent):
            raise ErreurSource(ligne, (
                f"les alias YAML (« *{evenement.anchor} ») ne sont pas acceptés : recopiez la "
                "valeur elle-même à cet endroit"))
        # les nœuds (l'alias, seul autre nœud, est refusé plus haut) : valeurs, listes, tables
        if not isinstance(evenement, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            if isinstance(evenement, yaml.CollectionEndEvent):
                profondeur -= 1
            continue
        noeuds += 1
        if noeuds > noeuds_max:
            raise ErreurSource(ligne, (
                f"l'en-tête contient trop de valeurs (plus de {noeuds_max}) : gardez-y "
                "l'essentiel, le détail va dans le texte"))
        if evenement.tag is not None and evenement.tag != "!":
            raise ErreurSource(ligne, (
                f"les étiquettes YAML (« {evenement.tag} ») ne sont pas acceptées : écrivez "
                "la valeur seule, entre guillemets si besoin"))
        if isinstance(evenement, yaml.ScalarEvent) and evenement.implicit[0] \
                and NOMBRE_LONG.fullmatch(evenement.value):
            raise ErreurSource(ligne, (
                f"nombre trop long ({len(evenement.value)} chiffres) : écrivez un nombre "
                "raisonnable, ou mettez ce texte entre guillemets"))
        if isinstance(evenement, yaml.CollectionStartEvent):
            profondeur += 1
            if profondeur > PROFONDEUR_MAX:
                raise ErreurSource(ligne, (
                    f"l'en-tête imbrique trop de listes ou de champs ({PROFONDEUR_MAX} niveaux "
                    "au plus) : vérifiez les crochets « [ » et l'indentation"))


def _construire(noeud: yaml.Node, decalage: int) -> Any:
    chargeur = ChargeurYaml("")
    try:
        return chargeur.construct_document(noeud)
    except yaml.MarkedYAMLError as erreur:  # ex. une liste utilisée comme nom de champ
        raise ErreurSource(
            _ligne_yaml(erreur) + decalage,
            f"l'en-tête YAML est incorrect ({erreur.problem}) : écrivez chaque champ sous la "
            "forme « nom: valeur », avec un simple mot comme nom"
        ) from None
    except (ValueError, OverflowError) as erreur:  # filet : une valeur que Python refuse
        raise ErreurSource(decalage, f"l'en-tête contient une valeur illisible ({erreur}) : "
                                     "mettez-la entre guillemets") from None
    finally:
        chargeur.dispose()


def _ligne_yaml(erreur: yaml.YAMLError) -> int:
    """La ligne (à partir de 0) où YAML a vu le problème."""
    marque = getattr(erreur, "problem_mark", None) or getattr(erreur, "context_mark", None)
    return marque.line if marque is not None else 0


def _positions(
    noeud: yaml.Node, chemin: Chemin, positions: dict[Chemin, int], decalage: int, vus: set[int]
) -> None:
    """Note la ligne de chaque valeur ; refuse, à sa ligne, un champ écrit deux fois, la clé de
    fusion « << » (elle écrirait un champ une seconde fois sans le dire) et tout caractère
    invisible d'un nom ou d'une valeur, une fois les séquences YAML (« \\x07 ») décodées.

    Un nœud déjà visité (alias YAML « *x ») n'est pas reparcouru : un en-tête piégé
    qui multiplie les alias reste lu en temps linéaire.
    """
    if id(noeud) in vus:
        return
    vus.add(id(noeud))
    if isinstance(noeud, yaml.ScalarNode):
        _invisibles(noeud, chemin, decalage)
    elif isinstance(noeud, yaml.MappingNode):
        noms: set[str] = set()
        for cle, valeur in noeud.value:
            nom = cle.value if isinstance(cle, yaml.ScalarNode) else "?"
            ligne = cle.start_mark.line + decalage
            if cle.tag == FUSION:
                raise ErreurSource(ligne, (
                    "la fusion YAML « << » n'est pas acceptée : écrivez chaque champ lui-même, "
                    "une seule fois, sous la forme « nom: valeur »"))
            if isinstance(cle, yaml.ScalarNode):
                _invisibles(cle, (*chemin, nom), decalage)
            if nom in noms:
                raise ErreurSource(
                    ligne, f"le champ « {nom} » est écrit deux fois : gardez-en un seul"
                )
            noms.add(nom)
            positions[(*chemin, nom)] = ligne
            _positions(valeur, (*chemin, nom), positions, decalage, vus)
    elif isinstance(noeud, yaml.SequenceNode):
        for i, valeur in enumerate(noeud.value):
            positions[(*chemin, i)] = valeur.start_mark.line + decalage
            _positions(valeur, (*chemin, i), positions, decalage, vus)


def _invisibles(noeud: yaml.ScalarNode, chemin: Chemin, decalage: int) -> None:
    if m := INTERDIT_VALEUR.search(noeud.value):
        champ = " › ".join(f"n° {c + 1}" if isinstance(c, int) else str(c) or "(champ sans nom)"
                           for c in chemin)
        raise ErreurSource(noeud.start_mark.line + decalage,
                           message_valeur(champ or "l'en-tête", m.group()))
