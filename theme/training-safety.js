// For readers who may be watched, or are reading about what is happening to them: a quick exit,
// private reading, content notes, and an offline copy kept only when they ask for it. Loaded after `training.js`, whose storage it switches.
// Without it the exit is a plain link and a content note is simply read first.
(function () {
  "use strict";

  var shared = window.mdbookTraining;
  var holder = document.getElementById("training-page");
  var page = shared && holder ? shared.readData(holder, "data-training-page") : null;
  if (!shared || !page) { return; }
  var store = shared.store;
  var el = shared.el;
  var ui = page.ui;

  // ---- Quick exit ----------------------------------------------------------------------------

  // The page is replaced (`location.replace`), so Back does not return to it; what the reader
  // typed in search and any open popover go first.
  function leave() {
    var exit = document.querySelector(".training-quick-exit");
    if (!exit) { return; }
    var input = document.getElementById("training-search-input");
    if (input) { input.value = ""; }
    Array.prototype.forEach.call(document.querySelectorAll(".training-search-results, .training-search-status"), function (n) { n.textContent = ""; });
    Array.prototype.forEach.call(document.querySelectorAll(".training-popover"), function (n) { n.hidden = true; });
    document.body.hidden = true;
    // Inside a learning platform: the session is finished first, then the whole platform page
    // is left where the browser allows it, this frame otherwise.
    var platform = null;
    try { platform = window.parent !== window && window.parent.mdbookTrainingPlatform; } catch (e) { /* another origin */ }
    if (platform) {
      platform.finish();
      try { window.top.location.replace(exit.href); return; } catch (e) { /* the platform's page is another origin's */ }
    }
    window.location.replace(exit.href);
  }

  function quickExit() {
    var exit = document.querySelector(".training-quick-exit");
    if (!exit) { return; }
    exit.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });
    // Escape twice in a row within a second; a single Escape still closes search or a
    // popover, and any other key or a tap in between starts the count again.
    var last = 0;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { last = 0; return; }
      if (event.repeat) { return; }
      var now = Date.now();
      if (now - last < 1000) { leave(); }
      last = now;
    }, true);
    document.addEventListener("pointerdown", function () { last = 0; }, true);
  }

  // ---- Private reading -----------------------------------------------------------------------

  var switches = [];

  // This module's answers and notes (in a library, its modules'): others are not touched.
  function hasSaved() {
    return store.books.some(function (b) { return Object.keys(store.entries(b + "/")).length > 0; });
  }

  // Turning it on asks first when answers or notes are saved, since they are removed.
  function setPrivate(on) {
    if (on === store.isPrivate()) { return true; }
    if (on && hasSaved() && !window.confirm(ui.private_confirm)) { return false; }
    store.setPrivate(on);
    showState();
    return true;
  }

  function showState() {
    var on = store.isPrivate();
    switches.forEach(function (s) { s(on); });
    var notice = document.querySelector(".training-private-notice");
    var main = document.querySelector("main");
    if (on && !notice && main) {
      main.insertBefore(el("p", "training-private-notice", ui.private_on), main.firstChild);
    } else if (!on && notice) {
      notice.remove();
    }
  }

  // In the menu bar: a button that reads as the switch it is.
  function menuSwitch() {
    var buttons = document.querySelector(".right-buttons");
    if (!buttons) { return; }
    var button = el("button", "icon-button training-private-toggle");
    button.type = "button";
    button.title = ui.private_reading;
    button.setAttribute("aria-label", ui.private_reading);
    button.innerHTML = '<svg viewBox="0 0 640 512" width="1em" height="1em" aria-hidden="true" fill="currentColor"><path d="M38.8 5.1C28.4-3.1 13.3-1.2 5.1 9.2S-1.2 34.7 9.2 42.9l592 464c10.4 8.2 25.5 6.3 33.7-4.1s6.3-25.5-4.1-33.7L525.6 386.7c39.6-40.6 66.4-86.1 79.9-118.4c3.3-7.9 3.3-16.7 0-24.6c-14.9-35.7-46.2-87.7-93-131.1C465.5 68.8 400.8 32 320 32c-68.2 0-125 26.3-169.3 60.8L38.8 5.1zM223.1 149.5C248.6 126.2 282.7 112 320 112c79.5 0 144 64.5 144 144c0 24.9-6.3 48.3-17.4 68.7L408 294.5c8.4-19.3 10.6-41.4 4.8-63.3c-11.1-41.5-47.8-69.4-88.6-71.1c-5.8-.2-9.2 6.1-7.4 11.7c2.1 6.4 3.3 13.2 3.3 20.3c0 10.2-2.4 19.8-6.6 28.3l-90.3-70.8zM373 389.9c-16.4 6.5-34.3 10.1-53 10.1c-79.5 0-144-64.5-144-144c0-6.9 .5-13.6 1.4-20.2L83.1 161.5C60.3 191.2 44 220.8 34.5 243.7c-3.3 7.9-3.3 16.7 0 24.6c14.9 35.7 46.2 87.7 93 131.1C174.5 443.2 239.2 480 320 480c47.8 0 89.9-12.9 126.2-32.5L373 389.9z"/></svg>';
    button.addEventListener("click", function () { setPrivate(!store.isPrivate()); });
    buttons.insertBefore(button, buttons.firstChild);
    switches.push(function (on) { button.setAttribute("aria-pressed", String(on)); });
  }

  // On the progress page: the same switch as a labelled checkbox.
  function progressSwitch() {
    var recap = document.querySelector(".training-recap-progress");
    if (!recap) { return; }
    var row = el("p", "training-private-switch");
    var box = el("input");
    box.type = "checkbox";
    box.id = "training-private-reading";
    var label = el("label", null, ui.private_reading);
    label.htmlFor = box.id;
    box.addEventListener("change", function () {
      if (!setPrivate(box.checked)) { box.checked = !box.checked; }
    });
    row.appendChild(box);
    row.appendChild(label);
    recap.insertBefore(row, recap.querySelector(".training-take-along"));
    switches.push(function (on) { box.checked = on; });
  }

  // ---- Content notes -------------------------------------------------------------------------

  // The chapter's text waits behind its note until "Continue" or the skip link.
  function contentNote() {
    var note = document.querySelector("[data-training-content-note]");
    var main = note && note.parentElement;
    var onward = note && note.querySelector(".training-continue");
    if (!note || !onward || !main) { return; }
    main.classList.add("training-noted");
    onward.hidden = false;
    var reveal = function () { main.classList.remove("training-noted"); };
    onward.addEventListener("click", function () {
      reveal();
      var target = (location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)))) || note.nextElementSibling;
      if (!target) { return; }
      if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
      target.focus();
      target.scrollIntoView({ block: "start" });
    });
    var skip = note.querySelector(".training-skip-to");
    if (skip) { skip.addEventListener("click", reveal); }
    // A link to a heading of this page (the sidebar's, say) is a choice to read on.
    window.addEventListener("hashchange", reveal);
  }

  // ---- Offline reading -----------------------------------------------------------------------

  // Offered where the book allows it, on the first and progress pages. Nothing is registered or
  // stored before the reader asks; never while private reading is on, nor in a platform.
  var OFFLINE_PREFIX = "mdbook-training-offline:";

  function size(bytes) {
    var lang = document.documentElement.lang || undefined;
    var mega = bytes >= 1e6;
    var value = (bytes / (mega ? 1e6 : 1e3)).toLocaleString(lang, { maximumFractionDigits: mega ? 1 : 0 });
    return value + (mega ? " MB" : " KB");
  }

  // The worker registered for exactly this scope: a site's root worker also covers its
  // translations' folders, which are not its copy.
  function ownRegistration(scope) {
    return navigator.serviceWorker.getRegistration(scope).then(function (found) {
      return found && found.scope === scope ? found : null;
    });
  }

  // Resolves to the active worker once the registration has one.
  function activated(registration) {
    return new Promise(function (resolve, reject) {
      var worker = registration.installing || registration.waiting || registration.active;
      if (!worker) { reject(new Error("no worker")); return; }
      var check = function () {
        if (worker.state === "activated") { resolve(worker); }
        if (worker.state === "redundant") { reject(new Error("not installed")); }
      };
      worker.addEventListener("statechange", check);
      check();
    });
  }

  // Asks the worker to keep `part` (a book's is ""), and resolves once it is stored.
  function keepPart(worker, part) {
    return new Promise(function (resolve, reject) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) {
        if (event.data && event.data.kept) { resolve(); } else { reject(new Error("not kept")); }
      };
      worker.postMessage({ keep: part }, [channel.port2]);
    });
  }

  function ownCaches(scope) {
    return caches.keys().then(function (keys) {
      return keys.filter(function (key) { return key.indexOf(OFFLINE_PREFIX + scope + ":") === 0; });
    });
  }

  function isKept(scope, part) {
    return ownCaches(scope).then(function (keys) {
      return keys.some(function (key) { return key.indexOf(OFFLINE_PREFIX + scope + ":part:" + part + ":") === 0; });
    });
  }

  // The part's cache goes; with no part left, the shared pages and the worker go too.
  function removeCopy(scope, part) {
    var partPrefix = OFFLINE_PREFIX + scope + ":part:" + part + ":";
    return ownCaches(scope).then(function (keys) {
      var own = keys.filter(function (key) { return key.indexOf(partPrefix) === 0; });
      var others = keys.filter(function (key) { return own.indexOf(key) < 0 && key.indexOf(OFFLINE_PREFIX + scope + ":part:") === 0; });
      var gone = others.length ? own : keys;
      return Promise.all(gone.map(function (key) { return caches.delete(key); })).then(function () {
        return others.length ? null : ownRegistration(scope).then(function (r) { return r && r.unregister(); });
      });
    });
  }

  function offlineOffer() {
    var box = document.querySelector("[data-training-offline]");
    var data = box && shared.readData(box, "data-training-offline");
    if (!data || store.platform) { return; }
    var words = data.ui;
    var status = box.querySelector(".training-offline-status");
    var keep = box.querySelector(".training-offline-keep");
    var remove = box.querySelector(".training-offline-remove");
    // A book's worker sits at its edition's root; a library's one folder up, for every module.
    var root = new URL(data.root || "./", location.href);
    var part = page.library ? decodeURIComponent(root.pathname.split("/").slice(-2)[0]) : "";
    var scope = page.library ? new URL("../", root).href : root.href;
    var workers = "serviceWorker" in navigator && window.isSecureContext && "caches" in window;
    var say = function (text) { status.textContent = text; };
    var kept = function (on) { keep.hidden = on; remove.hidden = !on; };
    keep.textContent = words.keep.replace("{size}", "…");
    box.hidden = false;
    // A site served without its worker (built by plain `mdbook build`) offers nothing; opened as
    // files, the offer stays, to say that the browser cannot keep it.
    var unserved = function () { if (/^https?:$/.test(location.protocol)) { box.hidden = true; } };
    fetch(scope + "training-offline.json").then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (facts) {
      var bytes = facts && facts.parts && facts.parts[part];
      if (bytes) { keep.textContent = words.keep.replace("{size}", size(bytes + (facts.shared || 0))); } else { unserved(); }
    }).catch(unserved);
    var privately = function (on) {
      keep.disabled = on;
      if (on) { say(words.private); } else if (status.textContent === words.private) { say(""); }
    };
    switches.push(privately);
    privately(store.isPrivate());
    if (workers) {
      isKept(scope, part).then(function (yes) {
        if (yes) { kept(true); say(words.kept); }
      });
    }
    keep.addEventListener("click", function () {
      if (store.isPrivate()) { say(words.private); return; }
      if (!workers) { say(words.refused); return; }
      keep.disabled = true;
      say(words.storing);
      navigator.serviceWorker.register(scope + "training-sw.js", { scope: scope }).then(function (registration) {
        return activated(registration).then(function (worker) {
          return keepPart(worker, part);
        }).then(function () {
          kept(true);
          say(words.kept);
          remove.focus();
        }, function () {
          // Half a copy is no copy.
          return removeCopy(scope, part).then(function () { say(words.failed); });
        });
      }, function () {
        say(words.refused);
      }).then(function () { keep.disabled = false; });
    });
    remove.addEventListener("click", function () {
      removeCopy(scope, part).then(function () {
        kept(false);
        say(words.removed);
        keep.focus();
      });
    });
  }

  // On any page of a kept module: a rebuilt site's copy replaced the old one.
  function offlineUpdates() {
    if (!("serviceWorker" in navigator) || !navigator.serviceWorker.controller) { return; }
    navigator.serviceWorker.addEventListener("message", function (event) {
      var main = document.querySelector("main");
      if (!main || !event.data || event.data.trainingOffline !== "updated") { return; }
      var note = el("p", "training-offline-updated", event.data.text);
      note.setAttribute("role", "status");
      main.insertBefore(note, main.firstChild);
    });
    navigator.serviceWorker.startMessages();
  }

  quickExit();
  // The switch is the book's choice; a reader who turned it on for this module in an earlier
  // version, when it held for the whole site, is still told that nothing is kept.
  // In a learning platform the platform keeps the record: there is nothing to keep private.
  if (page.private_reading && !store.platform) {
    menuSwitch();
    progressSwitch();
  }
  offlineOffer();
  offlineUpdates();
  showState();
  contentNote();
  // Inside a learning platform, the first page says what the platform records.
  var landing = store.platform && document.querySelector(".training-landing");
  if (landing && ui.platform_records) { landing.appendChild(el("p", "training-platform", ui.platform_records)); }
})();
