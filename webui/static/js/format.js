// Numbers, money and dates as people in Colombia read them. Every date and
// time is shown in Bogotá time, whatever the device's zone: one formatter
// for instants (the API's UTC stamps, "2026-12-01T21:41:00Z") and one for
// calendar dates ("2026-12-01": a day, not an instant, never shifted).

export const ZONE = "America/Bogota";

export const n = (v) => Number(v || 0).toLocaleString("es-CO");
export const pesos = (v) => "$ " + n(v);

const INSTANT = new Intl.DateTimeFormat("es-CO", {
  timeZone: ZONE, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});
const DAY = new Intl.DateTimeFormat("es-CO", { timeZone: ZONE, day: "2-digit", month: "2-digit", year: "numeric" });
const CALENDAR = new Intl.DateTimeFormat("es-CO", { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" });

const STAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;
const PLAIN_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

// A Date for an API stamp (UTC when it names no zone), or null.
export function instant(text) {
  const m = STAMP.exec(String(text || "").trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] || "00"}${m[7] || "Z"}`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

// "01/12/2026 16:41" in Bogotá; "—" for nothing; a text it cannot read as is.
export function dateTime(value) {
  if (!value) return "—";
  const d = value instanceof Date ? value : instant(value);
  if (!d) return String(value);
  return INSTANT.format(d).replace(",", "");
}

// "01/12/2026": a calendar date as it is, or an instant's day in Bogotá.
export function date(value) {
  if (!value) return "—";
  if (value instanceof Date) return DAY.format(value);
  const m = PLAIN_DAY.exec(String(value).trim());
  if (m) return CALENDAR.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
  const d = instant(value);
  return d ? DAY.format(d) : String(value);
}

// Today's date in Bogotá as "YYYY-MM-DD" (a date input's value).
export function todayIso(now = new Date()) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

// Days from an instant to now, whole.
export function ageDays(value, now = new Date()) {
  const d = value instanceof Date ? value : instant(value);
  return d ? Math.max(0, Math.floor((now - d) / 86400000)) : null;
}
