"""Hook MkDocs : les macros du commun (``commun.macros``) dans les pages écrites à la main.

Une page de ``docs/`` qui écrit ``render_macros: true`` dans son en-tête est un gabarit Jinja,
rendu dans un bac à sable (``jinja2.sandbox``) où n'existent que les macros du commun : ni
``config``, ni ``environment``, ni attribut interne (``__globals__``, ``__class__``…), ni
``include`` ; une erreur arrête le build en disant la page et la ligne. Une pull request peut
modifier une page de docs/ : elle ne doit pas pouvoir exécuter du Python au build ni lire la
configuration. Le contenu contribué (outils/, fiches/, labos/) n'est jamais un gabarit : ses
pages sont générées (pas lues dans docs/) et le schéma refuse le champ ``render_macros``.

Le commun ne passe plus par mkdocs-macros : ce plugin construit un ``jinja2.Environment``
ordinaire, donne à chaque page ``config``, ``environment``, ``plugin``, ``files`` et
``navigation``, importe ``main.py`` s'il en trouve un à la racine, et quitte le processus sur
une erreur ; aucun de ses réglages n'en fait un bac à sable.
"""

from __future__ import annotations

import operator
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from commun.chargement import apercu_demande
from commun.construction import construction_du_build
from commun.macros import macros
from commun.modele import Corpus

REPETITION_MAX = 10_000  # « "x" * n » : au-delà, c'est une façon de saturer la mémoire
EXPOSANT_MAX = 100


class BacASable(SandboxedEnvironment):
    """Jinja sans accès à Python : les macros données, les filtres de Jinja, des calculs bornés."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: jinja2.runtime.Context, op: str, gauche: Any, droite: Any
                   ) -> Any:
        if op == "**" and isinstance(droite, int) and abs(droite) > EXPOSANT_MAX:
            raise SecurityError(f"exposant trop grand ({droite}, {EXPOSANT_MAX} au plus)")
        if op == "*":
            for sequence, fois in ((gauche, droite), (droite, gauche)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(fois, int) \
                        and len(sequence) * fois > REPETITION_MAX:
                    raise SecurityError(f"répétition trop longue ({REPETITION_MAX} au plus)")
        return {"*": operator.mul, "**": operator.pow}[op](gauche, droite)


def bac_a_sable(fonctions: dict[str, Any]) -> BacASable:
    """Un environnement où les seules variables sont ``fonctions``."""
    env = BacASable(undefined=jinja2.StrictUndefined, autoescape=False, loader=None)
    env.globals.clear()  # ni range, ni cycler, ni lipsum, ni namespace : rien que nos macros
    env.globals.update(fonctions)
    return env


_etat: dict[str, Any] = {}


def on_pre_build(*, config: MkDocsConfig) -> None:
    _etat.pop("corpus", None)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if "macros" in config.plugins:
        raise PluginError("mkdocs-macros rendrait les pages sans bac à sable : retirez le plugin "
                          "« macros » de mkdocs.yml (hooks/macros.py rend les macros du commun)")
    racine = Path(config.config_file_path).resolve().parent
    apercu = apercu_demande()

    def corpus() -> Corpus:  # lu une fois par build, au premier appel d'une macro
        if _etat.get("corpus") is None:
            _etat["corpus"] = construction_du_build(racine, apercu=apercu).publiable
        return _etat["corpus"]

    _etat["env"] = bac_a_sable(macros(corpus))
    return config


@event_priority(50)  # avant les autres hooks, comme l'était le plugin
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files
                     ) -> str | None:
    if page.file.generated_by is not None or page.meta.get("render_macros") is not True:
        return None  # une page générée (dont tout le contenu contribué) n'est jamais un gabarit
    env: BacASable = _etat["env"]
    chemin = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    source = page.file.content_string.replace("\r\n", "\n")
    decalage = source[: max(len(source) - len(markdown), 0)].count("\n")
    try:
        return env.from_string(markdown).render()
    except jinja2.TemplateSyntaxError as e:
        raise PluginError(f"{chemin}:{(e.lineno or 1) + decalage}: macro mal écrite "
                          f"({e.message}) : vérifiez les « {{{{ … }}}} » et « {{% … %}} »"
                          ) from None
    except Exception as e:
        ligne = _ligne_du_gabarit(e) + decalage
        if isinstance(e, SecurityError):
            quoi = f"accès refusé par le bac à sable ({e})"
        elif isinstance(e, jinja2.UndefinedError):
            quoi = f"nom inconnu ({e.message})"
        else:
            quoi = f"erreur ({type(e).__name__} : {e})"
        possibles = ", ".join(sorted(env.globals))
        raise PluginError(f"{chemin}:{ligne}: macro refusée, {quoi} : une page ne peut appeler "
                          f"que les macros du commun ({possibles})") from None


def _ligne_du_gabarit(erreur: BaseException) -> int:
    """La ligne du gabarit où l'erreur s'est produite (Jinja la met dans la trace)."""
    ligne, trace = 1, erreur.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            ligne = trace.tb_lineno
        trace = trace.tb_next
    return ligne
