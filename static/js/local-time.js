/* A time shown in UTC to someone whose profile has no time zone (or who is not signed in): the browser's own zone is
   put before it, as the server does for a profile zone ("local (zone) · UTC"). UTC alone without JavaScript, and
   for a browser that is itself in UTC. */
(function () {
  if (!window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === "UTC" || zone === "Etc/UTC") return;
  var format = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: "full", timeStyle: "short" });
  document.querySelectorAll("time[data-local-time]").forEach(function (utc) {
    var local = document.createElement("time");
    local.className = "when__local";
    local.setAttribute("datetime", utc.getAttribute("datetime"));
    local.textContent = format.format(new Date(utc.getAttribute("datetime")));
    utc.parentNode.insertBefore(local, utc);
    utc.parentNode.insertBefore(document.createTextNode(" (" + zone + ") · "), utc);
  });
})();
