// Live preview for `mdbook-training serve`: reloads the page after each rebuild and shows
// build errors over the page. Served by the preview server only, never part of a built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var generation = Number(script && script.dataset.generation) || 0;
  var overlay = null;

  function showError(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;z-index:1000;" +
        "margin:0;padding:1em;background:#5c0011;color:#fff;font:14px/1.4 monospace;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "The book has errors; the page shows the last good build.\n\n" + text;
  }

  function poll() {
    fetch("/__training/events?since=" + generation, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.error) {
          generation = state.generation;
          showError(state.error);
        } else if (state.generation > generation) {
          location.reload();
          return;
        }
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }

  if (script && script.dataset.error) {
    showError(script.dataset.error);
  }
  poll();
})();
