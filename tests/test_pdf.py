"""Les PDF déposés sont lus par qpdf (``commun.pdf``) : chaque PDF piégé est fabriqué ici, avec
pikepdf ou octet par octet, et refusé avec le message exact ; les PDF ordinaires passent.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from commun import pdf
from commun.construction import construire
from conftest import RACINE, Projet, temps_de_calcul
from test_verification import lancer_verifier

# les messages, écrits en entier : ce sont les oracles
REENREGISTRER = ("réenregistrez-le avec « Imprimer → Enregistrer au format PDF » (ou « Microsoft "
                 "Print to PDF »), qui n'en garde que les pages")


def script(noms: str) -> str:
    return f"ce PDF contient un script JavaScript ({noms}) : il s'exécuterait chez le lecteur ; " \
           f"{REENREGISTRER}"


def commande(noms: str) -> str:
    return (f"ce PDF contient une commande qui lance un programme ou ouvre un autre fichier "
            f"({noms}) : elle agirait sur l'ordinateur du lecteur ; {REENREGISTRER}")


def envoi(noms: str) -> str:
    return (f"ce PDF contient un formulaire qui envoie ou importe des données ({noms}) : il "
            f"pourrait envoyer ailleurs ce que saisit le lecteur ; {REENREGISTRER}")


def fichier(noms: str) -> str:
    return (f"ce PDF contient un fichier embarqué, caché dans le PDF ({noms}) : il serait publié "
            "sans être vérifié ; déposez-le à part s'il doit être publié, et réenregistrez le PDF "
            "avec « Imprimer → Enregistrer au format PDF » (la copie n'emporte pas les pièces "
            "jointes)")


XFA = ("ce PDF contient un formulaire dynamique XFA (/XFA) : il contient du script, et la plupart "
       "des lecteurs ne l'affichent pas ; ouvrez-le dans Adobe Acrobat Reader et réenregistrez-le "
       "avec « Imprimer → Microsoft Print to PDF » (ou « Enregistrer au format PDF »)")
MULTIMEDIA = ("ce PDF contient un contenu multimédia interactif, type Flash (/RichMedia, "
              f"/RichMediaContent) : il exécute du code dans le lecteur ; {REENREGISTRER}")
PROTEGE = ("ce PDF est protégé (mot de passe ou chiffrement) et ne peut pas être vérifié : "
           "ouvrez-le, puis enregistrez-en une copie sans protection avec « Imprimer → "
           "Enregistrer au format PDF »")
ILLISIBLE = ("ce PDF est abîmé, incomplet ou trop complexe pour être vérifié : réenregistrez-le "
             "depuis le logiciel qui l'a créé (ou avec « Imprimer → Enregistrer au format PDF ») "
             "et déposez-le à nouveau")


# --- Fabriquer des PDF ----------------------------------------------------------------------------

def une_page() -> pikepdf.Pdf:
    document = pikepdf.new()
    document.add_blank_page()
    return document


def octets(document: pikepdf.Pdf, **options) -> bytes:
    sortie = io.BytesIO()
    document.save(sortie, **options)
    return sortie.getvalue()


def a_la_main(*objets: bytes) -> bytes:
    """Un PDF écrit octet par octet (l'objet n° 1 est le catalogue), avec une table des objets
    juste : de quoi écrire un nom comme pikepdf ne l'écrirait jamais."""
    sortie = bytearray(b"%PDF-1.4\n")
    positions = []
    for numero, corps in enumerate(objets, 1):
        positions.append(len(sortie))
        sortie += b"%d 0 obj %s endobj\n" % (numero, corps)
    table = len(sortie)
    sortie += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objets) + 1)
    sortie += b"".join(b"%010d 00000 n \n" % position for position in positions)
    sortie += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objets) + 1, table)
    return bytes(sortie)


def action_js(document: pikepdf.Pdf) -> pikepdf.Object:
    return document.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))


def annoter(document: pikepdf.Pdf, **annotation) -> pikepdf.Object:
    objet = document.make_indirect(Dictionary(Type=Name.Annot, Rect=[0, 0, 100, 100],
                                               **annotation))
    document.pages[0].Annots = Array([objet])
    return objet


def js_a_l_ouverture() -> bytes:
    document = une_page()
    document.Root.OpenAction = action_js(document)
    return octets(document, compress_streams=False,
                  object_stream_mode=pikepdf.ObjectStreamMode.disable)


def js_nom_echappe() -> bytes:
    """« /J#61vaScript » et « /J#53 » : les noms /JavaScript et /JS, que qpdf décode (un lecteur
    de PDF aussi), mais qu'aucune recherche dans les octets ne trouve."""
    donnees = a_la_main(b"<< /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >>",
                        b"<< /Type /Pages /Kids [] /Count 0 >>",
                        b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>")
    assert b"/JavaScript" not in donnees and b"/JS" not in donnees
    with pikepdf.open(io.BytesIO(donnees), attempt_recovery=False) as document:
        assert Name.JavaScript == document.Root.OpenAction.S  # lu sans réparation
    return donnees


def js_dans_un_flux_d_objets() -> bytes:
    """Les scripts du document (/Names /JavaScript), compressés dans un flux d'objets."""
    document = une_page()
    document.Root.Names = Dictionary(JavaScript=Dictionary(
        Names=Array([String("ouverture"), action_js(document)])))
    donnees = octets(document, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                     compress_streams=True)
    assert b"JavaScript" not in donnees and b"JS" not in donnees
    return donnees


def lancement_sur_un_lien() -> bytes:
    document = une_page()
    annoter(document, Subtype=Name.Link,
            A=Dictionary(S=Name.Launch, F=String("C:\\Windows\\System32\\calc.exe")))
    return octets(document)


def action_automatique_d_une_page() -> bytes:
    document = une_page()
    document.pages[0].AA = Dictionary(O=action_js(document))  # à l'ouverture de la page
    return octets(document)


def envoi_par_un_bouton() -> bytes:
    document = une_page()
    bouton = annoter(document, Subtype=Name.Widget, FT=Name.Btn, T=String("envoyer"),
                     A=Dictionary(S=Name.SubmitForm, F=String("https://exemple.invalid/collecte")))
    document.Root.AcroForm = Dictionary(Fields=Array([bouton]))
    return octets(document)


def action_en_chaine() -> bytes:
    """Une action ordinaire suivie (/Next) d'une action qui ouvre un autre PDF."""
    document = une_page()
    document.Root.OpenAction = Dictionary(S=Name.GoTo, D=Array([document.pages[0].obj, Name.Fit]),
                                          Next=Dictionary(S=Name.GoToR, F=String("autre.pdf"),
                                                          D=Array([0, Name.Fit])))
    return octets(document)


def piece_jointe() -> bytes:
    document = une_page()
    # (les annotations de pikepdf rendent obligatoires des arguments qui ont une valeur par
    # défaut : filename, description, mime_type, dates ; de même plus bas)
    document.attachments["tableau.xlsx"] = pikepdf.AttachedFileSpec(  # type: ignore[call-arg]
        document, b"PK\x03\x04")
    return octets(document)


def annotation_piece_jointe() -> bytes:
    document = une_page()
    annoter(document, Subtype=Name.FileAttachment,
            FS=pikepdf.AttachedFileSpec(  # type: ignore[call-arg]
                document, b"MZ", filename="outil.exe").obj)
    return octets(document)


def formulaire_xfa() -> bytes:
    document = une_page()
    document.Root.AcroForm = Dictionary(Fields=Array(), XFA=document.make_stream(b"<xdp:xdp/>"))
    return octets(document)


def contenu_riche() -> bytes:
    document = une_page()
    annoter(document, Subtype=Name.RichMedia, RichMediaContent=Dictionary(
        Assets=Dictionary(Names=Array())))
    return octets(document)


def protege(utilisateur: str) -> Callable[[], bytes]:
    def fabriquer() -> bytes:
        return octets(une_page(), encryption=pikepdf.Encryption(owner="proprietaire",
                                                                user=utilisateur))
    return fabriquer


def tronque() -> bytes:
    donnees = octets(une_page())
    return donnees[:len(donnees) // 2]


HOSTILES: dict[str, tuple[Callable[[], bytes], list[str]]] = {
    "js-a-l-ouverture": (js_a_l_ouverture, [script("/JS, /JavaScript")]),
    "js-nom-echappe": (js_nom_echappe, [script("/JS, /JavaScript")]),
    "js-dans-un-flux-d-objets": (js_dans_un_flux_d_objets, [script("/JS, /JavaScript")]),
    "lancement-sur-un-lien": (lancement_sur_un_lien, [commande("/Launch")]),
    "action-automatique-d-une-page": (action_automatique_d_une_page,
                                      [script("/JS, /JavaScript")]),
    "envoi-par-un-bouton": (envoi_par_un_bouton, [envoi("/SubmitForm")]),
    "action-en-chaine": (action_en_chaine, [commande("/GoToR")]),
    "piece-jointe": (piece_jointe, [fichier("/EF, /EmbeddedFile, /EmbeddedFiles")]),
    "annotation-piece-jointe": (annotation_piece_jointe,
                                [fichier("/EF, /EmbeddedFile, /FileAttachment")]),
    "formulaire-xfa": (formulaire_xfa, [XFA]),
    "contenu-riche": (contenu_riche, [MULTIMEDIA]),
    "protege-par-mot-de-passe": (protege("lecteur"), [PROTEGE]),
    "protege-sans-mot-de-passe": (protege(""), [PROTEGE]),  # s'ouvre, mais chiffré
    "tronque": (tronque, [ILLISIBLE]),
    "charabia": (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 20, [ILLISIBLE]),
}


@pytest.mark.parametrize("nom", sorted(HOSTILES))
def test_pdf_hostile_refuse(nom: str) -> None:
    fabriquer, attendus = HOSTILES[nom]
    assert pdf.problemes(fabriquer()) == attendus


def test_plusieurs_problemes_un_message_chacun() -> None:
    document = une_page()
    document.Root.OpenAction = action_js(document)
    annoter(document, Subtype=Name.Link, A=Dictionary(S=Name.Launch, F=String("x.exe")))
    document.attachments["x.txt"] = pikepdf.AttachedFileSpec(  # type: ignore[call-arg]
        document, b"x")
    assert pdf.problemes(octets(document)) == [
        script("/JS, /JavaScript"), commande("/Launch"),
        fichier("/EF, /EmbeddedFile, /EmbeddedFiles")]


# --- Les PDF ordinaires passent ---------------------------------------------------------------

def ouverture_sur_la_page() -> bytes:
    document = une_page()
    document.Root.OpenAction = Array([document.pages[0].obj, Name.Fit])
    return octets(document)


def actions_ordinaires() -> bytes:
    """Aller à une page à l'ouverture, un lien vers un site, une action de page qui va à une
    page, un signet, le tout compressé : ce qu'écrit un traitement de texte."""
    document = une_page()
    document.add_blank_page()
    premiere, seconde = (p.obj for p in document.pages)
    document.Root.OpenAction = Dictionary(S=Name.GoTo, D=Array([premiere, Name.XYZ, 0, 792, 0]))
    annoter(document, Subtype=Name.Link,
            A=Dictionary(S=Name.URI, URI=String("https://www.cnil.fr/")))
    seconde.AA = Dictionary(C=Dictionary(S=Name.GoTo, D=Array([premiere, Name.Fit])))
    with document.open_outline() as plan:
        plan.root.append(pikepdf.OutlineItem("Suite", 1))
    return octets(document, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                  compress_streams=True)


def references_en_cycle() -> bytes:
    """Deux actions qui se suivent l'une l'autre (/Next) : le parcours ne tourne pas en rond."""
    document = une_page()
    premiere = document.make_indirect(Dictionary(S=Name.GoTo, D=Array([document.pages[0].obj,
                                                                       Name.Fit])))
    seconde = document.make_indirect(Dictionary(S=Name.Named, N=Name.NextPage, Next=premiere))
    premiere.Next = seconde
    document.Root.OpenAction = premiere
    return octets(document)


ORDINAIRES: dict[str, Callable[[], bytes]] = {
    "une-page": lambda: octets(une_page()),
    "ouverture-sur-la-page": ouverture_sur_la_page,
    "actions-ordinaires": actions_ordinaires,
    "references-en-cycle": references_en_cycle,
}


@pytest.mark.parametrize("nom", sorted(ORDINAIRES))
def test_pdf_ordinaire_accepte(nom: str) -> None:
    assert pdf.problemes(ORDINAIRES[nom]()) == []


def test_un_script_dans_un_cycle_est_trouve() -> None:
    document = pikepdf.open(io.BytesIO(references_en_cycle()))
    document.Root.OpenAction.Next.Next = action_js(document)  # le cycle est rompu par le script
    document.Root.OpenAction.Next.Next.Next = document.Root.OpenAction
    assert pdf.problemes(octets(document)) == [script("/JS, /JavaScript")]


# --- En temps et en mémoire bornés ---------------------------------------------------------------

def test_gros_pdf_ordinaire_en_temps_borne() -> None:
    """Près de 2 Mo (le poids maximal) de pages et de liens, comme un long rapport."""
    document = pikepdf.new()
    for i in range(1000):
        document.add_blank_page()
        document.pages[i].Annots = Array([document.make_indirect(Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=[0, 10 * j, 100, 10 * j + 8],
            A=Dictionary(S=Name.URI, URI=String(f"https://exemple.fr/page-{i}-{j}"))))
            for j in range(10)])
    donnees = octets(document, compress_streams=False,
                     object_stream_mode=pikepdf.ObjectStreamMode.disable)
    assert 1_500_000 < len(donnees) < 2_000_000
    debut = temps_de_calcul()
    assert pdf.problemes(donnees) == []
    assert temps_de_calcul() - debut < 2.0


def test_trop_d_elements(monkeypatch: pytest.MonkeyPatch) -> None:
    document = une_page()
    document.Root.Grand = document.make_indirect(Array(range(3000)))
    donnees = octets(document)
    assert pdf.problemes(donnees) == []
    monkeypatch.setattr(pdf, "ELEMENTS_MAX", 2000)
    assert pdf.problemes(donnees) == [ILLISIBLE]


def test_trop_d_objets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "OBJETS_MAX", 3)  # catalogue, pages, page, contenu de la page
    assert pdf.problemes(octets(une_page())) == [ILLISIBLE]


def test_limites_de_qpdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Un flux d'objets qui se décompresse en trop d'octets (une « bombe » de 2 Mo en ferait des
    Go) : qpdf s'arrête de lui-même ; ses limites sont remises comme avant ensuite."""
    document = une_page()
    document.Root.Grand = document.make_indirect(Array([0] * 20_000))
    donnees = octets(document, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                     compress_streams=True)
    assert len(donnees) < 2_000  # 40 Ko une fois décompressé
    avant = pikepdf.settings.get_qpdf_limits()
    assert pdf.problemes(donnees) == []
    monkeypatch.setattr(pdf, "DECOMPRESSION_MAX", 20_000)
    assert pdf.problemes(donnees) == [ILLISIBLE]
    assert pikepdf.settings.get_qpdf_limits() == avant


# --- Dans le commun : le contrôle que font le build et scripts/verifier.py ------------------------

@pytest.mark.lent
def test_pdf_piege_dans_une_fiche(projet: Projet) -> None:
    projet.ecrire("fiches/x.pdf", js_nom_echappe())
    projet.ecrire("fiches/ordinaire.pdf", actions_ordinaires())
    chargement = construire(projet.racine)
    assert [str(p) for p in chargement.problemes] == [
        f"fiches/x.pdf:1: {script('/JS, /JavaScript')}"]
    assert "fiches/x.pdf" not in chargement.fichiers_joints
    assert "fiches/ordinaire.pdf" in chargement.fichiers_joints
    shutil.copytree(RACINE / "scripts", projet.racine / "scripts")
    resultat = lancer_verifier(projet.racine)
    assert resultat.returncode == 1 and "Traceback" not in resultat.stderr
    assert resultat.stdout.splitlines() == [f"fiches/x.pdf:1: {script('/JS, /JavaScript')}"]
    site = projet.construire(strict=False)
    assert not (site / "fiches" / "x.pdf").exists()
    assert (site / "fiches" / "ordinaire.pdf").exists()
