// Browser test of the search page served by spro-serve, as a person uses it:
// headless Debian Chromium (playwright-core drives it; no browser download),
// on a phone and a desktop, keyboard only, with and without JavaScript,
// checked by axe-core on every state.
//
//   node search_page_test.mjs SPRO_SERVE_BIN INDEX_DIR
// Prints "N passed, N failed" and exits non-zero on a failure. With
// SCREENSHOTS=DIR it also saves the main states at 390 and 1280 px wide
// (scripts/screenshots.sh).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [serveBin, indexDir] = process.argv.slice(2);
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const shots = process.env.SCREENSHOTS || "";
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

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

// axe-core needs JavaScript in the page: pages of a context without it are
// checked by loading the same HTML in a page that has it.
async function axe(page, label, { javaScript = true } = {}) {
  let target = page;
  let scratch = null;
  if (!javaScript) {
    scratch = await page.context().browser().newPage({ viewport: page.viewportSize() });
    await scratch.route("**/static/app.js", (r) => r.fulfill({ status: 200, contentType: "text/javascript", body: "" }));
    await scratch.goto(page.url());
    target = scratch;
  }
  // Evaluated through the DevTools protocol: spro-serve's Content-Security-
  // Policy forbids inline scripts, and rightly so.
  await target.evaluate(axeSource);
  const result = await target.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const detail = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(" ")})`).join("; ");
  check(`axe-core: no violation (${label})`, result.violations.length === 0, detail);
  if (scratch) await scratch.close();
}

async function shot(page, name) {
  if (!shots) return;
  const { width } = page.viewportSize();
  await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: false });
}

// No message in English reaches the person.
async function french(page, label) {
  const text = await page.evaluate(() => document.body.innerText);
  const english = text.match(/\b(ambiguous|not found|invalid|error|territory|failed|unknown)\b/i);
  check(`every message is in French (${label})`, !english, english ? english[0] : "");
}

// Touch targets: controls, and links outside running text, are 44 px high.
async function touchTargets(page, label) {
  const small = await page.evaluate(() => {
    const out = [];
    const selectors = "button, summary, select, input[type=search], input[type=text], textarea, .facet, .choix a, " +
                      ".liens a, .actifs a, .pages a, .hits h3 a, .hits h4 a, .suite a, .retour a, .parcours a, .skip a";
    for (const el of document.querySelectorAll(selectors)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;  // not displayed
      if (el.closest(".skip") && r.left < 0) continue;  // skip links show on focus
      if (r.height < 44 - 0.5) out.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}": ${Math.round(r.height)}px`);
    }
    return out;
  });
  check(`touch targets are 44 px high at least (${label})`, small.length === 0, small.join(" "));
}

const focusedId = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// The feedback aggregates are served to administrators only, on the admin listener.
const adminPort = await freePort();
const adminBase = `http://127.0.0.1:${adminPort}`;
const server = spawn(serveBin, ["--db", indexDir, "--listen", `127.0.0.1:${port}`, "--admin-listen", `127.0.0.1:${adminPort}`,
                                "--feedback", "--feedback-k", "2"],
                     { stdio: ["ignore", "ignore", "inherit"] });
let browser;
const foreign = new Set();
const watch = (page) => page.on("request", (r) => { if (!r.url().startsWith(base) && !r.url().startsWith("data:")) foreign.add(r.url()); });
try {
  check("spro-serve answers /healthz", await waitFor(`${base}/healthz`, 10000));
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });

  // --- The home page explains what can be searched. -----------------------
  for (const viewport of [desktop, phone]) {
    const home = await browser.newPage({ viewport });
    watch(home);
    await home.goto(base + "/");
    await shot(home, "accueil");
    if (viewport === phone) await touchTargets(home, "home page");
    if (viewport === desktop) {
      await axe(home, "home page");
      await french(home, "home page");
      check("the home page lists no resource", (await home.locator(".hits li").count()) === 0);
      const examples = await home.locator(".exemples a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      check("the home page offers example searches", examples.length >= 8, examples.join(" "));
      const empty = [];
      for (const href of examples) {
        const html = await (await fetch(base + "/" + href)).text();
        if (!/<p class="total">\d+ résultats?/.test(html)) empty.push(href);
      }
      check("every example finds something", empty.length === 0, empty.join(" "));
      await home.keyboard.press("Tab");
      check("the first Tab reaches a skip link", await home.evaluate(() => !!document.activeElement.closest(".skip")));
    }
    await home.close();
  }

  // --- Keyboard only, with JavaScript, desktop: search, focus, announcement.
  const page = await browser.newPage({ viewport: desktop });
  watch(page);
  // The page must not break its own Content-Security-Policy (Chromium
  // reports violations on the console).
  const cspViolations = [];
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
  await page.goto(base + "/");
  await page.focus("#q");
  await page.keyboard.type("cuisine");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  const status = await page.textContent("#statut");
  const total = parseInt(status, 10);
  check("after a search the focus is on the results heading", await focusedId(page) === "titre-resultats", await focusedId(page));
  check("the results heading is described by the live region",
        await page.evaluate(() => document.activeElement.getAttribute("aria-describedby")) === "statut" &&
        await page.getAttribute("#statut", "role") === "status");
  check("the result count is announced", /^\s*\d+ résultats? pour « cuisine »/.test(status), status);
  check("the query finds results", total > 1, status);
  check("matched words are highlighted", (await page.locator(".snippet mark").count()) > 0);
  check("the page title says what was found", /résultats? pour « cuisine »/.test(await page.title()), await page.title());
  check("the filter panel is open on a wide screen", await page.evaluate(() => document.getElementById("filtres").open));
  await shot(page, "resultats");
  await axe(page, "results");
  await french(page, "results");

  // --- Phone: results first, filters behind a button with their count. ---
  const mobile = await browser.newPage({ viewport: phone, isMobile: true, hasTouch: true });
  watch(mobile);
  await mobile.goto(base + "/?q=cuisine&kind=formation");
  const firstHit = await mobile.locator(".hits li").first().boundingBox();
  check("on a phone the first result is on the first screen", firstHit && firstHit.y < phone.height - 60,
        JSON.stringify(firstHit));
  check("on a phone the filters are closed", !(await mobile.evaluate(() => document.getElementById("filtres").open)));
  const summary = await mobile.textContent("#filtres summary");
  check("the filter button says how many filters apply", /Filtres\s*\(1 actif\)/.test(summary), summary);
  await shot(mobile, "resultats");
  // Keyboard: from the focused results heading, Shift+Tab reaches the
  // filter button, Enter opens it.
  check("on a phone the focus is on the results heading", await focusedId(mobile) === "titre-resultats");
  await mobile.keyboard.press("Shift+Tab");
  check("Shift+Tab from the results reaches the filter button",
        await mobile.evaluate(() => document.activeElement.tagName === "SUMMARY"));
  await mobile.keyboard.press("Enter");
  check("the filter button opens the panel", await mobile.evaluate(() => document.getElementById("filtres").open));
  await shot(mobile, "filtres");
  await axe(mobile, "phone, filters open");
  await touchTargets(mobile, "results, filters open");

  // --- Keyboard-only facets: no change of context until the button. -------
  let navigations = 0;
  mobile.on("framenavigated", (f) => { if (f === mobile.mainFrame()) navigations++; });
  const url = mobile.url();
  const box = mobile.locator('input[name="kind"][value="metier"]');
  check("a kind facet with counts is offered", (await box.count()) === 1);
  const onBox = () => mobile.evaluate(() => document.activeElement.name === "kind" && document.activeElement.value === "metier");
  for (let i = 0; i < 20 && !(await onBox()); i++) await mobile.keyboard.press("Tab");
  check("Tab reaches a facet checkbox", await onBox());
  await mobile.keyboard.press("Space");
  await mobile.waitForTimeout(500);
  check("ticking a facet changes nothing until asked", navigations === 0 && mobile.url() === url);
  check("ticking a facet keeps the focus on it",
        await mobile.evaluate(() => document.activeElement.name === "kind" && document.activeElement.value === "metier"));
  for (let i = 0; i < 20 && await focusedId(mobile) !== "territory"; i++) await mobile.keyboard.press("Shift+Tab");
  await mobile.keyboard.press("ArrowDown");
  await mobile.waitForTimeout(300);
  const chosen = await mobile.inputValue("#territory");
  check("choosing a département changes nothing until asked",
        chosen.startsWith("dep:") && navigations === 0 && await focusedId(mobile) === "territory", chosen);
  await mobile.keyboard.press("ArrowUp");  // back to "Toute la France"
  // Tab from the list to the "Appliquer les filtres" button, as a keyboard user would.
  for (let i = 0; i < 40 && !(await mobile.evaluate(() => document.activeElement.classList.contains("apply"))); i++) {
    await mobile.keyboard.press("Tab");
  }
  check("Tab reaches the apply button", await mobile.evaluate(() => document.activeElement.classList.contains("apply")));
  await Promise.all([mobile.waitForNavigation(), mobile.keyboard.press("Enter")]);
  const filtered = parseInt(await mobile.textContent("#statut"), 10);
  const kinds = await mobile.locator(".hits .kind").allTextContents();
  check("the button applies both ticked kinds", kinds.length > 0 && kinds.every((k) => k === "Formation" || k === "Métier") &&
        /\(2 actifs\)/.test(await mobile.textContent("#filtres summary")), kinds.join(","));
  check("after applying, the focus is on the results heading", await focusedId(mobile) === "titre-resultats");
  check("applied filters can be removed one by one", (await mobile.locator(".actifs a").count()) === 2);
  await axe(mobile, "phone, filtered results");
  await mobile.close();

  // --- Announcements: a correction, a place read in the text. ------------
  await page.goto(base + "/?q=" + encodeURIComponent("infirmeire"));
  const corrected = await page.textContent("#statut");
  check("a correction is announced", /infirmi[eè]re/i.test(corrected) && /(Vouliez-vous dire|Voici les résultats pour)/.test(corrected), corrected);
  await axe(page, "correction");
  await page.goto(base + "/?q=" + encodeURIComponent("cuisine toulon"));
  const placed = await page.textContent("#statut");
  check("a place read in the text is announced", /Lieu reconnu.*Toulon/.test(placed), placed);
  check("the place sets the Département list", await page.inputValue("#territory") === "dep:83", await page.inputValue("#territory"));
  await Promise.all([page.waitForNavigation(), page.click("button.apply")]);
  check("applying filters after it still reads the place from the text", /Lieu reconnu.*Toulon/.test(await page.textContent("#statut")));

  // --- States that help: an ambiguous place, an unknown place, nothing found.
  for (const viewport of [desktop, phone]) {
    const p = await browser.newPage({ viewport });
    watch(p);
    const r = await p.goto(base + "/?q=cuisine&place=Saint-Denis");
    check(`an ambiguous place is a 400 (${viewport.width})`, r.status() === 400);
    const choices = await p.locator(".choix a").evaluateAll((as) => as.map((a) => a.textContent));
    check("an ambiguous place is offered as a choice of candidates", choices.length >= 2, choices.join(" | "));
    check("the focus is on the problem", await focusedId(p) === "probleme");
    await shot(p, "lieu-ambigu");
    if (viewport === phone) await touchTargets(p, "ambiguous place");
    if (viewport === desktop) {
      await axe(p, "ambiguous place");
      await french(p, "ambiguous place");
      await Promise.all([p.waitForNavigation(), p.locator(".choix a").first().click()]);
      check("a candidate leads to its results", parseInt(await p.textContent("#statut"), 10) >= 0 &&
            (await p.locator(".error").count()) === 0);
      await p.goto(base + "/?q=cuisine&place=Atlantide");
      check("an unknown place is said in French", /Lieu inconnu/.test(await p.textContent(".error")));
      await french(p, "unknown place");
      await axe(p, "unknown place");
    }
    await p.goto(base + "/?q=" + encodeURIComponent("zzqxwv"));
    check("nothing found says so", /Aucun résultat/.test(await p.textContent("#titre-resultats")));
    check("nothing found says what to try", (await p.locator(".essayer a").count()) >= 3);
    await shot(p, "aucun-resultat");
    if (viewport === phone) await touchTargets(p, "no result");
    if (viewport === desktop) {
      await axe(p, "no result");
      await french(p, "no result");
    }
    await p.close();
  }

  // --- A job's pathway: the summary above the results, then the pathway. --
  for (const viewport of [desktop, phone]) {
    const p = await browser.newPage(viewport === phone ? { viewport, isMobile: true, hasTouch: true } : { viewport });
    watch(p);
    await p.goto(base + "/?q=" + encodeURIComponent("aide soignant") + "&place=Toulon");
    const intent = p.locator("#statut .parcours");
    check(`a search whose best hit is a job says where it leads (${viewport.width})`, (await intent.count()) === 1 &&
          /^Devenir .+ : (\d+ formations?|aucune formation).*, (\d+ aides?|aucune aide), (\d+ lieux?|aucun lieu) pour en parler — voir le parcours$/.test(
            (await intent.textContent()).trim()), (await intent.count()) ? await intent.textContent() : "none");
    check("the summary is read with the results heading", await focusedId(p) === "titre-resultats" &&
          /Devenir/.test(await p.textContent("#statut")));
    await shot(p, "resultats-parcours");
    if (viewport === desktop) {
      await axe(p, "results with the pathway summary");
      // Keyboard only: Tab from the results heading to the summary's link, Enter.
      const onLink = () => p.evaluate(() => document.activeElement.matches("#statut .parcours a"));
      for (let i = 0; i < 10 && !(await onLink()); i++) await p.keyboard.press("Tab");
      check("Tab reaches the summary's pathway link", await onLink());
      await Promise.all([p.waitForNavigation(), p.keyboard.press("Enter")]);
    } else {
      await touchTargets(p, "results with the pathway summary");
      await Promise.all([p.waitForNavigation(), intent.locator("a").click()]);
    }
    check(`the pathway is a page of its own (${viewport.width})`, new URL(p.url()).pathname.startsWith("/parcours/"), p.url());
    check("the pathway keeps the person's place", /place=Toulon/.test(p.url()), p.url());
    check("on the pathway the focus is on its heading", await focusedId(p) === "titre-parcours", await focusedId(p));
    check("the pathway heading is described by the live region",
          await p.evaluate(() => document.activeElement.getAttribute("aria-describedby")) === "statut");
    let pstatus = await p.textContent("#statut");
    check("the pathway says for whom and where", /Pour : tout public, près de Toulon\./.test(pstatus), pstatus);
    // Where to get advice depends on who you are: say it with a plain link.
    await Promise.all([p.waitForNavigation(), p.locator("#parcours .liens a", { hasText: "Jeunes" }).click()]);
    pstatus = await p.textContent("#statut");
    check("a public chosen on the pathway is kept with the place", /Pour : Jeunes \(16-25 ans\), près de Toulon\./.test(pstatus) &&
          /public=jeune/.test(p.url()) && /place=Toulon/.test(p.url()), pstatus);
    check("after choosing, the focus is on the pathway heading", await focusedId(p) === "titre-parcours");
    check("the page title names the pathway", /^Devenir .+ — Parcours — /.test(await p.title()), await p.title());
    const headings = await p.locator("h1, h2, h3, h4").evaluateAll((hs) => hs.map((h) => h.tagName));
    const levels = headings.map((t) => +t[1]);
    check("one h1, and no heading level skipped",
          levels.filter((l) => l === 1).length === 1 && levels.every((l, i) => i === 0 || l <= levels[i - 1] + 1),
          headings.join(" "));
    const sections = await p.locator("#parcours > section > h2").allTextContents();
    check("each section has a heading with its count", sections.length >= 4 && sections.every((t) => /\(\d+\)$/.test(t.trim())),
          sections.join(" | "));
    check("the pathway has trainings, aids and where to get advice",
          ["Formations", "Aides", "Où en parler"].every((w) => sections.some((t) => t.startsWith(w))), sections.join(" | "));
    check("advice for a young person names the Mission locale",
          (await p.locator("#s-advice ~ h3").allTextContents()).some((t) => t.startsWith("Mission locale")));
    await shot(p, "parcours");
    if (viewport === phone) await touchTargets(p, "pathway");
    if (viewport === desktop) {
      await axe(p, "pathway");
      await french(p, "pathway");
      // One section paged: "Voir les N ...", focus on its heading.
      const more = p.locator("#parcours .suite a[href*='section=']").first();
      if (await more.count()) {
        const label = await more.textContent();
        await Promise.all([p.waitForNavigation(), more.click()]);
        check("a section's own page has the focus on its heading",
              /^s-/.test(await focusedId(p) || "") && /section=/.test(p.url()), `${label} ${await focusedId(p)}`);
        check("a section's page says which results it shows", /\d+ à \d+ sur \d+/.test(await p.textContent("#statut")),
              await p.textContent("#statut"));
        await axe(p, "one section of a pathway");
        await french(p, "one section of a pathway");
        await shot(p, "parcours-section");
      } else {
        check("a section longer than the page offers to see more", false, "no link");
      }
      // From a training: the jobs it leads to.
      await p.goto(base + "/?q=" + encodeURIComponent("aide soignant") + "&kind=formation");
      const trainingLink = p.locator(".hits .suite a").first();
      if (await trainingLink.count()) {
        await Promise.all([p.waitForNavigation(), trainingLink.click()]);
        const h1 = await p.textContent("h1");
        check("a training's pathway says where it leads", /^Où mène la formation/.test(h1.trim()) &&
              (await p.locator("#s-jobs").count()) === 1, h1);
        await axe(p, "a training's pathway");
      } else {
        check("a training result links to its pathway", false, "no link");
      }
      // An unknown or hostile id, a bad parameter: French pages with a way out.
      let r = await p.goto(base + "/parcours/" + encodeURIComponent("rome:Z9999"));
      check("an unknown pathway is a French 404", r.status() === 404 && /Ce parcours n'existe pas/.test(await p.textContent(".error")));
      check("on a missing pathway the focus is on the message", await focusedId(p) === "probleme");
      await axe(p, "unknown pathway");
      await french(p, "unknown pathway");
      r = await p.goto(base + "/parcours/" + encodeURIComponent('"><script>window.pwned=1</script><img src=x onerror="window.pwned=2">'));
      check("a hostile id is a 404 and runs nothing", r.status() === 404 &&
            await p.evaluate(() => window.pwned === undefined && document.querySelectorAll("img").length === 0));
      r = await p.goto(base + "/parcours/rome:J1501?level=abc&q=infirmier");
      check("a bad parameter of a pathway is a French 400 with a way out", r.status() === 400 &&
            /valeur incorrecte \(niveau\)/.test(await p.textContent(".error")) && (await p.locator(".choix a").count()) >= 1);
      await axe(p, "pathway with a bad parameter");
      r = await p.goto(base + "/nulle-part");
      check("an unknown address is a French 404 page", r.status() === 404 && /Page introuvable/.test(await p.textContent("h1")));
      await axe(p, "unknown address");
    }
    await p.close();
  }

  // --- Autocompletion fills the datalist as the user types. ---------------
  await page.goto(base + "/");
  await page.focus("#q");
  await page.keyboard.type("infirm");
  await page.waitForFunction(() => document.querySelectorAll("#suggestions option").length > 0, null, { timeout: 5000 });
  const options = await page.locator("#suggestions option").evaluateAll((os) => os.map((o) => o.value));
  check("autocompletion proposes job titles", options.some((o) => o.startsWith("Infirmier")), options.join(" | "));

  check("the page keeps within its Content-Security-Policy", cspViolations.length === 0, cspViolations.join("; "));

  // --- Reflow: a 320 px phone, and a 1280 x 800 screen at 400 % zoom, which
  // is what the browser's zoom does: 320 x 200 CSS pixels, 4 device pixels
  // each. The filter panel open, the longest state.
  for (const [label, viewport, scale] of [["320 px", { width: 320, height: 640 }, 1],
                                          ["400% zoom", { width: 320, height: 200 }, 4]]) {
    for (const path of ["/", "/?q=cuisine&kind=formation", "/?q=cuisine&place=Saint-Denis", "/?q=zzqxwv",
                        "/?q=aide%20soignant&place=Toulon", "/parcours/rome:J1501?place=Toulon&public=jeune",
                        "/parcours/rome:J1501?place=Toulon&section=aids&offset=10"]) {
      const p = await browser.newPage({ viewport, deviceScaleFactor: scale });
      await p.goto(base + path);
      await p.evaluate(() => { const f = document.getElementById("filtres"); if (f) f.open = true; });
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      check(`no horizontal scrolling at ${label} (${path})`, overflow <= 1, `${overflow}px`);
      await p.close();
    }
  }

  // --- Without JavaScript: search, filters, and a feedback round trip. ----
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: phone });
  const plain = await context.newPage();
  watch(plain);
  await plain.goto(base + "/");
  await plain.fill("#q", "aide soignante");
  await Promise.all([plain.waitForNavigation(), plain.click("form[role=search] button[type=submit]")]);
  const plainStatus = await plain.textContent("#statut");
  check("without JavaScript the search still works", parseInt(plainStatus, 10) > 0, plainStatus);
  check("without JavaScript the focus is on the results heading", await focusedId(plain) === "titre-resultats");
  await plain.click("#filtres summary");
  await plain.check('input[name="kind"][value="metier"]');
  await Promise.all([plain.waitForNavigation(), plain.click("button.apply")]);
  check("without JavaScript the filters apply", /\d+ résultats?/.test(await plain.textContent("#statut")) &&
        (await plain.locator(".hits .kind").allTextContents()).every((k) => k === "Métier"));

  // The pathway without JavaScript: plain links, the focus on its heading.
  const filteredUrl = plain.url();
  await plain.goto(base + "/?q=aide%20soignant&place=Toulon");
  await Promise.all([plain.waitForNavigation(), plain.click("#statut .parcours a")]);
  check("without JavaScript the pathway opens", new URL(plain.url()).pathname.startsWith("/parcours/") &&
        (await plain.locator("#parcours > section").count()) >= 4);
  check("without JavaScript the focus is on the pathway heading", await focusedId(plain) === "titre-parcours");
  await axe(plain, "pathway, no JavaScript", { javaScript: false });
  await plain.goto(filteredUrl);

  const firstTitle = await plain.locator(".hits h3").first().textContent();
  const firstId = await plain.locator(".hits form.avis input[name=id]").first().inputValue();
  const legend = await plain.locator(".hits form.avis legend").first().textContent();
  check("each result asks whether it helped, naming it for screen readers",
        legend.startsWith("Ce résultat vous a-t-il été utile ?") && legend.includes(firstTitle.trim()), legend);
  check("the search as a whole asks too", /Cette recherche vous a-t-elle été utile/.test(await plain.textContent(".avis-recherche")));
  await Promise.all([plain.waitForNavigation(), plain.locator(".hits form.avis button[value=oui]").first().click()]);
  check("a vote works without JavaScript and says thanks", /Merci pour votre avis/.test(await plain.textContent(".merci")));
  check("after a vote the focus is on the thanks", /-merci$/.test(await focusedId(plain) || ""));
  check("the page after a vote shows the same search", await plain.inputValue("#q") === "aide soignante" &&
        (await plain.locator(".hits li").count()) > 0);
  await plain.evaluate(() => document.querySelector(".merci").scrollIntoView({ block: "center" }));
  await shot(plain, "merci");
  await touchTargets(plain, "thanks and comment form");
  await axe(plain, "thanks and comment form, no JavaScript", { javaScript: false });
  await plain.fill(".merci textarea", "Très utile, écrivez-moi à lea.martin@exemple.fr");
  await Promise.all([plain.waitForNavigation(), plain.click(".merci button")]);
  check("a comment is thanked", /commentaire est enregistré/.test(await plain.textContent(".merci")));

  let stats = await (await fetch(adminBase + "/api/stats/feedback")).json();
  check("one vote is below k: nothing is exported", stats.aggregates.length === 0, JSON.stringify(stats));
  // A second person, with JavaScript this time, finds the same result useful.
  await page.goto(plain.url().replace(/[?&]merci=[^&]*/, "").replace(/&commente=1/, ""));
  await Promise.all([page.waitForNavigation(),
                     page.locator(`.hits form.avis:has(input[name=id][value="${firstId}"]) button[value=oui]`).click()]);
  stats = await (await fetch(adminBase + "/api/stats/feedback")).json();
  const agg = stats.aggregates.find((a) => a.resource_id === firstId);
  check("k votes are exported as an aggregate", agg && agg.yes === 2 && agg.no === 0 && agg.query === "aide soignante",
        JSON.stringify(stats));
  check("the comment is kept without the e-mail address", agg && agg.comments.length === 1 &&
        agg.comments[0].startsWith("Très utile") && !agg.comments[0].includes("@") && !agg.comments[0].includes("martin"),
        JSON.stringify(agg && agg.comments));
  check("the aggregates are not on the public port", (await fetch(base + "/api/stats/feedback")).status === 404);
  const tsv = await (await fetch(adminBase + "/api/stats/feedback.tsv")).text();
  check("the export is a relevance judgment for bench/relevance", tsv === `aide soignante\t${firstId}\n`, JSON.stringify(tsv));
  await context.close();

  check("no request leaves the server (no CDN, font or tracker)", foreign.size === 0, [...foreign].join(" "));
} catch (e) {
  check("browser test ran to the end", false, e.stack || String(e));
} finally {
  if (browser) await browser.close();
  server.kill("SIGTERM");
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
