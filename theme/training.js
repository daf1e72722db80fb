// The reader's side of mdbook-training: interactive questions, private scenario notes, a
// progress and notes recap. Progressive enhancement over HTML that works without it; answers
// and notes stay in this browser's localStorage and are never sent anywhere.
(function () {
  "use strict";

  // Answers and notes go through the one store (`training-store.js`), which checks every read
  // and every write.
  var store = window.mdbookTrainingStore;

  // One key per book and block, whatever the edition: a reader who switches language finds
  // their answers and notes there.
  function key(data, kind, id) {
    return data.book + "/" + kind + "/" + id;
  }

  // What the store may hold for one block: a question's option count, or true.
  function known(kind, id, limit) {
    var map = {};
    map[kind + "/" + id] = limit || true;
    return map;
  }

  // What a write came to, in the reader's words; "" when it is kept as usual.
  function saveProblem(result, ui) {
    if (result.saved) { return ""; }
    return result.reason === "full" ? ui.not_saved_full : ui.not_saved_off;
  }

  function readData(element, name) {
    try { return JSON.parse(element.getAttribute(name)); } catch (e) { return null; }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  // `{name}` in `template` replaced by `value` as it is: no `$&` or `$'` patterns expanded.
  function fill(template, name, value) {
    return String(template).split("{" + name + "}").join(String(value));
  }

  // The plural form a count takes: the PO file's Plural-Forms rule, sent by the build as a
  // tree ("n", a number, or [operator, operands...]) since the page may not evaluate code.
  function pluralIndex(rule, n) {
    if (rule === "n") { return n; }
    if (typeof rule === "number") { return rule; }
    if (!Array.isArray(rule)) { return 0; }
    var a = pluralIndex(rule[1], n), b = pluralIndex(rule[2], n);
    switch (rule[0]) {
      case "!": return a ? 0 : 1;
      case "?": return a ? b : pluralIndex(rule[3], n);
      case "||": return a || b ? 1 : 0;
      case "&&": return a && b ? 1 : 0;
      case "==": return a === b ? 1 : 0;
      case "!=": return a !== b ? 1 : 0;
      case "<": return a < b ? 1 : 0;
      case "<=": return a <= b ? 1 : 0;
      case ">": return a > b ? 1 : 0;
      case ">=": return a >= b ? 1 : 0;
      case "+": return a + b;
      case "-": return a - b;
      case "*": return a * b;
      case "/": return b ? Math.floor(a / b) : 0;
      case "%": return b ? a % b : 0;
    }
    return 0;
  }

  // An interface string with a count ({forms, rule}), in the form `n` takes, `{name}` filled.
  function counted(text, name, n) {
    var forms = text && text.forms ? text.forms : [String(text)];
    var form = forms[pluralIndex(text.rule, n)];
    return fill(form === undefined ? forms[forms.length - 1] : form, name, n);
  }

  // ---- Questions -------------------------------------------------------------------------

  // After `anchor`: the live region that announces the verdict, where the eye is, then Check,
  // Show answer, Try again and the way on (the next question, or the next chapter).
  function addControls(anchor, ui, section) {
    var actions = el("div", "training-actions");
    var controls = {
      check: el("button", "training-button training-check", ui.check),
      reveal: el("button", "training-button training-reveal", ui.reveal),
      retry: el("button", "training-button training-retry", ui.retry),
      result: el("p", "training-result"),
      next: wayOn(section, ui)
    };
    [controls.check, controls.reveal, controls.retry].forEach(function (b) { b.type = "button"; actions.appendChild(b); });
    if (controls.next) { actions.appendChild(controls.next); controls.next.hidden = true; }
    controls.retry.hidden = true;
    controls.result.setAttribute("role", "status");
    anchor.parentNode.insertBefore(controls.result, anchor.nextSibling);
    controls.result.parentNode.insertBefore(actions, controls.result.nextSibling);
    controls.actions = actions;
    controls.unsaved = el("p", "training-unsaved");
    controls.unsaved.setAttribute("role", "status");
    controls.unsaved.hidden = true;
    actions.parentNode.insertBefore(controls.unsaved, actions.nextSibling);
    return controls;
  }

  // Says, under the buttons, when an answer could not be kept.
  function reportSave(controls, result, ui) {
    var problem = saveProblem(result, ui);
    controls.unsaved.textContent = problem;
    controls.unsaved.hidden = !problem;
  }

  // A link to the next question on the page, or else to the next chapter, if there is one.
  function wayOn(section, ui) {
    var blocks = Array.prototype.slice.call(document.querySelectorAll("[data-training-quiz], [data-training-short-answer]"));
    var following = blocks[blocks.indexOf(section) + 1];
    var chapter = document.querySelector('a[rel~="next"]');
    if (!following && !chapter) { return null; }
    var link = el("a", "training-button training-next", following ? ui.next_question : ui.next_chapter);
    link.href = following ? "#" + following.id : chapter.getAttribute("href");
    return link;
  }

  // Brings the verdict and the buttons into view after an answer, without jumping further.
  function bringIntoView(controls) {
    controls.actions.scrollIntoView({ block: "nearest" });
    controls.result.scrollIntoView({ block: "nearest" });
  }

  // The verdict: a class for the icon and colour, and the words.
  function verdict(result, kind, text) {
    result.textContent = text;
    result.className = "training-result" + (kind ? " is-" + kind : "");
  }

  function enhanceQuiz(section) {
    var data = readData(section, "data-training-quiz");
    var list = section.querySelector(".training-options");
    var details = section.querySelector(".training-answer");
    if (!data || !list) { return; }
    var ui = data.ui;
    var storageKey = key(data, "quiz", data.id);
    var items = Array.prototype.slice.call(list.children);
    var letters = items.map(function (li) { return li.getAttribute("data-letter"); });
    var inputs = [];

    var instruction = section.querySelector(".training-instruction");
    var fieldset = el("fieldset", "training-choices");
    fieldset.id = section.id + "-choices";
    var legend = el("legend", "training-legend", instruction ? instruction.textContent : "");
    fieldset.appendChild(legend);
    list.parentNode.insertBefore(fieldset, list);
    fieldset.appendChild(list);
    if (instruction) { instruction.hidden = true; }
    list.removeAttribute("aria-labelledby");

    items.forEach(function (li, index) {
      var input = el("input");
      input.type = data.multiple ? "checkbox" : "radio";
      input.name = "training-" + data.id;
      input.id = li.id + "-input";
      input.value = String(index);
      var label = el("label", "training-option-label");
      label.htmlFor = input.id;
      label.appendChild(el("span", "training-letter", letters[index]));
      var body = el("span", "training-option-body");
      while (li.firstChild) { body.appendChild(li.firstChild); }
      label.appendChild(body);
      li.appendChild(input);
      li.appendChild(label);
      var feedback = details && details.querySelector('.training-feedback[data-letter="' + letters[index] + '"]');
      if (feedback) {
        var box = el("div", "training-option-feedback");
        box.hidden = true;
        Array.prototype.forEach.call(feedback.children, function (child) {
          if (!child.classList.contains("training-feedback-letter")) { box.appendChild(child.cloneNode(true)); }
        });
        li.appendChild(box);
      }
      var badge = el("span", "training-badge");
      badge.hidden = true;
      label.appendChild(badge);
      inputs.push(input);
    });
    list.classList.add("training-enhanced");
    var explanation = explanationOf(details, section, data.answers.length === 1
      ? fill(ui.why_best, "answer", bestLetters())
      : fill(ui.why_best_many, "answers", bestLetters()));

    var controls = addControls(fieldset, ui, section);
    var check = controls.check;
    var reveal = controls.reveal;
    var retry = controls.retry;
    var result = controls.result;

    function bestLetters() {
      return data.answers.map(function (i) { return letters[i]; }).join(", ");
    }

    function bestSentence() {
      return data.answers.length === 1
        ? fill(ui.best_answer_is, "answer", bestLetters())
        : fill(ui.best_answers_are, "answers", bestLetters());
    }

    // A wrong answer shows its own feedback only; the best answer and the explanation wait
    // until the reader gets it right or asks for it.
    function show(selected, revealed) {
      var open = revealed || isRight(selected);
      items.forEach(function (li, index) {
        var isBest = data.answers.indexOf(index) >= 0;
        var chosen = selected.indexOf(index) >= 0;
        inputs[index].checked = chosen;
        li.classList.toggle("is-best", open && isBest);
        li.classList.toggle("is-chosen", chosen);
        li.classList.toggle("is-wrong", chosen && !isBest);
        var badge = li.querySelector(".training-badge");
        badge.textContent = open && isBest ? ui.best_label : chosen ? ui.chosen_label : "";
        badge.hidden = !badge.textContent;
        var feedback = li.querySelector(".training-option-feedback");
        if (feedback) { feedback.hidden = !(chosen || (open && isBest)); }
      });
      if (explanation) { explanation.hidden = !open; }
      check.hidden = true;
      reveal.hidden = open;
      retry.hidden = false;
      if (controls.next) { controls.next.hidden = !open; }
    }

    function reset() {
      items.forEach(function (li, index) {
        inputs[index].checked = false;
        li.classList.remove("is-best", "is-chosen", "is-wrong");
        li.querySelector(".training-badge").hidden = true;
        var feedback = li.querySelector(".training-option-feedback");
        if (feedback) { feedback.hidden = true; }
      });
      if (explanation) { explanation.hidden = true; }
      verdict(result, "", "");
      check.hidden = false;
      reveal.hidden = false;
      retry.hidden = true;
      if (controls.next) { controls.next.hidden = true; }
    }

    function selection() {
      return inputs.filter(function (i) { return i.checked; }).map(function (i) { return Number(i.value); });
    }

    function isRight(selected) {
      return selected.length === data.answers.length &&
        data.answers.every(function (a) { return selected.indexOf(a) >= 0; });
    }

    function announce(selected, revealed) {
      if (revealed) {
        verdict(result, "revealed", bestSentence());
      } else if (isRight(selected)) {
        verdict(result, "right", ui.correct + " " + bestSentence());
      } else {
        verdict(result, "wrong", ui.incorrect + " " + ui.try_again_or_show);
      }
    }

    function answered(selected, revealed, record) {
      show(selected, revealed);
      announce(selected, revealed);
      reportSave(controls, store.set(storageKey, record), ui);
      updateSets();
      retry.focus({ preventScroll: true });
      bringIntoView(controls);
    }

    check.addEventListener("click", function () {
      var selected = selection();
      if (!selected.length) {
        verdict(result, "", ui.choose_first);
        inputs[0].focus();
        return;
      }
      answered(selected, false, { selected: selected, correct: isRight(selected), at: Date.now() });
    });

    reveal.addEventListener("click", function () {
      // After a wrong answer the reader's choice stays marked beside the best one.
      var selected = retry.hidden ? [] : selection();
      answered(selected, true, { selected: selected, revealed: true, at: Date.now() });
    });

    retry.addEventListener("click", function () {
      reset();
      store.remove(storageKey);
      updateSets();
      inputs[0].focus();
    });

    // A stored answer that this question cannot hold reads as none: the question is open.
    var saved = store.get(storageKey, known("quiz", data.id, items.length));
    if (saved && (saved.revealed || saved.selected.length)) {
      show(saved.selected, !!saved.revealed);
      announce(saved.selected, !!saved.revealed);
    }
  }

  // The explanation, out of the no-script disclosure: headed (`heading`, "Why B is best") and
  // hidden until the answer is out. The disclosure itself is hidden: with scripts there is one
  // way to the answer, the buttons. Per-option feedback was already copied beside each option;
  // the best-answer sentence stays for print (the verdict says it on screen).
  function explanationOf(details, section, heading) {
    if (!details) { return null; }
    var box = el("div", "training-explanation");
    if (heading) { box.appendChild(el("p", "training-why", heading)); }
    Array.prototype.slice.call(details.children).forEach(function (child) {
      var shown = child.tagName !== "SUMMARY" && !child.classList.contains("training-feedback");
      if (shown) { box.appendChild(child); }
    });
    box.hidden = true;
    details.hidden = true;
    section.insertBefore(box, details);
    return box;
  }

  // ---- Typed answers -------------------------------------------------------------------------

  function normalizeAnswer(text) {
    return text.trim().toLowerCase().replace(/\s+/g, " ");
  }

  function enhanceShortAnswer(section) {
    var data = readData(section, "data-training-short-answer");
    if (!data) { return; }
    var ui = data.ui;
    var storageKey = key(data, "quiz", data.id);
    var details = section.querySelector(".training-answer");
    var instruction = section.querySelector(".training-instruction");
    var field = el("input", "training-answer-field");
    field.type = "text";
    field.id = section.id + "-answer";
    field.autocomplete = "off";
    field.spellcheck = false;
    if (instruction) { field.setAttribute("aria-describedby", instruction.id); }
    var label = el("label", "training-answer-label", ui.answer_field);
    label.htmlFor = field.id;
    var box = el("div", "training-answer-box");
    box.appendChild(label);
    box.appendChild(field);
    (instruction || details).parentNode.insertBefore(box, instruction ? instruction.nextSibling : details);
    var explanation = explanationOf(details, section, "");
    var controls = addControls(box, ui, section);
    var check = controls.check;
    var reveal = controls.reveal;
    var retry = controls.retry;
    var result = controls.result;
    var accepted = data.accepted.map(normalizeAnswer);
    var expected = fill(ui.accepted_answer_is, "answer", data.accepted[0]);

    // As for a question: a wrong answer does not give the expected one away.
    function show(value, revealed) {
      field.value = value;
      var right = !revealed && accepted.indexOf(normalizeAnswer(value)) >= 0;
      var open = revealed || right;
      if (revealed) {
        verdict(result, "revealed", expected);
      } else if (right) {
        verdict(result, "right", ui.correct + " " + expected);
      } else {
        verdict(result, "wrong", ui.incorrect + " " + ui.try_again_or_show);
      }
      if (explanation) { explanation.hidden = !open; }
      check.hidden = true;
      reveal.hidden = open;
      retry.hidden = false;
      if (controls.next) { controls.next.hidden = !open; }
      return right;
    }

    function answered(value, revealed, record) {
      var right = show(value, revealed);
      record.correct = right;
      reportSave(controls, store.set(storageKey, record), ui);
      updateSets();
      retry.focus({ preventScroll: true });
      bringIntoView(controls);
    }

    check.addEventListener("click", function () {
      if (!field.value.trim()) {
        verdict(result, "", ui.type_first);
        field.focus();
        return;
      }
      answered(field.value, false, { selected: [0], answer: field.value, at: Date.now() });
    });
    field.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); check.click(); }
    });
    reveal.addEventListener("click", function () {
      var typed = retry.hidden ? "" : field.value;
      answered(typed, true, { selected: [], answer: typed, revealed: true, at: Date.now() });
    });
    retry.addEventListener("click", function () {
      field.value = "";
      verdict(result, "", "");
      if (explanation) { explanation.hidden = true; }
      check.hidden = false;
      reveal.hidden = false;
      retry.hidden = true;
      if (controls.next) { controls.next.hidden = true; }
      store.remove(storageKey);
      updateSets();
      field.focus();
    });
    var saved = store.get(storageKey, known("quiz", data.id, 1));
    if (saved && (saved.revealed || saved.answer)) { show(saved.answer || "", !!saved.revealed); }
  }

  // A set of questions from one mdbook-quiz file shows a running score.
  function updateSets() {
    each(".training-quiz-set", function (set) {
      var blocks = set.querySelectorAll("[data-training-quiz], [data-training-short-answer]");
      if (!blocks.length) { return; }
      var right = 0;
      var template = "";
      Array.prototype.forEach.call(blocks, function (block) {
        var data = readData(block, block.hasAttribute("data-training-quiz") ? "data-training-quiz" : "data-training-short-answer");
        if (!data) { return; }
        template = data.ui.set_score;
        var saved = store.get(key(data, "quiz", data.id));
        if (saved && saved.correct) { right++; }
      });
      var score = set.querySelector(".training-set-score");
      if (!score) {
        score = el("p", "training-set-score");
        score.setAttribute("role", "status");
        set.insertBefore(score, set.firstChild);
      }
      score.textContent = fill(fill(template, "right", right), "total", blocks.length);
    });
  }

  // ---- Scenarios ---------------------------------------------------------------------------

  function enhanceScenario(section) {
    var data = readData(section, "data-training-scenario");
    var field = section.querySelector(".training-notes-field");
    if (!data || !field) { return; }
    var storageKey = key(data, "notes", data.id);
    var kept = store.get(storageKey, known("notes", data.id));
    if (kept) { field.value = kept.text; }
    // The note as last kept: opening or leaving the page changes nothing, so its time is the
    // time its words changed.
    var last = kept ? kept.text : "";
    var timer = null;
    var saved = section.querySelector(".training-saved");
    function say(text) {
      if (!saved) { return; }
      saved.textContent = text;
      saved.hidden = !text;
      saved.classList.toggle("is-unsaved", text !== data.ui.saved_here && text !== data.ui.kept_in_tab && text !== data.ui.saved_in_platform);
    }
    // Inside a learning platform the platform keeps the note, unless its record is full.
    function where(result) {
      if (store.platform) { return result && result.device ? data.ui.device_only : data.ui.saved_in_platform; }
      return store.isPrivate() ? data.ui.kept_in_tab : data.ui.saved_here;
    }
    function save() {
      var text = field.value;
      if (text === last) { return; }
      last = text;
      if (!text.trim()) { store.remove(storageKey); say(""); return; }
      var result = store.set(storageKey, { text: text, title: data.title, at: Date.now() });
      say(saveProblem(result, data.ui) || where(result));
    }
    if (kept) { say(where({ device: store.deviceOnly && store.deviceOnly(storageKey) })); }
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(save, 250);
    });
    field.addEventListener("blur", save);
    window.addEventListener("pagehide", save);
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  // What the progress, notes and glossary code (`training-pages.js`) shares with this file.
  window.mdbookTraining = { store: store, key: key, el: el, fill: fill, counted: counted, readData: readData };

  // The second skip link goes to the page's first question, when it has one.
  // It lands on the question's choices (or its answer field), so that Tab reaches the first
  // option next, past the links of the question's text.
  function skipToQuestion() {
    var link = document.getElementById("training-skip-question");
    var first = document.querySelector(".training-choices, .training-answer-field");
    if (!link || !first) { return; }
    if (first.tagName !== "INPUT") { first.setAttribute("tabindex", "-1"); }
    link.href = "#" + first.id;
    link.hidden = false;
  }

  // The print page is a document to answer on paper: its questions stay as written, their
  // answers open.
  var printPage = document.documentElement.getAttribute("data-print") === "true";
  if (!printPage) {
    each("section.training-quiz[data-training-quiz]", enhanceQuiz);
    each("section[data-training-short-answer]", enhanceShortAnswer);
  }
  each("section.training-scenario[data-training-scenario]", enhanceScenario);
  skipToQuestion();
  updateSets();
})();
