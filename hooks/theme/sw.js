/* Service worker du commun : les pages visitées restent lisibles sans réseau, et
 * « Consulter hors ligne » (page hors-ligne/) y range tout le commun.
 * La version est écrite au build : chaque build a son cache. Celui d'une version précédente
 * est effacé, sauf la dernière copie complète (marquée par sa liste hors-ligne/fichiers.json) :
 * elle reste lisible sans réseau jusqu'à ce que « Mettre à jour » la remplace, en reprenant
 * ce qui n'a pas changé. */
"use strict";
var VERSION = "__VERSION__";
var CACHE = "commun-" + VERSION;
var BASE = new URL("./", self.location).href;
var ESSENTIELS = __ESSENTIELS__;

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) {
    return c.addAll(ESSENTIELS.map(function (u) { return BASE + u; }));
  }).then(function () { return self.skipWaiting(); }));
});

var LISTE = BASE + "hors-ligne/fichiers.json";  // rangée dans un cache à la fin d'une copie complète

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (noms) {
    var anciens = noms.filter(function (n) { return n.indexOf("commun-") === 0 && n !== CACHE; });
    return Promise.all(anciens.map(function (n) {
      return caches.open(n).then(function (c) { return c.match(LISTE); })
        .then(function (liste) { return liste ? n : null; });
    })).then(function (completes) {
      var garde = completes.filter(Boolean).pop();  // la plus récente copie complète
      return Promise.all(anciens.filter(function (n) { return n !== garde; })
        .map(function (n) { return caches.delete(n); }));
    });
  }).then(function () { return self.clients.claim(); }));
});

// Dans le cache de cette version, sinon dans la copie complète précédente. L'index de
// recherche ne mélange jamais deux versions : celui d'avant ne sert que si cette version n'a
// encore rien de sa recherche en cache.
function enCache(requete, options) {
  return caches.open(CACHE).then(function (c) {
    return c.match(requete, options).then(function (rep) {
      if (rep) return rep;
      if (requete.url.indexOf(BASE + "recherche/") !== 0) return caches.match(requete, options);
      return c.match(BASE + "recherche/meta.js").then(function (meta) {
        return meta ? undefined : caches.match(requete, options);
      });
    });
  });
}

function garder(requete, reponse) {
  if (reponse && reponse.ok && reponse.type === "basic") {
    var copie = reponse.clone();
    caches.open(CACHE).then(function (c) { c.put(requete, copie); });
  }
  return reponse;
}

self.addEventListener("fetch", function (e) {
  var r = e.request;
  if (r.method !== "GET" || !r.url.startsWith(BASE) || r.url.indexOf("/telechargements/") > 0) return;
  if (r.mode === "navigate") {
    // les pages : d'abord le réseau (contenu à jour), sinon le cache, sinon la page hors ligne
    e.respondWith(fetch(r).then(function (rep) { return garder(r, rep); }).catch(function () {
      return enCache(r, { ignoreSearch: true }).then(function (rep) {
        return rep || caches.match(BASE + "hors-ligne/");
      });
    }));
    return;
  }
  // le reste (styles, scripts, index de recherche, images) : d'abord le cache de la version
  e.respondWith(caches.open(CACHE).then(function (c) { return c.match(r); }).then(function (rep) {
    return rep || fetch(r).then(function (rep2) { return garder(r, rep2); }).catch(function (err) {
      return enCache(r).then(function (rep3) { if (rep3) return rep3; throw err; });
    });
  }));
});

self.addEventListener("message", function (e) {
  if (e.data === "version" && e.source) e.source.postMessage({ version: VERSION, cache: CACHE });
});
