// The reader's pages of mdbook-training: the progress and notes pages that gather what this
// browser kept, replies to copy, glossary terms whose definition shows in place, and the page
// as a whole (printing as a self-test, the sidebar's state for screen readers). Loaded after
// `training.js`, whose storage and helpers it uses; nothing here is sent anywhere.
(function () {
  "use strict";

  var shared = window.mdbookTraining;
  if (!shared) { return; }
  var store = shared.store;
  var key = shared.key;
  var el = shared.el;
  var fill = shared.fill;
  var readData = shared.readData;

  // ---- Progress and notes pages ------------------------------------------------------------

  // What the module's blocks can hold, for the store to check every entry against: each
  // question by its option count, each scenario's note.
  function knownBlocks(data) {
    var known = {};
    (data.chapters || []).forEach(function (chapter) {
      chapter.quizzes.forEach(function (id, n) { known["quiz/" + id] = (chapter.options || [])[n] || true; });
      chapter.scenarios.forEach(function (scenario) { known["notes/" + scenario.id] = true; });
    });
    return known;
  }

  function clearButton(container, data) {
    var ui = data.ui;
    var box = el("div", "training-clear");
    var start = el("button", "training-button training-danger", ui.clear);
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
      store.clear(data.book + "/");
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
    table.appendChild(el("caption", null, ui.progress_caption));
    var head = el("tr");
    [ui.chapter, ui.answered, ui.right, ui.notes_column].forEach(function (t) {
      var th = el("th", null, t);
      th.scope = "col";
      head.appendChild(th);
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    var totals = { questions: 0, answered: 0, right: 0 };
    var known = knownBlocks(data);
    var next = null;
    data.chapters.forEach(function (chapter) {
      if (!chapter.quizzes.length && !chapter.scenarios.length) { return; }
      var answered = 0;
      var right = 0;
      chapter.quizzes.forEach(function (id) {
        var saved = store.get(key(data, "quiz", id), known);
        if (saved) {
          answered++;
          if (saved.correct) { right++; }
        }
      });
      var notes = chapter.scenarios.filter(function (s) {
        return !!store.get(key(data, "notes", s.id), known);
      }).length;
      if (!next && answered < chapter.quizzes.length) { next = chapter; }
      totals.questions += chapter.quizzes.length;
      totals.answered += answered;
      totals.right += right;
      body.appendChild(progressRow(chapter, answered, right, notes));
    });
    view.appendChild(el("p", "training-progress-summary",
      fill(fill(shared.counted(ui.progress_summary, "questions", totals.questions), "answered", totals.answered), "right", totals.right)));
    var onward = el("p", "training-progress-next");
    if (next) {
      var link = el("a", "training-button training-next", fill(ui.next_unanswered, "chapter", next.title));
      link.href = next.href;
      onward.appendChild(link);
    } else if (totals.questions) {
      onward.textContent = ui.all_answered;
    }
    view.appendChild(onward);
    view.appendChild(table);
    var used = store.usage(data.book + "/");
    if (used) {
      view.appendChild(el("p", "training-storage-used", fill(ui.storage_used, "size", Math.max(1, Math.round(used / 1024)) + " KB")));
    }
  }

  // One chapter's row: its link, answered of its questions with a bar, right answers, and its
  // scenarios with notes.
  function progressRow(chapter, answered, right, notes) {
    var row = el("tr");
    var name = el("th");
    name.scope = "row";
    var link = el("a", null, chapter.title);
    link.href = chapter.href;
    name.appendChild(link);
    row.appendChild(name);
    var done = el("td", "training-number", chapter.quizzes.length ? answered + " / " + chapter.quizzes.length : "–");
    if (chapter.quizzes.length) {
      var bar = el("progress", "training-bar");
      bar.max = chapter.quizzes.length;
      bar.value = answered;
      bar.setAttribute("aria-hidden", "true");
      done.appendChild(bar);
    }
    row.appendChild(done);
    row.appendChild(el("td", "training-number", chapter.quizzes.length ? String(right) : "–"));
    row.appendChild(el("td", "training-number", chapter.scenarios.length ? notes + " / " + chapter.scenarios.length : "–"));
    return row;
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
    var known = knownBlocks(data);
    data.chapters.forEach(function (chapter) {
      chapter.scenarios.forEach(function (scenario) {
        var saved = store.get(key(data, "notes", scenario.id), known);
        if (saved) {
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
      saveFile(notesText(data, notes), data.file_name, "text/plain;charset=utf-8");
    });
    view.appendChild(download);
  }

  // A file made here and handed to the reader: nothing leaves the browser.
  function saveFile(text, name, type) {
    var link = el("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  // ---- Taking progress to another device ---------------------------------------------------

  var FORMAT = "mdbook-training-progress";
  var MAX_PROGRESS_FILE = 5 * 1024 * 1024;

  // In a library, every module's answers and notes.
  function progressFile(data) {
    var title = document.querySelector(".menu-title, .training-library-title");
    var entries = {};
    store.books.forEach(function (book) {
      var found = store.entries(book + "/", book === data.book ? knownBlocks(data) : undefined);
      Object.keys(found).forEach(function (name) { entries[name] = found[name]; });
    });
    return JSON.stringify({
      format: FORMAT, version: 1, book: data.book, library: store.library || undefined,
      title: title ? title.textContent.trim() : data.book, saved: new Date().toISOString(), entries: entries
    }, null, 1);
  }

  // What a file holds for this book (or library), or why it is refused: another book's, or
  // not such a file.
  function readProgress(text, data) {
    var file;
    try { file = JSON.parse(text); } catch (e) { return { error: data.ui.progress_damaged }; }
    if (!file || file.format !== FORMAT || typeof file.entries !== "object" || !file.entries) {
      return { error: data.ui.progress_damaged };
    }
    if (store.books.indexOf(file.book) < 0 && !(store.library && file.library === store.library)) {
      return { error: fill(data.ui.progress_other_book, "book", String(file.title || file.book)) };
    }
    return { entries: file.entries };
  }

  // Merged by the store: an entry is taken when it fits the module and is newer than what this
  // browser keeps; says what was loaded, what did not fit and what could not be kept.
  function loadProgress(entries, data) {
    var ui = data.ui;
    var merged = store.merge(entries, knownBlocks(data));
    var said = [shared.counted(ui.progress_loaded, "count", merged.loaded)];
    if (merged.unused) { said.push(shared.counted(ui.progress_unused, "count", merged.unused)); }
    if (merged.failed) { said.push(merged.failed === "full" ? ui.not_saved_full : ui.not_saved_off); }
    return said.join(" ");
  }

  function takeAlong(container, data, loaded) {
    var ui = data.ui;
    var box = el("div", "training-take-along");
    var save = el("button", "training-button", ui.progress_save);
    save.type = "button";
    save.addEventListener("click", function () { saveFile(progressFile(data), ui.progress_file_name, "application/json"); });
    var input = el("input");
    input.type = "file";
    input.accept = ".json,application/json";
    input.id = "training-progress-file";
    input.className = "training-file-input";
    var label = el("label", "training-button", ui.progress_load);
    label.htmlFor = input.id;
    var status = el("p", "training-result");
    status.setAttribute("role", "status");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) { return; }
      // A module's answers and notes are a few kilobytes; a file far larger is not one.
      if (file.size > MAX_PROGRESS_FILE) { status.textContent = ui.progress_damaged; input.value = ""; return; }
      file.text().then(function (text) {
        var read = readProgress(text, data);
        if (read.error) { status.textContent = read.error; return; }
        status.textContent = loadProgress(read.entries, data);
        if (loaded) { loaded(); } else { render(container, data); }
      }, function () { status.textContent = ui.progress_damaged; });
      input.value = "";
    });
    [save, input, label, status].forEach(function (n) { box.appendChild(n); });
    return box;
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
    if (data.kind === "progress" && data.progress_file && !store.platform) { container.appendChild(takeAlong(container, data)); }
    container.appendChild(clearButton(container, data));
  }

  // ---- Replies to reuse ----------------------------------------------------------------------

  // Copy puts the reply's words on the clipboard; where that is refused, they are selected.
  function enhanceCopy(button) {
    var holder = button.closest("[data-training-reply], [data-training-replies]");
    var reply = button.closest(".training-reply");
    var text = reply && reply.querySelector(".training-reply-text");
    var status = reply && reply.querySelector(".training-copy-status");
    var data = holder && (readData(holder, "data-training-reply") || readData(holder, "data-training-replies"));
    if (!data || !text || !status) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var failed = function () {
        var range = document.createRange();
        range.selectNodeContents(text);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        status.textContent = data.ui.copy_failed;
      };
      if (!navigator.clipboard || !navigator.clipboard.writeText) { failed(); return; }
      navigator.clipboard.writeText(text.innerText.trim()).then(function () {
        status.textContent = data.ui.copied;
      }, failed);
    });
  }

  // A reply that answers a question shows once the reader has answered it.
  function revealAnswered(list) {
    var data = readData(list, "data-training-replies");
    if (!data) { return; }
    each("[data-training-reply-quiz]", function (reply) {
      if (store.get(key(data, "quiz", reply.getAttribute("data-training-reply-quiz")))) { reply.hidden = false; }
    });
    each(".training-replies-chapter", function (section) {
      section.hidden = !section.querySelector(".training-reply:not([hidden])");
    });
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
    // The term's name, its definition, and how to reach the whole entry.
    var popover = el("span", "training-popover");
    var name = link.getAttribute("data-term-name");
    if (name) { popover.appendChild(el("strong", "training-popover-term", name)); }
    popover.appendChild(el("span", "training-popover-definition", definition));
    var hint = link.getAttribute("data-term-hint");
    if (hint) { popover.appendChild(el("span", "training-popover-hint", hint)); }
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

  // ---- Page: print, sidebar, moved headings ---------------------------------------------------

  var printPage = document.documentElement.getAttribute("data-print") === "true";

  // Print as a self-test: each question's answer and explanation move to an "Answers" section
  // at the end of the page (the chapter, or the whole book on print.html), each under its
  // question's title. Returns what puts them back.
  function gatherAnswers(selector) {
    var main = document.querySelector("main");
    var answers = Array.prototype.slice.call(document.querySelectorAll(selector));
    var first = document.querySelector("[data-training-quiz], [data-training-short-answer]");
    if (!main || !answers.length || !first) { return function () {}; }
    var data = readData(first, first.hasAttribute("data-training-quiz") ? "data-training-quiz" : "data-training-short-answer");
    var section = el("section", "training-print-answers");
    section.appendChild(el("h2", null, data && data.ui.answers_heading));
    var moved = answers.map(function (answer) {
      var block = answer.closest("section");
      var heading = block && block.querySelector("h2, h3, h4, .training-kicker");
      section.appendChild(el("p", "training-print-question", heading ? heading.textContent : ""));
      var place = document.createComment("answer");
      answer.parentNode.insertBefore(place, answer);
      section.appendChild(answer);
      return { answer: answer, place: place };
    });
    main.appendChild(section);
    return function () {
      moved.forEach(function (m) { m.place.parentNode.replaceChild(m.answer, m.place); });
      section.remove();
    };
  }

  var putBack = null;

  function openAnswers(open) {
    if (open && !putBack && !printPage) { putBack = gatherAnswers(".training-explanation"); }
    if (!open && putBack) { putBack(); putBack = null; }
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

  shared.takeAlong = takeAlong; // for the library's page
  each("[data-training-recap]", enhanceRecap);
  each("[data-training-replies]", revealAnswered);
  each(".training-copy", enhanceCopy);
  each("a.training-term", enhanceTerm);
  sidebarAria();
  followFragmentMap();
  window.addEventListener("beforeprint", function () { openAnswers(true); });
  window.addEventListener("afterprint", function () { openAnswers(false); });
  if (printPage) {
    gatherAnswers("details.training-answer");
    openAnswers(true);
    window.addEventListener("load", function () { setTimeout(window.print, 100); });
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }
})();
