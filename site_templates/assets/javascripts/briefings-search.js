// The search page: Pagefind's UI over one bundle per year of briefings (pagefind/YYYY/, or
// pagefind/YYYY-MM-MM/ for the parts of a large year; listed newest first with their counts
// in pagefind/years.json), and the URL parameters other pages
// link with: ?q= runs a query, ?year=YYYY or ?year=all chooses the years searched, ?topic=,
// ?actor=, ?type= preselect a facet.
//
// A page searches one scope, chosen before Pagefind loads: the newest year (the default, and
// the smallest download), one older year (only that year's bundles are loaded), or all years
// (the newest bundle, with every other merged into it by Pagefind's mergeIndex). Choosing
// another year reloads the page with ?year= (and the words typed so far), so every state is
// a link and a bundle is never swapped under a running UI. When the default scope finds
// nothing for the query in the URL, the page searches all years instead and says so.
(function () {
  var root = document.getElementById("bx-search");
  if (!root || typeof PagefindUI === "undefined") return;
  var base = new URL(root.dataset.bundle, document.baseURI).href;  // .../pagefind/
  // URL parameter -> Pagefind filter name (data-pagefind-filter on briefing pages).
  var FACETS = { topic: "topic", type: "actor type", actor: "actor" };
  var ALL = "all";
  var phone = window.matchMedia("(max-width: 44.9375em)").matches;
  var params = new URLSearchParams(window.location.search);
  var filters = {};
  Object.keys(FACETS).forEach(function (param) {
    var values = params.getAll(param);
    if (values.length) filters[FACETS[param]] = values;
  });
  var query = params.get("q") || "";

  fetch(base + "years.json")
    .then(function (response) { return response.json(); })
    .then(function (data) { return start(data.years || []); })
    .catch(function (err) { console.error("search: " + err); });

  function start(years) {
    if (!years.length) return;
    var asked = params.get("year");
    var known = years.some(function (y) { return y.year === asked; });
    var scope = asked === ALL || known ? asked : years[0].year;
    var chosen = asked === ALL || known;
    return loadIndex(bundlesOf(scope, years))
      .then(function (pagefind) {
        // The default scope found nothing for the query of the link: widen it to all years.
        if (chosen || !query || years.length < 2) return scope;
        return pagefind.search(query, { filters: filters }).then(function (found) {
          if (found && found.results.length) return scope;
          return mergeRest(pagefind, years, bundlesOf(scope, years)).then(function () {
            say("No briefing of " + scope + " matches \u201c" + query + "\u201d: searching all years.");
            return ALL;
          });
        });
      })
      .then(function (searched) {
        yearChoice(years, searched);
        startUI(bundlesOf(searched, years)[0]);
      });
  }

  // The bundles a scope searches: its year's (one, or the parts of a large year), or every
  // year's; the newest first, as Pagefind's primary index.
  function bundlesOf(scope, years) {
    var chosen = scope === ALL ? years : years.filter(function (y) { return y.year === scope; });
    return [].concat.apply([], chosen.map(function (y) {
      return y.bundles.map(function (bundle) { return new URL(bundle, base).href; });
    }));
  }

  // The one place bundles are loaded: the first is Pagefind's primary index (its module is the
  // one Pagefind's UI imports next, so the UI searches what is merged here), every other is
  // merged into it. Every filter is loaded before the UI runs a search: Pagefind's UI keeps
  // the facet list of its first search.
  function loadIndex(bundles) {
    return import(bundles[0] + "pagefind.js").then(function (pagefind) {
      return merge(pagefind, bundles.slice(1))
        .then(function () { return pagefind.filters(); })
        .then(function () { return pagefind; });
    });
  }

  function merge(pagefind, bundles) {
    return bundles.reduce(function (done, bundle) {
      return done.then(function () { return pagefind.mergeIndex(bundle); });
    }, Promise.resolve());
  }

  // Every bundle of every year that is not loaded yet.
  function mergeRest(pagefind, years, loaded) {
    var rest = bundlesOf(ALL, years).filter(function (bundle) { return loaded.indexOf(bundle) < 0; });
    return merge(pagefind, rest).then(function () { return pagefind.filters(); });
  }

  function startUI(primary) {
    var ui = new PagefindUI({
      element: "#bx-search",
      bundlePath: primary,
      showSubResults: false,
      showImages: false,
      resetStyles: true,
      // On a phone the facets start closed, so the first results show on the first screen.
      openFilters: phone ? [] : ["topic", "actor type"],
    });
    nameTheField();
    if (Object.keys(filters).length) ui.triggerFilters(filters);
    if (query) ui.triggerSearch(query);
    else if (Object.keys(filters).length) {
      say("Searching within " + Object.keys(filters).map(function (name) {
        return name + ": " + filters[name].join(", ");
      }).join("; ") + ". Type a word to see the briefings.");
    }
  }

  // The year choice: every year with its briefings, and "All years"; choosing one reloads
  // the page with ?year= and the words typed so far.
  function yearChoice(years, scope) {
    var form = document.getElementById("bx-search-years");
    if (!form) return;
    var box = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = "Years searched";
    box.appendChild(legend);
    var total = years.reduce(function (sum, y) { return sum + y.count; }, 0);
    var options = [{ value: years[0].year, label: years[0].year + " (newest)", count: years[0].count },
                   { value: ALL, label: "All years", count: total }];
    years.slice(1).forEach(function (y) { options.push({ value: y.year, label: y.year, count: y.count }); });
    options.forEach(function (option) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "year";
      input.value = option.value;
      input.checked = option.value === scope;
      input.addEventListener("change", function () { reloadWith(option.value); });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + option.label + " "));
      var count = document.createElement("span");
      count.className = "bx-search-years__count";
      count.textContent = "(" + option.count.toLocaleString("en") + ")";
      label.appendChild(count);
      box.appendChild(label);
    });
    form.appendChild(box);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
  }

  function reloadWith(year) {
    var next = new URLSearchParams(window.location.search);
    var input = root.querySelector(".pagefind-ui__search-input");
    var words = input ? input.value.trim() : "";
    if (words) next.set("q", words); else next.delete("q");
    next.set("year", year);
    window.location.search = next.toString();
  }

  function say(text) {
    var note = document.getElementById("bx-search-scope");
    if (!note) return;
    note.textContent = text;
    note.hidden = false;
  }

  // Pagefind's field is labelled only by its placeholder: give it a name screen readers announce.
  function nameTheField() {
    var named = function () {
      var input = root.querySelector(".pagefind-ui__search-input");
      if (input) input.setAttribute("aria-label", "Search briefings");
      return !!input;
    };
    if (!named()) {
      var watch = new MutationObserver(function () { if (named()) watch.disconnect(); });
      watch.observe(root, { childList: true, subtree: true });
    }
  }
})();
