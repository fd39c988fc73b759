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

module.exports = { workspace, browser, login };
