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
  if (Object.keys(filters).length) ui.triggerFilters(filters);
  if (params.get("q")) ui.triggerSearch(params.get("q"));
})();
