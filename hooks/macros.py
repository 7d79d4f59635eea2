"""Hook MkDocs : donne à mkdocs-macros les macros du commun (``commun.macros``).

Seules les pages de ``docs/`` qui le demandent (``render_macros: true`` dans leur en-tête) sont
rendues comme gabarits : ``render_by_default: false`` dans mkdocs.yml.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from commun.chargement import charger_en_cache
from commun.macros import macros
from commun.modele import Corpus


_memoire: dict[str, Corpus | None] = {}


def on_pre_build(*, config: MkDocsConfig) -> None:
    _memoire.clear()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get("macros")
    if plugin is None:
        raise PluginError("le plugin « macros » doit être déclaré dans mkdocs.yml")
    if plugin.config["render_by_default"]:
        raise PluginError("macros : gardez « render_by_default: false » dans mkdocs.yml, sinon "
                          "le contenu contribué serait exécuté comme un gabarit")
    racine = Path(config.config_file_path).resolve().parent
    apercu = os.environ.get("COMMUN_APERCU", "").strip().lower() in {"1", "oui", "true", "yes"}

    def corpus() -> Corpus:  # lu une fois par build, au premier appel d'une macro
        if _memoire.get("corpus") is None:
            _memoire["corpus"] = charger_en_cache(racine).corpus.publiable(apercu=apercu)
        return _memoire["corpus"]

    plugin.register_macros(macros(corpus))
    return config
