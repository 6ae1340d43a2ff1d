// "Go to actor": as a reader types in the header's search field (every page) or in the search
// page's field, the actor pages whose name or alias matches are offered as links. The names
// come from pagefind/names.json (written by the build: [name, aliases, url, type, briefings]
// for the actors in most briefings), fetched once, on the first keystroke.
(function () {
  var form = document.querySelector("form.bx-header-search[data-names]");
  if (!form) return;
  var source = new URL(form.dataset.names, document.baseURI);
  var siteRoot = new URL("../", source);  // names.json sits in pagefind/ at the site's root
  var MIN = 2, MAX = 6;
  var TYPES = { person: "person", org: "organisation", place: "place", group: "group" };
  var names = null, loading = null;

  function load() {
    if (!loading) {
      loading = fetch(source.href)
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (list) { names = list.map(function (r) { return [r, [r[0]].concat(r[1]).map(fold)]; }); })
        .catch(function () { names = []; });
    }
    return loading;
  }

  // Case and accents do not matter: "zelenskyy" finds "Zelenskyy", "sao" finds "São".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // A name matches when one of its words (or the whole name) starts with what was typed;
  // the list is in order of briefings already, so the first matches are the most seen.
  function matches(typed) {
    var want = fold(typed.trim());
    if (want.length < MIN || !names) return [];
    var found = [];
    for (var i = 0; i < names.length && found.length < MAX; i++) {
      var hit = names[i][1].some(function (n) {
        return n.indexOf(want) === 0 || n.indexOf(" " + want) >= 0 || n.indexOf("-" + want) >= 0;
      });
      if (hit) found.push(names[i][0]);
    }
    return found;
  }

  function show(box, typed) {
    var found = matches(typed);
    box.textContent = "";
    box.hidden = !found.length;
    if (!found.length) return;
    var title = document.createElement("p");
    title.className = "bx-name-hits__title";
    title.textContent = "Go to actor";
    var list = document.createElement("ul");
    found.forEach(function (r) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = new URL(r[2], siteRoot).href;
      link.textContent = r[0];
      var about = document.createElement("span");
      about.className = "bx-name-hits__about";
      about.textContent = " " + (TYPES[r[3]] || r[3]) + ", " + r[4] + (r[4] === 1 ? " briefing" : " briefings");
      item.appendChild(link);
      item.appendChild(about);
      list.appendChild(item);
    });
    box.appendChild(title);
    box.appendChild(list);
  }

  function boxFor(field) {
    if (field.id === "bx-header-q") return form.querySelector(".bx-name-hits");
    if (field.classList && field.classList.contains("pagefind-ui__search-input")) return document.getElementById("bx-search-names");
    return null;
  }

  document.addEventListener("input", function (event) {
    var box = boxFor(event.target);
    if (!box) return;
    var typed = event.target.value;
    load().then(function () { if (event.target.value === typed) show(box, typed); });
  });
  // The header's list closes when focus leaves the form, or on Escape.
  form.addEventListener("focusout", function (event) {
    if (!form.contains(event.relatedTarget)) form.querySelector(".bx-name-hits").hidden = true;
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Escape") form.querySelector(".bx-name-hits").hidden = true;
  });
})();
