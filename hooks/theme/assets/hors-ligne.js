/* « Consulter hors ligne » : range tout le commun dans le cache du service worker, avec une
 * barre de progression, et dit quand c'est prêt. */
(function () {
  "use strict";
  var racine = document.currentScript.src.replace(/assets\/hors-ligne\.js(\?.*)?$/, "");
  var bouton = document.getElementById("commun-telecharger");
  var barre = document.getElementById("commun-progression");
  var etat = document.getElementById("commun-etat-hors-ligne");
  if (!bouton) return;

  function taille(o) {
    return o < 1e6 ? Math.max(1, Math.round(o / 1e3)) + "\u00a0ko"
      : (o / 1e6).toFixed(1).replace(".", ",") + "\u00a0Mo";
  }

  if (!("serviceWorker" in navigator) || !("caches" in window) || location.protocol === "file:") {
    etat.textContent = location.protocol === "file:"
      ? "Vous lisez déjà la copie hors ligne : tout est sur cet ordinateur."
      : "Ce navigateur ne sait pas garder le site hors ligne : utilisez la copie ZIP ci-dessous.";
    return;
  }

  // la version de la dernière copie complète sur cet appareil, et son cache
  var deja = localStorage.getItem("commun-hors-ligne");
  etat.textContent = deja
    ? "Le commun a déjà été téléchargé sur cet appareil. Relancez pour le mettre à jour : "
      + "seul ce qui a changé est téléchargé."
    : "Rien n'est encore téléchargé sur cet appareil.";
  bouton.disabled = false;

  // La copie précédente : ses fichiers dont l'empreinte n'a pas changé sont repris tels quels,
  // sans rien télécharger.
  function precedente(version) {
    if (!deja || deja === version) return Promise.resolve(null);
    return caches.open("commun-" + deja).then(function (cache) {
      return cache.match(racine + "hors-ligne/fichiers.json").then(function (r) {
        return r ? r.json() : null;
      }).then(function (l) {
        if (!l) return null;
        var empreintes = new Map();
        l.fichiers.forEach(function (u, i) { empreintes.set(u, l.empreintes[i]); });
        return { cache: cache, empreintes: empreintes, parties: l.parties || [] };
      });
    });
  }

  // La liste est découpée en parties (hors-ligne/fichiers-N.json) : une partie dont
  // l'empreinte n'a pas changé est reprise de la copie précédente, les autres téléchargées.
  // Toutes sont rangées dans le cache de la nouvelle copie, pour la mise à jour suivante.
  function parties(liste, avant, cache) {
    if (!liste.parties) return Promise.resolve(liste);  // une liste d'un seul bloc
    var memes = avant && avant.parties.length === liste.parties.length;
    return Promise.all(liste.parties.map(function (empreinte, i) {
      var url = racine + "hors-ligne/fichiers-" + i + ".json";
      var ancienne = memes && avant.parties[i] === empreinte
        ? avant.cache.match(url) : Promise.resolve(undefined);
      return ancienne.then(function (r) {
        return r || fetch(url, { cache: "no-store" }).then(function (r2) {
          if (!r2.ok) throw new Error(r2.status);
          return r2;
        });
      }).then(function (r) { return r.text(); }).then(function (texte) {
        return cache.put(url, new Response(texte, {
          headers: { "Content-Type": "application/json" } })).then(function () {
          return JSON.parse(texte);
        });
      });
    })).then(function (morceaux) {
      liste.fichiers = [];
      liste.empreintes = [];
      morceaux.forEach(function (m) {
        liste.fichiers = liste.fichiers.concat(m.fichiers);
        liste.empreintes = liste.empreintes.concat(m.empreintes);
      });
      return liste;
    });
  }

  bouton.addEventListener("click", function () {
    bouton.disabled = true;
    etat.textContent = "Préparation…";
    var liste, avant, repris = 0;
    fetch(racine + "hors-ligne/fichiers.json", { cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (l) {
        liste = l;
        if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
        return precedente(l.version);
      })
      .then(function (p) {
        avant = p;
        return caches.open("commun-" + liste.version);
      })
      .then(function (cache) {
        return parties(liste, avant, cache).then(function () { return cache; });
      })
      .then(function (cache) {
        var total = liste.fichiers.length, faits = 0, suivant = 0;
        barre.hidden = false;
        barre.max = total;
        function reprendre(i, url) {
          var chemin = liste.fichiers[i];
          if (!avant || avant.empreintes.get(chemin) !== liste.empreintes[i]) {
            return Promise.resolve(false);
          }
          return avant.cache.match(url).then(function (ancien) {
            if (!ancien) return false;
            repris++;
            return cache.put(url, ancien).then(function () { return true; });
          });
        }
        function un() {
          if (suivant >= total) return Promise.resolve();
          var i = suivant++, url = racine + liste.fichiers[i];
          return cache.match(url).then(function (present) {
            if (present) return;
            return reprendre(i, url).then(function (fait) {
              if (!fait) return fetch(url).then(function (r) { if (r.ok) return cache.put(url, r); });
            });
          }).then(function () {
            faits++;
            barre.value = faits;
            etat.textContent = "Téléchargement : " + faits + " / " + total + " fichiers…";
            return un();
          });
        }
        return Promise.all([un(), un(), un(), un()]).then(function () {
          // la liste marque la copie complète : le service worker la garde au prochain build
          return cache.put(racine + "hors-ligne/fichiers.json",
                           new Response(JSON.stringify(liste), {
                             headers: { "Content-Type": "application/json" } }));
        }).then(function () {
          return caches.keys();
        }).then(function (noms) {  // la copie précédente n'a plus d'usage
          return Promise.all(noms.filter(function (n) {
            return n.indexOf("commun-") === 0 && n !== "commun-" + liste.version;
          }).map(function (n) { return caches.delete(n); }));
        }).then(function () {
          localStorage.setItem("commun-hors-ligne", liste.version);
          deja = liste.version;
          etat.textContent = "Prêt : le commun est disponible sans réseau sur cet appareil (" +
            total + " fichiers, " + taille(liste.octets) + (repris
              ? " ; " + repris + " repris de la copie précédente, sans les retélécharger)."
              : ").");
          bouton.disabled = false;
          bouton.textContent = "Mettre à jour";
        });
      })
      .catch(function () {
        etat.textContent = "Le téléchargement s'est interrompu (réseau ?). Relancez : ce qui " +
          "est déjà téléchargé est gardé.";
        bouton.disabled = false;
      });
  });
})();
