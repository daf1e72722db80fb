// A library of three modules in a real browser: its pages in both languages, search from one
// module finding another's text, a shared term's popover, and the reader's progress on the
// library's page after answering in a module. All under `script-src 'self'`, asking no other host.
import { test, before, after } from "node:test";
import fs from "node:fs";
import assert from "node:assert/strict";
import { serve, launch, openContext, seriousViolations } from "./harness.mjs";

const dir = process.env.LIBRARY_SITE_DIR;
let server;
let browser;

before(async () => {
  if (!dir) throw new Error("LIBRARY_SITE_DIR must name a built library (run through `cargo test`)");
  server = await serve(dir);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

function clean(record) {
  assert.deepEqual(record.errors, [], "no script errors");
  assert.deepEqual(record.violations, [], "nothing the content security policy blocks");
  assert.deepEqual(record.failures, [], "no missing files");
  assert.ok(record.requests.every((u) => u.startsWith(server.origin)), "no other host is asked");
}

// Opens search on `page` and waits for the results of `query`.
async function searchFor(page, query) {
  await page.locator("#training-search-toggle").click();
  await page.locator("#training-search-input").fill(query);
  await page.waitForFunction((q) => document.querySelector(".training-search-status").textContent.includes(q), query);
  return page.locator(".training-search-results li").first();
}

test("the library's page lists its modules in both languages", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(server.base + "index.html");
    assert.equal(await page.locator("h1").textContent(), "Support and Safety training");
    const modules = page.locator(".training-library-module h3");
    assert.deepEqual(await modules.allTextContents(), ["My training module", "Private information", "Keeping events safe"]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `nothing runs off a ${width} px screen`);
    assert.deepEqual(await seriousViolations(page), [], `no serious accessibility problem at ${width} px`);
  }
  await page.getByRole("link", { name: "français" }).click({ force: true });
  await page.waitForURL(/\/fr\/index\.html$/);
  assert.equal(await page.locator("h1").textContent(), "Formation Soutien et sécurité");
  const events = page.locator(".training-library-module").nth(2);
  assert.equal(await events.locator("h3").textContent(), "Des événements sûrs");
  const english = page.locator(".training-library-module").first();
  assert.equal(await english.locator("h3 a").getAttribute("lang"), "en", "a module without French says its language");
  await english.locator("h3 a").click();
  await page.waitForURL(/\/harassment\/index\.html$/);
  assert.deepEqual(await seriousViolations(page), []);
  clean(record);
  await context.close();
});

test("search on one module's page finds another module's text and opens it", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "harassment/first-chapter.html");
  const result = await searchFor(page, "venue");
  assert.equal(await result.locator(".training-search-module").textContent(), "Keeping events safe", "labelled with its module");
  await result.locator("a").first().click();
  await page.waitForURL(/\/events\/before\.html/);
  assert.match(await page.locator("main").textContent(), /Plan who takes reports at the venue/);
  assert.equal(await page.locator("mark.training-found").first().textContent(), "venue", "the words found are marked");
  // The library's own page searches every module.
  await page.goto(server.base + "index.html");
  const found = await searchFor(page, "privacy");
  assert.equal(await found.locator(".training-search-module").textContent(), "Private information");
  assert.match(await found.locator("a").first().getAttribute("href"), /^private\//);
  // The shared glossary's terms are found too, from any module.
  await page.goto(server.base + "events/before.html");
  const term = await searchFor(page, "doxxing");
  assert.equal(await term.locator(".training-search-module").textContent(), "Shared terms");
  await term.locator("a").first().click();
  await page.waitForURL(/\/glossary\.html(\?[^#]*)?#doxxing$/);
  assert.ok(await page.locator("#doxxing").isVisible());
  clean(record);
  await context.close();
});

test("a module's link to a shared term shows its definition and leads to the library's glossary", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "private/introduction.html");
  const link = page.locator("a.training-term", { hasText: "Doxxing" });
  const popover = page.locator("#" + (await link.getAttribute("aria-describedby")));
  await link.hover();
  assert.ok(await popover.isVisible(), "hover shows the definition");
  assert.match(await popover.textContent(), /Publishing someone’s private information without their consent/);
  await link.click();
  await page.waitForURL(/\/glossary\.html#doxxing$/);
  assert.ok(await page.locator("#doxxing").isVisible());
  clean(record);
  await context.close();
});

test("the library's page shows the reader's progress after answering in a module", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "index.html");
  const events = page.locator(".training-library-module").nth(2);
  assert.equal(await events.locator(".training-library-progress").textContent(), "0 of 1 question answered");
  assert.match(await events.locator(".training-library-go").textContent(), /^Start/);
  await page.goto(server.base + "events/before.html");
  const quiz = page.locator("[data-training-quiz]");
  await quiz.getByRole("radio", { name: /A named person everyone can find/ }).check();
  await quiz.getByRole("button", { name: "Check" }).click();
  await quiz.locator(".training-result").waitFor();
  // The last module offers no next; the first module's last chapter offers the second.
  assert.equal(await page.locator(".training-next-module").count(), 0);
  await page.locator(".training-library-home").click();
  await page.waitForURL(/\/index\.html$/);
  assert.equal(await events.locator(".training-library-progress").textContent(), "1 of 1 question answered");
  assert.match(await events.locator(".training-library-go").textContent(), /^Continue/);
  await page.goto(server.base + "harassment/notes.html");
  await page.locator(".training-next-module a").click();
  await page.waitForURL(/\/private\/index\.html$/);
  clean(record);
  await context.close();
});

test("one progress file and one private-reading switch hold for the whole library", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(server.base + "events/before.html");
  await page.locator("[data-training-quiz]").getByRole("radio", { name: /A named person everyone can find/ }).check();
  await page.locator("[data-training-quiz]").getByRole("button", { name: "Check" }).click();
  await page.goto(server.base + "harassment/first-chapter.html");
  const quiz = page.locator("[data-training-quiz]").first();
  await quiz.getByRole("radio").first().check();
  await quiz.getByRole("button", { name: "Check" }).click();

  await page.goto(server.base + "index.html");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Save my answers and notes to a file" }).click(),
  ]);
  const file = await download.path();
  const saved = JSON.parse(fs.readFileSync(file, "utf8"));
  assert.deepEqual(Object.keys(saved.entries).sort(), ["keeping-events-safe/quiz/who-takes-reports", "my-training-module/quiz/replying-to-a-report"]);
  assert.equal(saved.library, "library-support-and-safety-training");

  // Another browser: the one file brings back every module's answers.
  const other = await openContext(browser);
  const fresh = await other.context.newPage();
  await fresh.goto(server.base + "index.html");
  await fresh.locator("#training-progress-file").setInputFiles(file);
  await fresh.locator(".training-take-along .training-result").filter({ hasText: "Loaded 2" }).waitFor();
  const progress = fresh.locator(".training-library-progress");
  assert.equal(await progress.nth(0).textContent(), "1 of 1 question answered");
  assert.equal(await progress.nth(2).textContent(), "1 of 1 question answered");

  // Private reading, turned on from the library's page, holds in every module.
  fresh.once("dialog", (dialog) => dialog.accept());
  await fresh.locator(".training-private-toggle").click();
  assert.equal(await fresh.locator(".training-private-toggle").getAttribute("aria-pressed"), "true");
  assert.equal(await fresh.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("/quiz/")).length), 0, "nothing is left on the device");
  await fresh.goto(server.base + "events/before.html");
  assert.ok(await fresh.locator(".training-private-notice").isVisible(), "the module says private reading is on");
  clean(record);
  clean(other.record);
  await other.context.close();
  await context.close();
});
