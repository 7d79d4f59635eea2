"""Les catalogues : outils par phase, fiches par thématique et par état, index des CCAS,
thématiques et labos, et les longues listes qui en partent."""

from __future__ import annotations

from commun import vocabulaire as v
from commun.modele import Fiche
from commun.pages.elements import APERCU, Pages, en_pages, infos, periode, texte
from commun.pages.pagination import PREMIERE


class Catalogues(Pages):
    """Les pages qui rangent le corpus."""

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

    def catalogue_fiches(self) -> str:
        parties = [
            "# Les fiches projets",
            f"{len(self.corpus.fiches)} projets des CCAS, rangés par thématique : les plus "
            "récemment mis à jour d'abord. Voir aussi les fiches [par CCAS](/ccas/index.md) et "
            "[par état d'avancement](/fiches/par-etat.md).",
        ]
        return self._par_rubrique(parties, [
            (texte(t.nom), self.corpus.fiches_de_thematique(t.id), f"thematiques/{t.id}.md")
            for t in self.config.thematiques.values()], avec_thematique=False)

    def fiches_par_etat(self) -> str:
        parties = ["# Les fiches par état d'avancement",
                   "De l'idée au service déployé — et les projets abandonnés, dont on apprend "
                   "aussi."]
        return self._par_rubrique(parties, [
            (etat.libelle, self.corpus.fiches_par_etat(etat.id), f"fiches/etat/{etat.id}.md")
            for etat in v.ETATS.values()], avec_thematique=True)

    def _par_rubrique(self, parties: list[str], rubriques: list[tuple[str, list[Fiche], str]],
                      *, avec_thematique: bool) -> str:
        """Un catalogue : par rubrique (intitulé, fiches, page de la liste complète), les
        ``APERCU`` fiches les plus récentes et, s'il y en a plus, le lien vers toutes."""
        for intitule, fiches, liste in rubriques:
            parties += [f"## {intitule} ({len(fiches)})",
                        self.liste_fiches(self.recentes(fiches), avec_thematique=avec_thematique)]
            if len(fiches) > APERCU:
                parties.append(f"[Voir les {len(fiches)} fiches « {intitule} »](/{liste})")
        return "\n\n".join(parties) + "\n"

    def page_etat(self, id: str, numero: int = PREMIERE) -> str:
        return self.page_liste(f"Fiches « {v.ETATS[id].libelle} »", f"fiches/etat/{id}",
                               "[Toutes les fiches par état](/fiches/par-etat.md).",
                               self.corpus.fiches_par_etat(id), numero, avec_thematique=True)

    def page_utilise_dans(self, id: str, numero: int = PREMIERE) -> str:
        o = self.corpus.outils[id]
        return self.page_liste(f"Fiches qui utilisent « {texte(o.titre)} »", f"outils/{id}/fiches",
                               f"[Retour à l'outil](/{o.src_uri})",
                               self.corpus.fiches_utilisant(id), numero, avec_thematique=True)

    def index_ccas(self) -> str:
        def lignes(fictifs: bool) -> list[str]:
            return [f"- {self.ccas(c.id)} — {len(fiches)} fiche{'s' if len(fiches) > 1 else ''}"
                    for c in self.config.ccas.values() if c.fictif == fictifs
                    for fiches in [self.corpus.fiches_de_ccas(c.id)]]
        page = ("# Les CCAS\n\nLes CCAS des communes du territoire et leur union départementale. "
                "Chaque page réunit les projets du CCAS, les labos suivis et les outils utilisés."
                "\n\n" + "\n".join(lignes(False)) + "\n")
        if fictifs := lignes(True):
            page += ("\n## Entités fictives\n\nElles n'existent pas : elles portent les fiches "
                     "et le labo d'exemple, pour qu'aucun CCAS réel ne se voie prêter un projet "
                     "inventé.\n\n" + "\n".join(fictifs) + "\n")
        return page

    def index_thematiques(self) -> str:
        lignes = [f"- {self.thematique(t.id)} — {len(self.corpus.fiches_de_thematique(t.id))} "
                  "fiche(s)" for t in self.config.thematiques.values()]
        return ("# Les thématiques\n\nLes thématiques du diagnostic territorial, qui orientent "
                "les projets des CCAS.\n\n" + "\n".join(lignes) + "\n")

    def page_thematique(self, id: str, numero: int = PREMIERE) -> str:
        t = self.config.thematiques[id]
        fiches = self.corpus.fiches_de_thematique(id)
        premiere = numero == PREMIERE
        parties = [f"# {texte(t.nom)}" + ("" if premiere else f" — page {numero}")]
        if t.description and premiere:
            parties.append(texte(t.description))
        if not premiere:
            parties.append(f"[Retour à la thématique](/thematiques/{id}.md)")
        pages = en_pages(f"thematiques/{id}", fiches)
        parties += [self.liste_fiches(pages.tranche(numero)), pages.liens(numero)]
        ccas = sorted({f.ccas for f in fiches}, key=lambda c: self.config.ccas[c].nom)
        if ccas and premiere:
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
