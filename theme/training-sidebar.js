// Runs right after the sidebar checkbox: shows or hides the sidebar before it is drawn.
(function () {
  "use strict";
  var html = document.documentElement;
  var toggle = document.getElementById("mdbook-sidebar-toggle-anchor");
  var state = null;
  if (document.body.clientWidth >= 1080) {
    try { state = localStorage.getItem("mdbook-sidebar"); } catch (e) { /* no storage */ }
    state = state || "visible";
  } else {
    state = "hidden";
    toggle.checked = false;
  }
  if (state === "visible") {
    toggle.checked = true;
  } else {
    html.classList.remove("sidebar-visible");
  }
  window.sidebar = state;
})();
