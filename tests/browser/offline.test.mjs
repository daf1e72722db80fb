// Offline reading in a real browser: nothing kept before the reader asks; then every page,
// search, questions, notes and the glossary with the network gone; a rebuilt site reaching the
// copy; removal; never with private reading on; a browser that refuses.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { serve, launch, openContext } from "./harness.mjs";

const site = process.env.OFFLINE_SITE_DIR;
const book = process.env.OFFLINE_BOOK_DIR;
const tool = process.env.TRAINING_BIN;
let server;
let browser;

before(async () => {
  assert.ok(site && book && tool, "OFFLINE_SITE_DIR, OFFLINE_BOOK_DIR and TRAINING_BIN (run through `cargo test`)");
  server = await serve(site);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

const workers = (page) => page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.map((x) => x.scope)));
const cacheNames = (page) => page.evaluate(() => caches.keys());

async function keep(page) {
  await page.goto(server.base + "index.html");
  const offer = page.locator(".training-offline");
  await offer.getByRole("button", { name: /Keep this module for offline reading \(about \d+(\.\d)? MB\)/ }).click();
  await page.waitForFunction(() => /kept on this device/.test(document.querySelector(".training-offline-status").textContent), null, { timeout: 60_000 });
}

async function goOffline(context, value) {
  server.setDown(value);
  await context.setOffline(value);
}

test("nothing is registered or stored before the reader asks", { timeout: 60_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  for (const name of ["index.html", "basics.html", "progress.html"]) {
    await page.goto(server.base + name);
  }
  await page.goto(server.base + "index.html");
  const offer = page.locator(".training-offline");
  assert.ok(await offer.isVisible(), "offered on the first page");
  await page.getByRole("button", { name: /about \d+(\.\d)? MB/ }).waitFor();
  await page.goto(server.base + "progress.html");
  assert.ok(await page.locator(".training-offline").isVisible(), "offered on the progress page");
  await page.goto(server.base + "basics.html");
  assert.equal(await page.locator(".training-offline").count(), 0, "not on other pages");
  assert.deepEqual(await workers(page), []);
  assert.deepEqual(await cacheNames(page), []);
  assert.ok(!record.requests.some((u) => u.endsWith("training-sw.js")), "the worker is not even fetched");
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.violations, []);
  await context.close();
});

test("a kept module works with the network gone; another edition says it is not kept", { timeout: 180_000 }, async () => {
  const { context, record } = await openContext(browser, { viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await keep(page);
  assert.deepEqual(await workers(page), [server.base]);
  assert.equal((await cacheNames(page)).length, 1);
  await goOffline(context, true);
  try {
    // A question, answered and checked.
    await page.goto(server.base + "handling-harassment-reports.html");
    const quiz = page.locator("#quiz-writing-a-good-reply");
    await quiz.getByRole("radio", { name: /Hello, I’m sorry to hear about this issue\. I will take/ }).check();
    await quiz.getByRole("button", { name: "Check" }).click();
    await page.waitForFunction(() => /Correct/.test(document.querySelector("#quiz-writing-a-good-reply .training-result").textContent));
    // A scenario's note, kept.
    await page.goto(server.base + "closing-cases.html");
    const notes = page.locator("#scenario-closing-a-non-actionable-case textarea");
    await notes.fill("Offline, I would ask for more context.");
    await page.waitForFunction(() => /Saved on this device/.test(document.body.textContent));
    // Search, its index loaded from the copy.
    await page.locator("#training-search-toggle").click();
    await page.locator("#training-search-input").fill("doxxing");
    await page.waitForFunction(() => document.querySelectorAll(".training-search-results li").length > 0, null, { timeout: 30_000 });
    // The glossary.
    await page.goto(server.base + "glossary.html");
    assert.ok(await page.locator("main h2").first().isVisible());
    // The French edition was not kept.
    await page.goto(server.base + "fr/index.html");
    assert.match(await page.locator("h1").textContent(), /not available offline/);
    await page.getByRole("link", { name: "Dealing with online harassment" }).click();
    await page.waitForURL(server.base + "index.html");
  } finally {
    await goOffline(context, false);
  }
  const broken = record.failures.filter((f) => !f.includes("/fr/"));
  assert.deepEqual(broken, []);
  assert.deepEqual(record.violations, []);
  await context.close();
});

test("a rebuilt site reaches the kept copy on the next visit, and the reader is told", { timeout: 240_000 }, async () => {
  const { context } = await openContext(browser);
  const page = await context.newPage();
  await keep(page);
  const before = await cacheNames(page);
  const chapter = path.join(book, "src", "basics.md");
  const original = fs.readFileSync(chapter, "utf8");
  fs.writeFileSync(chapter, original + "\nA sentence added after the copy was kept.\n");
  try {
    execFileSync(tool, ["build", book, "--dest", site, "--quiet"]);
    await page.goto(server.base + "basics.html");
    await page.waitForFunction(() => /Updated for offline reading/.test(document.body.textContent), null, { timeout: 60_000 });
    const now = await cacheNames(page);
    assert.equal(now.length, 1, "the old copy is gone");
    assert.notDeepEqual(now, before);
    await goOffline(context, true);
    await page.goto(server.base + "basics.html");
    assert.match(await page.locator("main").textContent(), /A sentence added after the copy was kept/);
  } finally {
    await goOffline(context, false);
    fs.writeFileSync(chapter, original);
    execFileSync(tool, ["build", book, "--dest", site, "--quiet"]);
  }
  await context.close();
});

test("remove from this device leaves no worker and no cache", { timeout: 120_000 }, async () => {
  const { context } = await openContext(browser);
  const page = await context.newPage();
  await keep(page);
  await page.goto(server.base + "progress.html");
  await page.getByRole("button", { name: "Remove from this device" }).click();
  await page.waitForFunction(() => /Removed from this device/.test(document.querySelector(".training-offline-status").textContent));
  assert.deepEqual(await workers(page), []);
  assert.deepEqual(await cacheNames(page), []);
  await context.close();
});

test("never while private reading is on", { timeout: 60_000 }, async () => {
  const { context } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "progress.html");
  await page.getByRole("checkbox", { name: "Don't keep my answers and notes on this device" }).check();
  const keepButton = page.locator(".training-offline-keep");
  assert.ok(await keepButton.isDisabled());
  assert.match(await page.locator(".training-offline-status").textContent(), /not offered while private reading is on/);
  await page.goto(server.base + "index.html");
  assert.ok(await page.locator(".training-offline-keep").isDisabled());
  assert.deepEqual(await workers(page), []);
  await context.close();
});

test("opened as files, the page says the browser cannot keep it", { timeout: 60_000 }, async () => {
  const { context } = await openContext(browser);
  const page = await context.newPage();
  await page.goto("file://" + path.join(site, "index.html"));
  await page.locator(".training-offline-keep").click();
  await page.waitForFunction(() => /does not let this site keep pages/.test(document.querySelector(".training-offline-status").textContent));
  await context.close();
});

test("in a library, each module is kept on its own, with the library's pages", { timeout: 240_000 }, async () => {
  const dir = process.env.OFFLINE_LIBRARY_SITE_DIR;
  assert.ok(dir, "OFFLINE_LIBRARY_SITE_DIR (run through `cargo test`)");
  const library = await serve(dir);
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  const keepModule = async (module) => {
    await page.goto(library.base + `${module}/index.html`);
    await page.getByRole("button", { name: /Keep this module for offline reading \(about \d+(\.\d)? MB\)/ }).click();
    await page.waitForFunction(() => /kept on this device/.test(document.querySelector(".training-offline-status").textContent), null, { timeout: 60_000 });
  };
  const [first, second] = fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, "training-offline.json")) === false && fs.existsSync(path.join(dir, name, "index.html")) && name.length > 2).sort();
  assert.ok(first && second, "two modules");
  try {
    await keepModule(first);
    assert.deepEqual(await workers(page), [library.base], "one worker for the library");
    library.setDown(true);
    await context.setOffline(true);
    await page.goto(library.base + `${first}/index.html`);
    assert.ok(await page.locator("main h1").isVisible());
    await page.goto(library.base + "index.html");
    assert.ok(await page.locator("main").isVisible(), "the library's page is kept with the module");
    await page.goto(library.base + `${second}/index.html`);
    assert.match(await page.locator("h1").textContent(), /not available offline/);
    await context.setOffline(false);
    library.setDown(false);
    // The second module too; then removing the first leaves the second.
    await keepModule(second);
    await page.goto(library.base + `${first}/index.html`);
    await page.getByRole("button", { name: "Remove from this device" }).click();
    await page.waitForFunction(() => /Removed from this device/.test(document.querySelector(".training-offline-status").textContent));
    library.setDown(true);
    await context.setOffline(true);
    await page.goto(library.base + `${second}/index.html`);
    assert.ok(await page.locator("main h1").isVisible(), "the second module is still kept");
    await page.goto(library.base + `${first}/index.html`);
    assert.match(await page.locator("h1").textContent(), /not available offline/);
    await context.setOffline(false);
    library.setDown(false);
    await page.goto(library.base + `${second}/index.html`);
    await page.getByRole("button", { name: "Remove from this device" }).click();
    await page.waitForFunction(() => /Removed from this device/.test(document.querySelector(".training-offline-status").textContent));
    assert.deepEqual(await workers(page), [], "the last module gone, the worker goes");
    assert.deepEqual(await cacheNames(page), []);
  } finally {
    library.setDown(false);
    await context.setOffline(false);
    library.close();
  }
  assert.deepEqual(record.violations, []);
  await context.close();
});
