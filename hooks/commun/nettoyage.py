"""Le filet du HTML : tout ce qu'une page du site montre passe par ``nettoyer`` (Ammonia, par
``nh3``) avant d'entrer dans le thème, et tout titre par ``texte``.

Le contenu contribué est d'abord contrôlé à l'entrée (``commun.surete`` : un fichier qui écrit
du HTML ou un lien interdits n'est pas publié). Ce module est le filet derrière ce contrôle :
même si un texte contribué passait la vérification, ou arrivait dans une page par un autre chemin
(un titre dans une table des matières, une feuille de route recopiée sur la page d'un CCAS, le
Livret), il n'y exécuterait rien. La liste est celle du HTML que le commun produit lui-même :
texte, listes, tableaux, images, enregistrements, encadrés, graphiques SVG, formulaires des
pages de ``docs/``.
Ni script, ni style, ni gestionnaire d'événement (``on…=``), ni adresse autre que ``http(s)``,
``mailto``, ``tel`` ou relative. La politique de sécurité des pages (CSP, ``hooks/theme``) est
le troisième filet.

Appelé en un seul endroit, ``hooks/surete.py``, pour chaque page du site.
"""

from __future__ import annotations

import nh3

_TEXTE = {"a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del",
          "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
          "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
          "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
          "tfoot", "th", "thead", "time", "tr", "u", "ul"}
# les consignes enregistrées d'un outil (commun.audio), lues sur la page et hors ligne
_MEDIAS = {"audio"}
# les graphiques du suivi (commun.graphiques) : dessinés au build, sans script
_SVG = {"svg", "g", "rect", "text", "title", "desc", "line", "path", "circle", "tspan"}
# les formulaires des pages de docs/ (recherche, « Proposer une fiche »), le bouton d'impression
_FORMULAIRES = {"button", "fieldset", "form", "input", "label", "legend", "noscript", "option",
                "progress", "select", "textarea"}
BALISES = frozenset(_TEXTE | _SVG | _FORMULAIRES | _MEDIAS)

ATTRIBUTS: dict[str, set[str]] = {
    "*": {"id", "class", "title", "hidden", "role", "tabindex", "lang"},
    "a": {"href", "download", "rel", "target", "type"},
    "img": {"src", "alt", "width", "height", "loading"},
    "audio": {"src", "controls", "preload"},
    "ol": {"start"}, "details": {"open"}, "time": {"datetime"},
    "th": {"scope", "colspan", "rowspan", "style"}, "td": {"colspan", "rowspan", "style"},
    "svg": {"viewBox", "width", "height", "xmlns", "focusable", "preserveAspectRatio"},
    "g": {"transform"},
    "rect": {"x", "y", "width", "height", "fill", "rx"},
    "text": {"x", "y", "dx", "dy", "fill", "font-size", "text-anchor", "dominant-baseline"},
    "tspan": {"x", "y", "dx", "dy"},
    "line": {"x1", "y1", "x2", "y2", "stroke", "stroke-width"},
    "path": {"d", "fill", "stroke", "stroke-width", "transform"},
    "circle": {"cx", "cy", "r", "fill", "stroke"},
    "button": {"type", "disabled"},
    "form": {"method", "novalidate"},  # jamais « action » : un formulaire ne part nulle part
    "input": {"type", "name", "value", "placeholder", "required", "autocomplete",
              "spellcheck", "checked", "disabled", "min", "max", "step", "inputmode"},
    "select": {"name", "required", "multiple"},
    "option": {"value", "selected", "disabled"},
    "textarea": {"name", "rows", "required", "placeholder", "spellcheck"},
    "label": {"for"},
    "progress": {"max", "value"},
}
SCHEMAS = {"http", "https", "mailto", "tel"}

# Des identifiants que le thème cherche dans la page (« __config », « md-… ») : un élément du
# contenu qui les prendrait passerait avant ceux du thème (« DOM clobbering »).
_IDS_DU_THEME = ("__", "md-")


def _filtre(balise: str, attribut: str, valeur: str) -> str | None:
    if attribut in ("id", "for") and valeur.startswith(_IDS_DU_THEME):
        return None
    if attribut == "target" and valeur != "_blank":
        return None
    return valeur


_PAGE = nh3.Cleaner(  # les commentaires restent : repères des hooks (hors_ligne)
    tags=set(BALISES), attributes=ATTRIBUTS, url_schemes=SCHEMAS, link_rel=None,
    generic_attribute_prefixes={"aria-", "data-"}, attribute_filter=_filtre,
    filter_style_properties={"text-align"}, strip_comments=False)
_SANS_BALISE = nh3.Cleaner(tags=set(), attributes={}, strip_comments=True)


def nettoyer(code_html: str) -> str:
    """Le HTML d'une page, réduit à ce que la liste permet (le reste est retiré, son texte
    gardé ; le contenu de ``<script>`` et ``<style>`` est retiré avec eux)."""
    return _PAGE.clean(code_html)


def texte(code_html: str) -> str:
    """Un titre (table des matières, titre de page, description) : son texte seul, échappé,
    prêt à entrer dans du HTML, entre balises ou entre guillemets d'un attribut (le thème met
    la description dans ``<meta content="…">``). Sans effet sur un texte déjà échappé."""
    return _SANS_BALISE.clean(code_html).replace('"', "&quot;").replace("'", "&#x27;")
