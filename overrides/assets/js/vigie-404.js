/* Static hosts serve the root 404.html (default language) for every missing URL.
   If the missing URL is under another language's prefix, show that language's 404. */
(function () {
  var list = document.querySelector("[data-vigie-404-languages]");
  var config = document.getElementById("__config");
  if (!list || !config) return;
  var base = JSON.parse(config.textContent).base.replace(/\/$/, "");
  var path = location.pathname.slice(base.length).replace(/^\//, "");
  var langs = list.getAttribute("data-vigie-404-languages").split(" ");
  var here = document.documentElement.lang;
  for (var i = 0; i < langs.length; i++) {
    var code = langs[i];
    if (code !== here && path.indexOf(code + "/") === 0 && path !== code + "/404.html") {
      location.replace(base + "/" + code + "/404.html");
      return;
    }
  }
})();
