// Language editions in a real browser: the picker keeps the reader on the same chapter, the
// Arabic edition is mirrored, and translated questions work.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { serve, launch, openContext, seriousViolations } from "./harness.mjs";

const site = process.env.EDITIONS_SITE_DIR;
let server;
let browser;

before(async () => {
  assert.ok(site && fs.existsSync(site + "/fr/index.html"), "EDITIONS_SITE_DIR must hold a site built with editions");
  server = await serve(site);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("the language picker switches edition and stays on the same chapter", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.base + "investigating-reports.html");
  await page.locator(".training-languages summary").click();
  await page.getByRole("link", { name: "français" }).click();
  await page.waitForURL(/\/fr\/investigating-reports\.html$/);
  assert.equal(await page.getAttribute("html", "lang"), "fr");
  assert.equal(await page.locator("#scenario-what-counts-as-actionable .training-kicker").textContent(), "Que feriez-vous ?");

  await page.locator(".training-languages summary").click();
  await page.getByRole("link", { name: "العربية" }).click();
  await page.waitForURL(/\/ar\/investigating-reports\.html$/);
  assert.equal(await page.getAttribute("html", "dir"), "rtl");

  await page.locator(".training-languages summary").click();
  await page.getByRole("link", { name: "English" }).click();
  await page.waitForURL(/\/investigating-reports\.html$/);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.violations, []);
  await context.close();
});

test("the Arabic edition is mirrored and its questions work", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.base + "ar/handling-harassment-reports.html");
  const sidebar = await page.locator("#mdbook-sidebar").boundingBox();
  assert.ok(sidebar.x > 640, `the sidebar is on the right in RTL (x=${sidebar.x})`);
  const quiz = page.locator("#quiz-writing-a-good-reply");
  const radio = await quiz.locator("input[type=radio]").first().boundingBox();
  const label = await quiz.locator(".training-option-label").first().boundingBox();
  assert.ok(radio.x > label.x, "options read right to left: the radio comes first on the right");
  await quiz.getByRole("radio", { name: /يؤسفني سماع هذه المشكلة. سأطّلع/ }).check();
  await quiz.getByRole("button", { name: "تحقّق" }).click();
  assert.equal(await quiz.locator(".training-result").textContent(), "صحيح! أفضل إجابة هي B.");
  const violations = await seriousViolations(page);
  assert.deepEqual(violations, []);
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.violations, []);
  await context.close();
});

test("an answer given in one edition is there in another", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  // An answer stored by an earlier version, under the edition's language, is carried over.
  await page.goto(server.base + "fr/closing-cases.html");
  await page.evaluate(() => localStorage.setItem("mdbook-training/dealing-with-online-harassment/fr/notes/closing-a-non-actionable-case", JSON.stringify({ text: "Note d’avant", title: "t", at: 1 })));
  await page.goto(server.base + "ar/handling-harassment-reports.html");
  const quiz = page.locator("#quiz-writing-a-good-reply");
  await quiz.locator("input[type=radio]").nth(1).check();
  await quiz.locator(".training-check").click();
  await page.goto(server.base + "handling-harassment-reports.html");
  assert.match(await page.locator("#quiz-writing-a-good-reply .training-result").textContent(), /^Correct!/, "the Arabic answer shows in English");
  assert.equal(await page.locator("#quiz-writing-a-good-reply input[value='1']").isChecked(), true);
  await page.goto(server.base + "closing-cases.html");
  assert.equal(await page.locator("#scenario-closing-a-non-actionable-case textarea").inputValue(), "Note d’avant");
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.ok(keys.every((k) => k.split("/").length === 4), `one key per block, no edition in it: ${keys}`);
  assert.deepEqual(record.errors, []);
  await context.close();
});


test("untranslated text in the Arabic edition reads left to right, under a translated title", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.base + "ar/basics.html");
  const fallback = page.locator("p:has(> .training-untranslated)").first();
  assert.equal(await fallback.evaluate((p) => getComputedStyle(p).direction), "ltr");
  assert.equal(await fallback.locator(".training-untranslated").getAttribute("lang"), "en");
  const translated = page.locator("main p:not(:has(.training-untranslated))").first();
  assert.equal(await translated.evaluate((p) => getComputedStyle(p).direction), "rtl");
  assert.equal(await page.locator(".menu-title").textContent(), "التعامل مع التحرش عبر الإنترنت");
  // An untranslated heading reads as its words do: its question mark at its end, on the right.
  const heading = page.getByRole("heading", { name: "What is harassment?" });
  const [text, mark] = await heading.evaluate((h) => {
    const range = document.createRange();
    const node = h.querySelector("a") ? h.querySelector("a").firstChild : h.firstChild;
    range.setStart(node, 0);
    range.setEnd(node, 1);
    const first = range.getBoundingClientRect().left;
    range.setStart(node, node.length - 1);
    range.setEnd(node, node.length);
    return [first, range.getBoundingClientRect().left];
  });
  assert.ok(mark > text, `"?" comes after "W" (${text} < ${mark})`);
  if (process.env.SCREENSHOT_DIR) {
    await page.screenshot({ path: process.env.SCREENSHOT_DIR + "/arabic-1280.png" });
  }
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("counts take the Arabic edition's plural forms, and its titles are searchable", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  // Arabic: 1 takes the singular, 3–10 the "few" form (دقائق, أسئلة), 11–99 the "many" form.
  await page.goto(server.base + "ar/introduction.html");
  assert.equal(await page.locator(".training-reading-time").textContent(), "نحو دقيقة واحدة للقراءة");
  await page.goto(server.base + "ar/handling-harassment-reports.html");
  assert.equal(await page.locator(".training-reading-time").textContent(), "نحو 9 دقائق للقراءة");
  await page.goto(server.base + "ar/progress.html");
  assert.equal(await page.locator(".training-progress-summary").textContent(),
    "أجبت عن 0 من 5 أسئلة، منها 0 إجابة صحيحة.");
  // A word of the translated title finds the pages that hold it, with the count's own form.
  await page.locator("#training-search-toggle").click();
  await page.locator("#training-search-input").fill("التحرش");
  const status = page.locator(".training-search-status");
  await page.waitForFunction(() => /التحرش/.test(document.querySelector(".training-search-status").textContent));
  const found = await page.locator(".training-search-results li").count();
  assert.ok(found >= 1, "the translated title is found: " + (await status.textContent()));
  assert.match(await page.locator(".training-search-results li a").first().getAttribute("href"), /^index\.html/);
  const said = { 1: "نتيجة واحدة", 2: "نتيجتان" }[found] || found + (found <= 10 ? " نتائج" : " نتيجة");
  assert.equal(await status.textContent(), said + " لـ«التحرش»");
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("search open and the language picker open pass axe in every theme", { timeout: 240_000 }, async () => {
  const failures = [];
  for (const theme of ["light", "rust", "coal", "navy", "ayu"]) {
    const { context } = await openContext(browser, { viewport: { width: 1280, height: 900 } });
    await context.addInitScript((t) => localStorage.setItem("mdbook-theme", t), theme);
    const page = await context.newPage();
    await page.goto(server.base + "handling-harassment-reports.html");
    await page.locator("#training-search-toggle").click();
    await page.locator("#training-search-input").fill("harassment report");
    await page.waitForFunction(() => document.querySelectorAll(".training-search-results li").length > 0);
    for (const v of await seriousViolations(page)) failures.push(`${theme} search: ${v.id} ${v.help} at ${v.nodes.join(", ")}`);
    if (theme === "light") {
      // Teasers start and end at whole words of the page they come from.
      const cuts = await page.evaluate(async () => {
        const bad = [];
        for (const li of document.querySelectorAll(".training-search-results li")) {
          const href = li.querySelector("a").getAttribute("href").split("#")[0];
          const html = await (await fetch(href)).text();
          const text = new DOMParser().parseFromString(html, "text/html").querySelector("main").textContent.replace(/\s+/g, " ");
          const teaser = li.querySelector(".training-search-teaser").textContent.replace(/^… /, "").replace(/ …$/, "").replace(/\s+/g, " ");
          const head = teaser.split(" ").slice(0, 3).join(" ");
          const tail = teaser.split(" ").slice(-4).join(" ");
          const at = text.indexOf(head);
          const end = text.indexOf(tail, Math.max(at, 0)) + tail.length;
          if (at > 0 && /[\p{L}\p{N}]/u.test(text[at - 1])) bad.push("starts mid-word: " + head);
          if (end < text.length && /[\p{L}\p{N}]/u.test(text[end])) bad.push("ends mid-word: " + tail);
        }
        return bad;
      });
      failures.push(...cuts);
    }
    if (process.env.SCREENSHOT_DIR && theme === "navy") {
      await page.screenshot({ path: process.env.SCREENSHOT_DIR + "/search-navy-1280.png" });
    }
    await page.keyboard.press("Escape");
    await page.locator(".training-languages summary").click();
    for (const v of await seriousViolations(page)) failures.push(`${theme} picker: ${v.id} ${v.help} at ${v.nodes.join(", ")}`);
    await context.close();
  }
  assert.deepEqual(failures, []);
});
