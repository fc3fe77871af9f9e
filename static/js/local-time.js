/* A time shown in UTC to someone whose profile has no time zone (or who is not signed in): the browser's own zone is
   put before it, as the server does for a profile zone ("local (zone) · UTC"). UTC alone without JavaScript, and
   for a browser that is itself in UTC. */
(function () {
  if (!window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === "UTC" || zone === "Etc/UTC") return;
  // The same CLDR forms as the server's (letsconnect/dates.py): a long date and a short time, joined by the
  // language's pattern the server puts in data-local-time ("{1}, {0}", "{1}، {0}").
  var language = document.documentElement.lang;
  var date = new Intl.DateTimeFormat(language, { dateStyle: "long", numberingSystem: "latn" });
  var time = new Intl.DateTimeFormat(language, { timeStyle: "short", numberingSystem: "latn" });
  document.querySelectorAll("time[data-local-time]").forEach(function (utc) {
    var local = document.createElement("time");
    local.className = "when__local";
    local.setAttribute("datetime", utc.getAttribute("datetime"));
    var moment = new Date(utc.getAttribute("datetime"));
    var pattern = utc.getAttribute("data-local-time") || "{1}, {0}";
    local.textContent = pattern.replace("{1}", date.format(moment)).replace("{0}", time.format(moment));
    utc.parentNode.insertBefore(local, utc);
    utc.parentNode.insertBefore(document.createTextNode(" (" + zone + ") · "), utc);
  });
})();
