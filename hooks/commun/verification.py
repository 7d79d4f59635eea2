"""Les contrôles du contenu. Chaque contrôle produit des ``(ligne, message)`` et n'affiche rien :
``chargement`` en fait des ``Probleme`` ; le build, ``scripts/verifier.py`` et les tests
les utilisent tels quels.
"""

from __future__ import annotations

import difflib
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from commun import vocabulaire as v
from commun.genres import GENRES
from commun.modele import CompteRendu, Configuration, Contenu, Fiche, Outil, Questionnaire
from commun.source import Chemin, Source

Signalement = tuple[int, str]

MOTIF_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NOMS_RESERVES = {"index", "par-etat"}  # pages générées dans les mêmes dossiers


def identifiant_propose(nom: str) -> str:
    """« Ma Fiche (v2) » → « ma-fiche-v2 » : ce qu'on suggère à la place d'un nom invalide."""
    sans_accents = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", sans_accents.lower()).strip("-") or "nouvelle-fiche"


def verifier_nom(nom: str) -> Iterator[Signalement]:
    """Le nom du fichier est l'identifiant : minuscules, chiffres, tirets."""
    if not MOTIF_ID.match(nom):
        yield 1, (f"le nom de fichier « {nom}.md » n'est pas un identifiant valide : "
                  f"renommez-le « {identifiant_propose(nom)}.md » (minuscules sans accents, "
                  "chiffres et tirets)")
    elif nom in NOMS_RESERVES:
        yield 1, (f"le nom « {nom}.md » est réservé à une page que le site construit lui-même : "
                  f"ce fichier ne serait pas publié ; renommez-le d'après son sujet, par exemple "
                  f"« {nom}-guichet-mobile.md » (minuscules sans accents, chiffres et tirets)")


# Ce qu'un nom de fichier ou de dossier ne peut pas porter : des octets qui ne sont pas de l'UTF-8
# (Python les lit en demi-caractères U+DC80–U+DCFF ; la copie ZIP, les messages et git ne savent
# pas les écrire), un caractère de contrôle (un saut de ligne couperait « fichier:ligne: message »)
# ou une marque qui inverse le sens d'affichage (un « photo\u202egnp.pdf » se lit « photo.png »).
NOM_ILLISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def chemin_affichable(relatif: str) -> str:
    """Le chemin tel qu'un message peut l'écrire : chaque caractère illisible devient « � »."""
    return NOM_ILLISIBLE.sub("\ufffd", relatif)


def verifier_nom_lisible(relatif: str) -> Iterator[Signalement]:
    """Chaque partie du chemin d'un fichier déposé (dossiers compris) est du texte UTF-8 sans
    caractère de contrôle : sinon le fichier ne peut être ni affiché ni copié dans le site."""
    parties = relatif.split("/")
    rang = next((i for i, partie in enumerate(parties) if NOM_ILLISIBLE.search(partie)), None)
    if rang is None:
        return
    partie = parties[rang]
    quoi = ("des octets qui ne sont pas du texte UTF-8 (un nom venu d'un ancien système ou d'une "
            "archive ZIP)" if re.search("[\ud800-\udfff]", partie) else
            "un caractère de contrôle ou invisible")
    propre = NOM_ILLISIBLE.sub("", partie)
    if rang < len(parties) - 1:
        qui, base, extension = "ce dossier", propre, ""
    else:
        qui, (base, extension) = "ce fichier", posixpath.splitext(propre)
    propose = identifiant_propose(base) if re.search("[A-Za-z0-9]", base) else "document"
    yield 1, (f"le nom « {chemin_affichable(partie)} » contient {quoi} : renommez {qui} avec des "
              f"lettres sans accents, des chiffres et des tirets, par exemple "
              f"« {propose}{extension.lower()} »")


# --- Le référentiel (commun.yml) ------------------------------------------------------------

def _valeur_inconnue(champ: str, valeur: str, possibles: Iterable[str], ou: str) -> str:
    possibles = sorted(possibles) if ou.endswith("/") else list(possibles)
    proche = difflib.get_close_matches(valeur, possibles, n=1)
    suggestion = f" Vouliez-vous dire « {proche[0]} » ?" if proche else ""
    if ou.endswith("/"):
        return (f"{champ} : « {valeur} » ne correspond à aucun fichier de {ou} (on écrit le nom "
                f"du fichier sans « .md »).{suggestion}")
    return (f"{champ} : « {valeur} » n'existe pas dans le référentiel.{suggestion} "
            f"Valeurs possibles : {', '.join(possibles)}. Pour ajouter une valeur, ajoutez une "
            f"ligne dans la rubrique « {ou} » de commun.yml")


def verifier_referentiel(source: Source, config: Configuration, outils: set[str],
                         fiches: set[str]) -> Iterator[Signalement]:
    """Chaque valeur qui renvoie ailleurs existe : communes, thématiques et labos dans
    ``commun.yml`` ; outils et fiches parmi les fichiers présents."""
    references: dict[str, tuple[Iterable[str], str]] = {
        "ccas": (config.ccas, "ccas"),
        "ccas_presents": (config.ccas, "ccas"),
        "thematique": (config.thematiques, "thematiques"),
        "labos": (config.labos, "labos"),
        "labo": (config.labos, "labos"),
        "outils": (outils, "outils/"),
        "outils_lies": (outils, "outils/"),
        "fiches": (fiches, "fiches/"),
    }
    for champ, (connues, ou) in references.items():
        valeur = source.entete.get(champ)
        valeurs = valeur if isinstance(valeur, list) else [valeur]
        for i, element in enumerate(valeurs):
            if isinstance(element, str) and element not in connues:
                chemin: Chemin = (champ, i) if isinstance(valeur, list) else (champ,)
                yield source.ligne(chemin), _valeur_inconnue(champ, element, connues, ou)
    exemple = source.entete.get("exemple") is True
    for champ in ("ccas", "ccas_presents"):
        valeur = source.entete.get(champ)
        valeurs = valeur if isinstance(valeur, list) else [valeur]
        for i, element in enumerate(valeurs):
            chemin = (champ, i) if isinstance(valeur, list) else (champ,)
            if isinstance(element, str) and element in config.ccas \
                    and (message := _fiction(config, element, exemple, champ)):
                yield source.ligne(chemin), message


def _fiction(config: Configuration, ccas: str, exemple: bool, champ: str) -> str | None:
    """Un exemple ne s'attribue qu'à une entité fictive, et une entité fictive ne porte que des
    exemples : aucune page d'un vrai CCAS ne montre de fait inventé."""
    fictifs = ", ".join(c.id for c in config.ccas.values() if c.fictif) or "aucune pour l'instant"
    if exemple and not config.ccas[ccas].fictif:
        return (f"{champ} : « {ccas} » est un vrai CCAS, et ce contenu est un exemple fictif "
                f"(exemple: true) : attribuez-le à une entité fictive de commun.yml ({fictifs}), "
                "pour ne prêter aucun fait inventé à un CCAS réel")
    if not exemple and config.ccas[ccas].fictif:
        return (f"{champ} : « {ccas} » est une entité fictive, réservée aux exemples : écrivez "
                "le vrai CCAS, ou ajoutez « exemple: true » si ce contenu est un exemple")
    return None


def verifier_provenance(source: Source, validateurs: Iterable[str]) -> Iterator[Signalement]:
    """Un contenu validé dit qui l'a validé et quand (l'appel d'offres veut la validation de
    l'UNCCAS avant toute diffusion) ; un brouillon ne le dit pas encore. Qui valide est une
    instance de ``validateurs`` (commun.yml), brouillon ou non. Pour tout ce qui se publie après
    validation : contenus, présences, données des CCAS, questionnaires, indicateurs."""
    entete, ligne = source.entete, source.ligne
    valide_par = entete.get("valide_par")
    if isinstance(valide_par, str) and valide_par not in validateurs:
        yield ligne(("valide_par",)), _valeur_inconnue("valide_par", valide_par, validateurs,
                                                       "validateurs")
    if entete.get("validation") != v.VALIDE:
        return
    for champ, quoi in (("valide_par", "qui l'a validé (un validateur de commun.yml)"),
                        ("valide_le", "le jour de la validation (AAAA-MM-JJ)")):
        if champ not in entete:
            yield ligne(("validation",)), (
                f"ce contenu est validé : ajoutez « {champ}: » sous « validation », avec "
                f"{quoi} ; sinon, laissez-le en « validation: brouillon »")
    valide_le = entete.get("valide_le")
    demain = (date.today() + timedelta(days=1)).isoformat()
    if isinstance(valide_le, str) and valide_le > demain:
        yield ligne(("valide_le",)), (f"valide_le : le {valide_le} est dans le futur : écrivez "
                                      "le jour où la validation a eu lieu")


# --- Le corps -------------------------------------------------------------------------------

# Une clôture de bloc de code (CommonMark) : trois « ` » ou « ~ » au moins, en retrait de trois
# espaces au plus. Un bloc ne se ferme que par le même caractère, au moins aussi long, seul sur
# sa ligne : « ~~~ » ne ferme pas un bloc ouvert par « ``` ».
CLOTURE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
# Un titre « ## texte ## » : niveau et texte sans la suite finale d'espaces et de « # ». Écrit
# pour être lu en temps linéaire (quantificateurs possessifs, suites d'espaces ou de « # »
# franchies d'un bloc) : la forme naïve « (.*?)\s*#*\s*$ » prenait un temps cubique dans une
# longue suite d'espaces, des secondes pour une ligne de titre piégée (voir le README).
TITRE = re.compile(r"^(#{1,6})\s++((?:[^\s#]++|[\s#]++(?=[^\s#]))*+(?:\s++|#++)*?)\s*+#*+\s*+$")
LIEN = re.compile(r"!?\[(?:[^\]\\]|\\.)*+\]\(\s*+<?([^)\s>]++)>?(?:\s++\"[^\"]*+\")?\s*+\)")
# les morceaux de ``LIEN``, pour ``liens`` : la fin de l'étiquette, puis la destination
_FIN_ETIQUETTE = re.compile(r"(?:[^\]\\]|\\.)*+\]")
_DESTINATION = re.compile(r"\(\s*+<?([^)\s>]++)>?(?:\s++\"[^\"]*+\")?\s*+\)")
_COURSE = re.compile(r"\(\s*+<?[^)\s>]*+")
CODE_EN_LIGNE = re.compile(r"`[^`]*`")


# La place d'une ligne dans un bloc de code (« » : hors de tout bloc, une chaîne vide et fausse).
OUVERTURE, DEDANS, FERMETURE = "ouverture", "dedans", "fermeture"


def lignes_et_code(texte: str) -> Iterator[tuple[str, str]]:
    """Chaque ligne de ``texte`` et sa place dans un bloc de code : « » hors bloc, sinon
    ``OUVERTURE``, ``DEDANS`` ou ``FERMETURE``, selon la règle de CommonMark, celle de cmark-gfm
    qui rend les contenus. Tout ce qui lit le corps ligne à ligne (sections, extraits, titres
    abaissés, bloc jamais fermé) voit ainsi les mêmes blocs que le site."""
    ouvert = ""  # la clôture du bloc ouvert
    for ligne in texte.split("\n"):
        m = CLOTURE.match(ligne.expandtabs(4))
        if not ouvert:
            if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
                ouvert = m.group(1)
                yield ligne, OUVERTURE
            else:
                yield ligne, ""
        elif m and m.group(1)[0] == ouvert[0] and len(m.group(1)) >= len(ouvert) \
                and not m.group(2).strip():
            ouvert = ""
            yield ligne, FERMETURE
        else:
            yield ligne, DEDANS


def lignes_du_texte(source: Source) -> Iterator[tuple[int, str]]:
    """Les lignes du corps hors blocs de code, avec leur numéro dans le fichier."""
    for i, (ligne, code) in enumerate(lignes_et_code(source.corps)):
        if not code:
            yield source.ligne_corps + i, ligne


def _normaliser_titre(texte: str) -> str:
    return texte.replace("’", "'").replace("\u00a0", " ").strip().casefold()


def verifier_sections(source: Source, attendues: tuple[str, ...]) -> Iterator[Signalement]:
    """Les sections « ## » obligatoires, dans l'ordre ; pas de titre « # » (il vient de
    ``titre``)."""
    trouvees: list[tuple[int, str]] = []
    for numero, ligne in lignes_du_texte(source):
        if m := TITRE.match(ligne):
            if len(m.group(1)) == 1:
                yield numero, ("n'écrivez pas de titre de niveau 1 (« # … ») : le titre de la "
                               "page vient du champ « titre » ; utilisez « ## » pour les sections")
            elif len(m.group(1)) == 2:
                trouvees.append((numero, _normaliser_titre(m.group(2))))
    fin = source.ligne_corps + source.corps.rstrip("\n").count("\n")
    liste = ", ".join(f"« ## {s} »" for s in attendues)
    position = 0  # index dans ``trouvees`` après la dernière section attendue trouvée
    for attendue in attendues:
        cle = _normaliser_titre(attendue.rstrip("…"))
        prefixe = attendue.endswith("…")
        rangs = [i for i, (_, t) in enumerate(trouvees)
                 if (t.startswith(cle) if prefixe else t == cle)]
        apres = [i for i in rangs if i >= position]
        if apres:
            position = apres[0]
        elif rangs:
            yield trouvees[rangs[0]][0], (f"la section « ## {attendue} » n'est pas à sa place : "
                                          f"l'ordre attendu est {liste}")
        else:
            yield fin, (f"section « ## {attendue} » manquante : ajoutez-la (sections attendues, "
                        f"dans cet ordre : {liste})")


def sections_du_corps(source: Source) -> Iterator[tuple[int, str, str]]:
    """Chaque section « ## » : (ligne de son titre, titre normalisé, texte jusqu'à la suivante)."""
    numero, titre, lignes = 0, "", list[str]()
    for n, ligne in lignes_du_texte(source):
        if (m := TITRE.match(ligne)) and len(m.group(1)) <= 2:
            if titre:
                yield numero, titre, "\n".join(lignes).strip()
            numero, titre, lignes = n, _normaliser_titre(m.group(2)), []
        elif titre:
            lignes.append(ligne)
    if titre:
        yield numero, titre, "\n".join(lignes).strip()


def mots_prononces(texte: str) -> int:
    """Les mots d'un texte tel qu'on le lit à voix haute (sans « > », « * » ni ponctuation)."""
    return len(re.findall(r"[\w’'-]+", texte))


def verifier_outil(source: Source) -> Iterator[Signalement]:
    """Ce qui rend un outil utilisable par ce public : des consignes courtes à dire, une version
    courte s'il est long, et une variante à distance qui dit son canal et son coût (ou pourquoi
    elle n'existe pas)."""
    entete = source.entete
    distance = entete.get("a_distance")
    if isinstance(distance, dict):
        if "non_recommande" in distance:
            if autres := sorted(set(distance) - {"non_recommande"}):
                yield source.ligne(("a_distance",)), (
                    f"a_distance : « non_recommande » se suffit à lui-même : retirez "
                    f"{', '.join(autres)}, ou retirez « non_recommande » si l'outil se fait à "
                    "distance")
        elif manquants := [c for c in ("canaux", "langues", "cout") if c not in distance]:
            yield source.ligne(("a_distance",)), (
                f"a_distance : ajoutez {', '.join(manquants)} (par où, dans quelles langues, ce "
                "que ça coûte et qui paie), ou écrivez seulement « non_recommande: » et la "
                "raison")
    sections = {titre: (numero, texte) for numero, titre, texte in sections_du_corps(source)}
    oral = sections.get(_normaliser_titre(v.ORAL))
    if oral and (n := mots_prononces(oral[1])) > v.MOTS_ORAL_MAX:
        yield oral[0], (f"« {v.ORAL} » compte {n} mots : {v.MOTS_ORAL_MAX} au plus, pour qu'un "
                        "interprète puisse les redire phrase à phrase ; gardez l'essentiel")
    duree = entete.get("duree_minutes")
    if isinstance(duree, int) and duree > v.DUREE_SANS_VERSION_COURTE \
            and _normaliser_titre(v.VERSION_COURTE) not in sections:
        fin = source.ligne_corps + source.corps.rstrip("\n").count("\n")
        yield fin, (f"l'outil dure {duree} min : ajoutez une section « ## {v.VERSION_COURTE} » "
                    f"(la même chose en {v.DUREE_SANS_VERSION_COURTE} minutes au plus, et ce "
                    "qu'on laisse de côté)")


def verifier_enregistrements(source: Source, dossier: Path) -> Iterator[Signalement]:
    """Un enregistrement par langue, et son fichier déposé dans le dossier de l'outil (son
    contenu est vérifié avec les autres fichiers joints : ``surete.verifier_fichier_joint``)."""
    enregistrements = source.entete.get("audio")
    if not isinstance(enregistrements, list):
        return
    langues: set[str] = set()
    for i, e in enumerate(enregistrements):
        if not isinstance(e, dict) or not isinstance(e.get("fichier"), str):
            continue  # le schéma l'a déjà dit
        if e.get("langue") in langues:
            yield source.ligne(("audio", i, "langue")), (
                f"audio : deux enregistrements en {e['langue']} : gardez-en un seul")
        langues.add(str(e.get("langue")))
        fichier = (dossier / e["fichier"]).resolve()
        if not fichier.is_relative_to(dossier.resolve()) or not fichier.is_file():
            yield source.ligne(("audio", i, "fichier")), (
                f"audio › n° {i + 1} › fichier : « {e['fichier']} » est introuvable à côté de "
                f"l'outil : déposez l'enregistrement dans {dossier.name}/audio/ et écrivez "
                "« audio/nom-du-fichier.m4a »")


def verifier_fiction(source: Source, config: Configuration) -> Iterator[Signalement]:
    """Un exemple (un contenu ``exemple: true``, la section « Exemple à… » d'un outil) ne nomme
    pas un vrai CCAS : « le CCAS de Sada » y serait un fait inventé prêté à un CCAS réel."""
    reels = [c for c in config.ccas.values() if not c.fictif]
    if not reels:
        return
    motif = re.compile(r"\bCCAS\s+(?:de\s+|d['’]\s*)(" + "|".join(
        re.escape(c.nom) for c in reels) + r")\b", re.IGNORECASE)
    tout = source.entete.get("exemple") is True
    cle, dans_exemple = _normaliser_titre("Exemple à"), False
    for numero, ligne in lignes_du_texte(source):
        if (m := TITRE.match(ligne)) and len(m.group(1)) <= 2:
            dans_exemple = _normaliser_titre(m.group(2)).startswith(cle)
        if (tout or dans_exemple) and (nomme := motif.search(ligne)):
            yield numero, (f"cet exemple nomme « {nomme.group(0)} », un vrai CCAS : un exemple "
                           "est fictif ; écrivez « un CCAS du nord », « une commune du sud »… "
                           "sans nommer de CCAS réel")


def liens(source: Source) -> Iterator[tuple[int, str]]:
    """Les cibles des liens et images Markdown du corps, avec leur ligne."""
    for numero, ligne in lignes_du_texte(source):
        for cible in cibles_de_liens(CODE_EN_LIGNE.sub("", ligne)):
            yield numero, cible


def cibles_de_liens(ligne: str) -> Iterator[str]:
    """Les cibles que ``LIEN.finditer(ligne)`` trouverait, en temps linéaire : tous les « [ »
    d'un même passage finissent au même « ] » ; si le premier échoue, les suivants aussi
    (``LIEN`` seul relirait la ligne depuis chacun : des secondes pour des milliers de « [ »)."""
    position = echec = 0  # echec : où s'est arrêtée la dernière destination manquée
    while (debut := ligne.find("[", position)) >= 0:
        if (fin := _FIN_ETIQUETTE.match(ligne, debut + 1)) is None:
            return  # aucun « ] » plus loin : aucun « [ » suivant ne peut réussir
        position = fin.end()
        if position + 1 < echec:
            continue  # sa destination s'arrêterait au même endroit que la précédente, manquée
        if m := _DESTINATION.match(ligne, position):
            yield m.group(1)
            position = m.end()
        elif course := _COURSE.match(ligne, position):
            echec = course.end()


def est_externe(cible: str) -> bool:
    """Une adresse avec un protocole (« https: », « mailto: »…) ou vers un autre site (« //… »)."""
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", cible)) or cible.startswith("//")


def resoudre(chemin: str, src_uri: str) -> str:
    """Le chemin dans le site d'un lien écrit dans la page ``src_uri`` : « /outils/x.md » part
    de la racine, « ../outils/x.md » du dossier de la page (sans ancre ni requête)."""
    if chemin.startswith("/"):
        return posixpath.normpath(chemin.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), chemin))


def verifier_liens(source: Source, src_uri: str, publies: set[str], existants: set[str]
                   ) -> Iterator[Signalement]:
    """Chaque lien interne pointe vers une page ou un fichier du site publié."""
    dossier = posixpath.dirname(src_uri)
    for numero, cible in liens(source):
        if est_externe(cible) or cible.startswith("#"):
            continue
        if est_externe(decode := unquote(unquote(cible))):
            protocole = decode.split(":", 1)[0].lower()
            danger = (f"« {protocole}: » peut lancer du script ; " if protocole.strip() in
                      ("javascript", "vbscript", "data") else "")
            yield numero, (f"le lien « {cible} » est une adresse « {protocole}: » écrite avec des "
                           f"« % » : {danger}écrivez l'adresse en clair, par exemple "
                           "https://…, ou le chemin d'une page du commun")
            continue
        resolu = resoudre(cible.split("#", 1)[0].split("?", 1)[0], src_uri)
        if resolu.startswith("../") or resolu == "..":
            yield numero, f"le lien « {cible} » sort du site : pointez vers une page du commun"
        elif resolu in publies:
            continue
        elif resolu in existants:
            yield numero, (f"le lien « {cible} » pointe vers un contenu non publié (brouillon ou "
                           "exemple masqué) : retirez le lien ou faites d'abord valider ce contenu")
        else:
            proche = difflib.get_close_matches(resolu, sorted(publies), n=1)
            suggestion = f" ; vouliez-vous dire « {posixpath.relpath(proche[0], dossier)} » ?" \
                if proche else ""
            yield numero, (f"le lien « {cible} » ne mène à rien : fichier introuvable{suggestion}"
                           if suggestion else f"le lien « {cible} » ne mène à rien : fichier "
                           "introuvable ; corrigez le chemin (il part du dossier de ce fichier, "
                           "par exemple ../outils/nom-de-l-outil.md) ou déposez le fichier "
                           "manquant")


# --- Les renvois entre contenus -------------------------------------------------------------

def verifier_coherence(contenu: Contenu, source: Source, fiches: dict[str, Fiche]
                       ) -> Iterator[Signalement]:
    """Ce que le schéma ne peut pas dire seul : un outil ne se cite pas, min ≤ max, début ≤ fin,
    et un compte rendu et ses fiches (``fiches`` : celles sans défaut) s'accordent sur le labo."""
    demain = (date.today() + timedelta(days=1)).isoformat()  # un jour d'avance : fuseaux horaires
    if contenu.mis_a_jour is not None and contenu.mis_a_jour > demain:
        yield source.ligne(("mis_a_jour",)), (
            f"mis_a_jour : le {contenu.mis_a_jour} est dans le futur : écrivez la date de la "
            "dernière mise à jour, aujourd'hui au plus tard")
    match contenu:
        case Outil():
            if contenu.id in contenu.outils_lies:
                yield (source.ligne(("outils_lies",)),
                       "outils_lies : un outil ne se cite pas lui-même")
            if contenu.participants_min > contenu.participants_max:
                yield source.ligne(("participants_min",)), (
                    "participants_min est plus grand que participants_max : inversez-les")
        case CompteRendu():
            if contenu.fin < contenu.debut:
                yield source.ligne(("fin",)), (
                    f"fin : la date de fin est avant la date de début ({contenu.fin} avant "
                    f"{contenu.debut}) : corrigez debut ou fin")
            for i, id_fiche in enumerate(contenu.fiches):
                fiche = fiches.get(id_fiche)
                if fiche is not None and contenu.labo not in fiche.labos:
                    yield source.ligne(("fiches", i)), (
                        f"fiches : la fiche « {id_fiche} » ne cite pas « {contenu.labo} » dans "
                        f"ses labos : ajoutez-le dans {fiche.chemin} ou retirez-la d'ici")


def verifier_doublons(contenus: Iterable[Contenu]) -> Iterator[tuple[Contenu, str]]:
    """Deux contenus d'une même collection ne partagent ni identifiant ni titre."""
    vus: dict[tuple[str, str], Contenu] = {}
    for contenu in contenus:
        for genre, cle in (("identifiant", contenu.id),
                           ("titre", _normaliser_titre(contenu.titre))):
            premier = vus.setdefault((contenu.collection, genre + ":" + cle), contenu)
            if premier is not contenu:
                quoi = (f"le labo « {contenu.id} » a déjà un compte rendu"
                        if isinstance(contenu, CompteRendu) and genre == "identifiant"
                        else f"le {genre} « {contenu.titre if genre == 'titre' else cle} » est "
                             "déjà pris")
                yield contenu, f"{quoi} ({premier.chemin}) : choisissez-en un autre"



# --- Les données par CCAS (territoire/ccas, territoire/suivi) -----------------------------

def verifier_donnees_ccas(source: Source, ccas: str, config: Configuration
                          ) -> Iterator[Signalement]:
    """La fiche de données ou le journal de suivi d'un CCAS, déjà conforme à son schéma : le CCAS
    (nom du fichier) existe, un exemple ne parle que d'une entité fictive, la provenance, les
    thématiques ; un contact n'est pas daté du futur, une question utile aux autres a sa
    réponse."""
    entete = source.entete
    if ccas not in config.ccas:
        yield 1, _valeur_inconnue(f"nom du fichier « {ccas}.yml »", ccas, config.ccas, "ccas")
        return
    if message := _fiction(config, ccas, entete.get("exemple") is True,
                           f"nom du fichier « {ccas}.yml »"):
        yield 1, message
    yield from verifier_provenance(source, config.validateurs)
    for champ, connues, ou in (("thematique_prioritaire", config.thematiques, "thematiques"),
                               ("thematique_secondaire", config.thematiques, "thematiques")):
        if isinstance(entete.get(champ), str) and entete[champ] not in connues:
            yield source.ligne((champ,)), _valeur_inconnue(champ, entete[champ], connues, ou)
    demain = (date.today() + timedelta(days=1)).isoformat()
    for i, e in enumerate(entete.get("entrees") or []):
        if e["date"] > demain:
            yield source.ligne(("entrees", i, "date")), (
                f"entrees › n° {i + 1} : le {e['date']} est dans le futur : notez un contact "
                "une fois qu'il a eu lieu")
        if e.get("thematique") and e["thematique"] not in config.thematiques:
            yield source.ligne(("entrees", i, "thematique")), _valeur_inconnue(
                f"entrees › n° {i + 1} › thematique", e["thematique"], config.thematiques,
                "thematiques")
        if e.get("faq") and not (e.get("question") and e.get("reponse")):
            yield source.ligne(("entrees", i, "faq")), (
                f"entrees › n° {i + 1} : « faq: true » publie la question et sa réponse pour "
                "tous : écrivez « question: » et « reponse: », ou retirez « faq »")


# --- Les questionnaires (questionnaires/*.yml) -----------------------------------------------

FERMEES = ("echelle", "choix-unique", "choix-multiple", "oui-non")


def verifier_questionnaire(source: Source, id: str, outils: set[str]) -> Iterator[Signalement]:
    """Un questionnaire déjà conforme à son schéma : son outil existe, chaque question a ce que
    son type demande (des choix, une échelle), une bonne réponse est l'un des choix, les
    identifiants ne se répètent pas, et un questionnaire anonyme n'a qu'une catégorie."""
    entete = source.entete
    if entete["outil"] not in outils:
        yield source.ligne(("outil",)), _valeur_inconnue("outil", entete["outil"], outils,
                                                          "outils/")
    elif entete["outil"] != id:
        yield source.ligne(("outil",)), (
            f"outil : « {entete['outil']} » ; un questionnaire porte le nom de son outil : "
            f"renommez ce fichier questionnaires/{entete['outil']}.yml")
    vus: set[str] = set()
    categories = 0
    for i, q in enumerate(entete["questions"]):
        ici, nom = ("questions", i), f"questions › n° {i + 1} ({q['id']})"
        if q["id"] in vus:
            yield source.ligne((*ici, "id")), f"{nom} : l'identifiant est déjà pris plus haut"
        vus.add(q["id"])
        attendus = {"echelle": "echelle", "choix-unique": "options",
                    "choix-multiple": "options"}.get(q["type"])
        for champ in ("echelle", "options"):
            if champ == attendus and champ not in q:
                yield source.ligne(ici), f"{nom} : une question « {q['type']} » a besoin de " \
                                         f"« {champ}: »"
            elif champ in q and champ != attendus:
                yield source.ligne((*ici, champ)), (f"{nom} : « {champ} » ne sert pas à une "
                                                    f"question « {q['type']} » : retirez-le")
        ids_options = [o["id"] for o in q.get("options", [])]
        if len(set(ids_options)) != len(ids_options):
            yield source.ligne((*ici, "options")), f"{nom} : deux choix ont le même identifiant"
        if "bonne_reponse" in q and q["bonne_reponse"] not in ids_options:
            yield source.ligne((*ici, "bonne_reponse")), (
                f"{nom} : la bonne réponse « {q['bonne_reponse']} » n'est pas l'un des choix "
                f"({', '.join(ids_options) or 'aucun'})")
        if ("bonne_reponse" in q) != ("explication" in q):
            yield source.ligne(ici), (f"{nom} : une question de quiz a sa bonne réponse et son "
                                      "explication, les deux")
        if q.get("categorie"):
            categories += 1
            if q["type"] != "choix-unique":
                yield source.ligne((*ici, "categorie")), (
                    f"{nom} : une catégorie est une question à choix unique")
        if "minimum" in q and "maximum" in q and q["minimum"] > q["maximum"]:
            yield source.ligne((*ici, "minimum")), f"{nom} : minimum est plus grand que maximum"
        if ("minimum" in q or "maximum" in q) and q["type"] != "nombre":
            yield source.ligne(ici), f"{nom} : minimum et maximum servent aux questions « nombre »"
    if entete.get("anonyme") and categories > 1:
        yield source.ligne(("anonyme",)), (
            f"ce questionnaire est anonyme mais croise {categories} catégories : gardez-en une "
            "(croisées, elles finissent par désigner une personne)")


def verifier_indicateurs(source: Source, labo: str, config: Configuration,
                         questionnaires: dict[str, Questionnaire]) -> Iterator[Signalement]:
    """Des indicateurs de fin de labo : le labo (nom du fichier), le questionnaire et chacune de
    ses questions à échelle existent."""
    if labo not in config.labos:
        yield 1, _valeur_inconnue(f"nom du fichier « {labo}.yml »", labo, config.labos, "labos")
    q = questionnaires.get(source.entete["questionnaire"])
    if q is None:
        yield source.ligne(("questionnaire",)), _valeur_inconnue(
            "questionnaire", source.entete["questionnaire"], questionnaires, "questionnaires/")
        return
    echelles = {x.id for x in q.questions if x.type == "echelle"}
    for cle in source.entete["accord"]:
        if cle not in echelles:
            yield source.ligne(("accord", cle)), (
                f"accord : « {cle} » n'est pas une question à échelle de « {q.id} » (questions "
                f"possibles : {', '.join(sorted(echelles))}) : refaites le fichier avec "
                "scripts/synthese.py --indicateurs")


# --- Les feuilles de présence (labos/presences/*.yml) ---------------------------------------

def verifier_presences(source: Source, labo: str, config: Configuration,
                       compte_rendu: CompteRendu | None) -> Iterator[Signalement]:
    """Une feuille de présence déjà conforme à son schéma : le labo (nom du fichier) et les CCAS
    existent, chaque jour tombe pendant le labo, et elle s'accorde avec le compte rendu."""
    if labo not in config.labos:
        yield 1, _valeur_inconnue(f"nom du fichier « {labo}.yml »", labo, config.labos, "labos")
        return
    nom = config.labos[labo].nom
    if compte_rendu is not None:
        dates = (compte_rendu.debut, compte_rendu.fin)
    elif config.labos[labo].debut:
        dates = (config.labos[labo].debut, config.labos[labo].fin)
    else:
        dates = None
        yield source.ligne(("presences",)), (
            f"les dates du {nom} sont inconnues, les jours de présence ne peuvent pas être "
            f"vérifiés : ajoutez « debut » et « fin » à « {labo} » dans la rubrique « labos » de "
            f"commun.yml, ou publiez son compte rendu")
    yield from verifier_provenance(source, config.validateurs)
    presences: dict[str, Any] = source.entete["presences"]
    exemple = source.entete.get("exemple") is True
    for cle, presence in presences.items():
        ccas = str(cle)  # « 123: » ou « yes: » en YAML ne sont pas des textes
        if not isinstance(cle, str) or ccas not in config.ccas:
            yield source.ligne(("presences", ccas)), _valeur_inconnue(
                "presences", ccas, config.ccas, "ccas")
            continue
        if message := _fiction(config, ccas, exemple, "presences"):
            yield source.ligne(("presences", ccas)), message
        if compte_rendu is not None and ccas not in compte_rendu.ccas_presents:
            yield source.ligne(("presences", ccas)), (
                f"presences : « {ccas} » est noté présent ici mais n'est pas dans ccas_presents "
                f"de {compte_rendu.chemin} : ajoutez-le là-bas ou retirez-le d'ici")
        for i, jour in enumerate(presence["jours"]):
            if dates is not None and not dates[0] <= jour <= dates[1]:
                yield source.ligne(("presences", ccas, "jours", i)), (
                    f"presences › {ccas} › jours : le {jour} n'est pas un jour du {nom} (du "
                    f"{dates[0]} au {dates[1]}) : corrigez la date")
    if compte_rendu is not None:
        for ccas in compte_rendu.ccas_presents:
            if ccas not in presences:
                yield source.ligne(("presences",)), (
                    f"presences : {compte_rendu.chemin} compte « {ccas} » parmi les CCAS "
                    f"présents, mais sa présence n'est pas notée ici : ajoutez une ligne "
                    f"« {ccas}: {{jours: [...], participants: ...}} »")
        if compte_rendu.exemple and not source.entete.get("exemple", False):
            yield source.ligne(("validation",)), (
                f"le compte rendu {compte_rendu.chemin} est un exemple fictif : ajoutez "
                "« exemple: true » ici aussi, pour que ces présences disparaissent avec lui")


SECTIONS = {g.nom: g.sections_exigees for g in GENRES.values()}  # les sections obligatoires
