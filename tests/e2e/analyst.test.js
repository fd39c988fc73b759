// Browser test: an analyst logs in, creates a batch and sees its funnel, in
// Debian's Chromium driven by playwright-core, against a real `cartero
// serve`. Usage: node analyst.test.js CARTERO_BINARY ARTIFACTS_DIR
const { chromium } = require("playwright-core");
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [cartero, artifacts] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cartero-e2e-"));
const db = path.join(dir, "c.db");

function run(args, input) {
  return execFileSync(cartero, ["--db", db, ...args], { input, cwd: dir }).toString();
}

async function startServer() {
  const server = spawn(cartero, ["--db", db, "serve", "--port", "0"], { cwd: dir });
  const url = await new Promise((resolve, reject) => {
    server.stdout.on("data", (d) => resolve(d.toString().trim()));
    server.on("exit", (code) => reject(new Error(`cartero serve exited with ${code}`)));
  });
  return { server, url };
}

(async () => {
  fs.writeFileSync(path.join(dir, "a.csv"),
    "account_id,holder_name,use_type,address,zone,billing_type,balance,days_past_due\n" +
    "1,José Peña,residential,CL 1,Z1,direct,500000,90\n2,Ana Muñoz,commercial,KR 2,Z1,joint,100,90\n");
  run(["import", "accounts", "a.csv"]);
  run(["user", "add", "analista", "--role", "analyst"], "clave-segura-1\n");
  const { server, url } = await startServer();
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.fill("input[name=username]", "analista");
    await page.fill("input[name=password]", "mala-clave");
    await page.click("#ingreso button");
    await page.waitForSelector("#error:has-text('incorrectos')");
    await page.fill("input[name=password]", "clave-segura-1");
    await page.click("#ingreso button");
    await page.waitForSelector("#lotes:not([hidden])");
    await page.fill("input[name=cutoff]", "2026-11-24");
    await page.click("#nuevo button");
    await page.waitForSelector("#embudo-titulo:has-text('2 cuentas, 1 seleccionadas')");
    await page.waitForSelector("#lotes tbody tr");
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, "analyst-batch.png"), fullPage: true });
    await page.fill("input[name=account]", "2");
    await page.click("#buscar button");
    await page.waitForSelector("#historia:has-text('below_threshold')");
    console.log("1 passed, 0 failed");
  } finally {
    await browser.close();
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
