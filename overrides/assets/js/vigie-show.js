/* "Show this screen" (overrides/hooks/reach.py). Without JavaScript the link
   opens #show-screen, which CSS (:target) lays over the page in large text.
   Here the same view also asks for the full screen, where the browser allows it
   (not on iPhone Safari: the :target view is enough), and "Close" leaves it. */
(function () {
  var screen = document.getElementById("show-screen");
  if (!screen) return;
  var open = document.querySelector('a[href="#show-screen"]');
  var close = screen.querySelector(".vigie-phrases__close a");

  if (open && screen.requestFullscreen) {
    open.addEventListener("click", function () {
      screen.requestFullscreen().catch(function () {});
    });
  }
  if (close) {
    close.addEventListener("click", function () {
      if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    });
  }
})();
