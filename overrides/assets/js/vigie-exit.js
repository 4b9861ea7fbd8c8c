/* Quick exit, after GOV.UK's "Exit this page": the button (a plain link to a
   neutral site without JavaScript) blanks the page at once and replaces it in
   the history, so Back does not return to it. Pressing Shift three times in a
   row does the same.
   Opt-in (the #history-switch on "Browse safely", kept for this tab only in
   sessionStorage): every link inside the site then replaces the current page
   in the history instead of adding one, so the whole visit is one entry, and
   the quick exit replaces that one: Back goes to the page before the site. */
(function () {
  var KEY = "vigie-no-back";
  var link = document.getElementById("quick-exit");
  if (!link) return;
  var presses = 0;
  var timer = null;

  function leave(event) {
    if (event) event.preventDefault();
    document.title = "";
    document.body.hidden = true;
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    if (event.repeat) return;
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () {
      presses = 0;
    }, 5000);
    if (presses >= 3) leave();
  });

  function noBack() {
    try {
      return sessionStorage.getItem(KEY) === "1";
    } catch (e) {
      return false;
    }
  }

  document.addEventListener("click", function (event) {
    if (!noBack() || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var a = event.target.closest && event.target.closest("a[href]");
    if (!a || a === link || a.hasAttribute("download") || (a.target && a.target !== "_self")) return;
    if (a.origin !== location.origin) return;
    event.preventDefault();
    location.replace(a.href);
  });

  var toggle = document.getElementById("history-switch");
  if (!toggle) return;
  var state = document.querySelector(".vigie-history__state");
  function show() {
    if (state) state.textContent = toggle.getAttribute(toggle.checked ? "data-on" : "data-off");
  }
  toggle.checked = noBack();
  toggle.closest(".vigie-history__switch").hidden = false;
  show();
  toggle.addEventListener("change", function () {
    try {
      if (toggle.checked) sessionStorage.setItem(KEY, "1");
      else sessionStorage.removeItem(KEY);
    } catch (e) {
      toggle.checked = false;
    }
    show();
  });
})();
