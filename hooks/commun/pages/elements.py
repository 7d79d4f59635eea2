"""Les éléments communs des pages générées : petits formats (dates, durées, texte échappé) et la
classe ``Pages``, qui sait faire un lien vers un objet du corpus, une liste de fiches ou
d'outils, l'en-tête et le pied d'un contenu. Chaque famille de pages (``contenus``,
``catalogues``, ``ccas``, ``labos``, ``livret``, ``programme``) en hérite.

Les liens sont écrits depuis la racine du site (« /outils/persona.md ») ; MkDocs les vérifie et
les rend relatifs (``validation.links.absolute_links: relative_to_docs``). Tout texte venu d'un
en-tête passe par ``texte()`` : il est affiché, jamais interprété.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from commun import vocabulaire as v
from commun.conversion import admonition
from commun.modele import Contenu, Corpus, Fiche, Outil, Publiable
from commun.pages.pagination import PREMIERE, PagesStables, par_publication

APERCU = 5  # fiches montrées par rubrique dans les catalogues
EXTRAIT = 12  # au-delà, une page (outil, CCAS, labo) montre les plus récentes et renvoie à la liste

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


HORS_RECHERCHE = "commun-hors-recherche"  # lu par hooks/recherche.py


def hors_recherche(markdown: str) -> str:
    """Une liste que l'index de recherche ne lit pas (les fiches d'un CCAS, d'une thématique,
    la chronologie…) : chaque fiche y est déjà par sa propre page, et une liste qui change à
    chaque fiche publiée ferait changer les fichiers d'index de tous ses mots, à retélécharger
    par chaque téléphone (« Mettre à jour »)."""
    return f'<div class="{HORS_RECHERCHE}" markdown>\n\n{markdown}\n\n</div>'


def meta(lignes: Iterable[tuple[str, str]]) -> str:
    """Le bloc des métadonnées d'une page (libellé : valeur)."""
    items = "\n".join(f"- **{libelle}** : {valeur}" for libelle, valeur in lignes if valeur)
    return f'<div class="commun-meta" markdown>\n\n{items}\n\n</div>'


class Pages:
    """Les pages d'un corpus déjà filtré pour la publication : ce que toutes les familles
    partagent."""

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
        return (f'<div class="commun-pied" markdown>\n\n{self.provenance(contenu)}{maj}'
                f"Publié sous licence {licence}. [Fichier source]({source}).\n\n</div>")

    def provenance(self, contenu: Contenu) -> str:
        """« Validé par la coordination…, le 5 décembre 2026. » : qui a permis la publication."""
        dit = self.provenance_de(contenu) if contenu.valide else ""
        return f"{dit} " if dit else ""

    def provenance_de(self, element: Publiable) -> str:
        qui = self.config.validateurs.get(element.valide_par)
        if qui is None:
            return ""
        mention = f" ({texte(qui.mention)})" if qui.mention else ""
        return f"Validé par {texte(qui.nom)}{mention}, le {date(element.valide_le)}."

    def liste_fiches(self, fiches: Iterable[Fiche], *, avec_ccas: bool = True,
                     avec_thematique: bool = False) -> str:
        lignes = []
        for f in fiches:
            details = infos(
                texte(self.config.ccas[f.ccas].nom) if avec_ccas else "",
                texte(self.config.thematiques[f.thematique].nom) if avec_thematique else "",
                v.ETATS[f.etat].libelle, f.priorite, "exemple" if f.exemple else "")
            lignes.append(f"- {lien(f.titre, f.src_uri)}  \n  {details}")
        return hors_recherche("\n".join(lignes)) if lignes else "*Aucune fiche pour l'instant.*"

    def liste_outils(self, outils: Iterable[Outil]) -> str:
        lignes = []
        for o in outils:
            details = infos(v.TYPES_OUTIL[o.type].libelle, duree(o.duree_minutes),
                            participants(o), v.DIFFICULTES[o.difficulte].libelle.lower())
            lignes.append(f"- **{lien(o.titre, o.src_uri)}** — {texte(o.resume)}  \n  {details}")
        return "\n".join(lignes) or "*Aucun outil pour l'instant.*"


    def recentes(self, fiches: list[Fiche], n: int = APERCU) -> list[Fiche]:
        return sorted(fiches, key=lambda f: f.mis_a_jour or "", reverse=True)[:n]

    def extrait(self, fiches: list[Fiche], liste: str) -> list[Fiche]:
        """L'extrait d'une longue liste sur la page d'un outil ou d'un labo : toutes ses fiches
        jusqu'à ``EXTRAIT`` (les plus récentes d'abord) ; au-delà, les ``EXTRAIT`` premières
        publiées, et le lien vers la liste entière, sans son nombre. Une fiche publiée ne change
        alors plus ces pages (ni leur copie sur un téléphone), seulement la liste."""
        if len(fiches) <= EXTRAIT:
            return self.recentes(fiches, EXTRAIT)
        return list(en_pages(liste, fiches).elements[:EXTRAIT])

    @staticmethod
    def lien_liste(fiches: list[Fiche], liste: str, quoi: str) -> str:
        """« Toutes les fiches…, les plus récentes d'abord », sous un extrait (voir plus haut)."""
        if len(fiches) <= EXTRAIT:
            return ""
        return f"- [Toutes les fiches {quoi}, les plus récentes d'abord](/{liste}.md)"

    def page_liste(self, titre: str, base: str, retour: str, fiches: list[Fiche],
                   numero: int, **options: bool) -> str:
        """Une page d'une longue liste de fiches (``base``, ``base/page-1``…), les plus récentes
        d'abord ; le nombre de fiches n'est que sur la première page : une page d'archive ne
        change pas quand une fiche est publiée (``PagesStables``)."""
        pages = en_pages(base, fiches)
        premiere = numero == PREMIERE
        return "\n\n".join([
            f"# {titre}" + ("" if premiere else f" — page {numero}"),
            f"{len(fiches)} fiches, les plus récemment publiées d'abord. {retour}" if premiere
            else retour,
            self.liste_fiches(pages.tranche(numero), **options),
            pages.liens(numero),
        ]) + "\n"


def en_pages(base: str, fiches: list[Fiche]) -> PagesStables[Fiche]:
    """Une longue liste de fiches en pages stables, de la plus anciennement publiée (validée) à
    la plus récente ; en aperçu, un brouillon compte à sa date de mise à jour."""
    return PagesStables(base, par_publication(fiches, lambda f: f.publie_le,
                                              lambda f: f.id))
