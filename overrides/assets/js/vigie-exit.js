/* Quick exit, after GOV.UK's "Exit this page": the button (a plain link to a
   neutral site without JavaScript) blanks the page at once and replaces it in
   the history, so Back does not return here. Pressing Shift three times in a
   row does the same. */
(function () {
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
})();
