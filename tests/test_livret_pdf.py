"""Le Livret du Labo et les certificats en PDF (``commun.imprimes``, gabarits Typst) : ce qu'un
lecteur trouve dans les fichiers, lu par pypdf (pages, signets, texte, liens), sur de petits
communs en mémoire ; puis un site construit, qui les publie et les annonce."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from commun import imprimes
from commun.modele import Ccas, Corpus, FeuillePresence, Fiche, Logo, Outil, Presence
from commun.pages import livret
from commun.telechargements import LIVRET, certificat_pdf, volume_pdf
from conftest import Projet
from outils import (
    CORPS_FICHE,
    PROVENANCE,
    SITE,
    configuration_minimale,
    corpus_minimal,
    fiche,
    outil,
)

RACINE = Path(__file__).resolve().parents[1]
DOCS = RACINE / "docs"  # le logo du commun et l'emblème de l'Union européenne
MOMENT = datetime(2026, 12, 5, 10, 30, tzinfo=UTC)
SITE_UE = replace(SITE, programme="PROGRAMME D'ESSAI", porteur="Union d'essai",
                  cofinancement="Cofinancé par l'Union européenne — Fonds social européen",
                  logos=(Logo("assets/logos/le-commun.svg", "Logo d'essai"),))


def corpus_ue(**champs: object) -> Corpus:
    corpus = corpus_minimal(**champs)  # type: ignore[arg-type]
    return replace(corpus, configuration=replace(corpus.configuration, site=SITE_UE))


def imprimer(corpus: Corpus) -> dict[str, imprimes.Imprime]:
    return {i.chemin: i for i in imprimes.imprimer(corpus, DOCS, MOMENT)}


def lire(imprime: imprimes.Imprime) -> PdfReader:
    return PdfReader(io.BytesIO(imprime.octets))


def texte(lecteur: PdfReader, numero: int) -> str:
    """Le texte d'une page (numéro à partir de 0), espaces réduits (insécables compris)."""
    brut = lecteur.pages[numero].extract_text() or ""
    return " ".join(unicodedata.normalize("NFKC", brut).split())


def signets(lecteur: PdfReader) -> list[tuple[int, str, int]]:
    """(profondeur, titre, numéro de page) de chaque signet, dans l'ordre."""
    resultat: list[tuple[int, str, int]] = []

    def parcourir(noeuds: list, profondeur: int) -> None:
        for n in noeuds:
            if isinstance(n, list):
                parcourir(n, profondeur + 1)
            else:
                assert isinstance(n, Destination)
                numero = lecteur.get_destination_page_number(n)
                assert numero is not None
                resultat.append((profondeur, n.title or "", numero))

    parcourir(lecteur.outline, 0)
    return resultat


def liens(lecteur: PdfReader) -> list[tuple[int, str]]:
    """(numéro de page, adresse) de chaque lien vers le web."""
    trouves = []
    for numero, page in enumerate(lecteur.pages):
        for annotation in page.get("/Annots") or []:
            a = annotation.get_object()
            if a.get("/Subtype") == "/Link" and "/URI" in (a.get("/A") or {}):
                trouves.append((numero, str(a["/A"]["/URI"])))
    return trouves


# --- Le Livret d'un seul tenant -----------------------------------------------------------------


@pytest.fixture(scope="module")
def petit_livret() -> tuple[Corpus, PdfReader, imprimes.Imprime]:
    corpus = corpus_ue(outils=[outil(), outil("persona", titre="Portrait type",
                                               resume="Un portrait d'usager.", phase="imaginer")],
                       fiches=[fiche(valide_le="2026-11-20"),
                               fiche("acoua-jardin", titre="Jardin partagé",
                                     resume="Un jardin avec les aînés.",
                                     thematique="jeunesse-enfance-famille")])
    faits = imprimer(corpus)
    assert set(faits) == {LIVRET}  # ni volume, ni certificat sans présence
    return corpus, lire(faits[LIVRET]), faits[LIVRET]


def test_couverture_logos_et_mention_de_l_union_europeenne(
        petit_livret: tuple[Corpus, PdfReader, imprimes.Imprime]) -> None:
    _, pdf, imprime = petit_livret
    assert len(pdf.pages) == imprime.pages > 5
    couverture = texte(pdf, 0)
    for attendu in ("Livret du Labo", "Les outils et les projets du commun — Île d'essai",
                    "Programme PROGRAMME D'ESSAI — Union d'essai", "2 outils, 2 fiches projets",
                    # la date du contenu le plus récent, pas celle du build (5 décembre)
                    "Édition du 20 novembre 2026", "Cofinancé par l'Union européenne",
                    "Contenus sous licence CC-BY-SA-4.0"):
        assert attendu in couverture, attendu
    # l'emblème, dessiné : le bleu #003399 et l'or #FFDD00 de ses étoiles
    contenu = pdf.pages[0].get_contents()
    assert contenu is not None
    dessin = contenu.get_data()
    assert b"0 0.2 0.6 scn" in dessin and b"1 0.8666667 0 scn" in dessin
    assert pdf.metadata is not None and (pdf.metadata.title or "").startswith("Livret du Labo")
    assert "D:20261120" in str(pdf.metadata.get("/CreationDate"))  # celle du contenu


def test_sommaire_signets_et_numeros_de_page(
        petit_livret: tuple[Corpus, PdfReader, imprimes.Imprime]) -> None:
    corpus, pdf, imprime = petit_livret
    assert texte(pdf, 1).startswith("Sommaire")
    marques = signets(pdf)
    parties = [t for p, t, _ in marques if p == 0]
    assert parties == ["Outils — Comprendre", "Outils — Imaginer",
                       "Projets — Accès aux droits", "Projets — Jeunesse, enfance et famille"]
    elements = {t: n for p, t, n in marques if p == 1}
    assert set(elements) == {c.titre for c in corpus.contenus() if c.collection != "labos"}
    for titre in elements:  # le sommaire les nomme aussi
        assert titre in texte(pdf, 1)
    for numero in range(1, imprime.pages):  # en pied de chaque page, sauf la couverture
        assert texte(pdf, numero).endswith(f"{numero + 1} / {imprime.pages}"), numero
    assert not re.search(r"\b1 / \d+$", texte(pdf, 0))


def test_chaque_outil_et_fiche_commence_une_page_avec_son_code_qr(
        petit_livret: tuple[Corpus, PdfReader, imprimes.Imprime]) -> None:
    corpus, pdf, _ = petit_livret
    pages = {t: n for p, t, n in signets(pdf) if p == 1}
    adresses = liens(pdf)
    contenus: list[Outil | Fiche] = [*corpus.outils.values(), *corpus.fiches.values()]
    for c in contenus:
        n = pages[c.titre]
        ici, avant = texte(pdf, n), texte(pdf, n - 1)
        assert c.titre in ici[:120] and c.resume in ici, c.id
        assert c.resume not in avant, c.id  # la page d'avant est celle d'un autre contenu
        url = f"https://essai.example/{c.collection}/{c.id}/"
        assert (n, url) in adresses, c.id  # le code QR et l'adresse, cliquables
        assert url in ici
        assert "Le besoin" in ici or "Pourquoi" in ici  # le corps suit, sur la même page


def test_le_canevas_d_un_outil_suit_l_outil(tmp_path: Path) -> None:
    from commun.canevas import charger_canevas

    canevas = charger_canevas(RACINE)
    assert "arbre-problemes" in canevas
    corpus = corpus_ue(outils=[outil("arbre-problemes", titre="Arbre à problèmes")], fiches=[])
    corpus = replace(corpus, canevas={"arbre-problemes": canevas["arbre-problemes"]})
    pdf = lire(imprimer(corpus)[LIVRET])
    n = next(n for p, t, n in signets(pdf) if t == "Arbre à problèmes")
    derniere = texte(pdf, len(pdf.pages) - 1)
    assert len(pdf.pages) == n + 2  # l'outil sur une page, puis son canevas
    assert derniere.startswith("Arbre à problèmes") and "Équipe :" in derniere
    assert "https://essai.example/outils/arbre-problemes/" in derniere


# --- Les volumes ----------------------------------------------------------------------------


def test_au_dela_du_seuil_un_pdf_par_volume(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(livret, "FICHES_PAR_LIVRET", 2)
    fiches = [fiche(f"acoua-{i:03d}", titre=f"Projet {i:03d}", resume=f"Résumé {i:03d}.")
              for i in range(1, 4)] + [fiche("acoua-jeunes", titre="Projet jeunes",
                                             thematique="jeunesse-enfance-famille")]
    faits = imprimer(corpus_ue(fiches=fiches))
    assert list(faits) == [volume_pdf(n) for n in (1, 2, 3, 4)]
    attendus = [("Volume 1 sur 4 — les outils", ["Carte d'empathie"]),
                ("Volume 2 sur 4 — Accès aux droits, partie 1 sur 2", ["Projet 001", "Projet 002"]),
                ("Volume 3 sur 4 — Accès aux droits, partie 2 sur 2", ["Projet 003"]),
                ("Volume 4 sur 4 — Jeunesse, enfance et famille", ["Projet jeunes"])]
    for (titre, contenus), imprime in zip(attendus, faits.values(), strict=True):
        pdf = lire(imprime)
        assert titre in texte(pdf, 0)  # chaque volume a sa couverture…
        assert texte(pdf, 1).startswith("Sommaire")  # … et son sommaire
        assert [t for p, t, _ in signets(pdf) if p == 1] == contenus


def test_un_pdf_deja_fait_est_repris_du_cache(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    monkeypatch.setattr(livret, "FICHES_PAR_LIVRET", 2)
    fiches = [fiche(f"acoua-{i:03d}", titre=f"Projet {i:03d}", valide_le=f"2026-0{i}-01")
              for i in range(1, 4)]
    cache = tmp_path / "cache"

    def imprimer_(fiches: list[Fiche], moment: datetime) -> dict[str, imprimes.Imprime]:
        return {i.chemin: i for i in imprimes.imprimer(corpus_ue(fiches=fiches), DOCS, moment,
                                                       cache=cache)}

    premiers = imprimer_(fiches, MOMENT)
    assert sorted(p.name for p in cache.iterdir()) \
        == sorted(f"{i.empreinte}.pdf" for i in premiers.values())
    assert premiers == imprimer(corpus_ue(fiches=fiches))  # les mêmes octets qu'en le composant
    # le lendemain, les mêmes données : repris du cache (un PDF d'une page mis à la place du
    # volume 1 le prouve), avec les mêmes octets
    marque = cache / f"{premiers[volume_pdf(1)].empreinte}.pdf"
    with pikepdf.new() as factice:
        factice.add_blank_page()
        factice.save(marque)
    lendemain = imprimer_(fiches, MOMENT + timedelta(days=1))
    assert (lendemain[volume_pdf(1)].octets, lendemain[volume_pdf(1)].pages) \
        == (marque.read_bytes(), 1)
    assert lendemain[volume_pdf(2)] == premiers[volume_pdf(2)]
    # une fiche retouchée : seul son volume change, l'ancien quitte le cache
    retouche = imprimer_([*fiches[:2], replace(fiches[2], resume="Un autre résumé.")], MOMENT)
    assert [c for c in retouche if retouche[c].empreinte != lendemain[c].empreinte] \
        == [volume_pdf(3)]
    assert sorted(p.name for p in cache.iterdir()) \
        == sorted(f"{i.empreinte}.pdf" for i in retouche.values())


# --- Les certificats ----------------------------------------------------------------------------


def presences(*ccas: str, exemple: bool = False) -> FeuillePresence:
    return FeuillePresence(labo="labo-1", chemin="labos/presences/labo-1.yml", exemple=exemple,
                           validation="validé", **PROVENANCE, presences=tuple(
                               Presence(c, ("2021-10-12", "2021-10-13"), 2) for c in ccas))


def test_un_certificat_d_une_page_par_ccas_present() -> None:
    faits = imprimer(corpus_ue(presences=[presences("acoua", "udccas")]))
    assert set(faits) == {LIVRET, certificat_pdf("acoua"), certificat_pdf("udccas")}
    imprime = faits[certificat_pdf("acoua")]
    pdf = lire(imprime)
    assert len(pdf.pages) == imprime.pages == 1
    boite = pdf.pages[0].mediabox
    assert (float(boite.width), float(boite.height)) == pytest.approx((595.3, 841.9), abs=1)
    page = texte(pdf, 0)
    for attendu in ("Certificat d'assiduité", "CCAS d'Acoua", "Programme PROGRAMME D'ESSAI — "
                    "Union d'essai", "Labo 1", "du 12 au 14 octobre 2021",
                    "2 sur 3 : 12 et 13 octobre 2021",
                    "Soit 1 labo et 2 jours de présence sur 3 jours de labo.",
                    "signature et cachet", "Cofinancé par l'Union européenne",
                    "Établi d'après les feuilles de présence validées du commun"):
        assert attendu in page, attendu
    assert (0, "https://essai.example/certificats/acoua/") in liens(pdf)
    assert "Bandrélé" not in page


def test_jamais_de_certificat_pour_une_entite_fictive_ni_un_exemple() -> None:
    config = configuration_minimale()
    fictif = Ccas("exemple-sud", "CCAS fictif du Sud", fictif=True)
    config = replace(config, site=SITE_UE, ccas={**config.ccas, fictif.id: fictif})
    corpus = corpus_minimal(configuration=config, presences=[presences("exemple-sud", "acoua")])
    assert imprimes.certifies(corpus) == ["acoua"]
    exemple = corpus_minimal(configuration=config,
                             presences=[presences("acoua", exemple=True)])
    assert imprimes.certifies(exemple) == []
    assert set(imprimer(exemple)) == {LIVRET}


# --- Le texte contribué n'est jamais du code Typst ------------------------------------------------

PIEGES = ['#read("/etc/passwd")', '#import "/etc/hosts": *', "#panic(1)", "] ) }", "$ x^2 $",
          "\\", "@reference", "a < b > c", "// pas un commentaire", "= pas un titre"]


def test_un_texte_hostile_reste_du_texte() -> None:
    corps = CORPS_FICHE + "## Pièges\n\n" + "\n\n".join(
        f"Piège {i} : {p} fin." for i, p in enumerate(PIEGES)) + \
        '\n\n```\n#read("/etc/passwd")\n#eval("1 + 1")\n```\n'
    piegee = fiche(titre='Titre #read("/etc/passwd") ] $', resume="Résumé #panic() <x> @y.",
                   corps=corps)
    pdf = lire(imprimer(corpus_ue(fiches=[piegee]))[LIVRET])
    tout = " ".join(texte(pdf, n) for n in range(len(pdf.pages)))
    for i, p in enumerate(PIEGES):
        assert f"Piège {i} : {p} fin." in tout, p
    assert 'Titre #read("/etc/passwd") ] $' in tout and "Résumé #panic() <x> @y." in tout
    assert '#eval("1 + 1")' in tout
    assert "root:" not in tout  # rien n'a été lu


# --- Le site construit ------------------------------------------------------------------------


@pytest.mark.lent
def test_le_site_publie_et_annonce_les_pdf(projet: Projet) -> None:
    projet.remplacer("commun.yml", "cofinancement: Cofinancé pour l'essai",
                     "cofinancement: Cofinancé par l'Union européenne")
    site = projet.construire()
    livret_pdf = site / LIVRET
    pdf = PdfReader(livret_pdf)
    page = projet.page(site, "livret")
    n = len(pdf.pages)
    assert re.search(rf'href="../telechargements/livret.pdf">Télécharger le livret \(PDF, {n}'
                     r"\xa0pages, \d+\xa0ko\)</a>", page)
    certificat = projet.page(site, "certificats/mtsangamouji")
    assert re.search(r'href="../../telechargements/certificats/mtsangamouji.pdf">Télécharger le '
                     r"certificat \(PDF, 1\xa0page, \d+\xa0ko\)</a>", certificat)
    assert "telechargements/certificats/mtsangamouji.pdf" in projet.page(site, "certificats")
    assert len(PdfReader(site / certificat_pdf("mtsangamouji")).pages) == 1
    assert not (site / certificat_pdf("exemple-essai")).exists()
    assert not (site / certificat_pdf("bandrele")).exists()  # aucune présence notée
    with zipfile.ZipFile(site / "telechargements" / "commun-hors-ligne.zip") as copie:
        assert copie.read(f"le-commun/{LIVRET}") == livret_pdf.read_bytes()


def test_un_apercu_le_dit_sur_la_couverture_et_le_certificat() -> None:
    """En mode aperçu (brouillons compris), les PDF portent l'avertissement ; sinon, jamais."""
    corpus = replace(corpus_ue(presences=[presences("acoua")]), apercu=True)
    faits = imprimer(corpus)
    avertissement = "Aperçu : contient des brouillons non validés. Ne pas diffuser."
    assert avertissement in texte(lire(faits[LIVRET]), 0)
    assert avertissement in texte(lire(faits[certificat_pdf("acoua")]), 0)
    publie = imprimer(replace(corpus, apercu=False))
    assert avertissement not in texte(lire(publie[LIVRET]), 0)


def test_le_code_qr_d_une_page_est_repris_seul() -> None:
    """Au-delà de 300 contenus, le Livret reprend le code QR déjà dessiné sous chaque page : un
    chemin noir seul, en SVG autonome ; tout autre SVG est ignoré (le code est refait)."""
    from commun import impression

    code = imprimes.code_de_page("<p>Texte</p>" + impression.bloc("https://essai.example/x/"))
    assert code is not None and code.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
    assert code.count("<path ") == 1 and "<image" not in code
    piege = impression.bloc("https://essai.example/x/").replace(
        '<path ', '<image href="/etc/passwd"/><path ')
    assert imprimes.code_de_page(piege) is None


def test_un_corps_tres_imbrique_garde_tout_son_texte() -> None:
    """Deux cents citations ou soixante listes imbriquées : au-delà de ``PROFONDEUR``, le corps
    est aplati en texte (Typst limite la profondeur des appels), sans rien perdre."""
    corps = (CORPS_FICHE + "## Imbriqué\n\n" + "> " * 200 + "Tout au fond.\n\n"
             + "".join("  " * i + f"- niveau {i}\n" for i in range(60)) + "\n\n"
             + "".join("   " * i + f"1. rang {i}\n" for i in range(40)))
    pdf = lire(imprimer(corpus_ue(fiches=[fiche(corps=corps)]))[LIVRET])
    tout = " ".join(texte(pdf, n) for n in range(len(pdf.pages)))
    assert "Tout au fond." in tout
    assert re.findall(r"niveau (\d+)", tout) == [str(i) for i in range(60)]
    assert re.findall(r"rang (\d+)", tout) == [str(i) for i in range(40)]
