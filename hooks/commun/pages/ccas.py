"""La fiche individuelle de chaque CCAS : projets et feuilles de route, labos suivis, outils,
chronologie ; et la liste complète de ses projets."""

from __future__ import annotations

from commun import suivi
from commun import vocabulaire as v
from commun.conversion import admonition
from commun.modele import Commune, Contact
from commun.pages.elements import (
    EXTRAIT,
    Pages,
    date,
    hors_recherche,
    infos,
    lien,
    meta,
    periode,
    texte,
)

CHRONOLOGIE = 40  # événements montrés dans la chronologie d'un CCAS (les plus récents)


def population(commune: Commune) -> str:
    """« 5 192 habitants (INSEE, recensement de la population 2017) »."""
    if commune.population is None:
        return "inconnue dans le découpage administratif officiel"
    nombre = f"{commune.population:,}".replace(",", "\u202f")
    return f"{nombre} habitants ({texte(commune.source)})"


def ligne_de_contact(c: Contact) -> str:
    """« **12 janvier 2022** — appel (chargée de mission) : le résumé. Suite : … »."""
    morceaux = [f"**{date(c.date)}** — {v.CONTACTS[c.type].libelle} ({texte(c.qui)}) : "
                f"{texte(c.resume)}"]
    if c.question:
        morceaux.append(f"Question : {texte(c.question)}")
    if c.reponse:
        morceaux.append(f"Réponse : {texte(c.reponse)}")
    if c.suite:
        morceaux.append(f"Suite : {texte(c.suite)}")
    return "  \n  ".join(morceaux)


class PagesCcas(Pages):
    """Les pages d'un CCAS."""

    def page_ccas(self, id: str) -> str:
        c = self.config.ccas[id]
        fiches = self.corpus.fiches_de_ccas(id)
        parties = [f"# {texte(c.libelle)}",
                   '<p class="commun-resume">La fiche individuelle du CCAS : ses projets et leur '
                   "feuille de route, les labos suivis, les outils utilisés et la chronologie du "
                   "suivi.</p>"]
        if commune := self.config.communes.get(c.insee):
            parties.append(meta([("Commune", f"code INSEE {c.insee}"),
                                 ("Population", population(commune))]))
        if c.fictif:
            parties.append(admonition("example", "Entité fictive", "Ce CCAS n'existe pas : il "
                                      "porte les fiches et le labo d'exemple, pour montrer à quoi "
                                      "ressemble le suivi d'un CCAS sans rien prêter à un CCAS "
                                      "réel."))
        parties += ["## Fiche du CCAS", self.fiche_ccas(id)]
        parties += ["## Suivi des intersessions", self.journal(id)]
        for priorite in v.PRIORITES.values():
            choisies = [f for f in fiches if f.priorite == priorite.id]
            if len(choisies) > EXTRAIT:  # un CCAS en a deux ou trois ; la page reste légère
                choisies = self.recentes(choisies, EXTRAIT)
                parties += [f"## {priorite.libelle}", f"Les {EXTRAIT} plus récents : "
                            f"[tous les projets du CCAS](/ccas/{id}/projets.md)."]
            else:
                parties.append(f"## {priorite.libelle}")
            parties.append(self.liste_fiches(choisies, avec_ccas=False, avec_thematique=True))
            for f in choisies:  # la feuille de route, reprise de la fiche (qui l'indexe)
                parties.append(hors_recherche(
                    f"### Feuille de route : {texte(f.titre)}\n\n"
                    + (suivi.extrait(f) or "*La fiche n'a pas encore de feuille de route.*")))
        parties += ["## Labos suivis", self.labos_suivis(id),
                    "*Pas de certificat d'assiduité pour une entité fictive.*" if c.fictif else
                    f"[Certificat d'assiduité](/certificats/{id}.md), à imprimer sur une page A4."]
        outils = sorted({o for f in fiches for o in f.outils if o in self.corpus.outils},
                        key=lambda o: self.corpus.outils[o].titre)
        parties += ["## Outils utilisés", self.liste_outils(self.corpus.outils[o] for o in outils)]
        parties += ["## Chronologie", self.chronologie(id)]
        return "\n\n".join(parties) + "\n"

    def fiche_ccas(self, id: str) -> str:
        """La fiche de données du CCAS : ce qui n'est pas encore renseigné est dit tel quel."""
        f = self.corpus.fiches_ccas.get(id)
        a_renseigner = "*à renseigner au lancement des labos*"

        def points(valeurs: tuple[str, ...]) -> str:
            return " ; ".join(texte(x) for x in valeurs) if valeurs else a_renseigner

        if f is None:
            return ("*La fiche de données de ce CCAS n'est pas encore publiée : elle se remplit "
                    "au lancement des labos (équipe, forces, ressources, thématiques, feuille de "
                    "route).*")
        thematiques = [f"{self.thematique(t)} ({quoi})" for t, quoi in (
            (f.thematique_prioritaire, "prioritaire"), (f.thematique_secondaire, "secondaire"))
            if t in self.config.thematiques]
        parties = [  # un exemple n'est porté que par une entité fictive, qui le dit déjà
            meta([("Équipe", points(f.equipe)), ("Forces", points(f.forces)),
                  ("Ressources", points(f.ressources)), ("Fragilités", points(f.fragilites)),
                  ("Thématiques", ", ".join(thematiques) or a_renseigner)]),
            f"**Pourquoi ces thématiques.** {texte(f.pourquoi)}" if f.pourquoi else "",
            "**Chiffres du diagnostic**\n\n" + "\n".join(
                f"- {texte(c.libelle)} : **{texte(c.valeur)}** ({texte(c.source)}, {c.annee})"
                for c in f.chiffres) if f.chiffres else "",
            "**Feuille de route du lancement**\n\n" + "\n".join(
                f"{i}. {texte(e)}" for i, e in enumerate(f.feuille_de_route, start=1))
            if f.feuille_de_route else "",
            f"*{self.provenance_de(f)}*" if f.valide else "",
        ]
        return "\n\n".join(p for p in parties if p)

    def journal(self, id: str, n: int = 5) -> str:
        """Les ``n`` derniers contacts de l'intersession, du plus récent au plus ancien."""
        j = self.corpus.journaux.get(id)
        if j is None or not j.contacts:
            return "*Aucun contact noté pour l'instant.*"
        lignes = [f"- {ligne_de_contact(c)}" for c in reversed(j.contacts[-n:])]
        if len(j.contacts) > n:
            lignes.append(f"- *… et {len(j.contacts) - n} contacts plus anciens.*")
        return ("*Exemple fictif.*\n\n" if j.exemple else "") + "\n".join(lignes)

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
        return hors_recherche("\n".join(lignes)) if lignes else "*Rien encore.*"

    def page_projets_ccas(self, id: str, numero: int = 0) -> str:  # 0 : la première page
        return self.page_liste(f"Les projets de {texte(self.config.ccas[id].libelle)}",
                               f"ccas/{id}/projets", f"[Retour à la fiche du CCAS](/ccas/{id}.md)",
                               self.corpus.fiches_de_ccas(id), numero, avec_ccas=False,
                               avec_thematique=True)
