/* « Proposer une fiche » : vérifie le formulaire, écrit le fichier de la fiche (en-tête YAML +
 * sections) et prépare la page « nouveau fichier » de GitHub, avec copie et téléchargement en
 * secours. Rien n'est envoyé : tout se passe dans le navigateur.
 *
 * Le texte produit est exactement celui de hooks/commun/squelettes.py (squelette) pour les mêmes
 * réponses : mêmes identifiants (mots, identifiant), même YAML (scalaire, champYaml). Un test le
 * vérifie dans Chromium. Les données (sections, limites, dépôt…) sont jointes au formulaire par
 * le build (data-commun), depuis commun.yml et le vocabulaire. */
(function () {
  "use strict";

  var formulaire = document.getElementById("proposer-formulaire");
  if (!formulaire) return;
  var donnees = JSON.parse(formulaire.getAttribute("data-commun"));
  var racine = document.currentScript.src.replace(/assets\/proposer\.js(\?.*)?$/, "");
  var P = "proposer-";
  var $ = function (id) { return document.getElementById(P + id); };

  // --- Comme squelettes.py ----------------------------------------------------------------

  var MOTS_VIDES = new Set(donnees.mots_vides);

  function mots(texte) {
    var t = texte.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss");
    return t.split(/[^a-z0-9]+/).filter(Boolean);
  }

  function identifiant(titre, prefixe, pris) {
    var debut = mots(prefixe);
    var sauf = function (m) { return debut.indexOf(m) < 0; };
    var suite = mots(titre).filter(function (m) { return !MOTS_VIDES.has(m) && sauf(m); });
    if (!suite.length) suite = mots(titre).filter(sauf);
    if (!suite.length) suite = ["nouveau"];
    var base = debut.concat(suite.slice(0, 1)).join("-");
    for (var i = 1; i < suite.length; i++) {
      if (base.length + 1 + suite[i].length > donnees.longueur_id) break;
      base += "-" + suite[i];
    }
    var deja = new Set(pris), candidat = base, n = 1;
    while (deja.has(candidat)) { n += 1; candidat = base + "-" + n; }
    return candidat;
  }

  var AUTRE_TYPE = /^[-+.]?[0-9][0-9a-z_.,:+-]*$|^(y|n|yes|no|on|off|true|false|null)$/i;
  var DEBUT_NU = /^[A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]/;
  var A_ECHAPPER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
  var A_ECHAPPER_TOUS = new RegExp(A_ECHAPPER.source, "g");

  function scalaire(texte) {
    if (DEBUT_NU.test(texte) && !/\s$|[:#"\\]/.test(texte) && !A_ECHAPPER.test(texte) &&
        !AUTRE_TYPE.test(texte)) return texte;
    return JSON.stringify(texte).replace(A_ECHAPPER_TOUS, function (c) {
      return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
    });
  }

  function champYaml(nom, valeur) {
    if (Array.isArray(valeur)) {
      if (!valeur.length) return nom + ": []";
      return nom + ":\n" + valeur.map(function (e) { return "  - " + scalaire(e); }).join("\n");
    }
    if (nom === "mis_a_jour" && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(valeur)) {
      return nom + ": " + valeur;
    }
    return nom + ": " + scalaire(valeur);
  }

  function uneLigne(texte) {
    return texte.replace(/[ \t\n\r\f\v]+/g, " ").replace(/^ +| +$/g, "");
  }

  function normaliserTexte(texte) {
    return texte.replace(/\r\n?/g, "\n").split("\n")
      .map(function (l) { return l.replace(/[ \t]+$/, ""); })
      .join("\n").replace(/^\n+|\n+$/g, "");
  }

  function squelette(reponses, textes, aujourdHui) {
    var valeurs = Object.assign({validation: donnees.validation, mis_a_jour: aujourdHui},
                                reponses);
    var lignes = ["---"];
    donnees.champs.forEach(function (c) {
      if (Object.prototype.hasOwnProperty.call(valeurs, c)) lignes.push(champYaml(c, valeurs[c]));
    });
    lignes.push("---");
    donnees.sections.forEach(function (s) {
      var texte = normaliserTexte(textes[s[0]] || "");
      lignes.push("## " + s[0], "", texte || s[1], "");
    });
    return lignes.join("\n").replace(/\n+$/, "") + "\n";
  }

  // --- Lire et vérifier les réponses ------------------------------------------------------

  var COURRIEL = /[\w.+-]+@[\w-]+\.[\w.]+/;
  var TELEPHONE = /(?:(?:\+|00)(?:33|262)[ .-]?|\b0)[1-9](?:[ .-]?\d{2}){4}\b/;

  function longueur(texte) { return Array.from(texte).length; }

  function aujourdHui() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
      String(d.getDate()).padStart(2, "0");
  }

  function lire() {
    var e = formulaire.elements;
    var coches = function (nom) {
      return Array.from(formulaire.querySelectorAll("input[name='" + nom + "']:checked"))
        .map(function (c) { return c.value; });
    };
    var textes = {};
    formulaire.querySelectorAll("textarea[data-section]").forEach(function (t) {
      textes[t.getAttribute("data-section")] = t.value;
    });
    return {
      reponses: {
        titre: uneLigne(e.titre.value),
        resume: uneLigne(e.resume.value),
        ccas: e.ccas.value,
        thematique: e.thematique.value,
        priorite: e.priorite.value,
        etat: e.etat.value,
        labos: coches("labos"),
        outils: coches("outils"),
        equipe: e.equipe.value.split(/\r\n|\r|\n/).map(uneLigne).filter(Boolean),
        licence: e.licence.value
      },
      textes: textes
    };
  }

  function personnel(texte) {
    if (COURRIEL.test(texte)) {
      return "on dirait une adresse électronique : le commun est public, retirez-la.";
    }
    if (TELEPHONE.test(texte)) {
      return "on dirait un numéro de téléphone : le commun est public, retirez-le.";
    }
    return null;
  }

  function verifierLongueur(texte, limites) {
    var n = longueur(texte);
    if (!n) return "ce champ est obligatoire.";
    if (n < limites[0]) {
      return "trop court : " + n + " caractère" + (n > 1 ? "s" : "") + ", il en faut au moins " +
        limites[0] + ".";
    }
    if (n > limites[1]) {
      return "trop long : " + n + " caractères, " + limites[1] + " au plus. Raccourcissez-le.";
    }
    return personnel(texte);
  }

  function verifier(lu) {
    var r = lu.reponses, l = donnees.limites, erreurs = {};
    var ajouter = function (champ, message) { if (message && !erreurs[champ]) erreurs[champ] = message; };
    ajouter("titre", verifierLongueur(r.titre, l.titre));
    ajouter("resume", verifierLongueur(r.resume, l.resume));
    ["ccas", "thematique", "etat", "licence"].forEach(function (c) {
      if (!r[c]) ajouter(c, "choisissez une valeur dans la liste.");
    });
    if (!r.priorite) ajouter("priorite", "choisissez l'une des possibilités.");
    if (r.equipe.length < l.equipe[0]) {
      ajouter("equipe", "écrivez au moins un rôle (un par ligne, jamais de nom).");
    } else if (r.equipe.length > l.equipe[1]) {
      ajouter("equipe", r.equipe.length + " rôles : " + l.equipe[1] + " au plus.");
    }
    r.equipe.forEach(function (role, i) {
      var m = verifierLongueur(role, l.role);
      if (m) ajouter("equipe", "rôle n° " + (i + 1) + " (« " + role + " ») : " + m);
    });
    var i = 0;
    formulaire.querySelectorAll("textarea[data-section]").forEach(function (t) {
      i += 1;
      var texte = lu.textes[t.getAttribute("data-section")] || "";
      ajouter("section-" + i, personnel(texte));
      if (/^# /m.test(texte)) {
        ajouter("section-" + i, "n'écrivez pas de titre « # » : la section a déjà le sien. " +
          "Pour un sous-titre, écrivez « ### ».");
      }
    });
    return erreurs;
  }

  // --- Afficher -----------------------------------------------------------------------------

  var bilan = $("bilan"), resultat = $("resultat"), statut = $("statut");
  var fichier = null;  // {nom, chemin, texte} de la dernière fiche préparée

  function libelle(champ) {
    var el = $(champ);
    var l = el && (el.tagName === "FIELDSET" ? el.querySelector("legend")
      : formulaire.querySelector("label[for='" + P + champ + "']"));
    return l ? l.firstChild.textContent.trim().replace(/\s*\?$/, "") : champ;
  }

  function afficherErreurs(erreurs) {
    formulaire.querySelectorAll(".commun-erreur").forEach(function (p) {
      p.hidden = true; p.textContent = "";
    });
    formulaire.querySelectorAll("[aria-invalid]").forEach(function (el) {
      el.removeAttribute("aria-invalid");
    });
    var champs = Object.keys(erreurs);
    bilan.textContent = "";
    bilan.hidden = !champs.length;
    if (!champs.length) return;
    var titre = document.createElement("p");
    titre.textContent = "La fiche n'est pas prête : " + champs.length + " point" +
      (champs.length > 1 ? "s" : "") + " à corriger.";
    var liste = document.createElement("ul");
    champs.forEach(function (champ) {
      var p = $(champ + "-erreur");
      p.textContent = erreurs[champ].charAt(0).toUpperCase() + erreurs[champ].slice(1);
      p.hidden = false;
      var el = $(champ);
      if (el) el.setAttribute("aria-invalid", "true");
      if (el && el.tagName === "FIELDSET" && el.closest("details")) el.closest("details").open = true;
      var lien = document.createElement("a");
      lien.href = "#" + P + champ;
      lien.textContent = libelle(champ) + " : " + erreurs[champ];
      var item = document.createElement("li");
      item.appendChild(lien);
      liste.appendChild(item);
    });
    bilan.append(titre, liste);
    bilan.focus();
  }

  function preparer(lu) {
    var r = lu.reponses;
    var nom = identifiant(r.titre, r.ccas, donnees.pris.concat(noms[r.ccas] || [])) + ".md";
    var texte = squelette(r, lu.textes, aujourdHui());
    fichier = {nom: nom, chemin: donnees.dossier + "/" + nom, texte: texte};
    var adresse = donnees.depot + "/new/" + donnees.branche + "/" + donnees.dossier +
      "?filename=" + encodeURIComponent(nom) + "&value=" + encodeURIComponent(texte);
    var github = $("github");
    if (adresse.length > 8000) {  // trop long pour une adresse : on dépose le fichier
      github.href = donnees.depot + "/upload/" + donnees.branche + "/" + donnees.dossier;
      $("github-aide").textContent = "Votre texte est trop long pour être transmis par le lien. " +
        "Téléchargez le fichier (bouton ci-dessous), puis déposez-le sur la page GitHub qui " +
        "s'ouvre (« choose your files »), et cliquez « Propose changes ».";
    } else {
      github.href = adresse;
    }
    $("chemin").textContent = fichier.chemin;
    $("texte").textContent = texte;
    statut.textContent = "";
    resultat.hidden = false;
    $("resultat-titre").focus({preventScroll: true});
    resultat.scrollIntoView({block: "start"});
  }

  // Les noms déjà pris par les fiches d'un CCAS sont dans un petit fichier à part
  // (proposer/noms/<ccas>.json, voir commun.formulaire.noms_par_ccas), lu dès que le CCAS est
  // choisi : la page ne change pas à chaque fiche publiée. Sans ce fichier (copie ZIP ouverte
  // depuis file://), restent les autres noms ; GitHub refuse de toute façon un nom déjà pris.
  var noms = {};
  function chargerNoms() {
    var ccas = $("ccas").value;
    if (!ccas || noms[ccas]) return;
    noms[ccas] = [];
    fetch(racine + donnees.noms + encodeURIComponent(ccas) + ".json")
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (l) { noms[ccas] = l; })
      .catch(function () { delete noms[ccas]; });
  }
  chargerNoms();
  $("ccas").addEventListener("change", chargerNoms);

  formulaire.addEventListener("submit", function (evenement) {
    evenement.preventDefault();
    var lu = lire();
    var erreurs = verifier(lu);
    afficherErreurs(erreurs);
    if (Object.keys(erreurs).length) {
      resultat.hidden = true;
      return;
    }
    preparer(lu);
  });

  // une réponse modifiée : son message d'erreur s'efface, le fichier préparé n'est plus à jour
  formulaire.addEventListener("input", function (evenement) {
    var champ = evenement.target.name, erreur = champ && $(champ + "-erreur");
    if (erreur && !erreur.hidden) {
      erreur.hidden = true;
      erreur.textContent = "";
      $(champ).removeAttribute("aria-invalid");
    }
    if (!resultat.hidden) {
      resultat.hidden = true;
      fichier = null;
    }
  });

  function copierAutrement(texte) {
    var zone = document.createElement("textarea");
    zone.value = texte;
    zone.setAttribute("readonly", "");
    zone.style.position = "fixed";
    zone.style.opacity = "0";
    document.body.appendChild(zone);
    zone.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    zone.remove();
    return ok;
  }

  $("copier").addEventListener("click", function () {
    if (!fichier) return;
    var f = fichier;
    var dire = function (ok) {
      statut.textContent = ok
        ? "Texte copié. Sur GitHub, créez le fichier " + f.chemin + " et collez-le."
        : "La copie n'a pas marché : sélectionnez le texte ci-dessous et copiez-le.";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(f.texte).then(function () { dire(true); },
        function () { dire(copierAutrement(f.texte)); });
    } else {
      dire(copierAutrement(f.texte));
    }
  });

  $("telecharger").addEventListener("click", function () {
    if (!fichier) return;
    var lien = document.createElement("a");
    lien.href = URL.createObjectURL(new Blob([fichier.texte], {type: "text/markdown;charset=utf-8"}));
    lien.download = fichier.nom;
    document.body.appendChild(lien);
    lien.click();
    lien.remove();
    setTimeout(function () { URL.revokeObjectURL(lien.href); }, 10000);
    statut.textContent = "Fichier " + fichier.nom + " téléchargé. Sur GitHub, déposez-le dans " +
      "le dossier " + donnees.dossier + "/ (« Add file », puis « Upload files »).";
  });
})();
