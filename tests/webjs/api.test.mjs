// api.js: the CSRF header on every call, one error type for refusals and
// for a lost connection, and the session's end noticed once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ApiError, request, useSession } from "../../webui/static/js/api.js";

const reply = (status, body) => async () => ({ status, ok: status < 300, json: async () => body, headers: new Map() });

test("every call carries the session's CSRF token and its JSON body", async () => {
  let seen;
  useSession("tok-1", () => {});
  await request("POST", "/api/x", { a: 1 }, async (path, init) => { seen = init; return { status: 200, ok: true, json: async () => ({}) }; });
  assert.equal(seen.headers["X-CSRF-Token"], "tok-1");
  assert.equal(seen.body, '{"a":1}');
});

test("a refusal is an ApiError with the server's Spanish message, its code, its arguments and status", async () => {
  useSession("tok-1", () => {});
  const error = { code: "batch_already_dispatched", message: "El lote 2 ya fue despachado el 2027-03-02.", args: { batch: "2", date: "2027-03-02" } };
  await assert.rejects(request("POST", "/api/x", {}, reply(409, { error })),
    (e) => e instanceof ApiError && e.status === 409 && e.message === error.message && e.code === "batch_already_dispatched" &&
      e.args.batch === "2" && !e.offline);
  // A plain text refusal (a proxy, an older server) still reads.
  await assert.rejects(request("POST", "/api/x", {}, reply(502, { error: "Bad gateway" })),
    (e) => e instanceof ApiError && e.status === 502 && e.message === "Bad gateway" && e.code === "");
});

test("no connection is an ApiError marked offline", async () => {
  await assert.rejects(request("GET", "/api/x", undefined, async () => { throw new TypeError("Failed to fetch"); }),
    (e) => e instanceof ApiError && e.offline && /conexión/.test(e.message));
});

test("a 401 during a session ends it; a wrong password at login does not", async () => {
  let ended = 0;
  useSession("tok-1", () => { ended += 1; });
  await assert.rejects(request("POST", "/api/login", {}, reply(401, { error: "Usuario o contraseña incorrectos." })));
  assert.equal(ended, 0);
  await assert.rejects(request("GET", "/api/batches", undefined, reply(401, { error: "Inicie sesión de nuevo." })));
  assert.equal(ended, 1);
});
