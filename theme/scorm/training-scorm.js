// A SCORM package's launch page: finds the platform's API (the standard search through parent
// and opener windows), opens one session per launch, shows the module's pages in a frame, and
// keeps the reader's answers and notes in the platform's record (`cmi.suspend_data`) through a
// storage the pages' store uses as its backend. Every call's result is checked; a failed call
// is told in the console and never breaks the page. Without an API the package is the site.
(function () {
  "use strict";

  var holder = document.getElementById("training-scorm");
  var data;
  try { data = JSON.parse(holder.getAttribute("data-training-scorm")); } catch (e) { return; }
  var v12 = data.version === "1.2";
  var N = v12
    ? { api: "API", init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue",
        commit: "LMSCommit", error: "LMSGetLastError", location: "cmi.core.lesson_location",
        exit: "cmi.core.exit", time: "cmi.core.session_time", raw: "cmi.core.score.raw",
        min: "cmi.core.score.min", max: "cmi.core.score.max", response: "student_response", wrong: "wrong" }
    : { api: "API_1484_11", init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue",
        commit: "Commit", error: "GetLastError", location: "cmi.location", exit: "cmi.exit",
        time: "cmi.session_time", raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max",
        response: "learner_response", wrong: "incorrect" };
  // What suspend_data may hold: 4,096 characters in SCORM 1.2, 64,000 in 2004.
  var LIMIT = v12 ? 4096 : 64000;
  var PREFIX = "mdbook-training/";

  // The standard search: up through the parents, then through the opener's.
  function search(win) {
    for (var i = 0; win && i < 10; i++) {
      try { if (win[N.api]) { return win[N.api]; } } catch (e) { return null; }
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }
  var api = search(window.parent !== window ? window.parent : null) || search(window.opener);
  if (!api) {
    window.location.replace(data.start);
    return;
  }

  function call(name, a, b) {
    try {
      var result = api[N[name]](a === undefined ? "" : a, b);
      if (result === false || result === "false") {
        console.error("SCORM " + N[name] + "(" + (a || "") + ") failed: error " + api[N.error]());
      }
      return result;
    } catch (e) {
      console.error("SCORM " + N[name] + " failed: " + e);
      return "false";
    }
  }
  function get(element) {
    var value = call("get", element);
    return typeof value === "string" ? value : "";
  }
  function set(element, value) { call("set", element, String(value)); }

  var started = Date.now();
  // One session per launch, however many pages the reader opens inside it.
  var open = String(call("init")) === "true";
  // What the record keeps besides answers and notes: each question's verdict at its first
  // check (the score counts those) and the reading pages opened (completion needs them all).
  var first = {};
  var opened = {};
  // Notes the record has no room for stay on this device, under the site's own keys.
  var deviceOnly = {};
  var entries = withDeviceNotes(decode(get("cmi.suspend_data")));

  function device() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function withDeviceNotes(found) {
    var local = device();
    var scope = PREFIX + data.book + "/notes/";
    try {
      for (var i = 0; local && i < local.length; i++) {
        var key = local.key(i);
        if (key && key.indexOf(scope) === 0 && !found[key]) {
          found[key] = local.getItem(key);
          deviceOnly[key] = true;
        }
      }
    } catch (e) { /* no device storage: the record is all there is */ }
    return found;
  }

  // ---- The record: answers and notes, compact -------------------------------------------

  // `{"q":{"id":"02rc"},"t":{"id":"typed"},"n":{"id":"note"}}`: a question's chosen options
  // as digits, `r` revealed, `c`/`w` right or wrong at the last check; its typed answer; each
  // scenario's note. The book's key is the package's own.
  function decode(text) {
    var found = {};
    var record;
    try { record = JSON.parse(text || "{}"); } catch (e) { return found; }
    if (!record || typeof record !== "object") { return found; }
    var now = Date.now();
    Object.keys(record.q || {}).forEach(function (id) {
      var code = String(record.q[id]);
      var value = { selected: [], at: now };
      for (var i = 0; i < code.length; i++) {
        var c = code.charAt(i);
        if (c >= "0" && c <= "9") { value.selected.push(c.charCodeAt(0) - 48); }
        else if (c === "r") { value.revealed = true; }
        else if (c === "c") { value.correct = true; }
        else if (c === "w") { value.correct = false; }
      }
      if (record.t && typeof record.t[id] === "string") { value.answer = record.t[id]; }
      found[PREFIX + data.book + "/quiz/" + id] = JSON.stringify(value);
    });
    Object.keys(record.f || {}).forEach(function (id) { first[id] = record.f[id] === 1 ? 1 : 0; });
    (Array.isArray(record.p) ? record.p : []).forEach(function (n) {
      if (typeof data.pages[n] === "string") { opened[data.pages[n]] = true; }
    });
    Object.keys(record.n || {}).forEach(function (id) {
      found[PREFIX + data.book + "/notes/" + id] = JSON.stringify({ text: String(record.n[id]), title: "", at: now });
    });
    return found;
  }

  function encode() {
    var record = { q: {}, t: {}, n: {}, f: first, p: [] };
    data.pages.forEach(function (page, n) { if (opened[page]) { record.p.push(n); } });
    Object.keys(entries).forEach(function (key) {
      var parts = key.slice(PREFIX.length).split("/");
      var value;
      try { value = JSON.parse(entries[key]); } catch (e) { return; }
      if (parts[1] === "quiz") {
        var code = (value.selected || []).join("") + (value.revealed ? "r" : "") +
          (value.correct === true ? "c" : value.correct === false ? "w" : "");
        record.q[parts[2]] = code;
        if (value.answer) { record.t[parts[2]] = value.answer; }
      } else if (parts[1] === "notes") {
        record.n[parts[2]] = value.text;
      }
    });
    var text = JSON.stringify(record);
    // Notes go first when the record is full, longest first: answers always fit. A note left
    // out is kept on this device, and the page says so.
    var notes = Object.keys(record.n).sort(function (a, b) { return record.n[b].length - record.n[a].length; });
    var left = {};
    while (text.length > LIMIT && notes.length) {
      var id = notes.shift();
      left[PREFIX + data.book + "/notes/" + id] = true;
      delete record.n[id];
      text = JSON.stringify(record);
    }
    keepOnDevice(left);
    return text;
  }

  // A question's first verdict: right or wrong at its first check; shown the answer first, wrong.
  function noteFirstCheck(key, raw) {
    var parts = key.slice(PREFIX.length).split("/");
    if (parts[1] !== "quiz" || first[parts[2]] !== undefined) { return; }
    var value;
    try { value = JSON.parse(raw); } catch (e) { return; }
    if (value.revealed) { first[parts[2]] = 0; }
    else if (value.correct !== undefined) { first[parts[2]] = value.correct ? 1 : 0; }
  }

  function keepOnDevice(left) {
    var local = device();
    Object.keys(entries).forEach(function (key) {
      if (key.indexOf(PREFIX + data.book + "/notes/") !== 0) { return; }
      try {
        if (left[key]) { local.setItem(key, entries[key]); } else if (deviceOnly[key]) { local.removeItem(key); }
      } catch (e) { /* the note stays in this visit only */ }
    });
    deviceOnly = left;
  }

  var timer = null;
  function save() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      report();
      set("cmi.suspend_data", encode());
      call("commit");
    }, 300);
  }

  // ---- What the platform records ----------------------------------------------------------

  function answerOf(id) {
    try { return JSON.parse(entries[PREFIX + data.book + "/quiz/" + id] || "null"); } catch (e) { return null; }
  }

  // Each question the reader answered, as an interaction: its id, kind, the reader's letters
  // (or words), right or wrong.
  function interaction(n, question, value) {
    var at = "cmi.interactions." + n + ".";
    var response = question[2] === "choice"
      ? (value.selected || []).map(function (i) { return String.fromCharCode(97 + i); }).join(v12 ? "," : "[,]")
      : String(value.answer || "").slice(0, 250);
    set(at + "id", question[0]);
    set(at + "type", question[2]);
    if (!v12 && question[3]) { set(at + "description", question[3].slice(0, 250)); }
    if (response) { set(at + N.response, response); }
    if (value.correct !== undefined) { set(at + "result", value.correct ? "correct" : N.wrong); }
  }

  var complete = false;
  function report() {
    var answered = 0;
    var right = 0;
    data.questions.forEach(function (question, n) {
      var value = answerOf(question[0]);
      if (!value || (!value.revealed && value.correct === undefined)) { return; }
      answered += 1;
      if (first[question[0]] === 1) { right += 1; }
      interaction(n, question, value);
    });
    var total = data.questions.length;
    var score = total ? Math.round(100 * right / total) : 100;
    var read = data.pages.filter(function (page) { return opened[page]; }).length;
    complete = answered === total && read === data.pages.length;
    set(N.min, 0);
    set(N.max, 100);
    set(N.raw, score);
    var verdict = typeof data.mastery === "number" ? (score >= data.mastery ? "passed" : "failed") : null;
    if (v12) {
      set("cmi.core.lesson_status", complete ? (verdict || "completed") : "incomplete");
    } else {
      set("cmi.score.scaled", score / 100);
      set("cmi.completion_status", complete ? "completed" : "incomplete");
      set("cmi.success_status", complete && verdict ? verdict : "unknown");
      set("cmi.progress_measure", data.pages.length ? Math.round(100 * read / data.pages.length) / 100 : 1);
    }
  }

  // The storage the pages' store uses inside the platform: this session's record.
  var storage = {
    get length() { return Object.keys(entries).length; },
    key: function (i) { return Object.keys(entries)[i] || null; },
    getItem: function (key) { return Object.prototype.hasOwnProperty.call(entries, key) ? entries[key] : null; },
    setItem: function (key, value) {
      entries[key] = String(value);
      noteFirstCheck(key, entries[key]);
      encode();
      save();
    },
    deviceOnly: function (key) { return !!deviceOnly[key]; },
    removeItem: function (key) {
      delete entries[key];
      delete deviceOnly[key];
      try { device().removeItem(key); } catch (e) { /* nothing kept there */ }
      save();
    },
  };
  window.mdbookTrainingPlatform = { storage: storage };

  // ---- The module's pages, in a frame -----------------------------------------------------

  // A page of this package: a relative path to an HTML file, nothing that leaves it.
  function isPage(path) {
    return /^[A-Za-z0-9._\/-]+\.html(#[A-Za-z0-9._-]*)?$/.test(path) && path.split("/").indexOf("..") < 0;
  }
  var frame = document.createElement("iframe");
  frame.title = data.title;
  frame.style.cssText = "position:fixed;inset:0;width:100%;height:100%;border:0";
  var resume = get(N.location);
  frame.src = isPage(resume) ? resume : data.start;
  var base = window.location.href.replace(/[^\/]*([?#].*)?$/, "");
  frame.addEventListener("load", function () {
    var href;
    try { href = frame.contentWindow.location.href; } catch (e) { return; }
    if (href.indexOf(base) !== 0) { return; }
    var page = href.slice(base.length).replace(/[?#].*$/, "");
    if (isPage(page)) {
      opened[page] = true;
      set(N.location, page);
      save();
    }
  });
  document.body.appendChild(frame);

  // ---- Finishing once ---------------------------------------------------------------------

  function duration(ms) {
    var s = Math.round(ms / 1000);
    var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    if (!v12) { return "PT" + h + "H" + m + "M" + sec + "S"; }
    var pad = function (n, w) { n = String(n); while (n.length < w) { n = "0" + n; } return n; };
    return pad(h, 4) + ":" + pad(m, 2) + ":" + pad(sec, 2);
  }
  var finished = !open;
  function finish() {
    if (finished) { return; }
    finished = true;
    clearTimeout(timer);
    report();
    set("cmi.suspend_data", encode());
    set(N.time, duration(Date.now() - started));
    // Suspended until complete, so that the next launch resumes.
    set(N.exit, complete ? (v12 ? "" : "normal") : "suspend");
    call("commit");
    call("finish");
  }
  window.addEventListener("pagehide", finish);
  window.mdbookTrainingPlatform.finish = finish;
})();
