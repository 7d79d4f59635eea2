"""Le modèle du commun : des objets figés, construits une fois depuis les en-têtes YAML."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, ClassVar

from commun import vocabulaire as v


@dataclass(frozen=True)
class Probleme:
    """Un défaut dans un fichier, à une ligne, dit en français."""

    chemin: str
    ligne: int
    message: str

    def __str__(self) -> str:
        return f"{self.chemin}:{self.ligne}: {self.message}"


# --- Le territoire (commun.yml) -------------------------------------------------------------


@dataclass(frozen=True)
class Ccas:
    id: str
    nom: str
    type: str = "commune"
    # une entité inventée, qui porte les contenus d'exemple : son nom se dit tel quel
    fictif: bool = False
    insee: str = ""  # le code officiel de la commune (Code officiel géographique)

    @property
    def libelle(self) -> str:
        if self.type == "union" or self.fictif:
            return self.nom
        elide = unicodedata.normalize("NFKD", self.nom[:1]).upper()[:1] in "AEIOU"
        return f"CCAS d'{self.nom}" if elide else f"CCAS de {self.nom}"


@dataclass(frozen=True)
class Validateur:
    """Une instance qui valide la publication (une fonction ou un organe, jamais une personne) ;
    ``mention`` dit, si besoin, ce que cette validation n'est pas encore."""

    id: str
    nom: str
    mention: str = ""


@dataclass(frozen=True)
class Commune:
    """Ce que le découpage administratif officiel dit d'une commune (``territoire/``)."""

    insee: str
    nom_cog: str
    population: int | None
    source: str


@dataclass(frozen=True)
class Contour:
    """Le tracé d'une commune (``site.carte``) : ses anneaux extérieurs, en (longitude,
    latitude), îlots compris."""

    insee: str
    anneaux: tuple[tuple[tuple[float, float], ...], ...]


@dataclass(frozen=True)
class Thematique:
    id: str
    nom: str
    description: str = ""


@dataclass(frozen=True)
class Labo:
    id: str
    nom: str
    periode: str = ""
    debut: str = ""  # dates prévues (AAAA-MM-JJ) ; celles du compte rendu publié priment
    fin: str = ""


@dataclass(frozen=True)
class Intersession:
    """Un temps « inter-labos » à distance, entre deux labos (calendrier du programme)."""

    id: str
    nom: str
    debut: str
    fin: str
    description: str = ""


@dataclass(frozen=True)
class Logo:
    """Un logo imprimé sur les certificats : ``chemin`` dans docs/, texte alternatif."""

    chemin: str
    alt: str


@dataclass(frozen=True)
class Site:
    nom: str
    territoire: str
    description: str
    depot: str
    branche: str
    licence_contenu: str
    licence_code: str
    exemples: bool
    programme: str = ""
    porteur: str = ""
    cofinancement: str = ""
    url: str = ""
    logos: tuple[Logo, ...] = ()
    couleur: str = "#00695c"
    # les contours des communes (GeoJSON, propriété « code » INSEE) : la carte ; vide, pas de carte
    carte: str = ""
    # les populations tirées du découpage administratif officiel (scripts/communes.py)
    populations: str = ""
    # au-delà de tant de semaines sans contact noté, une équipe est signalée au tableau de bord
    silence_semaines: int = 6

    def lien_source(self, chemin: str, action: str = "blob") -> str:
        """L'adresse d'un fichier du dépôt (``action`` : blob pour lire, edit pour modifier)."""
        return f"{self.depot}/{action}/{self.branche}/{chemin}"


@dataclass(frozen=True)
class Configuration:
    """Le contenu de ``commun.yml`` : le site et le référentiel du territoire."""

    site: Site
    ccas: dict[str, Ccas]
    thematiques: dict[str, Thematique]
    labos: dict[str, Labo]
    intersessions: dict[str, Intersession] = field(default_factory=dict)
    validateurs: dict[str, Validateur] = field(default_factory=dict)
    communes: dict[str, Commune] = field(default_factory=dict)  # par code INSEE
    contours: tuple[Contour, ...] = ()  # la carte ; vide : pas de carte
    # adresses e-mail et numéros publiables (normalisés par donnees_personnelles.normaliser_contact)
    contacts_autorises: frozenset[str] = frozenset()

    @property
    def ccas_reels(self) -> dict[str, Ccas]:
        """Les CCAS qu'un contributeur peut choisir : sans les entités fictives des exemples."""
        return {k: c for k, c in self.ccas.items() if not c.fictif}


# --- Le contenu (outils/, fiches/, labos/) --------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Publiable:
    """Ce qui ne se publie qu'une fois validé (contenus, feuilles de présence, données des
    CCAS) : l'état, qui l'a validé (un validateur de commun.yml) et quand, et s'il est un
    exemple fictif."""

    validation: str
    exemple: bool = False
    valide_par: str = ""
    valide_le: str | None = None

    @property
    def valide(self) -> bool:
        return self.validation == v.VALIDE


@dataclass(frozen=True, kw_only=True)
class Contenu(Publiable):
    """Ce qu'ont en commun un outil, une fiche et un compte rendu."""

    id: str
    chemin: str  # chemin du fichier source dans le dépôt, ex. « fiches/acoua-x.md »
    titre: str
    licence: str
    mis_a_jour: str | None = None
    corps: str = ""
    ligne_corps: int = 1

    collection: str = field(default="", init=False)  # « outils », « fiches », « labos »
    sorte: ClassVar[str]  # ce qu'est sa page, pour la recherche et les exports

    @property
    def src_uri(self) -> str:
        """Où la page vit dans le site (chemin de page MkDocs)."""
        return f"{self.collection}/{self.id}.md"

    @property
    def publie_le(self) -> str | None:
        """La date de publication (AAAA-MM-JJ) : celle de la validation, à défaut celle de la
        dernière mise à jour. Elle range les listes, les tranches de la recherche et date les
        volumes du Livret."""
        return self.valide_le or self.mis_a_jour or None


@dataclass(frozen=True)
class ADistance:
    """La variante à distance d'un outil : ses canaux, ses langues, son coût et qui le paie ; ou
    la raison pour laquelle il ne se fait pas à distance."""

    canaux: tuple[str, ...] = ()
    langues: tuple[str, ...] = ()
    cout: str = ""
    non_recommande: str = ""

    @classmethod
    def depuis(cls, donnees: dict[str, Any]) -> ADistance:
        return cls(canaux=tuple(donnees.get("canaux", ())),
                   langues=tuple(donnees.get("langues", ())), cout=donnees.get("cout", ""),
                   non_recommande=donnees.get("non_recommande", ""))


@dataclass(frozen=True)
class Enregistrement:
    """Les consignes d'un outil dites dans une langue, par un locuteur (un rôle, jamais un nom) :
    ``fichier`` part du dossier de l'outil (« audio/world-cafe-kibushi.m4a »)."""

    langue: str
    fichier: str
    voix: str


@dataclass(frozen=True, kw_only=True)
class Outil(Contenu):
    resume: str
    type: str
    phase: str
    duree_minutes: int
    participants_min: int
    participants_max: int
    difficulte: str
    materiel: tuple[str, ...] = ()
    outils_lies: tuple[str, ...] = ()
    a_distance: ADistance = ADistance()
    audio: tuple[Enregistrement, ...] = ()
    collection: str = field(default="outils", init=False)
    sorte: ClassVar[str] = "Outil"


@dataclass(frozen=True, kw_only=True)
class Fiche(Contenu):
    resume: str
    ccas: str
    thematique: str
    priorite: str
    etat: str
    labos: tuple[str, ...] = ()
    outils: tuple[str, ...] = ()
    equipe: tuple[str, ...] = ()
    collection: str = field(default="fiches", init=False)
    sorte: ClassVar[str] = "Fiche projet"


@dataclass(frozen=True, kw_only=True)
class CompteRendu(Contenu):
    labo: str
    debut: str
    fin: str
    lieu: str
    format: str
    ccas_presents: tuple[str, ...] = ()
    outils: tuple[str, ...] = ()
    fiches: tuple[str, ...] = ()
    collection: str = field(default="labos", init=False)
    sorte: ClassVar[str] = "Compte rendu de labo"


@dataclass(frozen=True)
class Presence:
    """La présence d'un CCAS à un labo : les jours, et combien de personnes (jamais de noms)."""

    ccas: str
    jours: tuple[str, ...]
    participants: int


@dataclass(frozen=True, kw_only=True)
class FeuillePresence(Publiable):
    """La feuille de présence d'un labo (``labos/presences/<labo>.yml``)."""

    labo: str
    chemin: str
    presences: tuple[Presence, ...]

    def de_ccas(self, ccas: str) -> Presence | None:
        return next((p for p in self.presences if p.ccas == ccas), None)


@dataclass(frozen=True)
class Chiffre:
    """Un chiffre du diagnostic, jamais sans sa source et son année."""

    libelle: str
    valeur: str
    source: str
    annee: int


@dataclass(frozen=True, kw_only=True)
class FicheCcas(Publiable):
    """La fiche de données d'un CCAS (``territoire/ccas/<ccas>.yml``) : son équipe par rôles, ce
    que l'immersion a repéré, ses thématiques et la feuille de route du lancement."""

    ccas: str
    chemin: str
    mis_a_jour: str | None = None
    equipe: tuple[str, ...] = ()
    forces: tuple[str, ...] = ()
    ressources: tuple[str, ...] = ()
    fragilites: tuple[str, ...] = ()
    thematique_prioritaire: str = ""
    thematique_secondaire: str = ""
    pourquoi: str = ""
    chiffres: tuple[Chiffre, ...] = ()
    feuille_de_route: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Contact:
    """Un contact de l'intersession : qui a agi (un rôle), quoi, et la question et sa réponse
    quand il y en a une."""

    date: str
    type: str
    qui: str
    resume: str
    question: str = ""
    reponse: str = ""
    thematique: str = ""
    faq: bool = False
    suite: str = ""


@dataclass(frozen=True, kw_only=True)
class Journal(Publiable):
    """Le journal de suivi d'un CCAS (``territoire/suivi/<ccas>.yml``), du plus ancien contact
    au plus récent."""

    ccas: str
    chemin: str
    contacts: tuple[Contact, ...]

    @property
    def dernier(self) -> str | None:
        return self.contacts[-1].date if self.contacts else None


@dataclass(frozen=True)
class Option:
    id: str
    libelle: str


@dataclass(frozen=True, kw_only=True)
class Question:
    """Une question : son identifiant est la colonne du CSV et le nom dans l'XLSForm."""

    id: str
    type: str
    libelle: str
    partie: str = ""
    aide: str = ""
    obligatoire: bool = False
    categorie: bool = False
    options: tuple[Option, ...] = ()
    echelle: tuple[int, int, str, str] | None = None  # (min, max, bas, haut)
    minimum: int | None = None
    maximum: int | None = None
    bonne_reponse: str = ""
    explication: str = ""

    @property
    def choix(self) -> tuple[Option, ...]:
        """Les réponses possibles d'une question fermée, dans l'ordre (échelle, oui/non)."""
        if self.type == "oui-non":
            return (Option("oui", "Oui"), Option("non", "Non"))
        if self.echelle is not None:  # les deux bouts disent ce qu'ils veulent dire
            bas, haut, dit_bas, dit_haut = self.echelle
            return tuple(Option(str(n), f"{n} — {dit_bas}" if n == bas else
                                f"{n} — {dit_haut}" if n == haut else str(n))
                         for n in range(bas, haut + 1))
        return self.options


@dataclass(frozen=True, kw_only=True)
class Questionnaire(Publiable):
    """Un questionnaire, défini une fois (``questionnaires/<outil>.yml``) : sa page, son
    formulaire hors ligne, son XLSForm et son CSV en sont tirés."""

    id: str
    chemin: str
    titre: str
    outil: str
    introduction: str
    questions: tuple[Question, ...]
    anonyme: bool = False

    @property
    def quiz(self) -> bool:
        return any(q.bonne_reponse for q in self.questions)


@dataclass(frozen=True, kw_only=True)
class Indicateurs(Publiable):
    """Les indicateurs d'un questionnaire pour un labo (``labos/indicateurs/<labo>.yml``) : pour
    chaque question à échelle, la part des réponses dans le haut de l'échelle. Des agrégats,
    jamais des réponses."""

    labo: str
    chemin: str
    questionnaire: str
    reponses: int
    accord: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Zone:
    """Une case d'un canevas : sa place dans la grille (lignes et colonnes comptées depuis 1),
    son titre, sa question, et au besoin un tableau à remplir (colonnes et rangées vides)."""

    titre: str
    ligne: int
    colonne: int
    largeur: int = 1  # en colonnes de la grille
    hauteur: int = 1  # en lignes de la grille
    id: str = ""  # pour les flèches
    question: str = ""
    accent: bool = False  # fond gris : la case centrale (le problème, la personne…)
    tableau: tuple[str, ...] = ()  # les titres des colonnes d'un tableau à remplir
    rangees: int = 0  # ses rangées vides
    ligne_source: int = 1  # sa ligne dans le fichier, pour les messages


@dataclass(frozen=True)
class Canevas:
    """Le canevas à imprimer d'un outil (``canevas/<outil>.yml``) : une grille de zones, dessinée
    en A4 et en A3, en SVG et en PDF (``commun.canevas``)."""

    id: str  # l'outil
    chemin: str
    titre: str
    orientation: str  # « paysage » ou « portrait »
    colonnes: tuple[float, ...]  # la largeur relative de chaque colonne de la grille
    lignes: tuple[float, ...]  # la hauteur relative de chaque ligne
    zones: tuple[Zone, ...]
    consigne: str = ""
    fleches: tuple[tuple[str, str], ...] = ()  # (zone de départ, zone d'arrivée)
    axes: tuple[str, str] | None = None  # (horizontal, vertical), sous et à gauche de la grille


# --- Le corpus ------------------------------------------------------------------------------


# les collections du corpus : ce qui ne se publie qu'une fois validé (``Publiable``)
PUBLIABLES = ("outils", "fiches", "comptes_rendus", "presences", "fiches_ccas", "journaux",
              "questionnaires", "indicateurs")


@dataclass(frozen=True)
class Corpus:
    """Tout le contenu chargé, et les index qui s'en déduisent (jamais tenus à la main)."""

    configuration: Configuration
    outils: dict[str, Outil]
    fiches: dict[str, Fiche]
    comptes_rendus: dict[str, CompteRendu]  # par identifiant de labo
    apercu: bool = False  # True : les brouillons sont inclus (mode aperçu)
    presences: dict[str, FeuillePresence] = field(default_factory=dict)  # par identifiant de labo
    fiches_ccas: dict[str, FicheCcas] = field(default_factory=dict)  # par identifiant de CCAS
    journaux: dict[str, Journal] = field(default_factory=dict)  # par identifiant de CCAS
    questionnaires: dict[str, Questionnaire] = field(default_factory=dict)  # par outil
    indicateurs: dict[str, Indicateurs] = field(default_factory=dict)  # par labo
    canevas: dict[str, Canevas] = field(default_factory=dict)  # par outil

    def publiable(self, *, apercu: bool) -> Corpus:
        """Le corpus tel qu'il sera publié : validé seulement (sauf en aperçu), exemples selon
        ``commun.yml`` ; un questionnaire, un canevas avec son outil."""
        corpus = self if self.configuration.site.exemples else self.sans_exemples()
        corpus = corpus._garder(lambda c: c.valide or apercu)
        return replace(corpus, apercu=apercu, questionnaires={
            k: q for k, q in corpus.questionnaires.items() if q.outil in corpus.outils},
            canevas={k: c for k, c in corpus.canevas.items() if k in corpus.outils})

    def sans_exemples(self) -> Corpus:
        """Les faits seulement : sans les contenus d'exemple ni les entités fictives qui les
        portent. C'est ce que comptent le tableau de bord, le calendrier et les certificats, pour
        qu'aucun chiffre d'un vrai CCAS ne compte une donnée inventée."""
        config = self.configuration
        return replace(self._garder(lambda c: not c.exemple), configuration=replace(
            config, ccas={k: c for k, c in config.ccas.items() if not c.fictif}))

    def _garder(self, garde: Callable[[Publiable], bool]) -> Corpus:
        """Le corpus réduit, dans chacune de ses collections, à ce que ``garde`` retient."""
        gardes: dict[str, Any] = {nom: {k: c for k, c in getattr(self, nom).items() if garde(c)}
                                  for nom in PUBLIABLES}
        return replace(self, **gardes)

    def contenus(self) -> list[Contenu]:
        return [*self.outils.values(), *self.fiches.values(), *self.comptes_rendus.values()]

    @cached_property
    def fiches_triees(self) -> list[Fiche]:
        return sorted(self.fiches.values(), key=lambda f: _cle_tri(f.titre))

    @cached_property
    def outils_tries(self) -> list[Outil]:
        return sorted(self.outils.values(), key=lambda o: _cle_tri(o.titre))

    @cached_property
    def _index(self) -> dict[str, dict[str, list]]:
        index: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for f in self.fiches_triees:
            index["fiches_par_ccas"][f.ccas].append(f)
            index["fiches_par_thematique"][f.thematique].append(f)
            index["fiches_par_etat"][f.etat].append(f)
            for labo in f.labos:
                index["fiches_par_labo"][labo].append(f)
            for o in f.outils:
                index["fiches_par_outil"][o].append(f)
        for outil in self.outils_tries:
            index["outils_par_phase"][outil.phase].append(outil)
        for cr in sorted(self.comptes_rendus.values(), key=lambda c: c.debut):
            for c in cr.ccas_presents:
                index["comptes_rendus_par_ccas"][c].append(cr)
            for o in cr.outils:
                index["comptes_rendus_par_outil"][o].append(cr)
        # des dict ordinaires (un corpus se passe à un autre processus : commun.imprimes)
        return {cle: dict(index[cle]) for cle in (
            "fiches_par_ccas", "fiches_par_thematique", "fiches_par_etat", "fiches_par_labo",
            "fiches_par_outil", "outils_par_phase", "comptes_rendus_par_ccas",
            "comptes_rendus_par_outil")}

    def fiches_de_ccas(self, ccas: str) -> list[Fiche]:
        return self._index["fiches_par_ccas"].get(ccas, [])

    def fiches_de_thematique(self, thematique: str) -> list[Fiche]:
        return self._index["fiches_par_thematique"].get(thematique, [])

    def fiches_par_etat(self, etat: str) -> list[Fiche]:
        return self._index["fiches_par_etat"].get(etat, [])

    def fiches_du_labo(self, labo: str) -> list[Fiche]:
        return self._index["fiches_par_labo"].get(labo, [])

    def fiches_utilisant(self, outil: str) -> list[Fiche]:
        """« Utilisé dans » : les fiches qui citent cet outil."""
        return self._index["fiches_par_outil"].get(outil, [])

    def comptes_rendus_utilisant(self, outil: str) -> list[CompteRendu]:
        return self._index["comptes_rendus_par_outil"].get(outil, [])

    def outils_de_phase(self, phase: str) -> list[Outil]:
        return self._index["outils_par_phase"].get(phase, [])

    def labos_de_ccas(self, ccas: str) -> list[CompteRendu]:
        """Les comptes rendus des labos où ce CCAS était présent."""
        return self._index["comptes_rendus_par_ccas"].get(ccas, [])

    def dates_du_labo(self, labo: str) -> tuple[str, str] | None:
        """(début, fin) d'un labo : celles de son compte rendu publié, sinon les dates prévues
        dans ``commun.yml``, sinon None."""
        if (cr := self.comptes_rendus.get(labo)) is not None:
            return cr.debut, cr.fin
        l = self.configuration.labos[labo]
        return (l.debut, l.fin) if l.debut and l.fin else None

    def presences_de_ccas(self, ccas: str) -> list[tuple[str, Presence]]:
        """(labo, présence) pour chaque labo où ce CCAS a été noté présent, dans l'ordre des
        labos de ``commun.yml``."""
        trouvees = []
        for labo in self.configuration.labos:
            feuille = self.presences.get(labo)
            if feuille is not None and (p := feuille.de_ccas(ccas)) is not None:
                trouvees.append((labo, p))
        return trouvees


def _cle_tri(texte: str) -> str:
    sans_accents = unicodedata.normalize("NFKD", texte.casefold())
    return "".join(c for c in sans_accents if c.isalnum() or c == " ").strip()
