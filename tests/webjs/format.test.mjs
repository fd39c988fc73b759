// format.js: dates and times in Bogotá time, whatever the device's zone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { date, dateTime, instant, todayIso } from "../../webui/static/js/format.js";

test("an API stamp in UTC reads in Bogotá time (UTC−5)", () => {
  assert.equal(dateTime("2026-12-01T21:49:59Z"), "01/12/2026 16:49");
  assert.equal(dateTime("2026-12-01T21:49:59"), "01/12/2026 16:49"); // no zone named: UTC
  assert.equal(dateTime("2026-12-02T03:10:00Z"), "01/12/2026 22:10"); // still the 1st in Bogotá
});

test("a calendar date is a day, never shifted by a zone", () => {
  assert.equal(date("2026-12-01"), "01/12/2026");
  assert.equal(date("2026-12-02T03:10:00Z"), "01/12/2026");
});

test("nothing reads as a dash; an unreadable text is kept", () => {
  assert.equal(dateTime(""), "—");
  assert.equal(date(null), "—");
  assert.equal(dateTime("ayer"), "ayer");
  assert.equal(instant("2026-13-45T00:00:00Z"), null);
});

test("today is Bogotá's today, also in the hours UTC is already tomorrow", () => {
  assert.equal(todayIso(new Date("2026-12-02T03:00:00Z")), "2026-12-01");
  assert.equal(todayIso(new Date("2026-12-02T05:00:00Z")), "2026-12-02");
});
