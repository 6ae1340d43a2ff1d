// Starts Pagefind's UI on the search page and applies ?q= and facet parameters from the URL,
// so other pages (home, actor, topic) can link straight to a filtered search.
(function () {
  var root = document.getElementById("bx-search");
  if (!root || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#bx-search",
    bundlePath: root.dataset.bundle,
    showSubResults: false,
    showImages: false,
    resetStyles: true,
    openFilters: ["topic", "year"],
  });
  var params = new URLSearchParams(window.location.search);
  var filters = {};
  ["actor", "topic", "year"].forEach(function (name) {
    var values = params.getAll(name);
    if (values.length) filters[name] = values;
  });
  // Pagefind UI keeps the facet list of its first search: load every filter before running
  // one, or a fast first query shows only some facets. The import returns the module the UI
  // already loaded.
  import(new URL(root.dataset.bundle + "pagefind.js", document.baseURI).href)
    .then(function (pagefind) { return pagefind.filters(); })
    .catch(function () {})
    .then(function () {
      if (Object.keys(filters).length) ui.triggerFilters(filters);
      if (params.get("q")) ui.triggerSearch(params.get("q"));
    });
})();
