// A library's page: each module's progress on this device ("2 of 5 questions answered") and
// Continue at its first unanswered question, read through the one store. Without this script
// the page lists the modules, each with its Start link.
(function () {
  "use strict";

  var shared = window.mdbookTraining;
  var page = document.querySelector("[data-training-library]");
  if (!shared || !page) { return; }
  var words = shared.readData(page, "data-training-library");
  if (!words) { return; }
  var ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

  // The module's questions answered on this device: an answer with a choice, text, or revealed.
  function answered(book, questions) {
    var found = {};
    var kept = shared.store.entries(book + "/quiz/");
    questions.forEach(function (q) {
      var value = kept[book + "/quiz/" + q[0]];
      if (value && (value.revealed || value.selected.length || value.answer)) { found[q[0]] = true; }
    });
    return found;
  }

  function show(item) {
    var module = shared.readData(item, "data-training-module");
    if (!module || !ID.test(module.book) || !Array.isArray(module.questions)) { return; }
    var questions = module.questions.filter(function (q) {
      return Array.isArray(q) && typeof q[0] === "string" && typeof q[1] === "string" && typeof q[2] === "string";
    });
    var done = answered(module.book, questions);
    var count = Object.keys(done).length;
    var progress = item.querySelector(".training-library-progress");
    if (progress && questions.length) {
      progress.textContent = shared.fill(shared.counted(words.progress, "questions", questions.length), "answered", count);
      progress.hidden = false;
    }
    var go = item.querySelector(".training-library-go");
    if (!go || !count) { return; }
    // Continue where the first question not yet answered is; a module answered through
    // opens at its start, where its progress page is listed.
    var next = questions.filter(function (q) { return !done[q[0]]; })[0];
    if (next && typeof module.root === "string") {
      go.href = module.root + next[1] + "#" + encodeURIComponent(next[2]);
    }
    var label = go.firstChild;
    if (label && label.nodeType === 3) { label.nodeValue = words.continue; }
  }

  function showAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-training-module]"), show);
  }

  // One progress file for the whole library: every module's answers and notes.
  function takeAlong() {
    var list = document.querySelector(".training-library-modules");
    if (!words.progress_file || !shared.takeAlong || !list || !words.take_along) { return; }
    var holder = document.createElement("div");
    holder.className = "training-library-take-along";
    holder.appendChild(shared.takeAlong(holder, words.take_along, showAll));
    list.parentNode.insertBefore(holder, list.nextSibling);
  }

  showAll();
  takeAlong();
})();
