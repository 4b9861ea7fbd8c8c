/* The right language at once. On the site root only (data-root), send the
   visitor to the best of the site's languages for navigator.languages, or to
   the language they picked before. A language page never redirects, so there
   is no loop; location.replace keeps Back from bouncing. Without JavaScript
   (and for search engines) the root stays the English home with its list of
   languages. Picking a language in a list or the switcher is remembered. */
(function () {
  var KEY = "vigie-lang";
  var me = document.currentScript;
  if (!me) return;
  var langs = (me.getAttribute("data-languages") || "").split(" ");
  var fallback = me.getAttribute("data-default");

  function remembered() {
    try {
      return localStorage.getItem(KEY);
    } catch (e) {
      return null;
    }
  }

  function best() {
    var stored = remembered();
    if (stored && langs.indexOf(stored) >= 0) return stored;
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (var i = 0; i < wanted.length; i++) {
      var tag = String(wanted[i] || "").toLowerCase();
      if (langs.indexOf(tag) >= 0) return tag;
      if (langs.indexOf(tag.split("-")[0]) >= 0) return tag.split("-")[0];
    }
    return fallback;
  }

  if (me.hasAttribute("data-root")) {
    var code = best();
    if (code && code !== fallback) window.location.replace(new URL(code + "/", window.location.href).href);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-select a[hreflang], .vigie-languages a[hreflang]");
    var code = link && link.getAttribute("hreflang");
    if (!code || langs.indexOf(code) < 0) return;
    try {
      localStorage.setItem(KEY, code);
    } catch (e) {
      /* private mode: the choice is simply not remembered */
    }
  });
})();
