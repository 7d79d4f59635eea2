"""Un travail fait au fil du build sur l'autre cœur de la machine.

MkDocs rend les pages une à une, dans un seul processus. Deux travaux n'ont besoin que de ce
qu'on leur donne, page après page : l'index de recherche (découper chaque texte en mots) et la
copie ZIP (réécrire chaque page pour ``file://`` et la compresser). ``EnArrierePlan`` les fait
dans un processus à part, qui reçoit chaque élément par un tube pendant que le build continue,
et rend son résultat à la fin. Sur une machine à un seul cœur, le même travail se fait ici même.

Un travail est un objet avec ``ajouter(*elements)`` et ``terminer(*arguments) -> résultat``
(voir ``commun.recherche.Indexeur`` et ``commun.hors_ligne.CopieZip``). On s'en sert par
``ajouter``, ``finir`` (plus rien à ajouter : il se termine pendant que le build continue) et
``resultat`` (qui l'attend). Une erreur dans le processus à part remonte au build avec sa
trace, et le build échoue.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import subprocess
import sys
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, NoReturn


class ErreurArrierePlan(RuntimeError):
    pass


def processus_a_part() -> tuple[Any, int] | None:
    """Le contexte ``fork`` de multiprocessing et le nombre de cœurs, si la machine en a plus
    d'un et sait forker (rien à réimporter : un processus démarre tout de suite) ; sinon None,
    et le travail se fait dans ce processus-ci."""
    coeurs = os.cpu_count() or 1
    if coeurs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork"), coeurs


class EnArrierePlan:
    def __init__(self, fabrique: Callable[[], Any], nom: str) -> None:
        """``fabrique`` crée le travail dans le processus qui le fera."""
        self.nom = nom
        self.ici: Any = None
        self.resultat_ici: Any = None
        self.tube: Connection | None = None
        if (a_part := processus_a_part()) is not None:
            contexte, _ = a_part
            self.tube, autre_bout = contexte.Pipe()
            self.processus = contexte.Process(target=_travailler, args=(autre_bout, fabrique),
                                              name=f"commun-{nom}", daemon=True)
            self.processus.start()
            autre_bout.close()  # s'il meurt, le tube se ferme et on le sait
        else:
            self.ici = fabrique()

    def ajouter(self, *elements: Any) -> None:
        if self.tube is None:
            self.ici.ajouter(*elements)
            return
        try:
            self.tube.send(("ajouter", elements))
        except (BrokenPipeError, ConnectionResetError):
            self._echec()

    def finir(self, *arguments: Any) -> None:
        """Plus rien à ajouter : le travail se termine (``terminer(*arguments)``) pendant que le
        build continue ; ``resultat()`` l'attend."""
        if self.tube is None:
            self.resultat_ici = self.ici.terminer(*arguments)
            return
        try:
            self.tube.send(("terminer", arguments))
        except (BrokenPipeError, ConnectionResetError):
            self._echec()

    def resultat(self) -> Any:
        if self.tube is None:
            return self.resultat_ici
        try:
            genre, valeur = self.tube.recv()
        except (EOFError, ConnectionResetError):
            self._echec()
        self.fermer()
        if genre == "erreur":
            raise ErreurArrierePlan(f"{self.nom} : {valeur}")
        return valeur

    def fermer(self) -> None:
        """Arrête le processus : fini, il s'en va seul ; sinon (build interrompu), on l'arrête."""
        if self.tube is not None:
            self.tube.close()
            self.tube = None
            self.processus.join(timeout=2)
            if self.processus.is_alive():
                self.processus.kill()
                self.processus.join()

    def _echec(self) -> NoReturn:
        message = "le processus s'est arrêté"
        try:
            if self.tube is not None and self.tube.poll(1):
                genre, valeur = self.tube.recv()
                message = valeur if genre == "erreur" else message
        except (EOFError, OSError):
            pass
        self.fermer()
        raise ErreurArrierePlan(f"{self.nom} : {message}")


def _travailler(tube: Connection, fabrique: Callable[[], Any]) -> None:
    try:
        travail = fabrique()
        while True:
            ordre, arguments = tube.recv()
            if ordre == "ajouter":
                travail.ajouter(*arguments)
            else:
                tube.send(("resultat", travail.terminer(*arguments)))
                return
    except EOFError:  # le build s'est arrêté avant la fin
        return
    except BaseException:
        with contextlib.suppress(OSError):
            tube.send(("erreur", traceback.format_exc()))


def dans_un_python_neuf(module: str, entree: object) -> Any:
    """``python -m module`` dans un interpréteur neuf, ``entree`` sur son entrée standard
    (pickle) ; rend ce qu'il écrit sur sa sortie (pickle). Pour Typst (``commun.imprimes``,
    ``commun.canevas``) : un processus forké après un premier appel de Typst l'attendrait pour
    toujours, et un interpréteur neuf ne doit rien à ce que le processus appelant a fait avant.
    Une erreur dans l'interpréteur neuf remonte avec sa trace."""
    chemin = os.pathsep.join(p for p in (str(Path(__file__).resolve().parents[1]),
                                         os.environ.get("PYTHONPATH", "")) if p)
    fini = subprocess.run([sys.executable, "-m", module], input=pickle.dumps(entree),
                          capture_output=True, check=False, env={**os.environ,
                                                                 "PYTHONPATH": chemin})
    if fini.returncode != 0:
        raise ErreurArrierePlan(f"{module} a échoué :\n"
                                + fini.stderr.decode("utf-8", "replace")[-4000:])
    return pickle.loads(fini.stdout)
