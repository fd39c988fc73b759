// Shared by the browser tests: a temporary database driven through the
// `cartero` binary, a `cartero serve` on a free port, and Debian's chromium.
const { chromium } = require("playwright-core");
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

function workspace(cartero) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cartero-e2e-"));
  const db = path.join(dir, "c.db");
  return {
    dir,
    write: (name, text) => fs.writeFileSync(path.join(dir, name), text),
    run: (args, input) => execFileSync(cartero, ["--db", db, ...args], { input, cwd: dir }).toString(),
    serve: () => new Promise((resolve, reject) => {
      const server = spawn(cartero, ["--db", db, "serve", "--port", "0"], { cwd: dir });
      server.stdout.on("data", (d) => resolve({ server, url: d.toString().trim() }));
      server.on("exit", (code) => reject(new Error(`cartero serve exited with ${code}`)));
    }),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function browser() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

async function login(page, url, user, password) {
  await page.goto(url);
  await page.fill("input[name=username]", user);
  await page.fill("input[name=password]", password);
  await page.click("#ingreso button");
}

// Runs one browser test: a workspace prepared by `prepare(w)`, the server,
// a browser; `body(page, w, url)` does the user's task. Prints the line CTest
// readers look for and exits non-zero on failure.
function runTest(cartero, prepare, body) {
  (async () => {
    const w = workspace(cartero);
    prepare(w);
    const { server, url } = await w.serve();
    const b = await browser();
    try {
      await body(b, w, url);
      console.log("1 passed, 0 failed");
    } finally {
      await b.close();
      server.kill();
      w.remove();
    }
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

// Imports `accounts` (CSV text), selects, prints and dispatches batch 1.
function dispatchedBatch(w, accounts) {
  w.write("a.csv", accounts);
  w.run(["import", "accounts", "a.csv"]);
  w.write("one-person.json", '{"require_approval": false}');
  w.run(["select", "--cutoff", "2026-11-24", "--config", "one-person.json"]);
  w.run(["letters", "--batch", "1", "--out", "out", "--date", "2026-11-24"]);
  w.run(["dispatch", "--batch", "1", "--date", "2026-11-24"]);
}

module.exports = { workspace, browser, login, runTest, dispatchedBatch };
