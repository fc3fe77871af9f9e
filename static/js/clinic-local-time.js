/* Without a time zone in a profile, the browser's own zone is shown beside UTC (UTC alone without JavaScript). */
(function () {
  var local = document.querySelector(".clinic__local");
  var utc = document.querySelector(".clinic__utc");
  if (!local || !utc || !window.Intl) return;
  var when = new Date(utc.getAttribute("datetime"));
  var text = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: "full", timeStyle: "short" }).format(when);
  local.textContent = " · " + local.dataset.label + " " + text;  // the colon is in the translation (French puts a space before it)
  local.hidden = false;
})();
