"""Le suivi du programme, déduit du corpus : présences, calendrier, avancement, chronologie.

Rien n'est tenu à la main ici : tout se calcule depuis les fiches, les comptes rendus, les
feuilles de présence (``labos/presences/*.yml``) et ``commun.yml``. Le rendu des pages est dans
``pages.programme``, les fichiers de données dans ``donnees``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from commun.modele import Corpus, Fiche, Presence
from commun.verification import (
    CODE_EN_LIGNE,
    LIEN,
    TITRE,
    _normaliser_titre,
    est_externe,
    lignes_et_code,
)


def jour(iso: str) -> date:
    return date.fromisoformat(iso)


def nombre_de_jours(debut: str, fin: str) -> int:
    return (jour(fin) - jour(debut)).days + 1


# --- Les présences ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LaboSuivi:
    """Un labo du point de vue d'un CCAS : ses dates, et la présence notée (ou non)."""

    labo: str
    debut: str | None
    fin: str | None
    presence: Presence | None  # None : pas de feuille de présence publiée pour ce labo
    source: str = "presences"  # d'où l'on sait que le CCAS y était : voir SOURCES

    @property
    def jours_du_labo(self) -> int | None:
        return nombre_de_jours(self.debut, self.fin) if self.debut and self.fin else None


SOURCES = {
    "presences": "feuille de présence",
    "compte-rendu": "d'après le compte rendu",
    "fiches": "d'après les fiches projets",
}


def labos_suivis(corpus: Corpus, ccas: str) -> list[LaboSuivi]:
    """Les labos où ce CCAS était, dans l'ordre de ``commun.yml`` : d'après sa feuille de
    présence publiée, sinon d'après le compte rendu publié (``ccas_presents``), sinon d'après
    ses fiches projets (``labos`` : le labo où le projet a été travaillé)."""
    notees = dict(corpus.presences_de_ccas(ccas))
    d_apres_cr = {cr.labo for cr in corpus.labos_de_ccas(ccas)}
    d_apres_fiches = {l for f in corpus.fiches_de_ccas(ccas) for l in f.labos}
    suivis = []
    for labo in corpus.configuration.labos:
        if labo in notees:
            source = "presences"
        elif labo in d_apres_cr:
            source = "compte-rendu"
        elif labo in d_apres_fiches:
            source = "fiches"
        else:
            continue
        debut, fin = corpus.dates_du_labo(labo) or (None, None)
        suivis.append(LaboSuivi(labo, debut, fin, notees.get(labo), source))
    return suivis


@dataclass(frozen=True)
class Assiduite:
    """Ce que dit le certificat d'assiduité d'un CCAS (feuilles de présence publiées seules)."""

    ccas: str
    labos: tuple[LaboSuivi, ...]  # seulement ceux qui ont une présence notée

    @property
    def jours_presents(self) -> int:
        return sum(len(l.presence.jours) for l in self.labos if l.presence)

    @property
    def jours_de_labo(self) -> int:
        return sum(l.jours_du_labo or 0 for l in self.labos)


def assiduite(corpus: Corpus, ccas: str) -> Assiduite:
    return Assiduite(ccas, tuple(l for l in labos_suivis(corpus, ccas) if l.presence))


@dataclass(frozen=True)
class PresenceAuLabo:
    """Les chiffres d'une feuille de présence publiée."""

    labo: str
    ccas: int  # CCAS présents
    participants: int  # personnes venues, tous CCAS confondus
    jours_ccas: int  # somme des jours de présence des CCAS


def presences_par_labo(corpus: Corpus) -> list[PresenceAuLabo]:
    chiffres = []
    for labo in corpus.configuration.labos:
        if (feuille := corpus.presences.get(labo)) is not None:
            chiffres.append(PresenceAuLabo(
                labo, len(feuille.presences), sum(p.participants for p in feuille.presences),
                sum(len(p.jours) for p in feuille.presences)))
    return chiffres


# --- Le calendrier ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Etape:
    """Un labo ou une intersession, daté, pour le calendrier et ``labos.ics``."""

    id: str
    genre: str  # « labo » ou « intersession »
    nom: str
    debut: str
    fin: str
    lieu: str = ""
    format: str = ""  # identifiant de vocabulaire.FORMATS
    description: str = ""
    realise: bool = False  # un compte rendu ou une feuille de présence est publié
    src_uri: str | None = None  # la page du site qui en parle

    @property
    def fin_exclue(self) -> date:
        """Le lendemain du dernier jour (DTEND d'un événement « journée entière »)."""
        return jour(self.fin) + timedelta(days=1)


def etapes(corpus: Corpus) -> list[Etape]:
    """Les labos datés (compte rendu publié, sinon dates prévues) et les intersessions, dans
    l'ordre chronologique. Un labo sans date n'y est pas."""
    trouvees = []
    for labo in corpus.configuration.labos.values():
        if (dates := corpus.dates_du_labo(labo.id)) is None:
            continue
        cr = corpus.comptes_rendus.get(labo.id)
        trouvees.append(Etape(
            labo.id, "labo", labo.nom, *dates,
            lieu=cr.lieu if cr else "", format=cr.format if cr else "",
            description=cr.titre if cr else "",
            realise=cr is not None or labo.id in corpus.presences,
            src_uri=f"labos/{labo.id}.md"))
    for inter in corpus.configuration.intersessions.values():
        trouvees.append(Etape(inter.id, "intersession", inter.nom, inter.debut, inter.fin,
                              format="distanciel", description=inter.description))
    return sorted(trouvees, key=lambda e: (e.debut, e.fin, e.genre != "labo", e.id))


# --- L'avancement ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicateur:
    libelle: str
    valeur: int
    cible: int


ETATS_EXPERIMENTES = ("en-experimentation", "deploye")


def avancement(corpus: Corpus) -> list[Indicateur]:
    """Les objectifs de l'appel d'offres : cinq labos ; pour chaque CCAS et l'UDCCAS, un projet
    prioritaire expérimenté et un projet secondaire proposé."""
    ccas = corpus.configuration.ccas
    labos = corpus.configuration.labos
    realises = {e.id for e in etapes(corpus) if e.genre == "labo" and e.realise}
    fiches = [f for f in corpus.fiches.values() if f.etat != "abandonne"]

    def ccas_avec(choisir: Callable[[Fiche], bool]) -> int:
        return len({f.ccas for f in fiches if choisir(f)} & set(ccas))

    return [
        Indicateur("Labos réalisés", len(realises & set(labos)), len(labos)),
        Indicateur("CCAS avec un projet prioritaire",
                   ccas_avec(lambda f: f.priorite == "prioritaire"), len(ccas)),
        Indicateur("Projets prioritaires expérimentés",
                   ccas_avec(lambda f: f.priorite == "prioritaire"
                             and f.etat in ETATS_EXPERIMENTES), len(ccas)),
        Indicateur("CCAS avec un projet secondaire",
                   ccas_avec(lambda f: f.priorite == "secondaire"), len(ccas)),
    ]


# --- La chronologie d'un CCAS -------------------------------------------------------------------


@dataclass(frozen=True)
class Evenement:
    debut: str
    fin: str
    genre: str  # « labo » ou « fiche »
    labo: LaboSuivi | None = None
    fiche: Fiche | None = None


def chronologie(corpus: Corpus, ccas: str) -> list[Evenement]:
    """Les labos suivis et les mises à jour des fiches du CCAS, du plus ancien au plus récent."""
    evenements = [Evenement(l.debut, l.fin or l.debut, "labo", labo=l)
                  for l in labos_suivis(corpus, ccas) if l.debut]
    evenements += [Evenement(f.mis_a_jour, f.mis_a_jour, "fiche", fiche=f)
                   for f in corpus.fiches_de_ccas(ccas) if f.mis_a_jour]
    return sorted(evenements, key=lambda e: (e.debut, e.genre, e.fiche.id if e.fiche else ""))


# --- La feuille de route d'une fiche --------------------------------------------------------------

FEUILLE_DE_ROUTE = "La feuille de route"


def section(corps: str, titre: str) -> str:
    """Le texte d'une section « ## titre » du corps (sans son titre), jusqu'à la suivante."""
    cle = _normaliser_titre(titre)
    dedans, lignes = False, []
    for ligne, code in lignes_et_code(corps):
        if not code and (m := TITRE.match(ligne)) and len(m.group(1)) <= 2:
            if dedans:
                break
            dedans = _normaliser_titre(m.group(2)) == cle
            continue
        if dedans:
            lignes.append(ligne)
    return "\n".join(lignes).strip()


def extrait(fiche: Fiche, titre: str = FEUILLE_DE_ROUTE, *, niveaux: int = 2) -> str:
    """Une section d'une fiche, prête à être insérée dans une autre page (voir ``reancrer``)."""
    return reancrer(section(fiche.corps, titre), fiche.src_uri, niveaux)


def reancrer(corps: str, src_uri: str, niveaux: int) -> str:
    """Le corps (ou un extrait) d'un contenu, prêt à entrer dans une autre page : liens relatifs
    réécrits depuis la racine du site, titres abaissés de ``niveaux`` (hors blocs de code)."""
    dossier = posixpath.dirname(src_uri)
    lignes = []
    for ligne, code in lignes_et_code(corps):
        if not code:
            ligne = re.sub(r"^(#{1,6})(?=\s)",
                           lambda m: "#" * min(6, len(m.group(1)) + niveaux), ligne)
            ligne = _reecrire_liens(ligne, src_uri, dossier)
        lignes.append(ligne)
    return "\n".join(lignes)


def _reecrire_liens(ligne: str, src_uri: str, dossier: str) -> str:
    codes = [m.span() for m in CODE_EN_LIGNE.finditer(ligne)]  # `[x](y)` reste tel quel

    def cible(m: re.Match[str]) -> str:
        lien = m.group(1)
        if est_externe(lien) or lien.startswith("/") \
                or any(a <= m.start() < b for a, b in codes):
            return m.group(0)
        if lien.startswith("#"):
            nouvelle = f"/{src_uri}{lien}"
        else:
            chemin, sep, reste = lien.partition("#")
            nouvelle = "/" + posixpath.normpath(posixpath.join(dossier, chemin)) + sep + reste
        debut, fin = m.start(1) - m.start(0), m.end(1) - m.start(0)
        return m.group(0)[:debut] + nouvelle + m.group(0)[fin:]

    return LIEN.sub(cible, ligne)
