/* Search on demand. Material's bundle (search, back-to-top, header niceties:
   about 35 KB gzip) is fetched only when the visitor opens the search, and the
   bundle then fetches this language's index and its worker (hooks/search_split.py).
   Without JavaScript, Material hides the search and every page still works. */
(function () {
  var me = document.currentScript;
  var bundle = me && me.getAttribute("data-bundle");
  var toggle = document.getElementById("__search");
  var input = document.querySelector("[data-md-component=search-query]");
  if (!bundle || !toggle || !input) return;
  document.documentElement.classList.add("vigie-js");
  var loaded = false;

  function load() {
    if (loaded) return;
    loaded = true;
    var script = document.createElement("script");
    script.src = bundle;
    document.body.appendChild(script);
  }

  function open() {
    if (!toggle.checked) toggle.click();
    input.focus();
    load();
  }

  toggle.addEventListener("change", function () {
    if (toggle.checked) open();
  });
  // Keyboard: Tab into the search field opens the search; Tab out of it closes it,
  // so focus never lands on a hidden field or behind the open search.
  input.addEventListener("focus", function () {
    if (!toggle.checked) toggle.click();
    load();
  });
  var dialog = document.querySelector("[data-md-component=search]");
  document.addEventListener("focusin", function (event) {
    if (toggle.checked && dialog && !dialog.contains(event.target)) toggle.click();
  });
  document.addEventListener("keydown", function (event) {
    if (loaded || event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    event.preventDefault();
    open();
  });
})();
