// For readers who are themselves targets, in a real browser: the quick exit, private reading,
// content notes, replies to copy, and progress taken to another device.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { siteDir, serve, launch, openContext, seriousViolations } from "./harness.mjs";

const site = siteDir();
const EXIT = "https://www.wikipedia.org/";
let server;
let browser;

before(async () => {
  server = await serve(site);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

// The neutral page the module leaves for, served here since the test machine has no network.
async function stubExit(context) {
  await context.route(EXIT + "**", (route) => route.fulfill({ contentType: "text/html", body: "<title>Wikipedia</title><p>Wikipedia</p>" }));
}

async function answerWritingAGoodReply(page) {
  await page.goto(server.base + "handling-harassment-reports.html");
  const quiz = page.locator("#quiz-writing-a-good-reply");
  await quiz.getByRole("radio", { name: /Hello, I’m sorry to hear about this issue\. I will take/ }).check();
  await quiz.getByRole("button", { name: "Check" }).click();
  await page.waitForFunction(() => /Correct/.test(document.querySelector("#quiz-writing-a-good-reply .training-result").textContent));
}

async function screenshot(page, name) {
  if (process.env.SCREENSHOT_DIR) {
    await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, name) });
  }
}

test("Escape twice leaves for the quick-exit page, and Back does not return to the module", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { viewport: { width: 360, height: 740 } });
  await stubExit(context);
  const page = await context.newPage();
  await page.goto(server.base + "basics.html");
  // Right after the skip link in the tab order, and on screen wherever the reader is.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to content");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "training-quick-exit");
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const box = await page.locator(".training-quick-exit").boundingBox();
  assert.ok(box.y + box.height <= 740 && box.y >= 0 && box.height >= 44, `the button is on screen: ${JSON.stringify(box)}`);
  await screenshot(page, "quick-exit-360.png");
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await page.waitForURL(EXIT);
  await page.goBack();
  assert.ok(!page.url().startsWith(server.origin), `Back goes to ${page.url()}, not to the module`);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("the quick-exit button clears search before it leaves", { timeout: 120_000 }, async () => {
  const { context } = await openContext(browser, { viewport: { width: 1280, height: 800 } });
  await stubExit(context);
  const page = await context.newPage();
  await page.goto(server.base + "basics.html");
  await page.locator("#training-search-toggle").click();
  await page.locator("#training-search-input").fill("doxxing");
  // Read in the same task as the click, before the neutral page replaces this one.
  const left = await page.evaluate(() => {
    document.querySelector(".training-quick-exit").click();
    return { query: document.getElementById("training-search-input").value, hidden: document.body.hidden };
  });
  assert.deepEqual(left, { query: "", hidden: true });
  await page.waitForURL(EXIT);
  await context.close();
});

test("private reading keeps no answer or note in localStorage, and restores nothing when off", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const savedKeys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("mdbook-training/") && !k.endsWith(":private")));
  await answerWritingAGoodReply(page);
  assert.equal((await savedKeys()).length, 1, "an answer is kept as usual");
  // Turned on from the menu: the saved answer goes, after a confirmation.
  let asked = "";
  page.once("dialog", (dialog) => { asked = dialog.message(); dialog.accept(); });
  await page.locator(".training-private-toggle").click();
  assert.match(asked, /removes the answers and notes/);
  assert.equal(await page.locator(".training-private-toggle").getAttribute("aria-pressed"), "true");
  assert.deepEqual(await savedKeys(), []);
  await answerWritingAGoodReply(page);
  await page.goto(server.base + "investigating-reports.html");
  await page.locator(".training-notes-field").first().fill("A private note");
  await page.locator(".training-notes-field").first().blur();
  await page.reload();
  assert.equal(await page.locator(".training-notes-field").first().inputValue(), "A private note", "kept for this tab");
  assert.match(await page.locator(".training-private-notice").textContent(), /kept only in this tab/);
  const all = await page.evaluate(() => Object.keys(localStorage).join(" "));
  assert.deepEqual(await savedKeys(), [], `localStorage: ${all}`);
  assert.ok(!/writing-a-good-reply|notes\//.test(all), `no key names a question or note: ${all}`);
  // The progress page shows the same switch; turned off, nothing comes back.
  await page.goto(server.base + "progress.html");
  const box = page.getByRole("checkbox", { name: "Don't keep my answers and notes on this device" });
  assert.equal(await box.isChecked(), true);
  await box.uncheck();
  await page.goto(server.base + "investigating-reports.html");
  assert.equal(await page.locator(".training-notes-field").first().inputValue(), "");
  assert.equal(await page.locator(".training-private-notice").count(), 0);
  assert.deepEqual(await savedKeys(), []);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("a content note comes first; its skip link lands on its heading, Continue shows the chapter", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(server.base + "doxxing-or-release-of-personally-identifying-information.html");
  const note = page.locator(".training-content-note");
  assert.ok(await note.isVisible());
  assert.equal(await page.getByRole("heading", { name: "What is \"doxxing\"?" }).isVisible(), false, "the chapter waits behind its note");
  await screenshot(page, "content-note-360.png");
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole("link", { name: "Skip to “Handling PII on-wiki”" }).click();
  await page.waitForURL(/#handling-pii-on-wiki$/);
  const heading = page.locator("#handling-pii-on-wiki");
  assert.ok(await heading.isVisible());
  const top = await heading.evaluate((h) => h.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 740, `the heading is in view (top ${top})`);

  await page.goto(server.base + "image-based-problems.html");
  await page.getByRole("button", { name: "Continue to the chapter" }).click();
  assert.ok(await page.getByRole("heading", { name: "How and when to get an image deleted" }).isVisible());
  assert.deepEqual(record.errors, []);
  await context.close();

  // Without scripts the note is simply read first, and the chapter follows.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const still = await plain.newPage();
  await still.goto(server.base + "image-based-problems.html");
  assert.ok(await still.locator(".training-content-note").isVisible());
  assert.ok(await still.getByRole("heading", { name: "How and when to get an image deleted" }).isVisible());
  assert.equal(await still.getByRole("button", { name: "Continue to the chapter" }).count(), 0);
  await plain.close();
});

test("a question's best reply appears on the replies page once answered, and Copy copies it", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { viewport: { width: 360, height: 740 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  const page = await context.newPage();
  await page.goto(server.base + "replies.html");
  assert.equal(await page.locator(".training-reply:visible").count(), 0, "nothing is given away before answering");
  assert.ok(await page.locator(".training-replies-locked").isVisible());
  await answerWritingAGoodReply(page);
  await page.goto(server.base + "replies.html");
  const reply = page.locator(".training-reply:visible");
  assert.equal(await reply.count(), 1);
  await screenshot(page, "replies-360.png");
  await reply.getByRole("button", { name: "Copy" }).click();
  await page.waitForFunction(() => /Copied/.test(document.querySelector(".training-copy-status").textContent));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^Hello, I’m sorry to hear about this issue\. I will take a look/);
  assert.ok(!copied.includes("{reply}"));
  assert.match(await reply.locator(".training-reply-from").getAttribute("href"), /^handling-harassment-reports\.html#quiz-writing-a-good-reply$/);
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("answers saved to a file in one browser load in another; a damaged or foreign file is refused", { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "progress-"));
  const first = await openContext(browser, { acceptDownloads: true });
  const page = await first.context.newPage();
  await answerWritingAGoodReply(page);
  await page.goto(server.base + "progress.html");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Save my answers and notes to a file" }).click(),
  ]);
  const saved = path.join(dir, "progress.json");
  await download.saveAs(saved);
  assert.equal(download.suggestedFilename(), "my-training-progress.json");
  await first.context.close();

  const second = await openContext(browser);
  const other = await second.context.newPage();
  await other.goto(server.base + "progress.html");
  const input = other.locator("#training-progress-file");
  const status = other.locator(".training-take-along .training-result");
  const damaged = path.join(dir, "damaged.json");
  fs.writeFileSync(damaged, "{ not json");
  await input.setInputFiles(damaged);
  await other.waitForFunction(() => document.querySelector(".training-take-along .training-result").textContent !== "");
  assert.match(await status.textContent(), /is not saved progress, or it is damaged/);
  const foreign = path.join(dir, "foreign.json");
  const file = JSON.parse(fs.readFileSync(saved, "utf8"));
  fs.writeFileSync(foreign, JSON.stringify({ ...file, book: "another-module", title: "Another module" }));
  await input.setInputFiles(foreign);
  await other.waitForFunction(() => /another module/.test(document.querySelector(".training-take-along .training-result").textContent));
  assert.match(await other.locator(".training-progress-summary").textContent(), /answered 0 of 5/);
  // A valid file padded past 5 MB is no saved progress of a module, and is refused unread.
  const huge = path.join(dir, "huge.json");
  fs.writeFileSync(huge, fs.readFileSync(saved, "utf8") + " ".repeat(6 * 1024 * 1024));
  await other.evaluate(() => { document.querySelector(".training-take-along .training-result").textContent = ""; });
  await input.setInputFiles(huge);
  await other.waitForFunction(() => document.querySelector(".training-take-along .training-result").textContent !== "");
  assert.match(await status.textContent(), /is not saved progress, or it is damaged/);
  await input.setInputFiles(saved);
  await other.waitForFunction(() => /Loaded/.test(document.querySelector(".training-take-along .training-result").textContent));
  assert.equal(await status.textContent(), "Loaded 1 answer or note from the file.");
  assert.match(await other.locator(".training-progress-summary").textContent(), /answered 1 of 5 questions, 1 of them right/);
  await other.goto(server.base + "handling-harassment-reports.html");
  assert.match(await other.locator("#quiz-writing-a-good-reply .training-result").textContent(), /Correct/, "the answer is back on its page");
  assert.deepEqual(second.record.errors, []);
  await second.context.close();
});
