"""Du modèle aux pages : chaque fonction rend le Markdown d'une page à partir du corpus.

Les liens sont écrits depuis la racine du site (« /outils/persona.md ») ; MkDocs les vérifie et
les rend relatifs (``validation.links.absolute_links: relative_to_docs``). Tout texte venu d'un
en-tête passe par ``texte()`` : il est affiché, jamais interprété.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from commun import suivi
from commun import vocabulaire as v
from commun.conversion import admonition
from commun.modele import CompteRendu, Contenu, Corpus, Fiche, Outil, Thematique

APERCU = 5  # fiches montrées par rubrique dans les catalogues
PAR_PAGE = 60  # au-delà, une liste se découpe en pages (une page reste légère sur téléphone)
EXTRAIT = 12  # au-delà, une page (outil, CCAS, labo) montre les plus récentes et renvoie à la liste
CHRONOLOGIE = 40  # événements montrés dans la chronologie d'un CCAS (les plus récents)
FICHES_PAR_LIVRET = 150  # au-delà, le Livret du Labo se découpe en volumes à imprimer

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre")


# --- Petits formats -------------------------------------------------------------------------

def texte(valeur: str) -> str:
    """Un texte d'en-tête, affiché tel quel : ni HTML, ni Markdown, ni macro."""
    echappe = html.escape(str(valeur), quote=False)
    echappe = re.sub(r"([\\`*_\[\]#|!])", r"\\\1", echappe)
    return echappe.replace("{", "&#123;").replace("}", "&#125;")


def date(iso: str | None) -> str:
    if not iso:
        return ""
    annee, mois, jour = (int(x) for x in iso.split("-"))
    return f"{'1er' if jour == 1 else jour} {MOIS[mois - 1]} {annee}"


def periode(debut: str, fin: str) -> str:
    if debut == fin:
        return f"le {date(debut)}"
    (a1, m1, j1), (a2, m2, _) = debut.split("-"), fin.split("-")
    if (a1, m1) == (a2, m2):
        return f"du {int(j1)} au {date(fin)}"
    return f"du {date(debut)} au {date(fin)}"


def duree(minutes: int) -> str:
    heures, reste = divmod(minutes, 60)
    if not heures:
        return f"{reste} min"
    return f"{heures} h {reste:02d}" if reste else f"{heures} h"


def participants(o: Outil) -> str:
    if o.participants_min == o.participants_max:
        return f"{o.participants_min} pers."
    return f"{o.participants_min} à {o.participants_max} pers."


def lien(titre: str, src_uri: str | None) -> str:
    """Un lien vers une page publiée, ou le titre seul si la page n'est pas publiée."""
    return f"[{texte(titre)}](/{src_uri})" if src_uri else texte(titre)


def infos(*elements: str) -> str:
    return '<span class="commun-infos">' + " · ".join(e for e in elements if e) + "</span>"


def meta(lignes: Iterable[tuple[str, str]]) -> str:
    """Le bloc des métadonnées d'une page (libellé : valeur)."""
    items = "\n".join(f"- **{libelle}** : {valeur}" for libelle, valeur in lignes if valeur)
    return f'<div class="commun-meta" markdown>\n\n{items}\n\n</div>'


class Rendu:
    """Rend les pages d'un corpus déjà filtré pour la publication."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.config = corpus.configuration

    # liens vers les objets du corpus ; None quand la cible n'est pas publiée
    def outil(self, id: str) -> str:
        o = self.corpus.outils.get(id)
        return lien(o.titre, o.src_uri) if o else texte(id)

    def fiche(self, id: str) -> str:
        f = self.corpus.fiches.get(id)
        return lien(f.titre, f.src_uri) if f else texte(id)

    def ccas(self, id: str) -> str:
        return lien(self.config.ccas[id].nom, f"ccas/{id}.md")

    def thematique(self, id: str) -> str:
        return lien(self.config.thematiques[id].nom, f"thematiques/{id}.md")

    def labo(self, id: str) -> str:
        return lien(self.config.labos[id].nom, f"labos/{id}.md")

    def entete(self, contenu: Contenu) -> str:
        """Titre, bandeaux (brouillon, exemple) et résumé."""
        morceaux = [f"# {texte(contenu.titre)}"]
        if not contenu.valide:
            morceaux.append(admonition("danger", "Brouillon — non validé", "Ce contenu n'a pas "
                                       "encore été validé : il n'apparaît pas sur le site public."))
        if contenu.exemple:
            morceaux.append(admonition("example", "Exemple", "Ce contenu est un exemple fictif, "
                                       "écrit pour montrer à quoi ressemble une fiche. Il ne "
                                       "décrit pas un projet réel."))
        resume = getattr(contenu, "resume", "")
        if resume:
            morceaux.append(f'<p class="commun-resume">{html.escape(resume)}</p>')
        return "\n\n".join(morceaux)

    def pied(self, contenu: Contenu) -> str:
        nom, url = v.LICENCES.get(contenu.licence, (contenu.licence, ""))
        licence = f"[{texte(nom)}]({url})" if url else texte(nom)
        source = self.config.site.lien_source(contenu.chemin)
        maj = f"Mis à jour le {date(contenu.mis_a_jour)}. " if contenu.mis_a_jour else ""
        return (f'<div class="commun-pied" markdown>\n\n{maj}Publié sous licence {licence}. '
                f"[Fichier source]({source}).\n\n</div>")

    def liste_fiches(self, fiches: Iterable[Fiche], *, avec_ccas: bool = True,
                     avec_thematique: bool = False) -> str:
        lignes = []
        for f in fiches:
            details = infos(
                texte(self.config.ccas[f.ccas].nom) if avec_ccas else "",
                texte(self.config.thematiques[f.thematique].nom) if avec_thematique else "",
                v.ETATS[f.etat].libelle, f.priorite, "exemple" if f.exemple else "")
            lignes.append(f"- {lien(f.titre, f.src_uri)}  \n  {details}")
        return "\n".join(lignes) or "*Aucune fiche pour l'instant.*"

    def liste_outils(self, outils: Iterable[Outil]) -> str:
        lignes = []
        for o in outils:
            details = infos(v.TYPES_OUTIL[o.type].libelle, duree(o.duree_minutes),
                            participants(o), v.DIFFICULTES[o.difficulte].libelle.lower())
            lignes.append(f"- **{lien(o.titre, o.src_uri)}** — {texte(o.resume)}  \n  {details}")
        return "\n".join(lignes) or "*Aucun outil pour l'instant.*"

    # --- Pages des contenus -----------------------------------------------------------------

    def page(self, contenu: Contenu) -> str:
        match contenu:
            case Fiche():
                return self.page_fiche(contenu)
            case Outil():
                return self.page_outil(contenu)
            case CompteRendu():
                return self.page_compte_rendu(contenu)
        raise TypeError(contenu)

    def page_fiche(self, f: Fiche) -> str:
        etapes = [e for e in v.ETATS if e != "abandonne"]
        if f.etat == "abandonne":
            avancement = "**Abandonné**"
        else:
            avancement = " › ".join(f"**{v.ETATS[e].libelle}**" if e == f.etat
                                    else v.ETATS[e].libelle for e in etapes)
        parties = [
            self.entete(f),
            meta([
                ("CCAS", self.ccas(f.ccas)),
                ("Thématique", self.thematique(f.thematique)),
                ("Projet", v.PRIORITES[f.priorite].libelle),
                ("État", avancement),
                ("Labos", ", ".join(self.labo(l) for l in f.labos)),
                ("Équipe", " ; ".join(texte(r) for r in f.equipe)),
            ]),
            f.corps.strip(),
            "## Outils utilisés\n\n" + self.liste_outils(
                self.corpus.outils[o] for o in f.outils if o in self.corpus.outils),
            self.pied(f),
        ]
        return "\n\n".join(parties) + "\n"

    def page_outil(self, o: Outil) -> str:
        materiel = "\n".join(f"- {texte(m)}" for m in o.materiel)
        fiches = self.corpus.fiches_utilisant(o.id)
        utilise = [f"- {lien(f.titre, f.src_uri)} — {texte(self.config.ccas[f.ccas].nom)}"
                   for f in self.recentes(fiches, EXTRAIT)]
        if len(fiches) > EXTRAIT:  # la page d'un outil reste légère quand le commun grandit
            utilise.append(f"- [Les {len(fiches)} fiches qui l'utilisent]"
                           f"(/outils/{o.id}/fiches.md)")
        utilise += [f"- {lien(c.titre, c.src_uri)}"
                    for c in self.corpus.comptes_rendus_utilisant(o.id)]
        parties = [
            self.entete(o),
            meta([
                ("Phase", f"[{v.PHASES[o.phase].libelle}](/outils/index.md#{o.phase})"),
                ("Type", v.TYPES_OUTIL[o.type].libelle),
                ("Durée", duree(o.duree_minutes)),
                ("Participants", participants(o)),
                ("Difficulté", v.DIFFICULTES[o.difficulte].libelle),
            ]),
            f"**Matériel**\n\n{materiel}" if materiel else "",
            o.corps.strip(),
            "## Outils liés\n\n" + self.liste_outils(
                self.corpus.outils[i] for i in o.outils_lies if i in self.corpus.outils)
            if o.outils_lies else "",
            "## Utilisé dans\n\n" + ("\n".join(utilise) or
                                     "*Aucune fiche publiée ne cite encore cet outil.*"),
            self.pied(o),
        ]
        return "\n\n".join(p for p in parties if p) + "\n"

    def page_compte_rendu(self, c: CompteRendu) -> str:
        fiches = [self.corpus.fiches[i] for i in c.fiches if i in self.corpus.fiches]
        parties = [
            self.entete(c),
            meta([
                ("Labo", texte(self.config.labos[c.labo].nom)),
                ("Dates", periode(c.debut, c.fin)),
                ("Lieu", texte(c.lieu)),
                ("Format", v.FORMATS[c.format].libelle),
                (f"CCAS présents ({len(c.ccas_presents)})",
                 ", ".join(self.ccas(i) for i in c.ccas_presents)),
            ]),
            c.corps.strip(),
            "## Fiches travaillées\n\n" + self.liste_fiches(fiches),
            "## Outils utilisés\n\n" + self.liste_outils(
                self.corpus.outils[o] for o in c.outils if o in self.corpus.outils),
            self.pied(c),
        ]
        return "\n\n".join(parties) + "\n"

    # --- Pages générées ---------------------------------------------------------------------

    def catalogue_outils(self) -> str:
        sommaire = " · ".join(f"[{p.libelle}](#{p.id})" for p in v.PHASES.values())
        parties = [
            "# Les outils",
            f"{len(self.corpus.outils)} méthodes, canevas, questionnaires et modèles, rangés "
            "selon les phases d'un projet. Chacun a une variante à distance.",
            sommaire,
        ]
        for phase in v.PHASES.values():
            parties += [f"## {phase.libelle} {{#{phase.id}}}", f"*{phase.description}*",
                        self.liste_outils(self.corpus.outils_de_phase(phase.id))]
        return "\n\n".join(parties) + "\n"

    def recentes(self, fiches: list[Fiche], n: int = APERCU) -> list[Fiche]:
        return sorted(fiches, key=lambda f: f.mis_a_jour or "", reverse=True)[:n]

    def catalogue_fiches(self) -> str:
        parties = [
            "# Les fiches projets",
            f"{len(self.corpus.fiches)} projets des CCAS, rangés par thématique : les plus "
            "récemment mis à jour d'abord. Voir aussi les fiches [par CCAS](/ccas/index.md) et "
            "[par état d'avancement](/fiches/par-etat.md).",
        ]
        for t in self.config.thematiques.values():
            fiches = self.corpus.fiches_de_thematique(t.id)
            parties += [f"## {texte(t.nom)} ({len(fiches)})",
                        self.liste_fiches(self.recentes(fiches), avec_thematique=False)]
            if len(fiches) > APERCU:
                parties.append(f"[Voir les {len(fiches)} fiches « {texte(t.nom)} »]"
                               f"(/thematiques/{t.id}.md)")
        return "\n\n".join(parties) + "\n"

    def fiches_par_etat(self) -> str:
        parties = ["# Les fiches par état d'avancement",
                   "De l'idée au service déployé — et les projets abandonnés, dont on apprend "
                   "aussi."]
        for etat in v.ETATS.values():
            fiches = self.corpus.fiches_par_etat(etat.id)
            parties += [f"## {etat.libelle} ({len(fiches)})",
                        self.liste_fiches(self.recentes(fiches), avec_thematique=True)]
            if len(fiches) > APERCU:
                parties.append(f"[Voir les {len(fiches)} fiches « {etat.libelle} »]"
                               f"(/fiches/etat/{etat.id}.md)")
        return "\n\n".join(parties) + "\n"

    def page_liste(self, titre: str, base: str, retour: str, fiches: list[Fiche],
                   numero: int, **options: bool) -> str:
        """Une page d'une longue liste de fiches (``base``, ``base/page-2``…)."""
        return "\n\n".join([
            f"# {titre}" + (f" — page {numero}" if numero > 1 else ""),
            f"{len(fiches)} fiches. {retour}",
            self.liste_fiches(tranche(fiches, numero), **options),
            pagination(base, numero, nombre_de_pages(fiches)),
        ]) + "\n"

    def page_utilise_dans(self, id: str, numero: int = 1) -> str:
        o = self.corpus.outils[id]
        return self.page_liste(f"Fiches qui utilisent « {texte(o.titre)} »", f"outils/{id}/fiches",
                               f"[Retour à l'outil](/{o.src_uri})",
                               self.corpus.fiches_utilisant(id), numero, avec_thematique=True)

    def page_etat(self, id: str, numero: int = 1) -> str:
        return self.page_liste(f"Fiches « {v.ETATS[id].libelle} »", f"fiches/etat/{id}",
                               "[Toutes les fiches par état](/fiches/par-etat.md).",
                               self.corpus.fiches_par_etat(id), numero, avec_thematique=True)

    def page_projets_ccas(self, id: str, numero: int = 1) -> str:
        return self.page_liste(f"Les projets de {texte(self.config.ccas[id].libelle)}",
                               f"ccas/{id}/projets", f"[Retour à la fiche du CCAS](/ccas/{id}.md)",
                               self.corpus.fiches_de_ccas(id), numero, avec_ccas=False,
                               avec_thematique=True)

    def page_fiches_labo(self, id: str, numero: int = 1) -> str:
        return self.page_liste(f"Fiches travaillées pendant {texte(self.config.labos[id].nom)}",
                               f"labos/{id}/fiches", f"Retour : {self.labo(id)}",
                               self.corpus.fiches_du_labo(id), numero, avec_thematique=True)

    def index_ccas(self) -> str:
        lignes = []
        for c in self.config.ccas.values():
            fiches = self.corpus.fiches_de_ccas(c.id)
            n = len(fiches)
            lignes.append(f"- {self.ccas(c.id)} — {n} fiche{'s' if n > 1 else ''}")
        return ("# Les CCAS\n\nLes CCAS des communes du territoire et leur union départementale. "
                "Chaque page réunit les projets du CCAS, les labos suivis et les outils utilisés."
                "\n\n" + "\n".join(lignes) + "\n")

    def page_ccas(self, id: str) -> str:
        c = self.config.ccas[id]
        fiches = self.corpus.fiches_de_ccas(id)
        parties = [f"# {texte(c.libelle)}",
                   '<p class="commun-resume">La fiche individuelle du CCAS : ses projets et leur '
                   "feuille de route, les labos suivis, les outils utilisés et la chronologie du "
                   "suivi.</p>"]
        for priorite in v.PRIORITES.values():
            choisies = [f for f in fiches if f.priorite == priorite.id]
            if len(choisies) > EXTRAIT:  # un CCAS en a deux ou trois ; la page reste légère
                choisies = self.recentes(choisies, EXTRAIT)
                parties += [f"## {priorite.libelle}", f"Les {EXTRAIT} plus récents : "
                            f"[tous les projets du CCAS](/ccas/{id}/projets.md)."]
            else:
                parties.append(f"## {priorite.libelle}")
            parties.append(self.liste_fiches(choisies, avec_ccas=False, avec_thematique=True))
            for f in choisies:  # la feuille de route, reprise de la fiche
                parties += [f"### Feuille de route : {texte(f.titre)}",
                            suivi.extrait(f) or "*La fiche n'a pas encore de feuille de route.*"]
        parties += ["## Labos suivis", self.labos_suivis(id),
                    f"[Certificat d'assiduité](/certificats/{id}.md), à imprimer sur une page A4."]
        outils = sorted({o for f in fiches for o in f.outils if o in self.corpus.outils},
                        key=lambda o: self.corpus.outils[o].titre)
        parties += ["## Outils utilisés", self.liste_outils(self.corpus.outils[o] for o in outils)]
        parties += ["## Chronologie", self.chronologie(id)]
        return "\n\n".join(parties) + "\n"

    def labos_suivis(self, id: str) -> str:
        """Les labos du CCAS et sa présence (feuille de présence, ou à défaut compte rendu)."""
        lignes = []
        for l in suivi.labos_suivis(self.corpus, id):
            dates = periode(l.debut, l.fin) if l.debut and l.fin else "dates à venir"
            if l.presence is None:
                details = infos("présence non notée", suivi.SOURCES[l.source])
            else:
                n, venus = len(l.presence.jours), l.presence.participants
                details = infos(
                    f"présent {n} jour{'s' if n > 1 else ''}"
                    + (f" sur {l.jours_du_labo}" if l.jours_du_labo else ""),
                    f"{venus} participant{'s' if venus > 1 else ''}")
            lignes.append(f"- **{self.labo(l.labo)}** — {dates}  \n  {details}")
        return "\n".join(lignes) or "*Aucun labo publié ne mentionne encore ce CCAS.*"

    def chronologie(self, id: str) -> str:
        """Les labos suivis et les mises à jour des fiches, du plus ancien au plus récent."""
        lignes = []
        evenements = suivi.chronologie(self.corpus, id)
        if len(evenements) > CHRONOLOGIE:
            lignes.append(f"Les {CHRONOLOGIE} événements les plus récents, "
                          f"sur {len(evenements)}.\n")
            evenements = evenements[-CHRONOLOGIE:]
        for e in evenements:
            quand = periode(e.debut, e.fin).capitalize()
            if e.labo is not None:
                p = e.labo.presence
                quoi = f"{self.labo(e.labo.labo)} " + (infos(
                    f"présent {len(p.jours)} jour{'s' if len(p.jours) > 1 else ''}",
                    f"{p.participants} participant{'s' if p.participants > 1 else ''}")
                    if p else infos(suivi.SOURCES[e.labo.source]))
            elif e.fiche is not None:
                quoi = (f"fiche {lien(e.fiche.titre, e.fiche.src_uri)} mise à jour " +
                        infos(f"état : {v.ETATS[e.fiche.etat].libelle.lower()}"))
            lignes.append(f"- **{quand}** — {quoi}")
        return "\n".join(lignes) or "*Rien encore.*"

    def index_thematiques(self) -> str:
        lignes = [f"- {self.thematique(t.id)} — {len(self.corpus.fiches_de_thematique(t.id))} "
                  "fiche(s)" for t in self.config.thematiques.values()]
        return ("# Les thématiques\n\nLes thématiques du diagnostic territorial, qui orientent "
                "les projets des CCAS.\n\n" + "\n".join(lignes) + "\n")

    def page_thematique(self, id: str, numero: int = 1) -> str:
        t = self.config.thematiques[id]
        fiches = self.corpus.fiches_de_thematique(id)
        parties = [f"# {texte(t.nom)}" + (f" — page {numero}" if numero > 1 else "")]
        if t.description and numero == 1:
            parties.append(texte(t.description))
        parties += [self.liste_fiches(tranche(fiches, numero)),
                    pagination(f"thematiques/{id}", numero, nombre_de_pages(fiches))]
        ccas = sorted({f.ccas for f in fiches}, key=lambda c: self.config.ccas[c].nom)
        if ccas and numero == 1:
            parties += ["## CCAS engagés sur cette thématique",
                        ", ".join(self.ccas(c) for c in ccas)]
        return "\n\n".join(p for p in parties if p) + "\n"

    def index_labos(self) -> str:
        lignes = []
        for l in self.config.labos.values():
            cr = self.corpus.comptes_rendus.get(l.id)
            quand = periode(cr.debut, cr.fin) if cr else texte(l.periode)
            statut = "compte rendu publié" if cr else "compte rendu à venir"
            lignes.append(f"- {self.labo(l.id)} — {quand} " + infos(statut))
        return ("# Les labos\n\nTrois jours d'ateliers en sous-groupes et un forum collectif, "
                "cinq fois en deux ans. Entre deux labos, les intersessions à distance.\n\n"
                + "\n".join(lignes) + "\n")

    def livret(self) -> str:
        """Le « Livret du Labo » : tous les outils et toutes les fiches publiés, sur une page à
        imprimer d'un bloc (un saut de page avant chacun, voir commun.css). Au-delà de
        ``FICHES_PAR_LIVRET`` fiches, un livret d'un seul tenant ne s'ouvrirait plus sur un
        téléphone ni ne s'imprimerait : cette page devient le sommaire de volumes (les outils,
        puis les projets de chaque thématique, en parties si besoin)."""
        s = self.config.site
        n_outils, n_fiches = len(self.corpus.outils), len(self.corpus.fiches)
        intro = [
            "# Livret du Labo",
            f"Les outils et les projets du commun ({texte(s.territoire)}), réunis pour "
            "l'impression : utilisez « Imprimer » de votre navigateur, format A4. "
            f"{n_outils} outils, {n_fiches} fiches projets.",
        ]
        if n_fiches <= FICHES_PAR_LIVRET:
            return self._volume(intro, self._livret_outils() + self._livret_projets(
                [(t, self.corpus.fiches_de_thematique(t.id))
                 for t in self.config.thematiques.values()]))
        lignes = [f"- [Les outils](/livret/outils.md) — {n_outils} outils"]
        for t, numero, total, fiches in self.volumes_du_livret():
            partie = f", partie {numero} sur {total}" if total > 1 else ""
            lignes.append(f"- [Projets — {texte(t.nom)}{partie}]"
                          f"(/{page_numero(f'livret/{t.id}', numero)}) — {len(fiches)} fiches")
        return "\n\n".join([
            *intro,
            f"Avec plus de {FICHES_PAR_LIVRET} fiches, le livret est découpé en volumes à "
            "imprimer un par un :",
            "\n".join(lignes)]) + "\n"

    def volumes_du_livret(self) -> Iterator[tuple[Thematique, int, int, list[Fiche]]]:
        """(thématique, numéro de partie, nombre de parties, fiches) de chaque volume."""
        for t in self.config.thematiques.values():
            fiches = self.corpus.fiches_de_thematique(t.id)
            total = -(-len(fiches) // FICHES_PAR_LIVRET)
            for numero in range(1, total + 1):
                yield t, numero, total, fiches[(numero - 1) * FICHES_PAR_LIVRET:
                                                numero * FICHES_PAR_LIVRET]

    def livret_outils(self) -> str:
        return self._volume(["# Livret du Labo — les outils",
                             "[Sommaire du livret](/livret.md)"], self._livret_outils())

    def livret_projets(self, thematique: str, numero: int) -> str:
        t, _, total, fiches = next(x for x in self.volumes_du_livret()
                                   if x[0].id == thematique and x[1] == numero)
        partie = f", partie {numero} sur {total}" if total > 1 else ""
        return self._volume([f"# Livret du Labo — {texte(t.nom)}{partie}",
                             "[Sommaire du livret](/livret.md)"],
                            self._livret_projets([(t, fiches)]))

    @staticmethod
    def _volume(entete: list[str], parties: list[str]) -> str:
        return "\n\n".join(p for p in [*entete, '<div class="commun-livret" markdown>',
                                         *parties, "</div>"] if p) + "\n"

    def _livret_outils(self) -> list[str]:
        parties = []
        for phase in v.PHASES.values():
            outils = self.corpus.outils_de_phase(phase.id)
            if outils:
                parties.append(f"## Outils — {phase.libelle}")
            for o in outils:
                parties += [f"### {texte(o.titre)} {{#outil-{o.id}}}",
                            f'<p class="commun-resume">{html.escape(o.resume)}</p>',
                            meta([("Type", v.TYPES_OUTIL[o.type].libelle),
                                  ("Durée", duree(o.duree_minutes)),
                                  ("Participants", participants(o)),
                                  ("Difficulté", v.DIFFICULTES[o.difficulte].libelle),
                                  ("Matériel", " ; ".join(texte(m) for m in o.materiel))]),
                            suivi.reancrer(o.corps.strip(), o.src_uri, 2)]
        return parties

    def _livret_projets(self, groupes: list[tuple[Thematique, list[Fiche]]]) -> list[str]:
        parties = []
        for t, fiches in groupes:
            if fiches:
                parties.append(f"## Projets — {texte(t.nom)}")
            for f in fiches:
                parties += [f"### {texte(f.titre)} {{#fiche-{f.id}}}",
                            "*Exemple fictif.*" if f.exemple else "",
                            f'<p class="commun-resume">{html.escape(f.resume)}</p>',
                            meta([("CCAS", texte(self.config.ccas[f.ccas].nom)),
                                  ("Projet", v.PRIORITES[f.priorite].libelle),
                                  ("État", v.ETATS[f.etat].libelle),
                                  ("Équipe", " ; ".join(texte(r) for r in f.equipe))]),
                            suivi.reancrer(f.corps.strip(), f.src_uri, 2)]
        return parties

    def page_labo(self, id: str) -> str:
        """Un labo sans compte rendu publié : ce qu'on en sait par les fiches."""
        l = self.config.labos[id]
        fiches = self.corpus.fiches_du_labo(id)
        return "\n\n".join([
            f"# {texte(l.nom)}",
            infos(texte(l.periode)) if l.periode else "",
            "Le compte rendu de ce labo n'est pas encore publié.",
            "## Fiches travaillées pendant ce labo",
            self.liste_fiches(self.recentes(fiches, EXTRAIT), avec_thematique=True)
            + (f"\n- [Les {len(fiches)} fiches de ce labo](/labos/{id}/fiches.md)"
               if len(fiches) > EXTRAIT else ""),
        ]) + "\n"


def nombre_de_pages(elements: list) -> int:
    return max(1, -(-len(elements) // PAR_PAGE))


def tranche(elements: list, numero: int) -> list:
    return elements[(numero - 1) * PAR_PAGE: numero * PAR_PAGE]


def page_numero(base: str, numero: int) -> str:
    """« thematiques/x » → « thematiques/x.md », puis « thematiques/x/page-2.md »…"""
    return f"{base}.md" if numero == 1 else f"{base}/page-{numero}.md"


def pagination(base: str, numero: int, total: int) -> str:
    if total == 1:
        return ""
    liens = []
    if numero > 1:
        liens.append(f"[‹ Page précédente](/{page_numero(base, numero - 1)})")
    liens.append(f"Page {numero} sur {total}")
    if numero < total:
        liens.append(f"[Page suivante ›](/{page_numero(base, numero + 1)})")
    return '<nav class="commun-pagination" aria-label="Pages" markdown>\n\n' + \
        " · ".join(liens) + "\n\n</nav>"
