// In a library, one private-reading switch and one progress file hold for all its modules: the
// page says which (`#training-page`), and this tells the store before it starts. Loaded before
// `training-store.js` on a library's pages only.
(function () {
  "use strict";
  var ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
  var holder = document.getElementById("training-page");
  try {
    var data = holder && JSON.parse(holder.getAttribute("data-training-page") || "null");
    if (data && typeof data.library === "string" && ID.test(data.library) && Array.isArray(data.books)) {
      var books = data.books.filter(function (b) { return typeof b === "string" && ID.test(b); });
      window.mdbookTrainingScope = { key: data.library, books: books.slice(0, 500) };
    }
  } catch (e) { /* no library: each module keeps its own */ }
})();
