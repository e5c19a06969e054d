// Browser test of the search page served by spro-serve, as a person uses it:
// headless Debian Chromium (playwright-core drives it; no browser download),
// keyboard only, with and without JavaScript, checked by axe-core.
//
//   node search_page_test.mjs SPRO_SERVE_BIN INDEX_DIR
// Prints "N passed, N failed" and exits non-zero on a failure.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [serveBin, indexDir] = process.argv.slice(2);
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";

let passed = 0, failed = 0;
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name} ${detail}`); }
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitFor(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { const r = await fetch(url); if (r.ok) return true; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function axe(page, label) {
  // Evaluated through the DevTools protocol: spro-serve's Content-Security-
  // Policy forbids inline scripts, and rightly so.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const detail = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`).join("; ");
  check(`axe-core: no violation (${label})`, result.violations.length === 0, detail);
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(serveBin, ["--db", indexDir, "--listen", `127.0.0.1:${port}`], { stdio: ["ignore", "ignore", "inherit"] });
let browser;
try {
  check("spro-serve answers /healthz", await waitFor(`${base}/healthz`, 10000));
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });

  // With JavaScript, keyboard only; the page must not break its own
  // Content-Security-Policy (Chromium reports violations on the console).
  const page = await browser.newPage();
  const cspViolations = [];
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
  await page.goto(base + "/");
  await axe(page, "empty page");
  await page.keyboard.press("Tab");  // skip link first
  check("the first Tab reaches the skip link", await page.evaluate(() => document.activeElement.className) === "skip");
  await page.focus("#q");
  await page.keyboard.type("cuisine");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  const status = await page.textContent("#statut");
  const total = parseInt(status, 10);
  check("results are announced in the live region", /résultats? pour « cuisine »/.test(status), status);
  check("the query finds results", total > 1, status);
  check("matched words are highlighted", (await page.locator(".snippet mark").count()) > 0);
  await axe(page, "results");

  // Apply a facet: kind = formation (the checkbox submits the form).
  const box = page.locator('input[name="kind"][value="formation"]');
  check("a kind facet with counts is offered", (await box.count()) === 1);
  await box.focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Space")]);
  const filtered = parseInt(await page.textContent("#statut"), 10);
  check("the facet changes the results", filtered > 0 && filtered < total, `${filtered} vs ${total}`);
  check("the facet stays selected", await page.locator('input[name="kind"][value="formation"]').isChecked());
  const kinds = await page.locator(".hits .kind").allTextContents();
  check("every result has the selected kind", kinds.length > 0 && kinds.every((k) => k === "Formation"), kinds.join(","));
  await axe(page, "filtered results");

  // Autocompletion fills the datalist as the user types.
  await page.goto(base + "/");
  await page.focus("#q");
  await page.keyboard.type("infirm");
  await page.waitForFunction(() => document.querySelectorAll("#suggestions option").length > 0, null, { timeout: 5000 });
  const options = await page.locator("#suggestions option").evaluateAll((os) => os.map((o) => o.value));
  check("autocompletion proposes job titles", options.some((o) => o.startsWith("Infirmier")), options.join(" | "));

  check("the page keeps within its Content-Security-Policy", cspViolations.length === 0, cspViolations.join("; "));

  // Reflow: a phone-width screen, and a desktop at 200% zoom (1280 px wide
  // = 640 CSS px): nothing wider than the viewport.
  for (const [label, width, zoom] of [["phone width", 360, "1"], ["200% zoom", 1280, "2"]]) {
    const p = await browser.newPage({ viewport: { width, height: 800 } });
    await p.goto(base + "/?q=infirmiere");
    await p.evaluate((z) => { document.documentElement.style.zoom = z; }, zoom);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(`no horizontal scrolling at ${label}`, overflow <= 1, `${overflow}px`);
    if (process.env.SCREENSHOTS) await p.screenshot({ path: `${process.env.SCREENSHOTS}/${width}-${zoom}.png`, fullPage: false });
    await p.close();
  }

  // Without JavaScript, the form still submits and results render on the server.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto(base + "/");
  await plain.fill("#q", "aide soignante");
  await Promise.all([plain.waitForNavigation(), plain.click("button[type=submit]")]);
  const plainStatus = await plain.textContent("#statut");
  check("without JavaScript the search still works", parseInt(plainStatus, 10) > 0, plainStatus);
  await plain.check('input[name="kind"][value="metier"]');
  await Promise.all([plain.waitForNavigation(), plain.click("button.apply")]);
  check("without JavaScript the filters apply", /1 résultat|\d+ résultats/.test(await plain.textContent("#statut")) &&
        (await plain.locator(".hits .kind").allTextContents()).every((k) => k === "Métier"));
} catch (e) {
  check("browser test ran to the end", false, e.stack || String(e));
} finally {
  if (browser) await browser.close();
  server.kill("SIGTERM");
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
