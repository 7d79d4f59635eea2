// Le formulaire d'un questionnaire (commun/questionnaires.py) : les réponses restent sur le
// téléphone (localStorage), même sans réseau et après un rechargement, jusqu'à ce que la personne
// les envoie elle-même : un fichier CSV téléchargé, ou le menu de partage du téléphone (WhatsApp,
// e-mail). Rien ne part ailleurs : ni serveur, ni service tiers.
(function () {
  "use strict";
  var form = document.querySelector("form.commun-questionnaire");
  if (!form) return;
  var id = form.getAttribute("data-questionnaire");
  var colonnes = form.getAttribute("data-colonnes").split(" ");
  var cle = "commun-questionnaire:" + id;
  var etat = form.querySelector(".commun-questionnaire__etat");

  function nouvelId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function lire() {
    try {
      return JSON.parse(localStorage.getItem(cle)) || null;
    } catch (e) {
      return null;
    }
  }

  var reponse = lire() || { reponse_id: nouvelId(), date: "", valeurs: {} };

  function valeurs() {
    var resultat = {};
    Array.prototype.forEach.call(form.elements, function (champ) {
      if (!champ.name) return;
      if (champ.type === "radio") {
        if (champ.checked) resultat[champ.name] = champ.value;
      } else if (champ.type === "checkbox") {
        resultat[champ.name] = resultat[champ.name] || [];
        if (champ.checked) resultat[champ.name].push(champ.value);
      } else if (champ.value !== "") {
        resultat[champ.name] = champ.value;
      }
    });
    return resultat;
  }

  function remplir(v) {
    Array.prototype.forEach.call(form.elements, function (champ) {
      if (!champ.name || !(champ.name in v)) return;
      var valeur = v[champ.name];
      if (champ.type === "radio") champ.checked = champ.value === valeur;
      else if (champ.type === "checkbox") champ.checked = valeur.indexOf(champ.value) >= 0;
      else champ.value = valeur;
    });
  }

  function dire(texte) {
    etat.textContent = texte;
  }

  function enregistrer() {
    reponse.valeurs = valeurs();
    reponse.date = new Date().toISOString().slice(0, 10);
    try {
      localStorage.setItem(cle, JSON.stringify(reponse));
      dire("Réponses gardées sur ce téléphone. Elles ne partent que si vous les envoyez.");
    } catch (e) {
      dire("Ce navigateur ne peut pas garder les réponses : envoyez-les avant de fermer la page.");
    }
  }

  // une cellule CSV ; une formule (=, +, -, @ en tête) est désamorcée pour les tableurs
  function cellule(valeur) {
    var texte = Array.isArray(valeur) ? valeur.join(" ") : String(valeur == null ? "" : valeur);
    if (/^[=+\-@\t\r]/.test(texte)) texte = "'" + texte;
    return /[",\r\n;]/.test(texte) ? '"' + texte.replace(/"/g, '""') + '"' : texte;
  }

  function csv() {
    var v = reponse.valeurs;
    var ligne = colonnes.map(function (c) {
      if (c === "reponse_id") return cellule(reponse.reponse_id);
      if (c === "date") return cellule(reponse.date);
      return cellule(v[c]);
    });
    return colonnes.join(",") + "\r\n" + ligne.join(",") + "\r\n";
  }

  function fichier() {
    var nom = id + "-" + (reponse.date || "reponse") + "-" + reponse.reponse_id.slice(0, 8) + ".csv";
    return new File([csv()], nom, { type: "text/csv" });
  }

  function bouton(action) {
    return form.querySelector('[data-action="' + action + '"]');
  }

  bouton("csv").addEventListener("click", function () {
    enregistrer();
    var f = fichier();
    var lien = document.createElement("a");
    lien.href = URL.createObjectURL(f);
    lien.download = f.name;
    document.body.appendChild(lien);
    lien.click();
    setTimeout(function () {
      URL.revokeObjectURL(lien.href);
      lien.remove();
    }, 1000);
    dire("Fichier « " + f.name + " » enregistré dans les téléchargements du téléphone.");
  });

  bouton("partager").addEventListener("click", function () {
    enregistrer();
    var f = fichier();
    navigator.share({ files: [f], title: document.title }).then(
      function () { dire("Réponses envoyées."); },
      function () { dire("Envoi annulé : les réponses restent sur ce téléphone."); });
  });

  bouton("effacer").addEventListener("click", function () {
    if (!window.confirm("Effacer les réponses gardées sur ce téléphone ?")) return;
    localStorage.removeItem(cle);
    form.reset();
    reponse = { reponse_id: nouvelId(), date: "", valeurs: {} };
    dire("Réponses effacées : le questionnaire est prêt pour une nouvelle réponse.");
  });

  form.addEventListener("change", enregistrer);
  form.addEventListener("input", enregistrer);
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  remplir(reponse.valeurs);
  if (Object.keys(reponse.valeurs).length) {
    dire("Vos réponses précédentes sont revenues : elles étaient gardées sur ce téléphone.");
  }
  bouton("csv").hidden = false;
  bouton("effacer").hidden = false;
  var essai = new File([""], "essai.csv", { type: "text/csv" });
  if (navigator.canShare && navigator.canShare({ files: [essai] })) bouton("partager").hidden = false;
})();
