// Starts Pagefind's UI on the search page and applies ?q= and facet parameters from the URL,
// so other pages (home, actor, topic, the header field) can link straight to a filtered search.
(function () {
  var root = document.getElementById("bx-search");
  if (!root || typeof PagefindUI === "undefined") return;
  // URL parameter -> Pagefind filter name (data-pagefind-filter on briefing pages).
  var FACETS = { topic: "topic", year: "year", type: "actor type", actor: "actor" };
  var phone = window.matchMedia("(max-width: 44.9375em)").matches;
  var ui = new PagefindUI({
    element: "#bx-search",
    bundlePath: root.dataset.bundle,
    showSubResults: false,
    showImages: false,
    resetStyles: true,
    // On a phone the facets start closed, so the first results show on the first screen.
    openFilters: phone ? [] : ["topic", "year", "actor type"],
  });
  // Pagefind's field is labelled only by its placeholder: give it a name screen readers announce.
  var named = function () {
    var input = root.querySelector(".pagefind-ui__search-input");
    if (input) input.setAttribute("aria-label", "Search briefings");
    return !!input;
  };
  if (!named()) {
    var watch = new MutationObserver(function () { if (named()) watch.disconnect(); });
    watch.observe(root, { childList: true, subtree: true });
  }
  var params = new URLSearchParams(window.location.search);
  var filters = {};
  Object.keys(FACETS).forEach(function (param) {
    var values = params.getAll(param);
    if (values.length) filters[FACETS[param]] = values;
  });
  // Pagefind UI keeps the facet list of its first search: load every filter before running
  // one, or a fast first query shows only some facets. The import returns the module the UI
  // already loaded. (Sharded indexes would be merged here: see loadIndex.)
  loadIndex(root.dataset.bundle)
    .then(function (pagefind) { return pagefind.filters(); })
    .catch(function () {})
    .then(function () {
      if (Object.keys(filters).length) ui.triggerFilters(filters);
      if (params.get("q")) ui.triggerSearch(params.get("q"));
      else if (Object.keys(filters).length) hint(filters);
    });

  // Pagefind's UI searches only once there is a word: say so when a link set only facets.
  function hint(filters) {
    var note = document.createElement("p");
    note.className = "bx-search-hint";
    note.textContent = "Searching within " + Object.keys(filters).map(function (name) {
      return name + ": " + filters[name].join(", ");
    }).join("; ") + ". Type a word to see the briefings.";
    root.parentNode.insertBefore(note, root);
  }

  // The one place the search index is loaded: a sharded index (one bundle per year) would
  // add its other bundles here with pagefind.mergeIndex.
  function loadIndex(bundle) {
    return import(new URL(bundle + "pagefind.js", document.baseURI).href);
  }
})();
