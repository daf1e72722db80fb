// Books made from scratch, not this project's module: a new module from `init` (built by this
// tool, and by plain `mdbook build`), and a book with mdBook's own page template and a French
// edition. Each is read in Chromium: the question answers, search finds, the picker links.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { serve, launch, openContext, CSP_UNSAFE_INLINE } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function site(name) {
  const dir = process.env[name];
  if (!dir) throw new Error(`${name} must name a built site (run these tests through \`cargo test\`)`);
  return dir;
}

/** Answers the starter module's question right and returns the verdict's text. */
async function answerStarterQuestion(page) {
  const quiz = page.locator("#quiz-replying-to-a-report");
  await quiz.getByRole("radio", { name: /Thank you for telling us/ }).check();
  await quiz.getByRole("button", { name: "Check" }).click();
  return quiz.locator(".training-result").textContent();
}

async function withSite(dir, csp, body) {
  const server = await serve(dir, "", csp);
  const { context, record } = await openContext(browser);
  try {
    await body(await context.newPage(), server, record);
  } finally {
    await context.close();
    server.close();
  }
}

test("a module made by init and built by this tool answers its question under script-src 'self'", { timeout: 60_000 }, async () => {
  await withSite(site("INIT_SITE_DIR"), undefined, async (page, server, record) => {
    await page.goto(server.base + "first-chapter.html");
    assert.match(await answerStarterQuestion(page), /^Correct!/);
    assert.ok(await page.locator("[data-training-scenario] textarea, [data-training-scenario] .training-discuss").count() > 0);
    // Quick exit, private reading and progress files are each the book's choice: off here.
    assert.equal(await page.locator(".training-quick-exit, .training-private-toggle").count(), 0);
    await page.goto(server.base + "progress.html");
    assert.equal(await page.locator(".training-take-along, #training-private-reading").count(), 0);
    assert.deepEqual(record.errors, []);
    assert.deepEqual(record.violations, []);
  });
});

test("a module made by init searches when opened from file://", { timeout: 60_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto("file://" + path.join(site("INIT_SITE_DIR"), "index.html"));
  await page.locator("#training-search-toggle").click();
  await page.locator("#training-search-input").fill("summary");
  await page.waitForFunction(() => document.querySelector(".training-search-status").textContent.includes("summary"));
  const first = page.locator(".training-search-results li > a").first();
  assert.match(await first.getAttribute("href"), /glossary\.html\?highlight=[^#]*#edit-summary|first-chapter\.html/);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("init then plain `mdbook build` gives a working question", { timeout: 60_000 }, async () => {
  await withSite(site("INIT_MDBOOK_SITE_DIR"), undefined, async (page, server, record) => {
    await page.goto(server.base + "first-chapter.html");
    assert.match(await answerStarterQuestion(page), /^Correct!/);
    assert.deepEqual(record.errors, []);
    assert.deepEqual(record.violations, []);
  });
});

test("search from a page in a folder of a book with its own template finds and opens another page, in every edition", { timeout: 60_000 }, async () => {
  await withSite(site("STOCK_SITE_DIR"), CSP_UNSAFE_INLINE, async (page, server, record) => {
    for (const prefix of ["", "fr/"]) {
      await page.goto(server.base + prefix + "part/two.html");
      await page.locator("#training-search-toggle").click();
      await page.locator("#training-search-input").fill("moderation");
      const result = page.locator(".training-search-results li a").first();
      await result.waitFor({ timeout: 10_000 });
      const status = await page.locator(".training-search-status").textContent();
      assert.ok(!/could not be loaded/.test(status), status);
      await result.click();
      await page.waitForURL(new RegExp("/" + prefix + "one\\.html"));
      assert.match(await page.locator("main").textContent(), /moderation/);
    }
    assert.deepEqual(record.errors, []);
    assert.deepEqual(record.failures, []);
  });
});

test("a book with mdBook's own page template gets the picker, hreflang links, search and questions", { timeout: 60_000 }, async () => {
  // The template's inline scripts are its author's choice; the build warned that they need this.
  await withSite(site("STOCK_SITE_DIR"), CSP_UNSAFE_INLINE, async (page, server, record) => {
    await page.goto(server.base + "one.html");
    const alternates = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) => links.map((l) => l.hreflang));
    assert.deepEqual(alternates.sort(), ["en", "fr"]);
    const quiz = page.locator("#quiz-first");
    await quiz.getByRole("radio", { name: /Yes/ }).check();
    await quiz.getByRole("button", { name: "Check" }).click();
    assert.match(await quiz.locator(".training-result").textContent(), /^Correct!/);
    await page.locator("#training-search-toggle").click();
    await page.locator("#training-search-input").fill("text");
    await page.waitForFunction(() => document.querySelector(".training-search-status").textContent.includes("text"));
    assert.ok(await page.locator(".training-search-results li").count() > 0, "search finds the chapter");
    await page.keyboard.press("Escape");
    await page.locator(".training-languages summary").click();
    await page.getByRole("link", { name: "français" }).click();
    await page.waitForURL(/\/fr\/one\.html$/);
    assert.equal(await page.locator("main h1").first().textContent(), "Un");
    assert.deepEqual(record.errors, []);
    assert.deepEqual(record.failures, []);
  });
});
