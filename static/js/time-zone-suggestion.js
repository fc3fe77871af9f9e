/* Without JavaScript the time zone stays empty; with it, the browser's own zone is suggested. */
(function () {
  var select = document.getElementById("id_time_zone");
  if (!select || select.value || !window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && select.querySelector('option[value="' + zone + '"]')) select.value = zone;
})();
