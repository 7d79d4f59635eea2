"""Les pages du suivi du programme : tableau de bord, calendrier, certificats d'assiduité,
questions des intersessions, données ouvertes. Chaque méthode rend le Markdown d'une page depuis
le corpus ; ``pages()`` les donne au registre des pages (``commun.pages``).

Les liens vers les fichiers de données (écrits après le build, donc inconnus de MkDocs) sont
des liens HTML relatifs, écrits depuis des pages « index.md » : ils restent justes avec ou sans
``use_directory_urls``.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from itertools import groupby

from commun import carte, donnees, suivi
from commun import vocabulaire as v
from commun.conversion import admonition
from commun.graphiques import Graphique, Serie, figure
from commun.modele import Contact, Corpus, Journal
from commun.pages.elements import MOIS, Pages, date, infos, lien, periode, texte
from commun.telechargements import certificat_pdf, lien_pdf

TABLEAU_DE_BORD = "suivi/index.md"
CALENDRIER = "suivi/calendrier/index.md"
DONNEES = "donnees/index.md"
CERTIFICATS = "certificats/index.md"
QUESTIONS = "questions.md"



def certificat_de(ccas: str) -> str:
    return f"certificats/{ccas}.md"


def jours(isos: tuple[str, ...] | list[str]) -> str:
    """« 12, 13 et 14 octobre 2021 » ; « 30 novembre et 1er décembre 2021 »."""
    morceaux = []
    for (annee, mois), groupe in groupby(sorted(isos), key=lambda d: d[:7].split("-")):
        numeros = [int(d[8:]) for d in groupe]
        noms = [("1er" if n == 1 else str(n)) for n in numeros]
        morceaux.append((noms, f"{MOIS[int(mois) - 1]} {annee}"))
    textes = []
    for noms, mois in morceaux:
        textes.append((", ".join(noms[:-1]) + " et " + noms[-1] if len(noms) > 1 else noms[0])
                      + f" {mois}")
    return " et ".join(textes)


def _a(href: str, contenu: str, **attributs: str) -> str:
    """Un lien HTML vers un fichier de données (échappé ; MkDocs ne le réécrit pas)."""
    extra = "".join(f' {k}="{html.escape(v_)}"' for k, v_ in attributs.items())
    return f'<a href="{html.escape(href)}"{extra}>{html.escape(contenu)}</a>'


def _pluriel(n: int, mot: str, pluriel: str | None = None) -> str:
    return f"{n} {mot if n <= 1 else (pluriel or mot + 's')}"


class PagesSuivi:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        # ce que comptent les chiffres, le calendrier et les certificats : aucun exemple
        self.faits = corpus.sans_exemples()
        self.config = corpus.configuration
        self.site = corpus.configuration.site
        self.rendu = Pages(corpus)

    def _avertissements(self) -> list[str]:
        morceaux = []
        if self.corpus.apercu:
            morceaux.append(admonition("danger", "Aperçu", "Les chiffres de cette page comptent "
                                       "aussi les brouillons. Le site public ne compte que le "
                                       "contenu validé."))
        if any(c.exemple for c in self.corpus.contenus()) \
                or any(p.exemple for p in self.corpus.presences.values()):
            morceaux.append(admonition("example", "Exemples", "Les contenus d'exemple, fictifs "
                                       "et rattachés à des entités fictives, ne sont pas comptés "
                                       "ici : ces chiffres ne parlent que des vrais CCAS."))
        return morceaux

    # --- Tableau de bord -------------------------------------------------------------------------

    def graphiques(self) -> list[tuple[str, Graphique | None, str]]:
        """(titre de section, graphique ou None, texte quand il n'y a rien à montrer)."""
        c = self.faits
        ccas = c.configuration.ccas
        indicateurs = suivi.avancement(c)
        avancement = Graphique(
            "graphique-avancement", "Avancement du programme",
            f"Chaque barre se lit sur son objectif : {len(self.config.labos)} labos (un labo "
            "compte quand son compte rendu ou sa feuille de présence est publié) ; pour chaque "
            "CCAS et l'UDCCAS, un projet prioritaire expérimenté et un projet secondaire proposé.",
            "Indicateur", tuple(i.libelle for i in indicateurs),
            (Serie("Réalisé", tuple(i.valeur for i in indicateurs)),),
            cibles=tuple(i.cible for i in indicateurs))
        par_etat = Graphique(
            "graphique-etats", "Les projets par état",
            "Le nombre de fiches projets à chaque état, de l'idée au service déployé.",
            "État", tuple(e.libelle for e in v.ETATS.values()),
            (Serie("Fiches", tuple(len(c.fiches_par_etat(e)) for e in v.ETATS)),))
        par_thematique = Graphique(
            "graphique-thematiques", "Les projets par thématique",
            "Le nombre de fiches projets dans chaque thématique du diagnostic territorial.",
            "Thématique", tuple(t.nom for t in self.config.thematiques.values()),
            (Serie("Fiches", tuple(len(c.fiches_de_thematique(t)) for t in
                                   self.config.thematiques)),))
        par_ccas = Graphique(
            "graphique-ccas", "Les projets par CCAS",
            "Les projets prioritaires et secondaires de chaque CCAS et de l'union départementale.",
            "CCAS", tuple(x.nom for x in ccas.values()),
            tuple(Serie(p.libelle.removeprefix("Projet ").capitalize() + "s", tuple(
                sum(1 for f in c.fiches_de_ccas(x) if f.priorite == p.id)
                for x in ccas)) for p in v.PRIORITES.values()),
            empile=True, maximum=len(v.PRIORITES))  # l'objectif : un projet de chaque sorte
        chiffres = suivi.presences_par_labo(c)
        presences = Graphique(
            "graphique-presences", "Les présences aux labos",
            "Pour chaque labo dont la feuille de présence est publiée : le nombre de CCAS "
            "présents et le nombre de personnes venues (une à trois par CCAS).",
            "Labo", tuple(self.config.labos[p.labo].nom for p in chiffres),
            (Serie("CCAS présents", tuple(p.ccas for p in chiffres)),
             Serie("Participants", tuple(p.participants for p in chiffres)))) \
            if chiffres else None
        return [
            ("Avancement du programme", avancement, ""),
            ("Les projets par état", par_etat, ""),
            ("Les projets par thématique", par_thematique, ""),
            ("Les projets par CCAS", par_ccas, ""),
            ("Les présences aux labos", presences,
             "*Aucune feuille de présence n'est encore publiée.*"),
            ("Ce que disent les questionnaires de fin de labo", self.graphique_fin_de_labo(),
             "*Aucun indicateur de fin de labo n'est encore publié : la synthèse des réponses "
             "(scripts/synthese.py --indicateurs) les écrit, labo après labo.*"),
        ]

    def graphique_fin_de_labo(self) -> Graphique | None:
        """Labo après labo, pour chaque question à échelle : la part des réponses d'accord."""
        publies = [i for l in self.config.labos if (i := self.faits.indicateurs.get(l))]
        if not publies:
            return None
        q = self.corpus.questionnaires.get(publies[0].questionnaire)
        questions = [x for x in q.questions if x.echelle is not None] if q else []
        if not questions:
            return None
        return Graphique(
            "graphique-fin-de-labo", "Ce que disent les questionnaires de fin de labo",
            "Pour chaque affirmation, la part des participants plutôt ou tout à fait d'accord "
            "(3 ou 4 sur 4), labo après labo.",
            "Affirmation", tuple(x.libelle for x in questions),
            tuple(Serie(f"{self.config.labos[i.labo].nom} ({i.reponses} réponses)",
                        tuple(i.accord.get(x.id, 0) for x in questions)) for i in publies),
            maximum=100)

    def tableau_de_bord(self) -> str:
        programme = texte(self.site.programme) if self.site.programme else "le programme"
        parties = [
            "# Tableau de bord",
            f'<p class="commun-resume">Où en est {programme} : les labos, les projets des CCAS '
            "et leur avancement. Les chiffres sont recalculés à chaque publication, depuis les "
            "fiches, les comptes rendus et les feuilles de présence validés.</p>",
            *self._avertissements(),
        ]
        if dessin := carte.carte(self.faits, "../"):
            parties += ["## La carte des CCAS", dessin]
        parties += ["## Les équipes sans nouvelles", self.equipes_silencieuses()]
        for titre, graphique, sinon in self.graphiques():
            parties += [f"## {titre}", figure(graphique) if graphique else sinon]
        parties += [
            "## Voir aussi",
            "\n".join([
                f"- [Le calendrier des labos et des intersessions](/{CALENDRIER})",
                f"- [Les fiches individuelles des CCAS](/ccas/index.md) et leurs "
                f"[certificats d'assiduité](/{CERTIFICATS})",
                "- [Les fiches par état d'avancement](/fiches/par-etat.md)",
                f"- [Les données ouvertes](/{DONNEES}), pour refaire ces calculs",
            ]),
        ]
        return "\n\n".join(parties) + "\n"

    def equipes_silencieuses(self) -> str:
        """Les vrais CCAS sans contact noté depuis ``site.silence_semaines`` semaines (à la date
        du build), pour que la coordination les rappelle."""
        semaines = self.site.silence_semaines
        limite = (donnees.maintenant().date() - timedelta(weeks=semaines)).isoformat()
        lignes = []
        for c in self.faits.configuration.ccas.values():
            journal = self.faits.journaux.get(c.id)
            dernier = journal.dernier if journal else None
            if dernier is None:
                lignes.append(f"- {self.rendu.ccas(c.id)} — aucun contact noté")
            elif dernier < limite:
                lignes.append(f"- {self.rendu.ccas(c.id)} — dernier contact le {date(dernier)}")
        entete = (f"Les équipes sans contact noté depuis plus de {semaines} semaines, d'après "
                  "leur journal de suivi validé : à rappeler.")
        if not lignes:
            return f"{entete}\n\n*Aucune : chaque équipe a eu un contact récent.*"
        return f"{entete} ({len(lignes)})\n\n" + "\n".join(lignes)

    # --- Questions des intersessions ----------------------------------------------------------

    def questions(self) -> str:
        """Les questions posées pendant les intersessions, et leurs réponses, que leur journal
        marque utiles aux autres (« faq: true »), par thématique."""
        par_theme: dict[str, list[tuple[Journal, Contact]]] = {}
        for j in self.corpus.journaux.values():
            for c in j.contacts:
                if c.faq:
                    par_theme.setdefault(c.thematique, []).append((j, c))
        parties = [
            "# Questions des intersessions",
            '<p class="commun-resume">Ce que les équipes ont demandé entre deux labos, et ce qui '
            "leur a été répondu : les blocages réels, et comment d'autres en sont sortis.</p>",
        ]
        themes = [*self.config.thematiques, ""]
        for t in themes:
            if t not in par_theme:
                continue
            parties.append(f"## {texte(self.config.thematiques[t].nom)}" if t else
                           "## Autres questions")
            for j, c in sorted(par_theme[t], key=lambda x: x[1].date, reverse=True):
                parties += [f"### {texte(c.question)}",
                            f"{texte(c.reponse)}\n\n" + infos(
                                texte(self.config.ccas[j.ccas].nom), date(c.date),
                                "exemple fictif" if j.exemple else "")]
        if len(parties) == 2:
            parties.append("*Aucune question publiée pour l'instant.*")
        return "\n\n".join(parties) + "\n"

    # --- Calendrier ------------------------------------------------------------------------------

    def calendrier(self) -> str:
        ics = _a(f"../../{donnees.CALENDRIER.chemin}", donnees.CALENDRIER.chemin,
                 type=donnees.CALENDRIER.type_mime)
        parties = [
            "# Calendrier du programme",
            '<p class="commun-resume">Les labos (trois jours sur place) et les intersessions '
            "(à distance, entre deux labos), dans l'ordre.</p>",
            f"Pour les ajouter à votre agenda, importez le fichier {ics} (format iCalendar, "
            "lu par Outlook, Google Agenda, Thunderbird et les agendas des téléphones). Les "
            "dates sont celles du compte rendu quand il est publié, sinon les dates prévues.",
        ]
        for annee, groupe in groupby(suivi.etapes(self.faits), key=lambda e: e.debut[:4]):
            lignes = []
            for e in groupe:
                if e.genre == "labo":
                    quoi = self.rendu.labo(e.id)
                    if e.id in self.faits.comptes_rendus:
                        statut = "compte rendu publié"
                    elif e.realise:
                        statut = "présences notées"
                    else:
                        statut = "prévu"
                    details = infos(texte(e.lieu),
                                    v.FORMATS[e.format].libelle.lower() if e.format else "",
                                    statut)
                else:
                    quoi = texte(e.nom)
                    details = infos("à distance", texte(e.description))
                lignes.append(f"- **{periode(e.debut, e.fin).capitalize()}** — {quoi}  \n"
                              f"  {details}")
            parties += [f"## {annee}", "\n".join(lignes)]
        sans_date = [l for l in self.config.labos.values()
                     if self.faits.dates_du_labo(l.id) is None]
        if sans_date:
            parties += ["## Dates à venir", "\n".join(
                f"- {self.rendu.labo(l.id)}" + (f" — {texte(l.periode)}" if l.periode else "")
                for l in sans_date)]
        return "\n\n".join(parties) + "\n"

    # --- Certificats d'assiduité ----------------------------------------------------------------

    def index_certificats(self) -> str:
        lignes = []
        for c in self.faits.configuration.ccas.values():
            a = suivi.assiduite(self.faits, c.id)
            resume = (f"{_pluriel(len(a.labos), 'labo')}, "
                      f"{_pluriel(a.jours_presents, 'jour')} de présence"
                      if a.labos else "aucune présence notée")
            pdf = f" — {lien_pdf('certificat', certificat_pdf(c.id))}" if a.labos else ""
            lignes.append(f"- {lien(c.nom, certificat_de(c.id))} — {resume}{pdf}")
        return "\n\n".join([
            "# Certificats d'assiduité",
            '<p class="commun-resume">Un certificat par CCAS, sur une page A4, établi '
            "d'après les feuilles de présence validées des labos : en PDF, avec les logos du "
            "programme et la mention de cofinancement, ou à imprimer depuis sa page.</p>",
            *self._avertissements(),
            "\n".join(lignes),
        ]) + "\n"

    def certificat(self, id: str) -> str:
        c = self.config.ccas[id]
        a = suivi.assiduite(self.faits, id)
        site = self.site
        programme = texte(site.programme) if site.programme else "du programme"
        logos = " ".join(f"![{texte(l.alt)}](/{l.chemin})" for l in site.logos)
        ecran = [f"[← {texte(c.libelle)}](/ccas/{id}.md) · [Tous les certificats](/{CERTIFICATS})"]
        if a.labos:
            ecran.append(f"**{lien_pdf('Télécharger le certificat', certificat_pdf(id))}** : "
                         "une page A4, avec les logos et la mention de cofinancement, à "
                         "signer.\n\n"
                         '<button type="button" class="md-button md-button--primary" '
                         'data-commun-imprimer>Imprimer le certificat</button>')
        else:
            ecran.append(admonition("info", "Pas encore de certificat", "Aucune présence de ce "
                                    "CCAS n'est notée dans une feuille de présence validée : le "
                                    "certificat s'établit après le premier labo."))
        ecran += self._avertissements()
        corps = [
            f'<div class="commun-certificat__logos" markdown>\n\n{logos}\n\n</div>'
            if logos else "",
            f'<p class="commun-certificat__programme">Programme {programme}'
            + (f" — {texte(site.porteur)}" if site.porteur else "") + "</p>",
            f"# Certificat d'assiduité — {texte(c.libelle)}",
        ]
        if a.labos:
            lignes = ["| Labo | Dates du labo | Jours de présence | Participants |",
                      "|---|---|---|---|"]
            for l in a.labos:
                if l.presence is None:  # suivi.assiduite ne garde que les labos notés
                    continue
                sur = f" sur {l.jours_du_labo}" if l.jours_du_labo else ""
                lignes.append(
                    f"| {texte(self.config.labos[l.labo].nom)} | "
                    f"{periode(l.debut, l.fin) if l.debut and l.fin else '—'} | "
                    f"{len(l.presence.jours)}{sur} : {jours(l.presence.jours)} "
                    f"| {l.presence.participants} |")
            corps += [
                f"La coordination du programme {programme} certifie que l'équipe projet du "
                f"**{texte(c.libelle)}** a participé aux labos suivants de la formation-action, "
                "ateliers de design et forum collectif réunissant les CCAS du territoire :",
                "\n".join(lignes),
                f"**Soit {_pluriel(len(a.labos), 'labo')} et "
                f"{_pluriel(a.jours_presents, 'jour')} de présence"
                + (f" sur {_pluriel(a.jours_de_labo, 'jour')} de labo.**"
                   if all(l.jours_du_labo for l in a.labos) else ".**"),
                '<div class="commun-certificat__signature" markdown>\n\n'
                "Fait à ……………………………………, le ……………………………………\n\n"
                "Pour la coordination du programme, signature et cachet :\n\n</div>",
            ]
        else:
            corps.append("*Aucune présence notée pour l'instant.*")
        if site.cofinancement:
            corps.append(f'<p class="commun-certificat__mention">{texte(site.cofinancement)}</p>')
        source = f"{site.url}{certificat_de(id).removesuffix('.md')}/" if site.url else ""
        corps.append('<p class="commun-certificat__source">Établi d\'après les feuilles de '
                     f"présence validées du commun{f' : {html.escape(source)}' if source else ''}"
                     ".</p>")
        return ('<div class="commun-ecran" markdown>\n\n' + "\n\n".join(ecran) + "\n\n</div>\n\n"
                '<div class="commun-certificat" markdown>\n\n'
                + "\n\n".join(p for p in corps if p) + "\n\n</div>\n")

    # --- Données ouvertes ------------------------------------------------------------------------

    def donnees(self) -> str:
        base = self.site.url
        lignes = []
        for f in donnees.FICHIERS:
            lien_ = _a(posixpath.relpath(f.chemin, "donnees"), f.chemin, type=f.type_mime)
            adresse = f"  \n  `{base}{f.chemin}`" if base else ""
            lignes.append(f"- **{lien_}** ({f.format}) — {texte(f.description)}{adresse}")
        nom, url = v.LICENCES.get(self.site.licence_contenu,
                                  (self.site.licence_contenu, ""))
        factice = donnees.Adresses(page=lambda s: s, fichier=lambda s: s)
        colonnes = {
            donnees.FICHES_CSV.chemin: donnees.colonnes_fiches(self.corpus, factice),
            donnees.OUTILS_CSV.chemin: donnees.colonnes_outils(self.corpus, factice),
        }
        parties = [
            "# Données ouvertes",
            '<p class="commun-resume">Le contenu du commun en fichiers que d\'autres outils '
            "peuvent lire : un tableur, un agenda, un lecteur de flux, un autre site.</p>",
            "Ces fichiers sont refaits à chaque publication et ne contiennent **que le contenu "
            f"validé**. Ils sont publiés sous licence [{texte(nom)}]({url}), sauf mention "
            "contraire sur un élément. Leurs adresses ne changent pas d'une version à l'autre.",
            "\n".join(lignes),
            "## Les fichiers CSV",
            "Encodage UTF-8, séparateur virgule, une ligne d'en-tête, une ligne par élément. Dans "
            "une cellule, les valeurs multiples sont séparées par « ; ». Un texte qui commencerait "
            "par « = », « + », « - » ou « @ » est précédé d'une apostrophe, pour qu'un tableur ne "
            "le prenne pas pour une formule. Pour ouvrir un CSV dans Excel : *Données › À partir "
            "d'un fichier texte/CSV*, origine « UTF-8 ».",
        ]
        for chemin, cols in colonnes.items():
            table = ["| Colonne | Contenu |", "|---|---|"]
            table += [f"| `{c.nom}` | {texte(c.description)} |" for c in cols]
            parties += [f"### {chemin.split('/')[-1]}", "\n".join(table)]
        parties += [
            "## Le catalogue JSON",
            f"Le fichier {_a('catalogue.json', 'catalogue.json')} réunit tout : les fiches "
            "(`fiches`), les outils (`outils`), les comptes rendus de labo (`comptes_rendus`) et "
            "les feuilles de présence (`presences` : par labo, chaque CCAS présent, ses jours et "
            "le nombre de personnes venues, jamais de noms). Chaque élément porte son adresse "
            "sur le site (`url`) et son fichier source (`source`). Le schéma "
            f"{_a('catalogue.schema.json', 'catalogue.schema.json')} décrit chaque champ ; un "
            "élément qui cite un contenu non publié ne le nomme pas.",
            "## Le flux Atom",
            f"{_a('../flux.xml', 'flux.xml')} annonce les fiches projets et les outils, du plus "
            "récemment mis à jour au plus ancien (date `mis_a_jour` ; un élément sans cette date "
            "n'y figure pas). Abonnez-vous-y dans un lecteur de flux pour suivre les nouveautés.",
            "## Le calendrier",
            f"{_a('../labos.ics', 'labos.ics')} contient les labos et les intersessions, en "
            f"journées entières. Voir aussi [le calendrier](/{CALENDRIER}).",
        ]
        return "\n\n".join(parties) + "\n"


def pages(corpus: Corpus) -> dict[str, Callable[[], str]]:
    """Les pages du suivi : chemin de page → fonction qui rend son Markdown."""
    p = PagesSuivi(corpus)
    resultat: dict[str, Callable[[], str]] = {
        TABLEAU_DE_BORD: p.tableau_de_bord,
        CALENDRIER: p.calendrier,
        DONNEES: p.donnees,
        CERTIFICATS: p.index_certificats,
        QUESTIONS: p.questions,
    }
    for c in corpus.sans_exemples().configuration.ccas:  # pas de certificat fictif
        resultat[certificat_de(c)] = partial(p.certificat, c)
    return resultat
