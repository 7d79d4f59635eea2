"""Les PDF déposés dans le contenu, lus par qpdf (``pikepdf``) : ce qui s'y exécuterait chez le
lecteur, ou qui échapperait au contrôle, est refusé.

Pourquoi un vrai lecteur de PDF, et pas une recherche de « /JavaScript » dans les octets : un nom
PDF peut s'écrire avec des échappements (« /J#61vaScript »), et les objets d'un PDF récent sont
compressés dans des flux d'objets, illisibles tels quels. qpdf lit le fichier comme le ferait un
lecteur de PDF : il décompresse les flux d'objets et décode les noms ; on parcourt ensuite chaque
objet une fois (ceux qu'on atteint depuis le document, puis ceux qui ne sont reliés à rien).

Refusé : le script (JavaScript, où qu'il soit), les actions qui lancent, ouvrent ou envoient
quelque chose (``ACTIONS``), les fichiers embarqués, les formulaires XFA, le multimédia
« RichMedia ». Une action d'ouverture (``/OpenAction``) ou automatique (``/AA``) qui mène
seulement à une page passe : c'est l'ordinaire d'un PDF. Un PDF protégé, abîmé ou démesuré ne
peut pas être vérifié : il est refusé aussi.

Le travail est borné : le fichier fait 2 Mo au plus (``surete``), qpdf ne décompresse pas plus de
``DECOMPRESSION_MAX`` octets par flux (un flux d'objets piégé de quelques Ko en ferait des Go), et
le parcours s'arrête au-delà de ``OBJETS_MAX`` objets ou ``ELEMENTS_MAX`` éléments. Les flux
eux-mêmes (le dessin des pages, les images) ne sont pas décodés : ils ne contiennent pas
d'action.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pikepdf
from pikepdf import ObjectType
from pikepdf.settings import set_qpdf_limits

OBJETS_MAX = 100_000          # objets du PDF (un rapport ordinaire en a quelques milliers)
ELEMENTS_MAX = 1_000_000      # clés et éléments de tableau parcourus, en tout (1 s environ)
DECOMPRESSION_MAX = 5_000_000  # octets par flux décompressé (un flux d'objets : quelques Ko)

# Ce qu'on refuse, par catégorie (dans l'ordre des messages) : ce qui a été trouvé, pourquoi
# c'est refusé, et comment obtenir un PDF acceptable.
REENREGISTRER = ("réenregistrez-le avec « Imprimer → Enregistrer au format PDF » (ou « Microsoft "
                 "Print to PDF »), qui n'en garde que les pages")
CATEGORIES: dict[str, tuple[str, str, str]] = {
    "script": ("un script JavaScript", "il s'exécuterait chez le lecteur", REENREGISTRER),
    "commande": ("une commande qui lance un programme ou ouvre un autre fichier",
                 "elle agirait sur l'ordinateur du lecteur", REENREGISTRER),
    "envoi": ("un formulaire qui envoie ou importe des données",
              "il pourrait envoyer ailleurs ce que saisit le lecteur", REENREGISTRER),
    "fichier": ("un fichier embarqué, caché dans le PDF",
                "il serait publié sans être vérifié",
                "déposez-le à part s'il doit être publié, et réenregistrez le PDF avec "
                "« Imprimer → Enregistrer au format PDF » (la copie n'emporte pas les pièces "
                "jointes)"),
    "xfa": ("un formulaire dynamique XFA",
            "il contient du script, et la plupart des lecteurs ne l'affichent pas",
            "ouvrez-le dans Adobe Acrobat Reader et réenregistrez-le avec « Imprimer → "
            "Microsoft Print to PDF » (ou « Enregistrer au format PDF »)"),
    "multimedia": ("un contenu multimédia interactif, type Flash",
                   "il exécute du code dans le lecteur", REENREGISTRER),
}
# Les actions refusées (valeur de /S d'un dictionnaire d'action), où qu'elles soient : ouverture
# du document (/OpenAction), action automatique (/AA) d'une page, d'un champ ou d'une
# annotation, lien (/A), suite d'une autre action (/Next)…
ACTIONS = {
    "/JavaScript": "script",
    "/Launch": "commande", "/GoToR": "commande", "/GoToE": "commande",
    "/SubmitForm": "envoi", "/ImportData": "envoi",
    "/RichMediaExecute": "multimedia",
}
# Les clés refusées, dans quelque dictionnaire que ce soit (/JS : le script d'une action, même
# d'une action /Rendition ; /JavaScript : les scripts du document, dans /Names).
CLES = {
    "/JS": "script", "/JavaScript": "script",
    "/EmbeddedFiles": "fichier", "/EF": "fichier",
    "/XFA": "xfa",
    "/RichMediaContent": "multimedia", "/RichMediaSettings": "multimedia",
}
TYPES = {"/EmbeddedFile": "fichier"}                              # valeur de /Type
SOUS_TYPES = {"/FileAttachment": "fichier", "/RichMedia": "multimedia"}  # valeur de /Subtype

PROTEGE = ("ce PDF est protégé (mot de passe ou chiffrement) et ne peut pas être vérifié : "
           "ouvrez-le, puis enregistrez-en une copie sans protection avec « Imprimer → "
           "Enregistrer au format PDF »")
ILLISIBLE = ("ce PDF est abîmé, incomplet ou trop complexe pour être vérifié : réenregistrez-le "
             "depuis le logiciel qui l'a créé (ou avec « Imprimer → Enregistrer au format PDF ») "
             "et déposez-le à nouveau")


class TropComplexe(Exception):
    """Le parcours dépasse ``OBJETS_MAX`` objets ou ``ELEMENTS_MAX`` éléments."""


def problemes(pdf: bytes | Path) -> list[str]:
    """Les problèmes d'un PDF (son contenu, ou son chemin), un message par catégorie
    (``CATEGORIES``), ou un seul message s'il est protégé ou ne peut pas être lu en entier."""
    donnees = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    # qpdf n'a de limites que pour tout le processus : posées le temps de lire, puis remises
    avant = set_qpdf_limits(flate_max_memory=DECOMPRESSION_MAX)
    try:
        # sans réparation : un fichier abîmé, que chaque lecteur réparerait à sa façon, pourrait
        # ne pas montrer au lecteur ce que qpdf a vérifié
        with pikepdf.open(io.BytesIO(donnees), attempt_recovery=False) as document, \
                pikepdf.explicit_conversion():  # des objets PDF, jamais des int ou des bool
            if document.is_encrypted:
                return [PROTEGE]
            trouves = _parcourir(document)
    except pikepdf.PasswordError:
        return [PROTEGE]
    except (pikepdf.PdfError, TropComplexe, RuntimeError, ValueError, TypeError):
        # ce que qpdf lève sur un fichier abîmé ou piégé : refusé, jamais une trace Python
        return [ILLISIBLE]
    finally:
        # le retour au réglage d'avant que documente pikepdf ; son dict[str, int | bool] ne
        # peut pas dire à mypy quel nom porte un entier et lequel un booléen
        set_qpdf_limits(**avant)  # type: ignore[arg-type]
    return [f"ce PDF contient {quoi} ({', '.join(sorted(trouves[categorie]))}) : {pourquoi} ; "
            f"{remede}" for categorie, (quoi, pourquoi, remede) in CATEGORIES.items()
            if categorie in trouves]


def _parcourir(document: pikepdf.Pdf) -> dict[str, set[str]]:
    """Catégorie → noms PDF trouvés, en visitant chaque objet une fois : depuis le « trailer »
    (la racine du document), puis ceux qui ne sont reliés à rien. Un objet indirect (« 12 0 R »)
    n'est suivi que la première fois : un cycle de références ne fait pas tourner en rond."""
    if len(document.objects) > OBJETS_MAX:
        raise TropComplexe
    trouves: dict[str, set[str]] = {}
    vus: set[tuple[int, int]] = set()
    elements = 0

    def noter(categorie: str, nom: str) -> None:
        trouves.setdefault(categorie, set()).add(nom)

    def racines() -> Iterator[pikepdf.Object]:
        yield document.trailer
        yield from document.objects

    for racine in racines():
        pile = [racine]
        while pile:
            objet = pile.pop()
            if objet.is_indirect:
                if objet.objgen in vus:
                    continue
                vus.add(objet.objgen)
            type_objet = objet._type_code  # ce que lit isinstance() de pikepdf, en plus rapide
            if type_objet == ObjectType.array:
                enfants = list(objet)
            elif type_objet in (ObjectType.dictionary, ObjectType.stream):
                enfants = []
                for cle, valeur in objet.items():
                    if cle in CLES:
                        noter(CLES[cle], cle)
                    if valeur._type_code == ObjectType.name_:
                        nom = str(valeur)
                        categorie = (ACTIONS.get(nom) if cle == "/S" else
                                     TYPES.get(nom) if cle == "/Type" else
                                     SOUS_TYPES.get(nom) if cle == "/Subtype" else None)
                        if categorie is not None:
                            noter(categorie, nom)
                    enfants.append(valeur)
            else:
                continue
            elements += len(enfants)
            if elements > ELEMENTS_MAX:
                raise TropComplexe
            pile += [e for e in enfants if e._type_code in CONTENEURS]
    return trouves


CONTENEURS = (ObjectType.array, ObjectType.dictionary, ObjectType.stream)
