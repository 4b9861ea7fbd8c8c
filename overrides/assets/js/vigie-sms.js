/* The SMS to 114, prefilled in French (overrides/hooks/reach.py).
   - Writes the body the way this phone reads it: iOS 8 and later read
     `sms:114&body=`, Android and RFC 5724 `sms:114?body=` (the page's
     no-JavaScript link, `?&body=`, works on both).
   - "Add my position" asks the browser for the position, on the phone only, and
     puts latitude, longitude and accuracy in metres before the "Lieu :" line.
     Nothing is sent anywhere and nothing is stored: the visitor sends the SMS.
   - Refused or not found: the message stays as it was, with "Lieu :" to fill in. */
(function () {
  var link = document.getElementById("sms-114");
  var button = document.getElementById("add-location");
  if (!link) return;
  var status = link.closest(".vigie-sms").querySelector(".vigie-sms__status");
  var preview = link.closest(".vigie-sms").querySelector(".vigie-sms__body");
  var number = link.getAttribute("data-sms");
  var ios = /iPad|iPhone|iPod/.test(navigator.userAgent) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  var body = decodeURIComponent(link.getAttribute("href").split("body=")[1] || "");

  function write(text) {
    body = text;
    link.setAttribute("href", "sms:" + number + (ios ? "&" : "?") + "body=" + encodeURIComponent(text));
    if (preview) preview.textContent = text;
  }

  function say(text) {
    if (status) status.textContent = text;
  }

  write(body);
  if (!button || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    say(button.getAttribute("data-locating"));
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        var c = position.coords;
        var line = button
          .getAttribute("data-position")
          .replace("{lat}", c.latitude.toFixed(5))
          .replace("{lon}", c.longitude.toFixed(5))
          .replace("{accuracy}", String(Math.round(c.accuracy)));
        var place = link.getAttribute("data-place");
        var lines = body.split("\n").filter(function (l) {
          return l.indexOf(line.split(":")[0]) !== 0; // one position line, the latest
        });
        var at = lines.map(function (l) { return l.trim(); }).lastIndexOf(place);
        lines.splice(at < 0 ? lines.length : at, 0, line);
        write(lines.join("\n"));
        say(button.getAttribute("data-added"));
        button.disabled = false;
      },
      function () {
        say(button.getAttribute("data-refused"));
        button.disabled = false;
      },
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 }
    );
  });
})();
