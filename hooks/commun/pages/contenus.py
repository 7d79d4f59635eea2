"""Les pages des contenus : une fiche projet, un outil, un compte rendu de labo."""

from __future__ import annotations

import html

from commun import canevas, questionnaires
from commun import vocabulaire as v
from commun.hors_ligne import taille
from commun.modele import CompteRendu, Contenu, Fiche, Outil
from commun.pages.elements import Pages, duree, lien, meta, participants, periode, texte


def a_distance(o: Outil) -> str:
    """« messages vocaux, appel téléphonique (GSM) ; en français, shimaoré — coût… »."""
    d = o.a_distance
    if d.non_recommande:
        return f"non recommandé : {texte(d.non_recommande)}"
    if not d.canaux:
        return ""
    canaux = ", ".join(v.CANAUX[c].libelle for c in d.canaux)
    langues = ", ".join(v.LANGUES[l].libelle for l in d.langues)
    return f"{canaux} ; en {langues}. {texte(d.cout)}"


def enregistrements(o: Outil) -> str:
    """Les consignes à écouter, dans chaque langue enregistrée, et l'appel à enregistrer les
    autres : jamais de traduction automatique, la voix d'un locuteur ou rien."""
    lignes = [f"- En {v.LANGUES[e.langue].libelle} ({texte(e.voix)}) : "
              f'<audio controls preload="none" src="../{html.escape(e.fichier)}"></audio>'
              for e in o.audio]
    manquantes = [v.LANGUES[l].libelle for l in v.LANGUES if l not in {e.langue for e in o.audio}]
    if manquantes:
        lignes.append(f"- Pas encore d'enregistrement en {', en '.join(manquantes)}. Vous parlez "
                      "l'une de ces langues ? [Enregistrez ces consignes depuis un téléphone]"
                      "(/contribuer.md#enregistrer-les-consignes)")
    return ('<div class="commun-audio" markdown>\n\n**Écouter ces consignes**\n\n'
            + "\n".join(lignes) + "\n\n</div>")


class PagesContenus(Pages):
    """La page d'un contenu publié, avec ses métadonnées, son corps et ses liens."""

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
        # la page d'un outil reste légère, et la même, quand le commun grandit
        liste = f"outils/{o.id}/fiches"
        utilise = [f"- {lien(f.titre, f.src_uri)} — {texte(self.config.ccas[f.ccas].nom)}"
                   for f in self.extrait(fiches, liste)]
        if toutes := self.lien_liste(fiches, liste, "qui l'utilisent"):
            utilise.append(toutes)
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
                ("À distance", a_distance(o)),
            ]),
            f"**Matériel**\n\n{materiel}" if materiel else "",
            enregistrements(o),  # hors du corps contribué : le contrôle du rendu le lit seul
            o.corps.strip(),
            self.questionnaire(o),
            self.canevas(o),
            "## Outils liés\n\n" + self.liste_outils(
                self.corpus.outils[i] for i in o.outils_lies if i in self.corpus.outils)
            if o.outils_lies else "",
            "## Utilisé dans\n\n" + ("\n".join(utilise) or
                                     "*Aucune fiche publiée ne cite encore cet outil.*"),
            self.pied(o),
        ]
        return "\n\n".join(p for p in parties if p) + "\n"

    def questionnaire(self, o: Outil) -> str:
        """Le questionnaire de l'outil, tiré de sa définition : ses questions, et où le remplir
        (téléphone, papier, KoboToolbox ou ODK Collect)."""
        q = self.corpus.questionnaires.get(o.id)
        if q is None:
            return ""
        liste = "\n".join(f"{n}. {texte(x.libelle)}" for n, x in enumerate(q.questions, 1))
        return "\n\n".join([
            "## Le questionnaire",
            f"{len(q.questions)} questions. **[Le remplir sur ce téléphone, même sans réseau, ou "
            f"l'imprimer](/{questionnaires.page_de(q)})** : sa page donne aussi le fichier pour "
            "KoboToolbox ou ODK Collect (XLSForm) et le tableau vierge (CSV).",
            liste,
        ])

    def canevas(self, o: Outil) -> str:
        """Le canevas de l'outil à imprimer : A4 pour le bureau, A3 pour un mur, en PDF et en
        SVG, avec leur poids (commun.canevas)."""
        c = self.corpus.canevas.get(o.id)
        if c is None:
            return ""
        octets = canevas.fichiers(c, canevas.pied_de(self.config.site, o.id))
        # des espaces insécables : un lien ne se coupe pas en deux sur un téléphone
        liens = [f"[{format},\u00a0{extension.upper()},\u00a0{taille(len(octets[chemin]))}]"
                 f"(/{chemin})"
                 for format, extension in canevas.formats()
                 if (chemin := canevas.chemin(o.id, format, extension))]
        return "\n\n".join([
            "## Canevas à imprimer",
            "Une page à imprimer et à remplir au feutre ou avec des post-it : en A4 à "
            "l'imprimante du bureau, en A3 pour l'afficher au mur.",
            # au fil d'une phrase, pas en liste : un lien d'une ligne de texte reste permis
            # comme cible tactile (WCAG 2.5.8)
            f"Pour le bureau : {liens[0]} · {liens[1]}",
            f"Pour un mur : {liens[2]} · {liens[3]}",
        ])

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

