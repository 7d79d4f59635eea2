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
    return o < 1e6 ? Math.max(1, Math.round(o / 1e3)) + " ko"
      : (o / 1e6).toFixed(1).replace(".", ",") + " Mo";
  }

  if (!("serviceWorker" in navigator) || !("caches" in window) || location.protocol === "file:") {
    etat.textContent = location.protocol === "file:"
      ? "Vous lisez déjà la copie hors ligne : tout est sur cet ordinateur."
      : "Ce navigateur ne sait pas garder le site hors ligne : utilisez la copie ZIP ci-dessous.";
    return;
  }

  var deja = localStorage.getItem("commun-hors-ligne");
  etat.textContent = deja
    ? "Le commun a déjà été téléchargé sur cet appareil. Relancez pour le mettre à jour."
    : "Rien n'est encore téléchargé sur cet appareil.";
  bouton.disabled = false;

  bouton.addEventListener("click", function () {
    bouton.disabled = true;
    etat.textContent = "Préparation…";
    var liste;
    fetch(racine + "hors-ligne/fichiers.json", { cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (l) {
        liste = l;
        if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
        return caches.open("commun-" + l.version);
      })
      .then(function (cache) {
        var total = liste.fichiers.length, faits = 0, suivant = 0;
        barre.hidden = false;
        barre.max = total;
        function un() {
          if (suivant >= total) return Promise.resolve();
          var url = racine + liste.fichiers[suivant++];
          return cache.match(url).then(function (present) {
            if (present) return;
            return fetch(url).then(function (r) { if (r.ok) return cache.put(url, r); });
          }).then(function () {
            faits++;
            barre.value = faits;
            etat.textContent = "Téléchargement : " + faits + " / " + total + " fichiers…";
            return un();
          });
        }
        return Promise.all([un(), un(), un(), un()]).then(function () {
          localStorage.setItem("commun-hors-ligne", liste.version);
          etat.textContent = "Prêt : le commun est disponible sans réseau sur cet appareil (" +
            total + " fichiers, " + taille(liste.octets) + ").";
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
