"""Les fichiers du dépôt tirés du code ou de commun.yml (schémas JSON, formulaire GitHub) :
les réécrire, ou vérifier qu'ils sont à jour (un test et la CI le font)."""

from __future__ import annotations

from pathlib import Path


def ecrire_ou_verifier(attendus: dict[Path, str], racine: Path, commande: str,
                       verifier: bool) -> int:
    """Écrit chaque fichier ; avec ``verifier``, n'écrit rien et rend 1 si l'un est périmé."""
    if verifier:
        perimes = [p for p, t in attendus.items()
                   if not p.exists() or p.read_text(encoding="utf-8") != t]
        for p in perimes:
            print(f"{p.relative_to(racine)} n'est pas à jour : lancez « {commande} »")
        return 1 if perimes else 0
    for chemin, texte in attendus.items():
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_text(texte, encoding="utf-8")
        print(f"écrit {chemin.relative_to(racine)}")
    return 0
