// Runs first, in <head>: the values mdBook's scripts expect as globals, and the reader's saved
// theme, read from data-* attributes so that pages need no inline script.
(function () {
  "use strict";
  var html = document.documentElement;
  var data = html.dataset;
  window.path_to_root = data.pathToRoot || "";
  window.default_light_theme = data.defaultTheme || "light";
  window.default_dark_theme = data.darkTheme || "navy";
  if (data.searchindex) {
    window.path_to_searchindex_js = data.searchindex;
  }
  if (data.playgroundLineNumbers) {
    window.playground_line_numbers = true;
  }
  if (data.playgroundCopyable) {
    window.playground_copyable = true;
  }

  function unquote(key) {
    try {
      var value = localStorage.getItem(key);
      if (value && value.charAt(0) === '"' && value.charAt(value.length - 1) === '"') {
        localStorage.setItem(key, value.slice(1, -1));
      }
    } catch (e) { /* storage may be disabled */ }
  }
  unquote("mdbook-theme");
  unquote("mdbook-sidebar");

  window.default_theme = window.matchMedia("(prefers-color-scheme: dark)").matches
    ? window.default_dark_theme
    : window.default_light_theme;
  // A stored theme is used only when it is one of mdBook's: any other value (damaged, or set
  // by another page of the host) would stop this script.
  var themes = ["light", "rust", "coal", "navy", "ayu"];
  var theme = null;
  try { theme = localStorage.getItem("mdbook-theme"); } catch (e) { /* no storage */ }
  if (themes.indexOf(theme) < 0) { theme = null; }
  var fallback = themes.indexOf(window.default_theme) < 0 ? "light" : window.default_theme;
  if (data.defaultTheme && themes.indexOf(data.defaultTheme) >= 0) { html.classList.remove(data.defaultTheme); }
  html.classList.add(theme || fallback);
  html.classList.add("js");
})();
