// The one store of a reader's answers and notes: every read validated against what the
// module's blocks can hold, every write checked. Its backends (this device's localStorage, this
// tab's sessionStorage with private reading on, memory when storage is refused) sit behind one
// interface, `window.mdbookTrainingStore`. Nothing here is ever sent anywhere.
(function () {
  "use strict";

  var PREFIX = "mdbook-training/";
  // Before private reading was a module's own, one switch held for every module on the host.
  var OLD_PRIVATE = PREFIX + "private";
  var ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
  var LIMITS = { options: 26, answer: 1000, note: 50000, title: 500 };
  // A device whose clock runs a little ahead of this one's still counts as now.
  var CLOCK_SKEW = 5 * 60 * 1000;
  var memory = {};

  // The module of this page: `#training-page` says it; blocks say it too.
  var book = (function () {
    var holder = document.querySelector("[data-training-page], [data-training-quiz], [data-training-scenario], [data-training-recap]");
    if (!holder) { return ""; }
    var names = ["data-training-page", "data-training-quiz", "data-training-scenario", "data-training-recap"];
    for (var i = 0; i < names.length; i++) {
      try {
        var data = JSON.parse(holder.getAttribute(names[i]) || "null");
        if (data && typeof data.book === "string" && ID.test(data.book)) { return data.book; }
      } catch (e) { /* not this attribute */ }
    }
    return "";
  })();
  // In a library, one switch holds for all its modules (library-scope.js).
  var switchScope = window.mdbookTrainingScope || { key: book, books: book ? [book] : [] };
  var PRIVATE = PREFIX + switchScope.key + ":private";
  // In a learning platform's package, the platform's record (theme/scorm/training-scorm.js).
  var platform = (function () {
    try { return window.parent !== window && window.parent.mdbookTrainingPlatform || null; } catch (e) { return null; }
  })();

  function local() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  // This module's switch; a module never switched follows the site-wide switch of earlier
  // versions, so that a reader who turned that on is never moved back to this device unasked.
  function isPrivate() {
    if (platform) { return false; }
    var storage = local();
    try {
      var own = storage && storage.getItem(PRIVATE);
      return own ? own === "on" : !!storage && storage.getItem(OLD_PRIVATE) === "on";
    } catch (e) { return false; }
  }
  function area() {
    if (platform) { return platform.storage; }
    try { return isPrivate() ? window.sessionStorage : window.localStorage; } catch (e) { return null; }
  }

  // ---- What may be kept --------------------------------------------------------------------

  function isTime(at) {
    return typeof at === "number" && isFinite(at) && at > 0 && at <= Date.now() + CLOCK_SKEW;
  }
  function isText(value, limit) {
    return typeof value === "string" && value.length <= limit;
  }

  // `value` as a question's answer can hold it (`options`: how many it has, when known), or null.
  function cleanAnswer(value, options) {
    var max = options || LIMITS.options;
    var selected = value.selected === undefined ? [] : value.selected;
    if (!Array.isArray(selected) || selected.length > max) { return null; }
    for (var i = 0; i < selected.length; i++) {
      var n = selected[i];
      if (typeof n !== "number" || n % 1 !== 0 || n < 0 || n >= max || selected.indexOf(n) !== i) { return null; }
    }
    var flags = ["revealed", "correct"];
    for (var f = 0; f < flags.length; f++) {
      if (value[flags[f]] !== undefined && typeof value[flags[f]] !== "boolean") { return null; }
    }
    if (value.answer !== undefined && !isText(value.answer, LIMITS.answer)) { return null; }
    // An entry that holds no answer would only wipe one.
    if (!value.revealed && !selected.length && !value.answer) { return null; }
    var clean = { selected: selected.slice(), at: value.at };
    if (value.revealed) { clean.revealed = true; }
    if (value.correct !== undefined) { clean.correct = value.correct; }
    if (value.answer !== undefined) { clean.answer = value.answer; }
    return clean;
  }

  // `value` as a scenario's note can hold it, or null; an empty note is no note.
  function cleanNote(value) {
    if (!isText(value.text, LIMITS.note) || !value.text.trim()) { return null; }
    if (value.title !== undefined && !isText(value.title, LIMITS.title)) { return null; }
    return { text: value.text, title: value.title || "", at: value.at };
  }

  // The one check of every value read, from storage or from a file: `name` is `book/kind/id`;
  // `known`, when given, maps `kind/id` to what the module's block holds (a question's option
  // count, or true), and an id it lacks is refused. Returns the value cleaned, or null.
  function clean(name, value, known) {
    var parts = typeof name === "string" ? name.split("/") : [];
    if (parts.length !== 3 || !ID.test(parts[0]) || !ID.test(parts[2])) { return null; }
    var limit = known ? known[parts[1] + "/" + parts[2]] : true;
    if (!limit || !value || typeof value !== "object" || Array.isArray(value) || !isTime(value.at)) { return null; }
    if (parts[1] === "quiz") { return cleanAnswer(value, typeof limit === "number" ? limit : 0); }
    if (parts[1] === "notes") { return cleanNote(value); }
    return null;
  }

  // ---- Reading and writing -----------------------------------------------------------------

  // This tool's keys in `storage` under `scope` (`book/`), switches left out.
  function keysIn(storage, scope) {
    var keys = [];
    try {
      for (var i = 0; i < storage.length; i++) {
        var name = storage.key(i);
        if (name && name.indexOf(PREFIX + scope) === 0 && name.indexOf(":") < 0 && name !== OLD_PRIVATE) { keys.push(name); }
      }
    } catch (e) { /* unreadable storage: nothing to list */ }
    return keys;
  }

  function read(name) {
    var storage = area();
    try { return storage ? storage.getItem(PREFIX + name) : memory[name] || null; } catch (e) { return memory[name] || null; }
  }

  function get(name, known) {
    var raw = read(name);
    if (!raw) { return null; }
    try { return clean(name, JSON.parse(raw), known); } catch (e) { return null; }
  }

  // Writes a cleaned value; returns what became of it: `saved` (on this device, or in this tab
  // with private reading), or not, and why (`full`, `off`). A value that is not clean is refused.
  function set(name, value) {
    var cleaned = clean(name, value);
    if (!cleaned) { return { saved: false, reason: "invalid" }; }
    var raw = JSON.stringify(cleaned);
    var storage = area();
    if (!storage) { memory[name] = raw; return { saved: false, reason: "off" }; }
    try {
      storage.setItem(PREFIX + name, raw);
      return { saved: true, tab: isPrivate(), device: deviceOnly(name) };
    } catch (e) {
      // Kept for this visit, so the page goes on working; the reader is told it is not saved.
      memory[name] = raw;
      var full = e && (e.name === "QuotaExceededError" || e.code === 22 || e.code === 1014);
      return { saved: false, reason: full ? "full" : "off" };
    }
  }

  // A note the platform's record has no room for, kept on this device only.
  function deviceOnly(name) { return !!platform && platform.storage.deviceOnly(PREFIX + name); }

  function remove(name) {
    delete memory[name];
    try { area().removeItem(PREFIX + name); } catch (e) { /* nothing kept to remove */ }
  }

  // Every valid entry under `scope`, by name without the prefix.
  function entries(scope, known) {
    var found = {};
    var storage = area();
    var names = storage ? keysIn(storage, scope).map(function (n) { return n.slice(PREFIX.length); }) : Object.keys(memory);
    names.forEach(function (name) {
      if (name.indexOf(scope) !== 0) { return; }
      var value = get(name, known);
      if (value) { found[name] = value; }
    });
    return found;
  }

  // A file's entries merged in: each taken only when it fits the module (`known`) and is newer
  // in content than what is kept. Returns how many were taken and how many did not fit.
  function merge(incoming, known) {
    var result = { loaded: 0, unused: 0, failed: null };
    Object.keys(incoming).forEach(function (name) {
      var owner = String(name).split("/")[0];
      var fits = owner === book ? known : undefined;
      var value = clean(name, incoming[name], fits);
      if (!value || switchScope.books.indexOf(owner) < 0) { result.unused += 1; return; }
      var current = get(name, fits);
      if (current && current.at >= value.at) { return; }
      var written = set(name, value);
      if (written.saved) { result.loaded += 1; } else { result.failed = written.reason; }
    });
    return result;
  }

  // What this module keeps in the active storage, in bytes (as the browser counts: UTF-16).
  function usage(scope) {
    var storage = area();
    var bytes = 0;
    if (!storage) { return 0; }
    keysIn(storage, scope).forEach(function (name) {
      try { bytes += 2 * (name.length + (storage.getItem(name) || "").length); } catch (e) { /* unreadable */ }
    });
    return bytes;
  }

  function clear(scope) {
    Object.keys(memory).forEach(function (name) { if (name.indexOf(scope) === 0) { delete memory[name]; } });
    var storage = area();
    if (storage) { keysIn(storage, scope).forEach(function (name) { storage.removeItem(name); }); }
  }

  // Private reading is this module's: turning it on removes this module's answers and notes
  // from the device; turning it off drops what this tab held, restoring nothing.
  function setPrivate(on) {
    var storage = local();
    if (!storage || !switchScope.key) { return; }
    try {
      var leaving = on ? window.localStorage : window.sessionStorage;
      switchScope.books.forEach(function (b) {
        keysIn(leaving, b + "/").forEach(function (name) { leaving.removeItem(name); });
      });
      // Off is said only where the old site-wide switch would otherwise hold for this module.
      if (on) { storage.setItem(PRIVATE, "on"); } else if (storage.getItem(OLD_PRIVATE) === "on") {
        storage.setItem(PRIVATE, "off");
      } else { storage.removeItem(PRIVATE); }
    } catch (e) { /* storage unavailable: nothing is kept anyway */ }
  }

  // Keys of earlier versions named the edition (`book/lang/kind/id`): carried over once, the
  // newest valid answer or note of a block kept.
  function carryOverEditionKeys() {
    var storage = local();
    if (!storage) { return; }
    keysIn(storage, "").forEach(function (full) {
      var parts = full.slice(PREFIX.length).split("/");
      if (parts.length !== 4 || (parts[2] !== "quiz" && parts[2] !== "notes")) { return; }
      var name = parts[0] + "/" + parts[2] + "/" + parts[3];
      try {
        var value = clean(name, JSON.parse(storage.getItem(full) || "null"));
        var current = clean(name, JSON.parse(storage.getItem(PREFIX + name) || "null"));
        if (value && (!current || value.at > current.at)) { storage.setItem(PREFIX + name, JSON.stringify(value)); }
        storage.removeItem(full);
      } catch (e) { /* a damaged old entry stays unread */ }
    });
  }

  carryOverEditionKeys();
  window.mdbookTrainingStore = {
    book: book, clean: clean, get: get, set: set, remove: remove, entries: entries, merge: merge,
    usage: usage, clear: clear, isPrivate: isPrivate, setPrivate: setPrivate,
    library: switchScope.key !== book ? switchScope.key : "", books: switchScope.books.slice(),
    platform: !!platform, deviceOnly: deviceOnly
  };
})();
