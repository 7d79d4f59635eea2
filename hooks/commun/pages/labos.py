"""La page d'un labo dont le compte rendu n'est pas encore publié, et la liste de ses fiches."""

from __future__ import annotations

from commun.pages.elements import Pages, infos, texte


class PagesLabos(Pages):
    """Les pages d'un labo sans compte rendu."""

    def page_labo(self, id: str) -> str:
        """Un labo sans compte rendu publié : ce qu'on en sait par les fiches."""
        l = self.config.labos[id]
        fiches = self.corpus.fiches_du_labo(id)
        liste = f"labos/{id}/fiches"
        toutes = self.lien_liste(fiches, liste, "de ce labo")
        return "\n\n".join([
            f"# {texte(l.nom)}",
            infos(texte(l.periode)) if l.periode else "",
            "Le compte rendu de ce labo n'est pas encore publié.",
            "## Fiches travaillées pendant ce labo",
            self.liste_fiches(self.extrait(fiches, liste), avec_thematique=True)
            + (f"\n{toutes}" if toutes else ""),
        ]) + "\n"

    def page_fiches_labo(self, id: str, numero: int = 0) -> str:  # 0 : la première page
        return self.page_liste(f"Fiches travaillées pendant {texte(self.config.labos[id].nom)}",
                               f"labos/{id}/fiches", f"Retour : {self.labo(id)}",
                               self.corpus.fiches_du_labo(id), numero, avec_thematique=True)
