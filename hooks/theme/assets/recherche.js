/* Recherche du commun : charge seulement les morceaux d'index des mots tapés.
 * Les règles de normalisation sont celles de hooks/commun/recherche.py (un test les compare).
 * Fonctionne en ligne et depuis file:// (les morceaux sont des scripts, pas du JSON). */
(function () {
  "use strict";

  var MOTS_VIDES = new Set(("a ai au aux avec c ce ces cet cette d dans de des du elle elles en " +
    "et eu il ils j je l la le les leur leurs lui m ma mais me mes moi mon n ne ni nos notre " +
    "nous on ou par pas pour qu que qui s sa se ses si son sur t ta te tes toi ton tu un une vos " +
    "votre vous y est sont etre ont avoir fait plus tres aussi comme sans sous").split(" "));

  function plier(texte) {
    return texte.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function racine(mot) {
    if (mot.length <= 3 || !/^[a-z]+$/.test(mot)) return mot;
    if (mot.endsWith("aux") && mot.length > 4) mot = mot.slice(0, -3) + "al";
    else if (mot.endsWith("s") || mot.endsWith("x")) mot = mot.slice(0, -1);
    if (mot.endsWith("e") && mot.length > 3) mot = mot.slice(0, -1);
    if (mot.endsWith("e") && mot.length > 3) mot = mot.slice(0, -1);
    return mot;
  }

  function mots(texte) {
    return plier(texte).split(/[^a-z0-9]+/)
      .filter(function (m) { return m.length > 1 && !MOTS_VIDES.has(m); })
      .map(racine);
  }

  var script = document.currentScript;
  var racineSite = script.src.replace(/assets\/recherche\.js(\?.*)?$/, "");
  var horsLigne = location.protocol === "file:";
  var meta = null, index = {}, docs = {}, chargements = {};

  function charger(chemin) {
    if (!chargements[chemin]) {
      chargements[chemin] = new Promise(function (ok, echec) {
        var s = document.createElement("script");
        s.src = racineSite + "recherche/" + chemin;
        s.onload = ok;
        s.onerror = function () { echec(new Error(chemin)); };
        document.head.appendChild(s);
      });
    }
    return chargements[chemin];
  }

  window.CommunRecherche = {
    meta: function (m) { meta = m; meta.cles = new Set(m.cles); },
    index: function (cle, termes) { index[cle] = termes; },
    docs: function (n, paquet) { docs[n] = paquet; },
    mots: mots  // pour les tests
  };

  function adresse(url) {
    if (horsLigne && (url === "" || url.endsWith("/"))) url += "index.html";
    return racineSite + url;
  }

  // Les requêtes : chaque mot complet par sa racine exacte ; le dernier, en cours de frappe,
  // par préfixe de sa racine.
  function requete(texte) {
    var plies = plier(texte).split(/[^a-z0-9]+/)
      .filter(function (m) { return m.length > 1 && !MOTS_VIDES.has(m); });
    var enCours = !/[\s,;.!?]$/.test(texte);
    return plies.map(function (m, i) {
      return { racine: racine(m), prefixe: enCours && i === plies.length - 1 };
    });
  }

  function chercher(texte) {
    var termes = requete(texte);
    if (!termes.length) return Promise.resolve(null);
    var cles = termes.map(function (t) { return t.racine.slice(0, 2); })
      .filter(function (c, i, toutes) { return meta.cles.has(c) && toutes.indexOf(c) === i; });
    return Promise.all(cles.map(function (c) { return charger("index/" + c + ".js"); }))
      .then(function () {
        var scores = new Map(), trouves = new Map();
        termes.forEach(function (t) {
          var morceau = index[t.racine.slice(0, 2)] || {};
          var meilleurs = new Map();
          Object.keys(morceau).forEach(function (mot) {
            if (mot === t.racine || (t.prefixe && mot.startsWith(t.racine))) {
              var p = morceau[mot];
              var facteur = mot === t.racine ? 1 : 0.8;
              for (var i = 0; i < p.length; i += 2) {
                var s = p[i + 1] * facteur;
                if (!(meilleurs.get(p[i]) >= s)) meilleurs.set(p[i], s);
              }
            }
          });
          meilleurs.forEach(function (s, doc) {
            scores.set(doc, (scores.get(doc) || 0) + s);
            trouves.set(doc, (trouves.get(doc) || 0) + 1);
          });
        });
        var classes = Array.from(scores.keys()).sort(function (a, b) {
          return (trouves.get(b) - trouves.get(a)) || (scores.get(b) - scores.get(a));
        });
        var complets = classes.filter(function (d) { return trouves.get(d) === termes.length; });
        var retenus = (complets.length ? complets : classes);
        var premiers = retenus.slice(0, 20);
        var paquets = premiers.map(function (d) { return Math.floor(d / meta.paquet); })
          .filter(function (p, i, tous) { return tous.indexOf(p) === i; });
        return Promise.all(paquets.map(function (p) { return charger("docs/" + p + ".js"); }))
          .then(function () {
            return {
              total: retenus.length,
              tousLesMots: complets.length > 0,
              documents: premiers.map(function (d) { return docs[Math.floor(d / meta.paquet)][d % meta.paquet]; })
            };
          });
      });
  }

  function afficher(resultat, liste, etat, texte) {
    liste.textContent = "";
    if (!resultat) { etat.textContent = ""; return; }
    if (!resultat.total) {
      etat.textContent = "Aucun résultat pour « " + texte + " ».";
      return;
    }
    etat.textContent = resultat.total + (resultat.total > 1 ? " résultats" : " résultat") +
      (resultat.tousLesMots ? "" : " (pas tous les mots)") +
      (resultat.total > resultat.documents.length ? ", les " + resultat.documents.length + " premiers :" : "");
    resultat.documents.forEach(function (d) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = adresse(d[0]);
      a.textContent = d[1];
      var genre = document.createElement("span");
      genre.className = "commun-infos";
      genre.textContent = d[2];
      var resume = document.createElement("p");
      resume.textContent = d[3];
      li.append(a, " ", genre, resume);
      liste.appendChild(li);
    });
  }

  function demarrer() {
    var formulaire = document.getElementById("commun-recherche");
    if (!formulaire) return;
    var champ = formulaire.querySelector("input[name=q]");
    var liste = document.getElementById("commun-resultats");
    var etat = document.getElementById("commun-etat");
    var attente = null, numero = 0;

    function lancer() {
      var texte = champ.value, n = ++numero;
      var suite = meta ? Promise.resolve() : charger("meta.js");
      suite.then(function () { return chercher(texte); })
        .then(function (r) { if (n === numero) afficher(r, liste, etat, texte); })
        .catch(function () {
          if (n === numero) etat.textContent = "La recherche n'a pas pu se charger. Réessayez.";
        });
    }

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
    champ.focus();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", demarrer);
  else demarrer();
})();
