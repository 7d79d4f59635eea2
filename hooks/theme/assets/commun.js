/* Le commun sur toutes les pages : enregistre le service worker (lecture hors ligne). */
(function () {
  "use strict";
  // Les tableaux larges défilent : le clavier doit pouvoir y entrer (RGAA, WCAG 2.1.1).
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code").forEach(function (zone) {
      if (zone.scrollWidth > zone.clientWidth) zone.tabIndex = 0;
    });
  });
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var racine = document.currentScript.src.replace(/assets\/commun\.js(\?.*)?$/, "");
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(racine + "sw.js").catch(function () {});
  });
})();
