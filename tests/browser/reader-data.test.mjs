// A reader's answers and notes are never lost or corrupted, whatever a stored value, a progress
// file or the device does: damaged and hostile input in a real browser.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { siteDir, serve, serveSites, launch, openContext } from "./harness.mjs";

const site = siteDir();
const BOOK = "dealing-with-online-harassment";
const QUIZ = "closing-an-actionable-case";
const SECOND_QUIZ = "challenge-question-closing-a-case-that-involves-advanced-user-rights";
const SCENARIO = "closing-a-non-actionable-case";
const HOUR = 60 * 60 * 1000;
let server;
let browser;
let dir;

before(async () => {
  server = await serve(site);
  browser = await launch();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "reader-data-"));
});

after(async () => {
  await browser?.close();
  server?.close();
});

const name = (kind, id) => `mdbook-training/${BOOK}/${kind}/${id}`;

/** Puts `values` (storage key → value) into the site's localStorage, then opens `page`. */
async function withStored(context, values, pagePath) {
  const page = await context.newPage();
  await page.goto(server.base + "index.html");
  await page.evaluate((entries) => {
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, JSON.stringify(value));
  }, values);
  await page.goto(server.base + pagePath);
  return page;
}

/** Loads a progress file holding `entries` on the progress page; returns what the page said. */
async function loadFile(page, entries, file = "progress.json") {
  const saved = path.join(dir, file);
  fs.writeFileSync(saved, JSON.stringify({ format: "mdbook-training-progress", version: 1, book: BOOK, entries }));
  await page.goto(server.base + "progress.html");
  await page.locator("#training-progress-file").setInputFiles(saved);
  await page.waitForFunction(() => document.querySelector(".training-take-along .training-result").textContent !== "");
  return page.locator(".training-take-along .training-result").textContent();
}

const storedKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("mdbook-training/")).sort());

test("stored values of the wrong type read as unanswered, and the page keeps working", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await withStored(context, {
    [name("quiz", QUIZ)]: { selected: {}, at: Date.now() },
    [name("quiz", SECOND_QUIZ)]: { selected: [0], correct: "yes", at: Date.now() },
    [name("notes", SCENARIO)]: { text: 12345, at: Date.now() },
  }, "closing-cases.html");
  for (const id of [QUIZ, SECOND_QUIZ]) {
    const quiz = page.locator(`#quiz-${id}`);
    assert.ok(await quiz.getByRole("button", { name: "Check" }).isVisible(), `${id} is open to answer`);
  }
  // The note field is connected: a note typed now is kept.
  const field = page.locator(".training-notes-field").first();
  await field.fill("Typed after a damaged value");
  await field.blur();
  assert.equal(await page.locator(".training-saved").first().textContent(), "Saved on this device.");
  await page.reload();
  assert.equal(await page.locator(".training-notes-field").first().inputValue(), "Typed after a damaged value");
  await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({ text: 12345, at: Date.now() })), name("notes", SCENARIO));
  await page.goto(server.base + "notes.html");
  assert.match(await page.locator(".training-view").textContent(), /not written any notes/);
  // And from a file: nothing of the wrong type is taken.
  const said = await loadFile(page, {
    [`${BOOK}/quiz/${QUIZ}`]: { selected: {}, at: Date.now() },
    [`${BOOK}/notes/${SCENARIO}`]: { text: 12345, at: Date.now() },
  });
  assert.equal(said, "Loaded 0 answers and notes from the file. 2 entries of the file were not used: they do not fit this module.");
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("a file's entries for blocks the module does not have are not stored", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "progress.html");
  const before = await storedKeys(page);
  const junk = "x".repeat(2000);
  const said = await loadFile(page, {
    [`${BOOK}/quiz/no-such-question`]: { selected: [0], at: Date.now() },
    [`${BOOK}/notes/no-such-scenario`]: { text: junk, at: Date.now() },
    [`${BOOK}/junk/${QUIZ}`]: { text: junk, at: Date.now() },
  });
  assert.match(said, /^Loaded 0 answers and notes from the file\. 3 entries of the file were not used/);
  assert.deepEqual(await storedKeys(page), before, "nothing stored");
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("a file's empty entries, however new, wipe no answer and no note", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await withStored(context, {
    [name("quiz", QUIZ)]: { selected: [2], correct: true, at: Date.now() - HOUR },
    [name("notes", SCENARIO)]: { text: "My note", title: "t", at: Date.now() - HOUR },
  }, "progress.html");
  const said = await loadFile(page, {
    [`${BOOK}/quiz/${QUIZ}`]: { at: Date.now() },
    [`${BOOK}/notes/${SCENARIO}`]: { text: "", at: Date.now() },
  });
  assert.match(said, /^Loaded 0 answers and notes/);
  assert.match(await page.locator(".training-progress-summary").textContent(), /answered 1 of 5 questions, 1 of them right/);
  await page.goto(server.base + "closing-cases.html");
  assert.equal(await page.locator(".training-notes-field").first().inputValue(), "My note");
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("a note written elsewhere an hour ago wins over one written here yesterday and opened today", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await withStored(context, {
    [name("notes", SCENARIO)]: { text: "Written here yesterday", title: "t", at: Date.now() - 24 * HOUR },
  }, "closing-cases.html");
  // Opened, focused and left: the note's words did not change, so neither does its time.
  const field = page.locator(".training-notes-field").first();
  assert.equal(await field.inputValue(), "Written here yesterday");
  await field.focus();
  await field.blur();
  await page.goto(server.base + "index.html");
  const said = await loadFile(page, {
    [`${BOOK}/notes/${SCENARIO}`]: { text: "Written elsewhere an hour ago", title: "t", at: Date.now() - HOUR },
  });
  assert.equal(said, "Loaded 1 answer or note from the file.");
  await page.goto(server.base + "closing-cases.html");
  assert.equal(await page.locator(".training-notes-field").first().inputValue(), "Written elsewhere an hour ago");
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("a full storage is said where the reader is, never 'Saved on this device.'", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "closing-cases.html");
  // Another page of the host filled the origin's storage.
  const full = await page.evaluate(() => {
    let n = 0;
    for (let size = 256 * 1024; size >= 1; size = Math.floor(size / 2)) {
      const chunk = "x".repeat(size);
      for (;;) {
        try { localStorage.setItem("filler/" + n++, chunk); } catch (e) { break; }
      }
    }
    try { localStorage.setItem("probe", "x".repeat(20)); return false; } catch (e) { return e.name; }
  });
  assert.equal(full, "QuotaExceededError", "the test filled the storage");
  const field = page.locator(".training-notes-field").first();
  await field.fill("A note that cannot be kept");
  await field.blur();
  const saved = page.locator(".training-saved").first();
  assert.match(await saved.textContent(), /^Not saved: this device's storage is full/);
  const quiz = page.locator(`#quiz-${QUIZ}`);
  await quiz.getByRole("radio").first().check();
  await quiz.getByRole("button", { name: "Check" }).click();
  assert.match(await quiz.locator(".training-unsaved").textContent(), /^Not saved: this device's storage is full/);
  assert.ok(await quiz.locator(".training-unsaved").isVisible());
  // The progress page says how much the module keeps.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("filler/")).forEach((k) => localStorage.removeItem(k)));
  await field.fill("Now it can be kept");
  await field.blur();
  assert.equal(await saved.textContent(), "Saved on this device.");
  await page.goto(server.base + "progress.html");
  assert.match(await page.locator(".training-storage-used").textContent(), /^Your answers and notes of this module take 1 KB in this browser\.$/);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("a 40,000-character ?highlight= and a query with $& leave search working and literal", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "basics.html?highlight=" + "a".repeat(40_000) + ",harassment");
  assert.ok(await page.locator("mark.training-found").count() > 0, "the short word is still marked");
  await page.locator("#training-search-toggle").click();
  await page.locator("#training-search-input").fill("harassment $& $`");
  await page.waitForFunction(() => /results for/.test(document.querySelector(".training-search-status").textContent));
  assert.match(await page.locator(".training-search-status").textContent(), /^\d+ results for “harassment \$& \$`”$/);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("a stored theme that is no theme stops nothing", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "index.html");
  await page.evaluate(() => localStorage.setItem("mdbook-theme", "navy x"));
  await page.goto(server.base + "closing-cases.html");
  assert.ok(await page.locator(`#quiz-${QUIZ}`).getByRole("button", { name: "Check" }).isVisible());
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains("js")));
  assert.deepEqual(record.errors.filter((e) => !/book-[0-9a-f]+\.js/.test(e)), []);
  await context.close();
});

test("private reading, the progress file and clearing act on this module only, and say so", { timeout: 180_000 }, async () => {
  // Two modules published side by side on one host.
  const host = await serveSites([["/harassment", site], ["/starter", process.env.INIT_SITE_DIR]]);
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(host.origin + "/starter/first-chapter.html");
  const starter = page.locator("#quiz-replying-to-a-report");
  await starter.getByRole("radio", { name: /Thank you for telling us/ }).check();
  await starter.getByRole("button", { name: "Check" }).click();
  await page.goto(host.origin + "/harassment/closing-cases.html");
  await page.locator(".training-notes-field").first().fill("A note of this module");
  await page.locator(".training-notes-field").first().blur();
  let asked = "";
  page.once("dialog", (dialog) => { asked = dialog.message(); dialog.accept(); });
  await page.locator(".training-private-toggle").click();
  assert.match(asked, /of this module/);
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.ok(keys.some((k) => k.startsWith("mdbook-training/my-training-module/quiz/")), `the other module's answer stays: ${keys}`);
  assert.ok(!keys.some((k) => k.includes(`/${BOOK}/`)), `this module's note is gone: ${keys}`);
  await page.locator(".training-notes-field").first().fill("A private note");
  await page.locator(".training-notes-field").first().blur();
  assert.equal(await page.locator(".training-saved").first().textContent(), "Kept in this tab only.");
  // The other module is not in private reading: its answer shows and new ones are kept.
  await page.goto(host.origin + "/starter/first-chapter.html");
  assert.match(await page.locator("#quiz-replying-to-a-report .training-result").textContent(), /Correct/);
  assert.equal(await page.locator(".training-private-notice").count(), 0);
  await page.locator(".training-notes-field").first().fill("Kept on the device");
  await page.locator(".training-notes-field").first().blur();
  assert.equal(await page.locator(".training-saved").first().textContent(), "Saved on this device.");
  assert.deepEqual(record.errors, []);
  await context.close();
  host.close();
});

test("a reader who turned on the site-wide switch of earlier versions stays private in every other module", { timeout: 120_000 }, async () => {
  const host = await serveSites([["/harassment", site], ["/starter", process.env.INIT_SITE_DIR]]);
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(host.origin + "/harassment/index.html");
  await page.evaluate(() => localStorage.setItem("mdbook-training/private", "on"));
  await page.goto(host.origin + "/harassment/closing-cases.html");
  assert.equal(await page.locator(".training-private-toggle").getAttribute("aria-pressed"), "true");
  await page.locator(".training-private-toggle").click();
  assert.equal(await page.locator(".training-private-toggle").getAttribute("aria-pressed"), "false");
  await page.goto(host.origin + "/starter/first-chapter.html");
  assert.equal(await page.locator(".training-private-notice").count(), 1, "the other module is still private");
  await page.locator(".training-notes-field").first().fill("Kept in the tab");
  await page.locator(".training-notes-field").first().blur();
  assert.equal(await page.locator(".training-saved").first().textContent(), "Kept in this tab only.");
  assert.deepEqual(record.errors, []);
  await context.close();
  host.close();
});
