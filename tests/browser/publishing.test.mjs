// The built site wherever it is hosted: under a sub-path, and opened from the file system.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { siteDir, serve, launch, openContext } from "./harness.mjs";

let server;
let browser;

before(async () => {
  server = await serve(process.env.EDITIONS_SITE_DIR, "/wiki/training/harassment");
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("under a sub-path every page, asset, search and edition works", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "fr/handling-harassment-reports.html");
  assert.match(server.base, /\/wiki\/training\/harassment\/$/);
  const quiz = page.locator("#quiz-writing-a-good-reply");
  await quiz.getByRole("radio", { name: /Bonjour, je suis désolé d’apprendre ce problème. Je vais regarder/ }).check();
  await quiz.getByRole("button", { name: "Vérifier" }).click();
  assert.match(await quiz.locator(".training-result").textContent(), /^Exact !/);
  await page.locator("#training-search-toggle").click();
  await page.locator("#training-search-input").fill("harcèlement");
  await page.waitForFunction(() => document.querySelector(".training-search-status").textContent.includes("harcèlement"));
  assert.ok(await page.locator(".training-search-results li").count() > 0);
  await page.keyboard.press("Escape");
  await page.locator(".training-languages summary").click();
  await page.getByRole("link", { name: "English" }).click();
  await page.waitForURL(/\/wiki\/training\/harassment\/handling-harassment-reports\.html$/);
  // Follow the next-chapter link as written in the page.
  const next = await page.locator("a.nav-chapters.next").getAttribute("href");
  await page.goto(new URL(next, page.url()).href);
  assert.match(page.url(), /\/wiki\/training\/harassment\/communicating-with-victims-of-harassment\.html$/);
  assert.deepEqual(record.failures, [], "every request under the sub-path succeeds");
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.violations, []);
  await context.close();
});

test("opened from file:// the pages and questions work", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto("file://" + path.join(siteDir(), "handling-harassment-reports.html"));
  const quiz = page.locator("#quiz-writing-a-good-reply");
  await quiz.getByRole("button", { name: "Show answer" }).click();
  assert.equal(await quiz.locator(".training-result").textContent(), "The best answer is B.");
  const next = await page.locator("a.nav-chapters.next").getAttribute("href");
  await page.goto(new URL(next, page.url()).href);
  assert.match(await page.locator("main h1").first().textContent(), /Communicating with victims/);
  assert.deepEqual(record.errors, []);
  await context.close();
});
