// Questions from mdbook-quiz files in a real browser: a multiple-choice and a typed answer,
// a running score, and separate progress for same-named files in different folders.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openContext } from "./harness.mjs";

let server;
let browser;

before(async () => {
  server = await serve(process.env.QUIZ_SITE_DIR);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("answer a multiple-choice and a short-answer question from a quiz file", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "basics.html");
  const score = page.locator(".training-set-score");
  assert.equal(await score.textContent(), "Score: 0 of 3");

  const mc = page.locator("#quiz-src-quizzes-basics-where-to-report");
  await mc.getByRole("radio", { name: /emergency@wikimedia\.org/ }).check();
  await mc.getByRole("button", { name: "Check" }).click();
  assert.equal(await mc.locator(".training-result").textContent(), "Correct! The best answer is C.");

  const typed = page.locator("#short-answer-src-quizzes-basics-3");
  await typed.getByLabel("Your answer").fill("  Rev   DEL ");
  await typed.getByLabel("Your answer").press("Enter");
  assert.equal(await typed.locator(".training-result").textContent(), "Correct! The answer is revdel.");
  assert.equal(await score.textContent(), "Score: 2 of 3");

  await typed.getByRole("button", { name: "Try again" }).click();
  await typed.getByLabel("Your answer").fill("oversight");
  await typed.getByRole("button", { name: "Check" }).click();
  assert.equal(await typed.locator(".training-result").textContent(), "Not quite. Try again, or show the answer.");
  assert.equal(await score.textContent(), "Score: 1 of 3");

  await page.reload();
  assert.equal(await page.locator("#short-answer-src-quizzes-basics-3 input").inputValue(), "oversight", "kept after a reload");
  assert.equal(await page.locator(".training-set-score").textContent(), "Score: 1 of 3");

  // Same file name, same question id, other folder: its own progress.
  await page.goto(server.base + "a/chapter.html");
  await page.getByRole("radio", { name: /Yes/ }).check();
  await page.getByRole("button", { name: "Check" }).click();
  await page.goto(server.base + "b/chapter.html");
  assert.equal(await page.locator("section.training-quiz input:checked").count(), 0, "b/quiz.toml does not share a/quiz.toml's answers");
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("mdbook-training/")).sort());
  assert.ok(keys.some((k) => k.endsWith("/quiz/src-a-quiz-q1")), keys.join(", "));
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.violations, []);
  await context.close();
});

test("a Tracing question: does it compile, then what it prints or which line fails", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "tracing.html");
  const compiles = page.locator("#quiz-src-quizzes-tracing-sum");
  await compiles.getByRole("radio", { name: /Yes, it compiles/ }).check();
  await compiles.getByRole("button", { name: "Check" }).click();
  assert.match(await compiles.locator(".training-result").textContent(), /^Correct!/);
  const prints = page.locator("#short-answer-src-quizzes-tracing-sum-result");
  await prints.getByLabel("Your answer").fill("6");
  await prints.getByRole("button", { name: "Check" }).click();
  assert.match(await prints.locator(".training-result").textContent(), /^Correct!/);

  const fails = page.locator("#quiz-src-quizzes-tracing-moved");
  await fails.getByRole("radio", { name: /No, it does not compile/ }).check();
  await fails.getByRole("button", { name: "Check" }).click();
  assert.match(await fails.locator(".training-result").textContent(), /^Correct!/);
  const line = page.locator("#short-answer-src-quizzes-tracing-moved-result");
  await line.getByLabel("Your answer").fill("3");
  await line.getByRole("button", { name: "Check" }).click();
  assert.match(await line.locator(".training-result").textContent(), /^Not quite/);
  assert.match(await page.locator("#quiz-src-quizzes-tracing-moved pre").textContent(), /4 {2}\s*println!/);
  assert.deepEqual(record.errors, []);
  await context.close();
});
