"""Hook MkDocs : ce qui sert à contribuer, publié avec le site.

- ``on_files`` : les schémas JSON des en-têtes (``schemas/*.schema.json``) deviennent des
  fichiers du site, à ``/schemas/`` : les éditeurs et les outils peuvent les charger par leur
  adresse, et les pages peuvent les lier (MkDocs vérifie ces liens). Leur ``$id`` devient leur
  adresse publique (``site_url`` + ``schemas/…``).

Le formulaire « Proposer une fiche » est une macro (``formulaire_fiche``, voir
``commun.formulaire``) appelée par ``docs/proposer.md`` ; ``on_files`` publie à côté les noms
déjà pris par les fiches de chaque CCAS (``proposer/noms/<ccas>.json``), que son script lit.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from commun.chargement import apercu_demande
from commun.construction import construction_du_build
from commun.formulaire import NOMS, noms_par_ccas

DOSSIER = "schemas"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    racine = Path(config.config_file_path).resolve().parent
    # après hooks/contenu.py (plus haut dans la liste des hooks), qui a construit le commun
    publie = construction_du_build(racine, apercu=apercu_demande()).publiable
    for ccas, noms in noms_par_ccas(publie).items():
        files.append(File.generated(config, f"{NOMS}/{ccas}.json",
                                    content=json.dumps(noms, separators=(",", ":"))))
    source = racine / DOSSIER
    if not source.is_dir():
        return files
    for chemin in sorted(source.glob("*.schema.json")):
        src_uri = f"{DOSSIER}/{chemin.name}"
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} masquerait le schéma publié {src_uri} : "
                              "supprimez-le de docs/")
        schema = json.loads(chemin.read_text(encoding="utf-8"))
        if config.site_url:
            schema["$id"] = config.site_url.rstrip("/") + f"/{src_uri}"
        files.append(File.generated(
            config, src_uri, content=json.dumps(schema, ensure_ascii=False, indent=2) + "\n"))
    return files
