"""Un petit commun construit par MkDocs dans tmp_path : on lit le HTML produit."""

from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import Abort

from conftest import Projet

pytestmark = pytest.mark.lent  # chaque test construit un site entier


def test_fiche_publiee_avec_ses_liens(projet: Projet) -> None:
    site = projet.construire()
    html = projet.page(site, "fiches/mtsangamouji-guichet")
    assert "Un guichet d'accès aux droits à M&#39;Tsangamouji" in html or \
        "Un guichet d'accès aux droits à M'Tsangamouji" in html
    assert 'href="../../ccas/mtsangamouji/"' in html
    assert 'href="../../thematiques/acces-aux-droits/"' in html
    assert 'href="../../outils/carte-empathie/"' in html  # outils utilisés
    assert 'href="../../labos/labo-1/"' in html
    assert "exemple fictif" not in html  # un fait : pas de bandeau d'exemple
    assert "Validé par la coordination du programme d" in html  # qui a permis la publication
    # « Modifier cette page » ouvre le vrai fichier source, pas docs/
    assert ('href="https://forge.example/essai/commun/edit/main/fiches/mtsangamouji-guichet.md"'
            in html)
    assert "Référente du projet, agente d&#39;accueil" in html or \
        "Référente du projet, agente d'accueil" in html


def test_outil_liste_les_fiches_qui_l_utilisent(projet: Projet) -> None:
    site = projet.construire()
    html = projet.page(site, "outils/carte-empathie")
    utilise_dans = html.split('id="utilise-dans"', 1)[1]
    assert 'href="../../fiches/mtsangamouji-guichet/"' in utilise_dans
    assert 'href="../../labos/labo-1/"' in utilise_dans
    assert "1 h" in html and "2 à 8 pers." in html
    # le prototype n'est utilisé que par un brouillon : rien de publié ne le cite
    html = projet.page(site, "outils/prototype-papier")
    assert "Aucune fiche publiée ne cite encore cet outil" in html
    assert "Projet brouillon confidentiel" not in html


def test_catalogues_et_pages_generees(projet: Projet) -> None:
    site = projet.construire()
    outils = projet.page(site, "outils")
    assert outils.index('id="comprendre"') < outils.index("carte-empathie/") \
        < outils.index('id="prototyper"') < outils.index("prototype-papier/")
    fiches = projet.page(site, "fiches")
    assert "Accès aux droits (1)" in fiches and "Jeunesse, enfance et famille (0)" in fiches
    ccas = projet.page(site, "ccas/mtsangamouji")
    assert "CCAS de M" in ccas and "mtsangamouji-guichet/" in ccas
    assert "Labo 1" in ccas  # labos suivis, d'après le compte rendu
    union = projet.page(site, "ccas/udccas")
    assert "<h1" in union and "UDCCAS d" in union and "CCAS de UDCCAS" not in union
    labo = projet.page(site, "labos/labo-1")
    assert "du 12 au 14 octobre 2021" in labo and "Présentiel" in labo
    assert "mtsangamouji-guichet/" in labo and "carte-empathie/" in labo
    labo_2 = projet.page(site, "labos/labo-2")
    assert "compte rendu de ce labo n&#39;est pas encore publié" in labo_2 \
        or "compte rendu de ce labo n'est pas encore publié" in labo_2
    accueil = (site / "index.html").read_text(encoding="utf-8")
    assert "Il y a 1 fiches et 2 outils." in accueil
    assert "mtsangamouji-guichet/" in accueil  # macro liste_fiches dans une page de docs/


def test_les_fiches_ne_sont_pas_dans_le_menu(projet: Projet) -> None:
    site = projet.construire()
    accueil = (site / "index.html").read_text(encoding="utf-8")
    nav = accueil.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "fiches/" in nav and "mtsangamouji-guichet" not in nav and "carte-empathie" not in nav


def test_aucun_brouillon_dans_le_site_public(projet: Projet) -> None:
    site = projet.construire()
    assert not (site / "fiches" / "bandrele-brouillon-secret").exists()
    for fichier in site.rglob("*"):
        if fichier.is_file() and fichier.suffix in {".html", ".json", ".xml", ".txt"}:
            texte = fichier.read_text(encoding="utf-8")
            assert "MOT-BROUILLON-UNIQUE" not in texte, fichier
            assert "brouillon-secret" not in texte, fichier
            assert "Projet brouillon confidentiel" not in texte, fichier
    descriptions = "".join(f.read_text(encoding="utf-8")
                           for f in (site / "recherche" / "docs").glob("*.js"))
    assert "fiches/mtsangamouji-guichet/" in descriptions


def test_apercu_montre_les_brouillons_avec_un_bandeau(projet: Projet, monkeypatch) -> None:
    monkeypatch.setenv("COMMUN_APERCU", "1")
    site = projet.construire(strict=False, site="apercu")
    html = projet.page(site, "fiches/bandrele-brouillon-secret")
    assert "Brouillon — non validé" in html and "MOT-BROUILLON-UNIQUE" in html
    assert "Brouillon — non validé" not in projet.page(site, "fiches/mtsangamouji-guichet")


def test_exemples_retires_par_un_seul_reglage(projet: Projet) -> None:
    # la fiche d'essai devient un exemple, rattaché à l'entité fictive ; le labo reste un fait
    projet.remplacer("fiches/mtsangamouji-guichet.md", "ccas: mtsangamouji",
                     "ccas: exemple-essai\nexemple: true")
    site = projet.construire()
    assert (site / "fiches" / "mtsangamouji-guichet").exists()
    assert "Entité fictive" in projet.page(site, "ccas/exemple-essai")
    assert not (site / "certificats" / "exemple-essai").exists()  # pas de certificat fictif
    assert "mtsangamouji-guichet" not in projet.page(site, "ccas/mtsangamouji")
    projet.remplacer("commun.yml", "exemples: true", "exemples: false")
    projet.remplacer("docs/index.md", '{{ liste_fiches(thematique="acces-aux-droits") }}', "")
    site = projet.construire()
    assert not (site / "fiches" / "mtsangamouji-guichet").exists()
    assert not (site / "ccas" / "exemple-essai").exists()
    assert "mtsangamouji-guichet" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_le_contenu_contribue_n_est_jamais_un_gabarit(projet: Projet) -> None:
    # la fiche d'essai contient déjà une charge {{ cycler… popen }} ; on tente aussi l'opt-in
    projet.remplacer("fiches/mtsangamouji-guichet.md", "## Le besoin",
                     "---\nrender_macros: true\n---\n{{ 7 * 191 }}\n\n## Le besoin")
    site = projet.construire()
    html = projet.page(site, "fiches/mtsangamouji-guichet")
    assert "MACRO-EXECUTEE" not in html.replace("echo MACRO-EXECUTEE", "")
    assert "1337" not in html
    assert "os.popen(" in html  # affiché tel quel, pas exécuté


def test_render_macros_dans_un_en_tete_contribue_est_refuse(projet: Projet, journal) -> None:
    projet.remplacer("fiches/mtsangamouji-guichet.md", "licence: CC-BY-SA-4.0",
                     "licence: CC-BY-SA-4.0\nrender_macros: true")
    with pytest.raises(Abort):
        projet.construire()
    assert "fiches/mtsangamouji-guichet.md:17: champ inconnu « render_macros »" in journal.text


def test_contenu_invalide_fait_echouer_le_build_strict(projet: Projet, journal) -> None:
    projet.remplacer("fiches/mtsangamouji-guichet.md", "thematique: acces-aux-droits",
                     "thematique: acces-droit")
    with pytest.raises(Abort):
        projet.construire()
    assert ("fiches/mtsangamouji-guichet.md:5: thematique : « acces-droit » n'existe pas dans "
            "le référentiel. Vouliez-vous dire « acces-aux-droits » ?") in journal.text
    # sans --strict, le site se construit sans la fiche invalide
    site = projet.construire(strict=False, site="souple")
    assert not (site / "fiches" / "mtsangamouji-guichet").exists()
    assert (site / "outils" / "carte-empathie" / "index.html").exists()


def test_configuration_invalide_arrete_le_build(projet: Projet, journal) -> None:
    projet.remplacer("commun.yml", "branche: main", "branche: [main]")
    with pytest.raises(Abort):
        projet.construire()
    assert "commun.yml:10: site › branche doit être un texte" in journal.text


def test_titre_hostile_est_affiche_pas_interprete(projet: Projet) -> None:
    projet.remplacer("fiches/mtsangamouji-guichet.md",
                     "titre: Un guichet d'accès aux droits à M'Tsangamouji",
                     "titre: \"<img src=x onerror=alert(1)> [lien](javascript:alert(1)) "
                     "{{ 7*7 }}\"")
    site = projet.construire()
    html = projet.page(site, "fiches/mtsangamouji-guichet")
    assert "<img src=x" not in html and 'href="javascript:' not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_les_longues_listes_restent_legeres(projet: Projet, monkeypatch) -> None:
    """Un outil, un CCAS ou un labo cité par beaucoup de fiches en montre 12 et renvoie à la
    liste complète, découpée en pages de 60 ; les thématiques aussi. Le Livret du Labo se découpe
    en volumes
    (ici dès 50 fiches) où chaque fiche figure une fois, et la recherche ne les indexe pas."""
    from commun.pages import livret
    monkeypatch.setattr(livret, "FICHES_PAR_LIVRET", 50)
    modele = (projet.racine / "fiches" / "mtsangamouji-guichet.md").read_text(encoding="utf-8")
    for i in range(75):
        projet.ecrire(f"fiches/mtsangamouji-guichet-{i:02d}.md", modele.replace(
            "titre: Un guichet", f"titre: Guichet n° {i:02d}, un guichet").replace(
            "mis_a_jour: 2022-06-30", f"mis_a_jour: 2022-{1 + i % 12:02d}-10").replace(
            "labos: [labo-1]", "labos: [labo-1, labo-2]"))
    site = projet.construire()
    outil = projet.page(site, "outils/carte-empathie")
    utilise = outil.split('id="utilise-dans"', 1)[1]
    assert utilise.count('href="../../fiches/mtsangamouji-guichet') == 12
    assert "Toutes les fiches qui l" in utilise and "les plus récentes d" in utilise
    premiere = projet.page(site, "outils/carte-empathie/fiches")
    seconde = projet.page(site, "outils/carte-empathie/fiches/page-1")
    # les plus récemment publiées d'abord ; les pages d'archive comptent depuis la plus ancienne
    assert premiere.count('href="../../../fiches/mtsangamouji-guichet') == 16
    assert seconde.count('href="../../../../fiches/mtsangamouji-guichet') == 60
    assert "N° 1 à 60 par ordre de publication" in seconde and "Page précédente" in seconde
    assert "Page suivante" in premiere and "Page suivante" not in seconde
    theme = projet.page(site, "thematiques/acces-aux-droits")
    assert theme.count('href="../../fiches/mtsangamouji-guichet') == 16
    assert "Les plus récentes" in theme
    catalogue = projet.page(site, "fiches")
    assert catalogue.count('href="mtsangamouji-guichet') == 5  # les 5 plus récentes
    ccas = projet.page(site, "ccas/mtsangamouji")
    assert len(re.findall(r"<h3[^>]*>Feuille de route\u00a0: ", ccas)) == 12
    assert "Les 12 plus récents" in ccas
    assert "Les 40 événements les plus récents, sur 77." in ccas  # 76 fiches, et le labo 1
    assert ccas.count("mise à jour") == 40
    projets = projet.page(site, "ccas/mtsangamouji/projets")
    assert projets.count('href="../../../fiches/mtsangamouji-guichet') == 16
    assert "Les plus récentes" in projets and "Retour à la fiche du CCAS" in projets
    labo = projet.page(site, "labos/labo-2")
    assert labo.count('href="../../fiches/mtsangamouji-guichet') == 12
    assert "Toutes les fiches de ce labo, les plus récentes d" in labo
    assert projet.page(site, "labos/labo-2/fiches").count(
        'href="../../../fiches/mtsangamouji-guichet') == 15
    assert projet.page(site, "labos/labo-2/fiches/page-1").count(
        'href="../../../../fiches/mtsangamouji-guichet') == 60
    sommaire = projet.page(site, "livret")
    assert "Avec plus de 50 fiches, le livret est découpé en volumes" in sommaire
    volumes = [projet.page(site, "livret/outils")] + [
        projet.page(site, f"livret/{chemin}") for chemin in re.findall(
            r'href="(?:\./)?((?:[a-z-]+/)?(?:[a-z-]+)(?:/page-\d+)?)/"[^>]*>Projets —', sommaire)]
    assert "partie 2 sur 2" in sommaire and len(volumes) >= 3
    assert 'id="outil-carte-empathie"' in volumes[0]
    ancres = [a for v in volumes[1:] for a in re.findall(r'id="(fiche-[^"]+)"', v)]
    fiches = sorted(f"fiche-{p.stem}" for p in (projet.racine / "fiches").glob("*.md")
                    if "validation: validé" in p.read_text(encoding="utf-8"))
    assert sorted(ancres) == fiches and all(v.count('id="fiche-') <= 50 for v in volumes)
    docs = "".join(p.read_text(encoding="utf-8")
                   for p in (site / "recherche" / "docs").glob("*.js"))
    assert '"livret/' not in docs and "fiches/mtsangamouji-guichet-74/" in docs


def test_un_lien_casse_dans_une_page_generee_fait_echouer_le_build(
        projet: Projet, journal, monkeypatch) -> None:
    """Les pages rendues par cmark-gfm ont le même filet que celles de MkDocs : un lien interne
    qui ne mène nulle part est un avertissement, fatal avec ``--strict``."""
    from commun.pages.catalogues import Catalogues

    index_labos = Catalogues.index_labos
    monkeypatch.setattr(Catalogues, "index_labos",
                        lambda self: index_labos(self) + "\n[perdu](/nulle-part.md)\n")
    with pytest.raises(Abort):
        projet.construire()
    assert ("labos/index.md: le lien vers « /nulle-part.md » ne mène à aucune page ni aucun "
            "fichier du site : corrigez l'adresse") in journal.text
