/* Recherche du commun : charge seulement les fichiers d'index des mots tapés.
 * Les règles de normalisation sont celles de hooks/commun/recherche.py (un test les compare).
 * Fonctionne en ligne et depuis file:// (les fichiers d'index sont des scripts, pas du JSON).
 *
 * Pour chaque mot tapé : le dictionnaire de ses trois premières lettres dit quels mots de
 * l'index lui répondent (le mot lui-même ; ceux qu'il commence, dès 4 lettres ; à défaut, ceux
 * à une faute de frappe près), puis on charge leurs documents. Les pages qui ont tous les mots
 * passent d'abord ; celles auxquelles il en manque un (ou une petite part) suivent, avec ce qui
 * leur manque. Sous chaque résultat, le passage de la page qui répond le mieux, mots surlignés.
 * Les documents publiés depuis la dernière tranche versée dans l'index (voir recherche.py) sont
 * dans « recents/<1re lettre>.js » (ou <3 premières lettres>, meta.recents le dit) : leurs mots
 * s'ajoutent au dictionnaire, leurs scores à ceux des fichiers des mots. */
(function () {
  "use strict";

  var MOTS_VIDES = new Set(("a ai au aux avec c ce ces cet cette d dans de des du elle elles en " +
    "et eu il ils j je l la le les leur leurs lui m ma mais me mes moi mon n ne ni nos notre " +
    "nous on ou par pas pour qu que qui s sa se ses si son sur t ta te tes toi ton tu un une vos " +
    "votre vous y est sont etre ont avoir fait plus tres aussi comme sans sous").split(" "));
  var PREFIXES_MAX = 8;  // mots de l'index pris pour un début de mot, les plus fréquents
  var FAUTES_MAX = 3;    // et pour un mot à une faute de frappe près
  var PAR_PAGE = 10;     // résultats affichés, puis « Afficher plus »
  var JETON = /[a-z0-9]+(?:-[a-z0-9]+)*/g;
  var JETON_ORIGINAL = /[\p{L}\p{M}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{M}\p{N}]+)*/gu;
  var RESERVES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

  function plier(texte) {
    return texte.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/’/g, "'")
      .replace(/[\u2010\u2011]/g, "-").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function racine(mot) {
    if (mot.length <= 3 || !/^[a-z]+$/.test(mot)) return mot;
    if (mot.endsWith("aux") && mot.length > 4) mot = mot.slice(0, -3) + "al";
    else if (mot.endsWith("s") || mot.endsWith("x")) mot = mot.slice(0, -1);
    if (mot.endsWith("e") && mot.length > 3) mot = mot.slice(0, -1);
    if (mot.endsWith("e") && mot.length > 3) mot = mot.slice(0, -1);
    return mot;
  }

  function garde(mot) {
    return (mot.length > 1 || /^[0-9]$/.test(mot)) && !MOTS_VIDES.has(mot);
  }

  function soude(parties) {
    if (parties.length > 4 || !parties.some(function (p) { return /^[a-z]+$/.test(p); })) return null;
    return racine(parties.join(""));
  }

  // Une lettre, une apostrophe, une consonne : un nom (« M'Tsangamouji »), pas une élision
  var NOM_APOSTROPHE = /\b([a-z])'(?=[b-df-gj-np-tv-z])/g;
  function jetons(texte) { return plier(texte).replace(NOM_APOSTROPHE, "$1-").match(JETON) || []; }

  function mots(texte) {
    var resultat = [];
    jetons(texte).forEach(function (j) {
      if (j.indexOf("-") < 0) {
        if (garde(j)) resultat.push(racine(j));
        return;
      }
      var parties = j.split("-");
      parties.forEach(function (p) { if (garde(p)) resultat.push(racine(p)); });
      var forme = soude(parties);
      if (forme !== null) resultat.push(forme);
    });
    return resultat;
  }

  function cle(mot) { return mot.slice(0, 3); }
  function fichier(mot) { return RESERVES.test(mot) ? "_" + mot : mot; }
  function possede(objet, nom) { return Object.prototype.hasOwnProperty.call(objet, nom); }

  // b s'obtient de a par une seule faute : une lettre changée, en trop, en moins, ou deux
  // lettres voisines échangées
  function uneFaute(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  var script = document.currentScript;
  var racineSite = script.src.replace(/assets\/recherche\.js(\?.*)?$/, "");
  var horsLigne = location.protocol === "file:";
  var meta = null, cles = null, dicos = {}, recents = {}, termes = {}, docs = {}, chargements = {};

  function charger(chemin) {
    if (!chargements[chemin]) {
      chargements[chemin] = new Promise(function (ok, echec) {
        var s = document.createElement("script");
        s.src = racineSite + "recherche/" + chemin;
        s.onload = ok;
        s.onerror = function () { delete chargements[chemin]; echec(new Error(chemin)); };
        document.head.appendChild(s);
      });
    }
    return chargements[chemin];
  }

  window.CommunRecherche = {
    meta: function (m) { meta = m; meta.cles_recentes = lireCles(m.cles_recentes); },
    cles: function (liste) { cles = lireCles(liste); },
    dico: function (c, liste) { dicos[c] = liste; },
    recents: function (c, liste) { recents[c] = liste; },
    terme: function (mot, ecarts) { termes[mot] = documents(ecarts); },
    doc: function (n, d) { docs[n] = d; },
    mots: mots,  // pour les tests
    lireCles: lireCles  // pour les tests
  };

  // « ac:cqt ad:a » → {acc, acq, act, ada} (voir liste_de_cles dans recherche.py)
  function lireCles(liste) {
    var cles_ = new Set();
    liste.split(" ").forEach(function (groupe) {
      var i = groupe.indexOf(":");
      if (i < 0) return;
      for (var j = i + 1; j < groupe.length; j++) cles_.add(groupe.slice(0, i) + groupe[j]);
    });
    return cles_;
  }

  // « numéro, score » en différences (voir recherche.py) → numéro → score
  function documents(ecarts) {
    var scores = new Map(), n = 0;
    for (var i = 0; i < ecarts.length; i += 2) { n += ecarts[i]; scores.set(n, ecarts[i + 1]); }
    return scores;
  }

  // Dans le dictionnaire, un mot rare porte ses documents (pas de fichier à lui) ; un autre,
  // son nombre de documents. S'y ajoutent les documents récents du mot.
  function cleRecente(u) { return u.slice(0, meta.recents); }
  function recentsDe(u) { var l = recents[cleRecente(u)]; return l && possede(l, u) ? l[u] : null; }
  function frequence(u) {
    var dico = dicos[cle(u)] || {}, r = recentsDe(u);
    var n = !possede(dico, u) ? 0 : Array.isArray(dico[u]) ? dico[u].length / 2 : dico[u];
    return n + (r ? r.length / 2 : 0);
  }

  // Les mots connus qui commencent par la clé c : ceux du dictionnaire, et ceux des documents
  // récents
  function vocabulaire(c) {
    var liste = Object.keys(dicos[c] || {});
    Object.keys(recents[cleRecente(c)] || {}).forEach(function (u) {
      if (cle(u) === c && !possede(dicos[c] || {}, u)) liste.push(u);
    });
    return liste;
  }

  function adresse(url) {
    if (horsLigne && (url === "" || url.endsWith("/"))) url += "index.html";
    return racineSite + url;
  }

  // Les mots de la requête : chacun a une ou plusieurs façons d'être présent (« choix ») ; un
  // mot à trait d'union l'est soudé, ou par toutes ses parties. Un terme : sa racine (le mot
  // exact, une faute de frappe) et sa forme tapée (le début d'un mot : « visio », « famil »).
  function requete(texte) {
    var liste = [], tapes = new Map();
    var enCours = !/[\s,;.!?]$/.test(texte);
    // chaque mot tel qu'il a été tapé (« accès »), pour dire ce qui manque à une page
    (texte.match(/[\p{L}\p{M}\p{N}'’\u2010\u2011-]+/gu) || []).forEach(function (o) {
      var j = jetons(o);
      if (j.length === 1 && !tapes.has(j[0])) tapes.set(j[0], o);
    });
    jetons(texte).forEach(function (j) {
      var choix = [];
      if (j.indexOf("-") < 0) {
        if (garde(j)) choix.push([{ r: racine(j), p: j }]);
      } else {
        var forme = soude(j.split("-"));
        if (forme !== null) choix.push([{ r: forme, p: j.replace(/-/g, "") }]);
        var parties = j.split("-").filter(garde)
          .map(function (p) { return { r: racine(p), p: p }; });
        if (parties.length) choix.push(parties);
      }
      if (choix.length) liste.push({ mot: tapes.get(j) || j, choix: choix });
    });
    if (liste.length && enCours) liste[liste.length - 1].enCours = true;
    return liste;
  }

  // Les mots de l'index qui répondent au terme t, avec leur poids.
  function developper(t, enCours) {
    var connus = vocabulaire(cle(t.r)), trouves = [];
    var parFrequence = function (a, b) {
      return (frequence(b) - frequence(a)) || (a < b ? -1 : 1);
    };
    if (connus.indexOf(t.r) >= 0) trouves.push({ mot: t.r, facteur: 1 });
    if (t.p.length >= 4 || (enCours && t.p.length === 3)) {
      connus.filter(function (u) { return u !== t.r && u.startsWith(t.p); })
        .sort(parFrequence).slice(0, PREFIXES_MAX)
        .forEach(function (u) { trouves.push({ mot: u, facteur: 0.8 }); });
    }
    if (!trouves.length && t.r.length >= 4) {
      connus.filter(function (u) {
        return uneFaute(t.r, u) || (u.length > t.p.length + 1 &&
          [-1, 0, 1].some(function (d) { return uneFaute(t.p, u.slice(0, t.p.length + d)); }));
      }).sort(parFrequence).slice(0, FAUTES_MAX)
        .forEach(function (u) { trouves.push({ mot: u, facteur: 0.6 }); });
    }
    return trouves;
  }

  function chercher(texte) {
    var liste = requete(texte);
    if (!liste.length) return Promise.resolve(null);
    var termes_ = [];
    liste.forEach(function (q) {
      q.choix.forEach(function (c) { c.forEach(function (t) { t.enCours = q.enCours; termes_.push(t); }); });
    });
    var cles_ = termes_.map(function (t) { return cle(t.r); });
    // le dictionnaire et les récents de chaque clé, s'ils existent
    var fichiers = cles_.filter(function (c) { return cles.has(c); })
      .map(function (c) { return "mots/" + fichier(c) + ".js"; })
      .concat(cles_.filter(function (c) { return meta.cles_recentes.has(cleRecente(c)); })
        .map(function (c) { return "recents/" + fichier(cleRecente(c)) + ".js"; }))
      .filter(function (f, i, tous) { return tous.indexOf(f) === i; });
    return Promise.all(fichiers.map(charger))
      .then(function () {
        var aCharger = [], formes = [];
        termes_.forEach(function (t) {
          t.formes = developper(t, t.enCours);
          t.formes.forEach(function (e) {
            var dico = dicos[cle(e.mot)] || {};
            if (formes.indexOf(e.mot) < 0) formes.push(e.mot);
            if (!possede(dico, e.mot)) termes[e.mot] = new Map();
            else if (Array.isArray(dico[e.mot])) termes[e.mot] = documents(dico[e.mot]);
            else if (aCharger.indexOf(e.mot) < 0) aCharger.push(e.mot);
          });
        });
        return Promise.all(aCharger.map(function (u) { return charger("termes/" + fichier(u) + ".js"); }))
          .then(function () {
            // les scores des documents récents s'ajoutent à ceux de l'index des mots
            formes.forEach(function (u) {
              var r = recentsDe(u);
              if (r) documents(r).forEach(function (s, doc) { termes[u].set(doc, s); });
            });
            return classer(liste);
          });
      });
  }

  function idf(u) {
    var df = frequence(u) || 1;
    return Math.log(1 + (meta.documents - df + 0.5) / (df + 0.5));
  }

  // Le meilleur score de chaque document pour le terme t (toutes ses formes trouvées).
  function scoresDe(t) {
    var scores = new Map();
    t.formes.forEach(function (e) {
      var poids = idf(e.mot) * e.facteur;
      (termes[e.mot] || new Map()).forEach(function (s, doc) {
        var v = s * poids;
        if (!(scores.get(doc) >= v)) scores.set(doc, v);
      });
    });
    return scores;
  }

  function classer(liste) {
    var total = new Map(), presents = new Map();
    liste.forEach(function (q, iq) {
      var meilleur = new Map();
      q.choix.forEach(function (c) {
        var parties = c.map(scoresDe);
        parties[0].forEach(function (s, doc) {
          var somme = s;
          for (var i = 1; i < parties.length; i++) {
            if (!parties[i].has(doc)) return;
            somme += parties[i].get(doc);
          }
          if (!(meilleur.get(doc) >= somme)) meilleur.set(doc, somme);
        });
      });
      meilleur.forEach(function (s, doc) {
        total.set(doc, (total.get(doc) || 0) + s);
        if (!presents.has(doc)) presents.set(doc, []);
        presents.get(doc).push(iq);
      });
    });
    // tous les mots d'abord ; puis ceux à qui il en manque un (ou un tiers) ; et si personne
    // n'en a autant, les pages qui en ont le plus
    var resultats = [], moinsDeManques = liste.length;
    total.forEach(function (s, doc) {
      var manque = liste.length - presents.get(doc).length;
      moinsDeManques = Math.min(moinsDeManques, manque);
      resultats.push({
        doc: doc, score: s,
        manquants: liste.filter(function (q, iq) { return presents.get(doc).indexOf(iq) < 0; })
          .map(function (q) { return q.mot; })
      });
    });
    var tolere = Math.max(moinsDeManques,
      liste.length >= 2 ? Math.max(1, Math.floor(liste.length / 3)) : 0);
    resultats = resultats.filter(function (r) { return r.manquants.length <= tolere; });
    resultats.sort(function (a, b) {
      return (a.manquants.length - b.manquants.length) || (b.score - a.score) || (a.doc - b.doc);
    });
    var trouves = new Set();
    liste.forEach(function (q) {
      q.choix.forEach(function (c) {
        c.forEach(function (t) { t.formes.forEach(function (e) { trouves.add(e.mot); }); });
      });
    });
    return {
      resultats: resultats,
      complets: resultats.filter(function (r) { return !r.manquants.length; }).length,
      trouves: trouves,
      liste: liste
    };
  }

  // Le passage d'un document qui contient le plus de mots de la requête : (texte, [début, fin]
  // de chaque mot à surligner), ou null.
  function extrait(passages, resultat) {
    var meilleur = null, note = 0;
    passages.forEach(function (p) {
      var marques = [], mots_ = new Set(), m;
      JETON_ORIGINAL.lastIndex = 0;
      while ((m = JETON_ORIGINAL.exec(p)) !== null) {
        var formes = mots(m[0]).filter(function (f) { return resultat.trouves.has(f); });
        if (formes.length) {
          marques.push([m.index, m.index + m[0].length]);
          formes.forEach(function (f) { mots_.add(f); });
        }
      }
      var n = 100 * mots_.size + marques.length;
      if (n > note) { note = n; meilleur = { texte: p, marques: marques }; }
    });
    return meilleur;
  }

  // Le passage, réduit à EXTRAIT caractères autour du premier mot trouvé (coupé aux espaces),
  // les mots trouvés dans des <mark> : du texte mis dans le DOM, jamais du HTML.
  var EXTRAIT = 180;
  function surligner(element, e) {
    var debut = 0, fin = e.texte.length;
    if (fin > EXTRAIT) {
      debut = Math.max(0, e.marques[0][0] - 50);
      if (debut > 0) debut = e.texte.indexOf(" ", debut) + 1 || e.marques[0][0];
      fin = Math.min(fin, debut + EXTRAIT);
      if (fin < e.texte.length) fin = Math.max(e.texte.lastIndexOf(" ", fin), e.marques[0][1]);
    }
    if (debut > 0) element.append("… ");
    var position = debut;
    e.marques.forEach(function (m) {
      if (m[0] < position || m[1] > fin) return;
      element.append(e.texte.slice(position, m[0]));
      var mark = document.createElement("mark");
      mark.textContent = e.texte.slice(m[0], m[1]);
      element.appendChild(mark);
      position = m[1];
    });
    element.append(e.texte.slice(position, fin));
    if (fin < e.texte.length) element.append(" …");
  }

  function guillemets(mot) { return "« " + mot + " »"; }

  function afficher(resultat, combien, liste, etat, plus, texte) {
    liste.textContent = "";
    plus.hidden = true;
    if (!resultat) { etat.textContent = ""; return; }
    var n = resultat.resultats.length;
    if (!n) {
      etat.textContent = "Aucun résultat pour « " + texte + " ».";
      return;
    }
    var montres = resultat.resultats.slice(0, combien);
    var partiels = n - resultat.complets;
    etat.textContent = n + (n > 1 ? " résultats" : " résultat") +
      (partiels ? (resultat.complets ? ", dont " + partiels + " sans tous les mots" : ", aucun avec tous les mots") : "") +
      (n > montres.length ? ", les " + montres.length + " premiers :" : "");
    montres.forEach(function (r) {
      var d = docs[r.doc];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = adresse(d[0]);
      a.textContent = d[1];
      var genre = document.createElement("span");
      genre.className = "commun-infos";
      genre.textContent = d[2];
      var resume = document.createElement("p");
      resume.className = "commun-extrait";
      var e = extrait(d[4] || [], resultat);
      if (e) surligner(resume, e);
      else resume.textContent = d[3];
      li.append(a, " ", genre, resume);
      if (r.manquants.length) {
        var manque = document.createElement("p");
        manque.className = "commun-manque";
        manque.textContent = "Ne contient pas : " + r.manquants.map(guillemets).join(", ");
        li.appendChild(manque);
      }
      liste.appendChild(li);
    });
    plus.hidden = n <= montres.length;
  }

  // Les descriptions des résultats montrés, et d'eux seuls.
  function chargerDocs(resultat, combien) {
    if (!resultat) return Promise.resolve();
    return Promise.all(resultat.resultats.slice(0, combien).map(function (r) {
      return charger("docs/" + r.doc + ".js");
    }));
  }

  function demarrer() {
    var formulaire = document.getElementById("commun-recherche");
    if (!formulaire) return;
    var champ = formulaire.querySelector("input[name=q]");
    var liste = document.getElementById("commun-resultats");
    var etat = document.getElementById("commun-etat");
    var plus = document.createElement("button");
    plus.type = "button";
    plus.className = "md-button commun-plus";
    plus.textContent = "Afficher " + PAR_PAGE + " résultats de plus";
    plus.hidden = true;
    liste.after(plus);
    var attente = null, numero = 0, courant = null, combien = PAR_PAGE;

    function montrer(n) {
      var r = courant;
      return chargerDocs(r.resultat, combien).then(function () {
        if (n === numero) afficher(r.resultat, combien, liste, etat, plus, r.texte);
      });
    }

    function echec(n) {
      return function () {
        if (n === numero) etat.textContent = "La recherche n'a pas pu se charger. Réessayez.";
      };
    }

    function lancer() {
      var texte = champ.value, n = ++numero;
      combien = PAR_PAGE;
      var suite = meta && cles ? Promise.resolve()
        : Promise.all([charger("meta.js"), charger("cles.js")]);
      suite.then(function () { return chercher(texte); })
        .then(function (r) {
          if (n !== numero) return;
          courant = { resultat: r, texte: texte };
          return montrer(n);
        })
        .catch(echec(n));
    }

    plus.addEventListener("click", function () {
      combien += PAR_PAGE;
      montrer(numero).catch(echec(numero));
    });
    champ.addEventListener("input", function () {
      clearTimeout(attente);
      attente = setTimeout(lancer, 120);
    });
    formulaire.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!horsLigne) history.replaceState(null, "", "?q=" + encodeURIComponent(champ.value));
      lancer();
    });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { champ.value = q; lancer(); }
    // ce qui a été tapé avant que ce script ne soit prêt (téléphone lent, page lue hors ligne)
    else if (champ.value.trim()) lancer();
    charger("meta.js");
    charger("cles.js");
    champ.focus();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", demarrer);
  else demarrer();
})();
