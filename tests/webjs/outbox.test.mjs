// outbox.js: outcomes kept on the phone go once each, in order, whoever
// asks for a flush and however often.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Outbox } from "../../webui/static/js/outbox.js";

function memory() {
  const data = new Map();
  return { getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)) };
}

const offline = () => Object.assign(new Error("sin señal"), { offline: true });

test("the online event, the timer and the page load flushing at once send each outcome once, in order", async () => {
  const sent = [];
  let release;
  const gate = new Promise((r) => { release = r; });
  const box = new Outbox({ storage: memory(), key: "k", send: async (item) => { await gate; sent.push(item.id); } });
  box.add({ id: 1 });
  box.add({ id: 2 });
  const flushes = [box.flush(), box.flush(), box.flush()];
  assert.equal(box.flushing, true);
  release();
  await Promise.all(flushes);
  assert.deepEqual(sent, [1, 2]);
  assert.deepEqual(box.items(), []);
  assert.equal(box.flushing, false);
});

test("without a connection the outcome stays, and goes when the connection is back", async () => {
  let online = false;
  const sent = [];
  const box = new Outbox({ storage: memory(), key: "k", send: async (item) => { if (!online) throw offline(); sent.push(item.id); } });
  box.add({ id: 7, body: { outcome: "address_ok" } });
  assert.equal(await box.flush(), 1);
  assert.deepEqual(box.items(), [{ id: 7, body: { outcome: "address_ok" } }]);
  online = true;
  assert.equal(await box.flush(), 0);
  assert.deepEqual(sent, [7]);
});

test("an outcome the server refuses is dropped and reported; the next ones still go", async () => {
  const refused = [];
  const sent = [];
  const box = new Outbox({
    storage: memory(), key: "k",
    send: async (item) => { if (item.id === 1) throw Object.assign(new Error("El caso ya está cerrado."), { status: 409 }); sent.push(item.id); },
    onRefused: (item, err) => refused.push([item.id, err.message]),
  });
  box.add({ id: 1 });
  box.add({ id: 2 });
  await box.flush();
  assert.deepEqual(refused, [[1, "El caso ya está cerrado."]]);
  assert.deepEqual(sent, [2]);
});

test("an outcome recorded while a flush runs is sent by that flush", async () => {
  const sent = [];
  let box;
  box = new Outbox({ storage: memory(), key: "k", send: async (item) => {
    if (item.id === 1) box.add({ id: 2 });
    sent.push(item.id);
  } });
  box.add({ id: 1 });
  await box.flush();
  assert.deepEqual(sent, [1, 2]);
});

test("every change is announced with the list that remains; a damaged store reads as empty", async () => {
  const storage = memory();
  const seen = [];
  const box = new Outbox({ storage, key: "k", send: async () => {}, onChange: (list) => seen.push(list.length) });
  box.add({ id: 1 });
  await box.flush();
  assert.deepEqual(seen, [1, 0]);
  storage.setItem("k", "{no es json");
  assert.deepEqual(box.items(), []);
});
