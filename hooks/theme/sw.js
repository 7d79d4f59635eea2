/* Service worker du commun : les pages visitées restent lisibles sans réseau, et
 * « Consulter hors ligne » (page hors-ligne/) y range tout le commun.
 * La version est écrite au build : un nouveau build remplace proprement l'ancien cache. */
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

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (noms) {
    return Promise.all(noms.filter(function (n) {
      return n.indexOf("commun-") === 0 && n !== CACHE;
    }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

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
      return caches.match(r, { ignoreSearch: true }).then(function (rep) {
        return rep || caches.match(BASE + "hors-ligne/");
      });
    }));
    return;
  }
  // le reste (styles, scripts, index de recherche, images) : d'abord le cache
  e.respondWith(caches.match(r).then(function (rep) {
    return rep || fetch(r).then(function (rep2) { return garder(r, rep2); });
  }));
});

self.addEventListener("message", function (e) {
  if (e.data === "version" && e.source) e.source.postMessage({ version: VERSION, cache: CACHE });
});
