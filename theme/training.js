// The reader's side of mdbook-training: interactive questions, private scenario notes, a
// progress and notes recap. Progressive enhancement over HTML that works without it; answers
// and notes stay in this browser's localStorage and are never sent anywhere.
(function () {
  "use strict";

  var PREFIX = "mdbook-training/";

  // Storage may be disabled (private modes, policies): everything still works for the visit.
  var memory = {};
  var store = {
    get: function (key) {
      var raw = null;
      try { raw = localStorage.getItem(PREFIX + key); } catch (e) { raw = memory[key] || null; }
      try { return raw ? JSON.parse(raw) : null; } catch (e) { return null; }
    },
    set: function (key, value) {
      var raw = JSON.stringify(value);
      try { localStorage.setItem(PREFIX + key, raw); } catch (e) { memory[key] = raw; }
    },
    remove: function (key) {
      try { localStorage.removeItem(PREFIX + key); } catch (e) { delete memory[key]; }
    },
    clear: function (scope) {
      var keys = [];
      try {
        for (var i = 0; i < localStorage.length; i++) {
          var key = localStorage.key(i);
          if (key && key.indexOf(PREFIX + scope) === 0) { keys.push(key); }
        }
        keys.forEach(function (key) { localStorage.removeItem(key); });
      } catch (e) { memory = {}; }
    }
  };

  function key(data, kind, id) {
    return data.book + "/" + data.lang + "/" + kind + "/" + id;
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

  function fill(template, name, value) {
    return template.replace("{" + name + "}", value);
  }

  // ---- Questions -------------------------------------------------------------------------

  // Check, Show answer and Try again after `anchor`, and the live region that announces results.
  function addControls(anchor, ui) {
    var actions = el("div", "training-actions");
    var controls = {
      check: el("button", "training-button training-check", ui.check),
      reveal: el("button", "training-button training-reveal", ui.reveal),
      retry: el("button", "training-button training-retry", ui.retry),
      result: el("p", "training-result")
    };
    [controls.check, controls.reveal, controls.retry].forEach(function (b) { b.type = "button"; actions.appendChild(b); });
    controls.retry.hidden = true;
    controls.result.setAttribute("role", "status");
    anchor.parentNode.insertBefore(actions, anchor.nextSibling);
    actions.parentNode.insertBefore(controls.result, actions.nextSibling);
    return controls;
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

    var controls = addControls(fieldset, ui);
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

    function show(selected, revealed) {
      items.forEach(function (li, index) {
        var isBest = data.answers.indexOf(index) >= 0;
        var chosen = selected.indexOf(index) >= 0;
        inputs[index].checked = chosen;
        li.classList.toggle("is-best", isBest);
        li.classList.toggle("is-chosen", chosen);
        li.classList.toggle("is-wrong", chosen && !isBest);
        var badge = li.querySelector(".training-badge");
        badge.textContent = isBest ? ui.best_label : chosen ? ui.chosen_label : "";
        badge.hidden = !badge.textContent;
        var feedback = li.querySelector(".training-option-feedback");
        if (feedback) { feedback.hidden = !(chosen || (revealed && isBest)); }
      });
      if (details) { details.open = true; }
      check.hidden = true;
      reveal.hidden = true;
      retry.hidden = false;
    }

    function reset() {
      items.forEach(function (li, index) {
        inputs[index].checked = false;
        li.classList.remove("is-best", "is-chosen", "is-wrong");
        li.querySelector(".training-badge").hidden = true;
        var feedback = li.querySelector(".training-option-feedback");
        if (feedback) { feedback.hidden = true; }
      });
      if (details) { details.open = false; }
      result.textContent = "";
      result.className = "training-result";
      check.hidden = false;
      reveal.hidden = false;
      retry.hidden = true;
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
        result.textContent = bestSentence();
        result.className = "training-result is-revealed";
      } else if (isRight(selected)) {
        result.textContent = ui.correct + " " + bestSentence();
        result.className = "training-result is-right";
      } else {
        result.textContent = ui.incorrect + " " + bestSentence();
        result.className = "training-result is-wrong";
      }
    }

    check.addEventListener("click", function () {
      var selected = selection();
      if (!selected.length) {
        result.textContent = ui.choose_first;
        result.className = "training-result";
        inputs[0].focus();
        return;
      }
      show(selected, false);
      announce(selected, false);
      store.set(storageKey, { selected: selected, correct: isRight(selected), at: Date.now() });
      updateSets();
      retry.focus();
    });

    reveal.addEventListener("click", function () {
      show([], true);
      announce([], true);
      store.set(storageKey, { selected: [], revealed: true, at: Date.now() });
      updateSets();
      retry.focus();
    });

    retry.addEventListener("click", function () {
      reset();
      store.remove(storageKey);
      updateSets();
      inputs[0].focus();
    });

    var saved = store.get(storageKey);
    if (saved && (saved.revealed || (saved.selected && saved.selected.length))) {
      show(saved.selected || [], !!saved.revealed);
      announce(saved.selected || [], !!saved.revealed);
    }
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
    var controls = addControls(box, ui);
    var check = controls.check;
    var reveal = controls.reveal;
    var retry = controls.retry;
    var result = controls.result;
    var accepted = data.accepted.map(normalizeAnswer);
    var expected = fill(ui.accepted_answer_is, "answer", data.accepted[0]);

    function show(value, revealed) {
      field.value = value;
      var right = !revealed && accepted.indexOf(normalizeAnswer(value)) >= 0;
      result.textContent = revealed ? expected : (right ? ui.correct : ui.incorrect) + " " + expected;
      result.className = "training-result " + (revealed ? "is-revealed" : right ? "is-right" : "is-wrong");
      if (details) { details.open = true; }
      check.hidden = true;
      reveal.hidden = true;
      retry.hidden = false;
      return right;
    }

    check.addEventListener("click", function () {
      if (!field.value.trim()) {
        result.textContent = ui.type_first;
        field.focus();
        return;
      }
      var right = show(field.value, false);
      store.set(storageKey, { selected: [0], answer: field.value, correct: right, at: Date.now() });
      updateSets();
      retry.focus();
    });
    field.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); check.click(); }
    });
    reveal.addEventListener("click", function () {
      show("", true);
      store.set(storageKey, { selected: [], revealed: true, at: Date.now() });
      updateSets();
      retry.focus();
    });
    retry.addEventListener("click", function () {
      field.value = "";
      result.textContent = "";
      result.className = "training-result";
      if (details) { details.open = false; }
      check.hidden = false;
      reveal.hidden = false;
      retry.hidden = true;
      store.remove(storageKey);
      updateSets();
      field.focus();
    });
    var saved = store.get(storageKey);
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
    var saved = store.get(storageKey);
    if (saved && saved.text) { field.value = saved.text; }
    var timer = null;
    function save() {
      if (field.value.trim()) {
        store.set(storageKey, { text: field.value, title: data.title, at: Date.now() });
      } else {
        store.remove(storageKey);
      }
    }
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(save, 250);
    });
    field.addEventListener("blur", save);
    window.addEventListener("pagehide", save);
  }

  // ---- Progress and notes pages ------------------------------------------------------------

  function clearButton(container, data) {
    var ui = data.ui;
    var box = el("div", "training-clear");
    var start = el("button", "training-button", ui.clear);
    var confirm = el("button", "training-button training-danger", ui.clear_confirm);
    var cancel = el("button", "training-button", ui.cancel);
    var question = el("p", "training-clear-question", ui.clear_question);
    var status = el("p", "training-result");
    status.setAttribute("role", "status");
    [start, confirm, cancel].forEach(function (b) { b.type = "button"; });
    question.hidden = confirm.hidden = cancel.hidden = true;
    start.addEventListener("click", function () {
      question.hidden = confirm.hidden = cancel.hidden = false;
      start.hidden = true;
      cancel.focus();
    });
    cancel.addEventListener("click", function () {
      question.hidden = confirm.hidden = cancel.hidden = true;
      start.hidden = false;
      start.focus();
    });
    confirm.addEventListener("click", function () {
      store.clear(data.book + "/" + data.lang + "/");
      question.hidden = confirm.hidden = cancel.hidden = true;
      start.hidden = false;
      render(container, data);
      status.textContent = ui.cleared;
      start.focus();
    });
    [question, start, confirm, cancel, status].forEach(function (n) { box.appendChild(n); });
    return box;
  }

  function renderProgress(view, data) {
    var ui = data.ui;
    var table = el("table", "training-progress-table");
    var caption = el("caption", null, ui.progress_caption);
    table.appendChild(caption);
    var head = el("tr");
    [ui.chapter, ui.answered, ui.right].forEach(function (t) {
      var th = el("th", null, t);
      th.scope = "col";
      head.appendChild(th);
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    var totals = { questions: 0, answered: 0, right: 0 };
    data.chapters.forEach(function (chapter) {
      if (!chapter.quizzes.length) { return; }
      var answered = 0;
      var right = 0;
      chapter.quizzes.forEach(function (id) {
        var saved = store.get(key(data, "quiz", id));
        if (saved && saved.selected && saved.selected.length) {
          answered++;
          if (saved.correct) { right++; }
        }
      });
      totals.questions += chapter.quizzes.length;
      totals.answered += answered;
      totals.right += right;
      var row = el("tr");
      var name = el("th");
      name.scope = "row";
      var link = el("a", null, chapter.title);
      link.href = chapter.href;
      name.appendChild(link);
      row.appendChild(name);
      row.appendChild(el("td", null, answered + " / " + chapter.quizzes.length));
      row.appendChild(el("td", null, String(right)));
      body.appendChild(row);
    });
    var summary = el("p", "training-progress-summary",
      fill(fill(fill(ui.progress_summary, "answered", totals.answered), "questions", totals.questions), "right", totals.right));
    view.appendChild(summary);
    view.appendChild(table);
  }

  function notesText(data, notes) {
    var lines = [data.ui.notes_file_title, ""];
    notes.forEach(function (note) {
      lines.push(note.chapter + " – " + note.title, "", note.text, "", "");
    });
    return lines.join("\n");
  }

  function renderNotes(view, data) {
    var ui = data.ui;
    var notes = [];
    data.chapters.forEach(function (chapter) {
      chapter.scenarios.forEach(function (scenario) {
        var saved = store.get(key(data, "notes", scenario.id));
        if (saved && saved.text && saved.text.trim()) {
          notes.push({ chapter: chapter.title, title: scenario.title, href: chapter.href + "#scenario-" + scenario.id, text: saved.text });
        }
      });
    });
    if (!notes.length) {
      view.appendChild(el("p", "training-empty", ui.no_notes));
      return;
    }
    notes.forEach(function (note) {
      var article = el("article", "training-note");
      var heading = el("h3");
      var link = el("a", null, note.title);
      link.href = note.href;
      heading.appendChild(link);
      article.appendChild(heading);
      article.appendChild(el("p", "training-note-chapter", note.chapter));
      article.appendChild(el("p", "training-note-text", note.text));
      view.appendChild(article);
    });
    var download = el("button", "training-button training-download", ui.download);
    download.type = "button";
    download.addEventListener("click", function () {
      var blob = new Blob([notesText(data, notes)], { type: "text/plain;charset=utf-8" });
      var link = el("a");
      link.href = URL.createObjectURL(blob);
      link.download = data.file_name;
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    });
    view.appendChild(download);
  }

  function render(container, data) {
    var view = container.querySelector(".training-view");
    if (!view) {
      view = el("div", "training-view");
      container.insertBefore(view, container.firstChild);
    }
    view.textContent = "";
    if (data.kind === "progress") { renderProgress(view, data); } else { renderNotes(view, data); }
  }

  function enhanceRecap(container) {
    var data = readData(container, "data-training-recap");
    if (!data) { return; }
    var fallback = container.querySelector(".training-noscript");
    if (fallback) { fallback.hidden = true; }
    render(container, data);
    container.appendChild(clearButton(container, data));
  }

  // ---- Glossary terms ------------------------------------------------------------------------

  // The definition of a glossary term in a small popover: shown on hover, focus or a first tap
  // (a second tap follows the link), closed by Escape; screen readers get it as a description.
  var openPopover = null;

  function hidePopover() {
    if (openPopover) {
      openPopover.popover.hidden = true;
      openPopover = null;
    }
  }

  function placePopover(link, popover) {
    var rect = link.getBoundingClientRect();
    var rtl = getComputedStyle(link).direction === "rtl";
    popover.hidden = false;
    var width = popover.offsetWidth;
    var margin = 8;
    var left = rtl ? rect.right - width : rect.left;
    left = Math.max(margin, Math.min(left, document.documentElement.clientWidth - width - margin));
    popover.style.left = left + window.scrollX + "px";
    popover.style.top = rect.bottom + window.scrollY + 6 + "px";
  }

  function enhanceTerm(link, index) {
    var definition = link.getAttribute("title");
    if (!definition) { return; }
    var popover = el("span", "training-popover", definition);
    popover.id = "training-term-" + index;
    popover.setAttribute("role", "tooltip");
    popover.hidden = true;
    document.body.appendChild(popover);
    link.removeAttribute("title");
    link.setAttribute("aria-describedby", popover.id);
    var touched = false;
    var leaveTimer = null;
    function show() {
      clearTimeout(leaveTimer);
      if (openPopover && openPopover.popover !== popover) { hidePopover(); }
      placePopover(link, popover);
      openPopover = { link: link, popover: popover };
    }
    function hideSoon() {
      leaveTimer = setTimeout(function () {
        if (openPopover && openPopover.popover === popover) { hidePopover(); }
      }, 150);
    }
    link.addEventListener("mouseenter", show);
    link.addEventListener("mouseleave", hideSoon);
    popover.addEventListener("mouseenter", function () { clearTimeout(leaveTimer); });
    popover.addEventListener("mouseleave", hideSoon);
    link.addEventListener("focus", show);
    link.addEventListener("blur", hideSoon);
    // A tap focuses the link before its click: remember whether the definition was showing.
    var shownBeforeTap = false;
    link.addEventListener("pointerdown", function (event) {
      touched = event.pointerType === "touch";
      shownBeforeTap = !popover.hidden;
    });
    link.addEventListener("click", function (event) {
      if (touched && !shownBeforeTap) {
        event.preventDefault();
        show();
      }
      touched = false;
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && openPopover) { hidePopover(); }
  });
  document.addEventListener("pointerdown", function (event) {
    if (openPopover && event.target !== openPopover.link && !openPopover.popover.contains(event.target) && !openPopover.link.contains(event.target)) {
      hidePopover();
    }
  });

  // ---- Page ----------------------------------------------------------------------------------

  function openAnswers(open) {
    Array.prototype.forEach.call(document.querySelectorAll("details.training-answer"), function (d) {
      if (open) {
        d.setAttribute("data-was-open", d.open ? "1" : "");
        d.open = true;
      } else if (d.hasAttribute("data-was-open")) {
        d.open = d.getAttribute("data-was-open") === "1";
        d.removeAttribute("data-was-open");
      }
    });
  }

  function sidebarAria() {
    var toggle = document.getElementById("mdbook-sidebar-toggle");
    var sidebar = document.getElementById("mdbook-sidebar");
    var visible = window.sidebar === "visible";
    if (toggle) {
      toggle.setAttribute("aria-expanded", String(visible));
      // mdBook's toggle is a <label>: make it work from the keyboard like the button it is.
      toggle.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          toggle.click();
        }
      });
    }
    if (sidebar) { sidebar.setAttribute("aria-hidden", String(!visible)); }
    Array.prototype.forEach.call(document.querySelectorAll("#mdbook-sidebar a"), function (link) {
      link.setAttribute("tabIndex", visible ? 0 : -1);
    });
  }

  function followFragmentMap() {
    var map = document.getElementById("training-fragment-map");
    if (!map) { return; }
    try {
      var target = JSON.parse(map.textContent)[window.location.hash];
      if (target) { window.location.replace(new URL(target, window.location.href).href); }
    } catch (e) { /* a broken map leaves the reader where they are */ }
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  sidebarAria();
  followFragmentMap();
  each("section.training-quiz[data-training-quiz]", enhanceQuiz);
  each("section[data-training-short-answer]", enhanceShortAnswer);
  each("section.training-scenario[data-training-scenario]", enhanceScenario);
  updateSets();
  each("[data-training-recap]", enhanceRecap);
  Array.prototype.forEach.call(document.querySelectorAll("a.training-term"), enhanceTerm);
  window.addEventListener("beforeprint", function () { openAnswers(true); });
  window.addEventListener("afterprint", function () { openAnswers(false); });
  if (document.documentElement.getAttribute("data-print") === "true") {
    openAnswers(true);
    window.addEventListener("load", function () { setTimeout(window.print, 100); });
  }
})();
