/* Le commun sur toutes les pages : enregistre le service worker (lecture hors ligne), rend
 * le clavier aux tableaux larges, et fait marcher les boutons « Imprimer » (aucun attribut
 * onclick dans les pages). */
(function () {
  "use strict";
  // Les tableaux larges défilent : le clavier doit pouvoir y entrer (RGAA, WCAG 2.1.1).
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code").forEach(function (zone) {
      if (zone.scrollWidth > zone.clientWidth) zone.tabIndex = 0;
    });
  });
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-commun-imprimer]")) window.print();
  });
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var racine = document.currentScript.src.replace(/assets\/commun\.js(\?.*)?$/, "");
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(racine + "sw.js").catch(function () {});
  });
})();
