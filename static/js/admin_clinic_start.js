/* The clinic admin: beside the start (typed on the planning zone's clock), the UTC instant it stands for, kept up to
   date as the date, time or zone change. Without JavaScript the saved instant is shown. */
function clinicStartInUtc() {
  "use strict";
  var output = document.querySelector(".clinic-start-utc");
  var day = document.getElementById("id_start_0");
  var time = document.getElementById("id_start_1");
  var zone = document.getElementById("id_planned_time_zone");
  if (!output || !day || !time || !zone || !window.Intl) return;

  function parseDay(text) {
    var iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
    if (iso) return [+iso[1], +iso[2], +iso[3]];
    var dayFirst = /^(\d{1,2})[\/.](\d{1,2})[\/.](\d{4})$/.exec(text.trim());
    if (dayFirst) return [+dayFirst[3], +dayFirst[2], +dayFirst[1]];
    return null;
  }

  function parseTime(text) {
    var match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
    return match ? [+match[1], +match[2]] : null;
  }

  // How far `zoneName`'s clocks are ahead of UTC at the instant `utcMillis`, in milliseconds.
  function offset(zoneName, utcMillis) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zoneName, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit"
    }).formatToParts(new Date(utcMillis)).forEach(function (part) { parts[part.type] = +part.value; });
    return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - utcMillis;
  }

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  function update() {
    var date = parseDay(day.value), clock = parseTime(time.value);
    if (!date || !clock || !zone.value) return;
    var wall = Date.UTC(date[0], date[1] - 1, date[2], clock[0], clock[1]);
    var instant;
    try {
      instant = wall - offset(zone.value, wall);
      instant = wall - offset(zone.value, instant);
    } catch (error) {
      return;  // a zone this browser does not know
    }
    var utc = new Date(instant);
    output.textContent = output.dataset.prefix + " " + utc.getUTCFullYear() + "-" + pad(utc.getUTCMonth() + 1) + "-" +
      pad(utc.getUTCDate()) + " " + pad(utc.getUTCHours()) + ":" + pad(utc.getUTCMinutes()) + " UTC";
  }

  [day, time, zone].forEach(function (input) {
    input.addEventListener("input", update);
    input.addEventListener("change", update);
  });
  update();
}
// The admin loads form scripts in the page's head, before the form exists.
document.addEventListener("DOMContentLoaded", clinicStartInUtc);
