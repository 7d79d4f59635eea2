/* Le commun sur toutes les pages : enregistre le service worker (lecture hors ligne). */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var racine = document.currentScript.src.replace(/assets\/commun\.js(\?.*)?$/, "");
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(racine + "sw.js").catch(function () {});
  });
})();
