/* Offline after the first visit: register this language's service worker
   (written by hooks/offline.py) once the page has loaded, so it never competes
   with the page itself for a slow network. */
(function () {
  var me = document.currentScript;
  var url = me && me.getAttribute("data-sw");
  if (!url || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(url).catch(function () {
      /* no offline copy: the site still works online */
    });
  });
})();
