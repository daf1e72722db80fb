// Search and glossary popovers in a real browser: what readers look for is found first, in
// every language, and definitions show where a term is used.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { siteDir, serve, launch, openContext } from "./harness.mjs";

const site = siteDir();
let servers = {};
let browser;

before(async () => {
  servers.module = await serve(site);
  servers.editions = await serve(process.env.EDITIONS_SITE_DIR);
  for (const language of ["ru", "fa", "zh"]) {
    servers[language] = await serve(path.join(process.env.SEARCH_SITES_DIR, language));
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  Object.values(servers).forEach((s) => s.close());
});

async function search(page, query) {
  await page.locator("#training-search-toggle").click();
  const input = page.locator("#training-search-input");
  await input.fill(query);
  await page.waitForFunction((q) => document.querySelector(".training-search-status").textContent.includes(q), query);
  const links = page.locator(".training-search-results li > a");
  // Results carry the matched words for the page to mark (`?highlight=`); compared without them.
  const first = (await links.count()) ? (await links.first().getAttribute("href")).replace(/\?highlight=[^#]*/, "") : null;
  await page.keyboard.press("Escape");
  return first;
}

test("the index loads only when search opens, and what readers look for comes first", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(servers.module.base + "basics.html");
  assert.ok(!record.requests.some((u) => u.includes("search-index.js")), "the index is not fetched before search opens");
  assert.match(await search(page, "suppression"), /glossary\.html#suppression$/);
  assert.ok(record.requests.some((u) => u.includes("search-index.js")));
  assert.match(await search(page, "PII"), /glossary\.html#pii$/);
  assert.match(await search(page, "joe job"), /glossary\.html#joe-job$/);
  // Only in a question's explanation, and only in a scenario.
  assert.match(await search(page, "pre-judgement"), /handling-harassment-reports\.html#writing-a-good-reply$/);
  assert.match(await search(page, "Anti-Wikipedia"), /reporting-out\.html#answering-questions-about-a-case$/);
  assert.match(await search(page, "death threats"), /handling-harassment-reports\.html#/);

  // A result opens the page at the matching heading, with the words marked in its teaser.
  await page.locator("#training-search-toggle").click();
  await page.locator("#training-search-input").fill("Streisand");
  await page.waitForFunction(() => document.querySelector(".training-search-status").textContent.includes("Streisand"));
  assert.match(await page.locator(".training-search-results mark").first().textContent(), /Streisand/);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForURL(/#/);
  assert.match(page.url(), /(glossary\.html\?highlight=streisand#streisand-effect|\?highlight=streisand#what-not-to-do)/);
  // The page the result opens marks the words that matched.
  const found = page.locator("main mark.training-found");
  assert.ok(await found.count() > 0, "matched words are marked on the page");
  assert.match(await found.first().textContent(), /^Streisand$/i);
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.violations, []);
  assert.deepEqual(record.requests.filter((u) => !u.startsWith(servers.module.origin)), []);
  await context.close();
});

test("each language is searched with its own words: French, Russian, Persian, Chinese", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(servers.editions.base + "fr/introduction.html");
  assert.match(await search(page, "harcèlements"), /^index\.html/, "an inflected French query finds its page");
  await page.goto(servers.ru.base + "chapter.html");
  assert.match(await search(page, "угрозами"), /chapter\.html#threats$/);
  assert.match(await search(page, "преследования"), /chapter\.html#harassment$/);
  await page.goto(servers.fa.base + "chapter.html");
  assert.match(await search(page, "تهدیدها"), /chapter\.html#threats$/);
  await page.goto(servers.zh.base + "chapter.html");
  assert.match(await search(page, "威胁"), /chapter\.html#threats$/);
  assert.match(await search(page, "志愿者"), /chapter\.html#harassment$/);
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.violations, []);
  await context.close();
});

test("a glossary term's definition shows on hover, on focus and on a first tap", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(servers.module.base + "handling-harassment-reports.html");
  const link = page.locator("a.training-term", { hasText: "revdel" }).first();
  const id = await link.getAttribute("aria-describedby");
  const popover = page.locator("#" + id);
  assert.match(await popover.textContent(), /hide the text, edit summary or author of a revision/);
  assert.equal(await popover.locator(".training-popover-term").textContent(), "Revision deletion", "it names its term");
  assert.equal(await popover.locator(".training-popover-hint").textContent(), "Follow the link, or tap it again, for the glossary entry.");
  assert.equal(await link.getAttribute("title"), null, "no second, native tooltip");

  await link.hover();
  assert.ok(await popover.isVisible(), "hover shows the definition");
  await page.mouse.move(0, 0);
  await popover.waitFor({ state: "hidden" });

  await link.focus();
  assert.ok(await popover.isVisible(), "focus shows the definition");
  await page.keyboard.press("Escape");
  assert.ok(await popover.isHidden(), "Escape closes it");
  assert.match(await link.getAttribute("href"), /glossary\.html#revision-deletion$/, "the link still leads to the entry");
  await context.close();

  const touch = await openContext(browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const phone = await touch.context.newPage();
  await phone.goto(servers.module.base + "handling-harassment-reports.html");
  const term = phone.locator("a.training-term", { hasText: "diff" }).first();
  await term.scrollIntoViewIfNeeded();
  await term.tap();
  const pop = phone.locator("#" + (await term.getAttribute("aria-describedby")));
  assert.ok(await pop.isVisible(), "a first tap shows the definition");
  assert.match(phone.url(), /handling-harassment-reports\.html$/, "and stays on the page");
  const box = await pop.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 360, "the popover fits the narrow screen");
  await term.tap();
  await phone.waitForURL(/glossary\.html#diff$/);
  assert.deepEqual(record.errors.concat(touch.record.errors), []);
  await touch.context.close();
});

test("the browser cuts words as the index does, by the cases both are tested against", { timeout: 60_000 }, async () => {
  const cases = JSON.parse(fs.readFileSync(new URL("../fixtures/words.json", import.meta.url), "utf8"));
  const { context } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(servers.module.base + "basics.html");
  const cut = await page.evaluate((texts) => {
    const panel = document.getElementById("training-search");
    return texts.map((text) => panel.trainingWords(text));
  }, cases.map((c) => c.text));
  cases.forEach((c, i) => assert.deepEqual(cut[i], c.words, c.text));
  await context.close();
});

test("search works in a site opened from files", { timeout: 60_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto("file://" + path.join(site, "basics.html"));
  assert.match(await search(page, "suppression"), /glossary\.html#suppression$/);
  assert.deepEqual(record.errors, []);
  await context.close();
});
