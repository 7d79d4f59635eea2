"""Le « Livret du Labo » : tous les outils et toutes les fiches publiés, à imprimer ; en volumes
au-delà de ``FICHES_PAR_LIVRET`` fiches."""

from __future__ import annotations

import html
from collections.abc import Iterator

from commun import suivi
from commun import vocabulaire as v
from commun.modele import Fiche, Thematique
from commun.pages.elements import Pages, duree, meta, participants, texte
from commun.pages.pagination import Pagination, chemin_de_page
from commun.telechargements import LIVRET, lien_pdf, volume_pdf

FICHES_PAR_LIVRET = 150  # au-delà, le Livret du Labo se découpe en volumes à imprimer


class Livret(Pages):
    """Le livret et ses volumes."""

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
            "l'impression, une fiche par page, avec le code QR qui ramène à sa version à jour. "
            f"{n_outils} outils, {n_fiches} fiches projets.",
        ]
        imprimer = ("Pour imprimer une partie seulement : « Imprimer » de votre navigateur, "
                    "format A4.")
        if n_fiches <= FICHES_PAR_LIVRET:
            return self._volume([*intro, f"**{lien_pdf('Télécharger le livret', LIVRET)}**, "
                                 "avec sa couverture, son sommaire et les logos du programme. "
                                 + imprimer],
                                self._livret_outils() + self._livret_projets(
                                    [(t, self.corpus.fiches_de_thematique(t.id))
                                     for t in self.config.thematiques.values()]))
        lignes = [f"- [Les outils](/livret/outils.md) — {n_outils} outils — "
                  + lien_pdf("volume 1", volume_pdf(1))]
        for i, (t, numero, total, fiches) in enumerate(self.volumes_du_livret(), start=2):
            partie = f", partie {numero} sur {total}" if total > 1 else ""
            lignes.append(f"- [Projets — {texte(t.nom)}{partie}]"
                          f"(/{chemin_de_page(f'livret/{t.id}', numero)}) — {len(fiches)} fiches "
                          f"— {lien_pdf(f'volume {i}', volume_pdf(i))}")
        return "\n\n".join([
            *intro,
            f"Avec plus de {FICHES_PAR_LIVRET} fiches, le livret est découpé en volumes à "
            "imprimer un par un, chacun avec sa couverture et son sommaire, à télécharger en "
            "PDF :",
            "\n".join(lignes), imprimer]) + "\n"

    def volumes_du_livret(self) -> Iterator[tuple[Thematique, int, int, list[Fiche]]]:
        """(thématique, numéro de partie, nombre de parties, fiches) de chaque volume."""
        for t in self.config.thematiques.values():
            fiches = self.corpus.fiches_de_thematique(t.id)
            if not fiches:  # une thématique sans fiche n'a pas de volume
                continue
            volumes = Pagination(f"livret/{t.id}", fiches, FICHES_PAR_LIVRET)
            for numero in volumes.numeros():
                yield t, numero, volumes.total, volumes.tranche(numero)

    def livret_outils(self) -> str:
        return self._volume(["# Livret du Labo — les outils",
                             "[Sommaire du livret](/livret.md) · "
                             + lien_pdf("Télécharger ce volume", volume_pdf(1))],
                            self._livret_outils())

    def livret_projets(self, thematique: str, numero: int) -> str:
        i, (t, _, total, fiches) = next((i, x) for i, x in enumerate(self.volumes_du_livret(),
                                                                      start=2)
                                        if x[0].id == thematique and x[1] == numero)
        partie = f", partie {numero} sur {total}" if total > 1 else ""
        return self._volume([f"# Livret du Labo — {texte(t.nom)}{partie}",
                             "[Sommaire du livret](/livret.md) · "
                             + lien_pdf("Télécharger ce volume", volume_pdf(i))],
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
