// The module kept for offline reading, at the reader's request: the offer on the first or the
// progress page registers this worker, never anything before. It stores every file of its
// edition in one cache named by the build's content hash; the worker of a rebuilt site stores
// the new files, deletes the old cache and tells the open pages. A page not kept (another
// edition, another site) says so in the edition's words rather than fail as the browser would.
"use strict";

var OFFLINE = null; // written by the build: version, files, language, direction, words

var SCOPE = self.registration.scope;
var PREFIX = "mdbook-training-offline:" + SCOPE + ":";
var CACHE = PREFIX + OFFLINE.version;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // Past the browser's HTTP cache, so that a rebuilt site is stored as it now is.
    return cache.addAll(OFFLINE.files.map(function (file) {
      return new Request(new URL(file, SCOPE).href, { cache: "no-cache" });
    }));
  }).then(function () {
    return self.skipWaiting();
  }, function (error) {
    // Half a copy is no copy: nothing is left behind.
    return caches.delete(CACHE).then(function () { throw error; });
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    var old = keys.filter(function (key) { return key.indexOf(PREFIX) === 0 && key !== CACHE; });
    return Promise.all(old.map(function (key) { return caches.delete(key); })).then(function () {
      return self.clients.claim();
    }).then(function () {
      return tell(old.length ? "updated" : "kept");
    });
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
  return caches.open(CACHE).then(function (cache) { return cache.match(url.href); });
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
