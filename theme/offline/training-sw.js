// The module kept for offline reading, at the reader's request: the offer on the first or the
// progress page registers this worker, never anything before, and asks it to keep its module.
// Each kept part (the book, or a module of a library) is one cache named by its content hash,
// beside the library's shared pages; the worker of a rebuilt site stores the kept parts again
// as they now are, deletes the old caches and tells the open pages. A page not kept (another
// edition or module) says so in the edition's words rather than fail as the browser would.
"use strict";

var OFFLINE = null; // written by the build: shared files, parts, language, direction, words

var SCOPE = self.registration.scope;
var PREFIX = "mdbook-training-offline:" + SCOPE + ":";

function sharedCache() { return PREFIX + "shared:" + OFFLINE.shared.version; }
function partPrefix(part) { return PREFIX + "part:" + part + ":"; }
function partCache(part) { return partPrefix(part) + OFFLINE.parts[part].version; }

// Past the browser's HTTP cache, so that a rebuilt site is stored as it now is; half a cache
// is no cache.
function fill(name, files) {
  return caches.open(name).then(function (cache) {
    return cache.addAll(files.map(function (file) {
      return new Request(new URL(file, SCOPE).href, { cache: "no-cache" });
    }));
  }).catch(function (error) {
    return caches.delete(name).then(function () { throw error; });
  });
}

function keep(part) {
  if (!Object.prototype.hasOwnProperty.call(OFFLINE.parts, part)) {
    return Promise.reject(new Error("no such part"));
  }
  // A book shares nothing: its one part is the whole edition.
  var shared = OFFLINE.shared.files.length ? fill(sharedCache(), OFFLINE.shared.files) : Promise.resolve();
  return shared.then(function () {
    return fill(partCache(part), OFFLINE.parts[part].files);
  });
}

// The parts the reader kept with an earlier worker, whatever their version.
function keptParts(keys) {
  return Object.keys(OFFLINE.parts).filter(function (part) {
    return keys.some(function (key) { return key.indexOf(partPrefix(part)) === 0; });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keptParts(keys).map(keep));
  }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    var current = [sharedCache()].concat(Object.keys(OFFLINE.parts).map(partCache));
    var old = keys.filter(function (key) { return key.indexOf(PREFIX) === 0 && current.indexOf(key) < 0; });
    return Promise.all(old.map(function (key) { return caches.delete(key); })).then(function () {
      return self.clients.claim();
    }).then(function () {
      if (old.length) { return tell("updated"); }
    });
  }));
});

// The offer asks for its part through a message port, and is answered when it is kept.
self.addEventListener("message", function (event) {
  var port = event.ports && event.ports[0];
  if (!port || !event.data || typeof event.data.keep !== "string") { return; }
  event.waitUntil(keep(event.data.keep).then(function () {
    port.postMessage({ kept: true });
  }, function () {
    port.postMessage({ kept: false });
  }));
});

function tell(what) {
  return self.clients.matchAll({ includeUncontrolled: true, type: "window" }).then(function (clients) {
    clients.forEach(function (client) { client.postMessage({ trainingOffline: what, text: OFFLINE.ui.updated }); });
  });
}

// A stored file answers whatever query its address carries (the assets' `?v=` fingerprints).
function stored(request) {
  var url = new URL(request.url);
  url.search = "";
  url.hash = "";
  if (url.pathname.slice(-1) === "/") { url.pathname += "index.html"; }
  return caches.keys().then(function (keys) {
    var own = keys.filter(function (key) { return key.indexOf(PREFIX) === 0; });
    return own.reduce(function (found, key) {
      return found.then(function (hit) {
        return hit || caches.open(key).then(function (cache) { return cache.match(url.href); });
      });
    }, Promise.resolve(undefined));
  });
}

function unavailable() {
  var ui = OFFLINE.ui;
  var html = "<!DOCTYPE html>\n<html lang=\"" + OFFLINE.lang + "\" dir=\"" + OFFLINE.dir + "\">" +
    "<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
    "<title>" + ui.unavailable + "</title></head>" +
    "<body style=\"font: 1.1rem/1.6 system-ui, sans-serif; max-width: 38rem; margin: 2rem auto; padding: 0 1rem\">" +
    "<h1 style=\"font-size: 1.5rem\">" + ui.unavailable + "</h1>" +
    "<p>" + ui.hint + " <a href=\"" + SCOPE + "index.html\">" + ui.title + "</a></p></body></html>";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) { return; }
  event.respondWith(stored(request).then(function (hit) {
    return hit || fetch(request).catch(function () {
      return request.mode === "navigate" ? unavailable() : Response.error();
    });
  }));
});
