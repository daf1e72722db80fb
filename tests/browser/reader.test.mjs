// The reader's side of the built module, in a real browser: questions, notes, progress,
// keyboard use, accessibility, the strict CSP, privacy and small screens.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { siteDir, serve, launch, openContext, htmlPages, seriousViolations } from "./harness.mjs";

const site = siteDir();
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

function assertPrivate(record, origin) {
  const elsewhere = record.requests.filter((url) => !url.startsWith(origin + "/") && !url.startsWith("blob:") && !url.startsWith("data:"));
  assert.deepEqual(elsewhere, [], "requests left 127.0.0.1");
  assert.deepEqual(record.violations, [], "Content-Security-Policy violations");
  assert.deepEqual(record.errors, [], "console errors");
}

const QUIZ = "#quiz-writing-a-good-reply";

test("a question: wrong answer, try again, right answer, kept after a reload", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.base + "handling-harassment-reports.html");
  const quiz = page.locator(QUIZ);
  await assert.doesNotReject(quiz.locator("input[type=radio]").first().waitFor());
  assert.equal(await quiz.locator("input[type=radio]").count(), 4, "radio semantics for one best answer");
  assert.deepEqual(await quiz.locator(".training-letter").allTextContents(), ["A", "B", "C", "D"]);
  assert.equal(await quiz.locator("details.training-answer").isVisible(), false, "with scripts, one way to the answer: the buttons");
  const explanation = quiz.getByText("B) is the best response out of this group");
  assert.equal(await explanation.isVisible(), false);

  await quiz.getByRole("radio", { name: /Hello,\ looks\ like\ the\ person\ you\ reported/ }).check();
  await quiz.getByRole("button", { name: "Check" }).click();
  const result = quiz.locator(".training-result");
  assert.equal(await result.getAttribute("role"), "status", "feedback is announced");
  // A wrong answer gives its verdict and its own feedback, not the best answer.
  assert.equal(await result.textContent(), "Not quite. Try again, or show the answer.");
  assert.ok(await quiz.locator("li.training-option").nth(0).evaluate((li) => li.classList.contains("is-wrong")));
  assert.equal(await quiz.locator("li.training-option").nth(1).locator(".training-badge").isVisible(), false);
  assert.equal(await explanation.isVisible(), false, "the explanation waits for the right answer");
  assert.ok(await quiz.getByRole("button", { name: "Show answer" }).isVisible());
  assert.equal(await quiz.locator(".training-next").isVisible(), false, "no way on before the answer is out");
  // The verdict is in view, above the buttons, marked by more than colour.
  const verdict = await result.boundingBox();
  assert.ok(verdict.y >= 0 && verdict.y + verdict.height <= 800, `the verdict is on screen (y=${verdict.y})`);
  const buttons = await quiz.locator(".training-actions").boundingBox();
  assert.ok(verdict.y < buttons.y, "the verdict comes before the buttons");
  assert.match(await result.evaluate((r) => getComputedStyle(r, "::before").content), /^"✗\s" \/ ""$/, "an icon, silent for screen readers");
  if (process.env.SCREENSHOT_DIR) {
    await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, "quiz-wrong-1280.png") });
  }

  await quiz.getByRole("button", { name: "Try again" }).click();
  assert.equal(await result.textContent(), "");
  assert.equal(await quiz.locator("input:checked").count(), 0);

  await quiz.getByRole("radio", { name: /I\ will\ take\ a\ look\ and\ will\ update\ you/ }).check();
  await quiz.getByRole("button", { name: "Check" }).click();
  assert.equal(await result.textContent(), "Correct! The best answer is B.");
  assert.equal(await quiz.locator(".training-why").textContent(), "Why B is best");
  assert.ok(await explanation.isVisible(), "the explanation, once right");
  const next = quiz.getByRole("link", { name: "Next chapter" });
  assert.match(await next.getAttribute("href"), /communicating-with-victims-of-harassment\.html$/, "the way on");
  if (process.env.SCREENSHOT_DIR) {
    await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, "quiz-right-1280.png") });
  }

  await page.reload();
  const again = page.locator(QUIZ);
  await again.locator(".training-result").waitFor();
  assert.match(await again.locator(".training-result").textContent(), /^Correct!/, "answer kept after reload");
  assert.equal(await again.locator("input[value='1']").isChecked(), true);
  assertPrivate(record, server.origin);
  await context.close();
});

test("on a phone the options take the width and every control is big enough to tap", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(server.base + "handling-harassment-reports.html");
  const widths = await page.locator(QUIZ + " .training-option-body").evaluateAll((all) => all.map((b) => b.getBoundingClientRect().width));
  assert.ok(widths.every((w) => w >= 240), `option text at least 240 px wide: ${widths}`);
  const small = await page.evaluate(() => Array.from(document.querySelectorAll("#mdbook-menu-bar button, #mdbook-menu-bar a, .training-languages summary, .training-button"))
    .filter((c) => c.offsetParent !== null)
    .map((c) => ({ c: c.id || c.className || c.textContent.trim(), r: c.getBoundingClientRect() }))
    .filter(({ r }) => r.width < 44 || r.height < 44)
    .map(({ c, r }) => `${c} ${Math.round(r.width)}x${Math.round(r.height)}`));
  assert.deepEqual(small, [], "controls under 44 px");
  await page.locator(QUIZ).getByRole("radio").first().check();
  await page.locator(QUIZ).getByRole("button", { name: "Check" }).click();
  const verdict = await page.locator(QUIZ + " .training-result").boundingBox();
  assert.ok(verdict.y >= 0 && verdict.y + verdict.height <= 740, `the verdict is on screen (y=${verdict.y})`);
  if (process.env.SCREENSHOT_DIR) {
    await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, "quiz-wrong-360.png") });
  }
  assertPrivate(record, server.origin);
  await context.close();
});

test("show answer without answering, and a two-question chapter", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "closing-cases.html");
  const quizzes = page.locator("section.training-quiz");
  assert.equal(await quizzes.count(), 2);
  const second = quizzes.nth(1);
  await second.getByRole("button", { name: "Show answer" }).click();
  assert.equal(await second.locator(".training-result").textContent(), "The best answer is D.");
  assert.ok(await second.locator("li.training-option").nth(3).evaluate((li) => li.classList.contains("is-best")));
  assert.equal(await second.locator("input:checked").count(), 0);
  assertPrivate(record, server.origin);
  await context.close();
});

test("a scenario note stays in this browser, appears on the notes page and downloads", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(server.base + "investigating-reports.html");
  const scenario = page.locator("#scenario-what-counts-as-actionable");
  assert.match(await scenario.locator(".training-privacy").textContent(), /only in this browser/);
  const field = scenario.getByLabel("Your notes");
  await field.fill("Ask both users for the talk page history.");
  await field.blur();
  await page.reload();
  assert.equal(await page.locator("#scenario-what-counts-as-actionable").getByLabel("Your notes").inputValue(), "Ask both users for the talk page history.");

  await page.goto(server.base + "notes.html");
  const note = page.locator("article.training-note");
  assert.equal(await note.count(), 1);
  assert.match(await note.textContent(), /Ask both users for the talk page history\./);
  const back = note.getByRole("link", { name: /What counts as .actionable.\?/ });
  assert.equal(await back.getAttribute("href"), "investigating-reports.html#scenario-what-counts-as-actionable");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download my notes as a text file" }).click(),
  ]);
  const file = await download.path();
  assert.match(fs.readFileSync(file, "utf8"), /What counts as .actionable.\?\n\nAsk both users for the talk page history\./);
  assertPrivate(record, server.origin);
  await context.close();
});

test("the progress page counts answers and clears everything in one place", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "handling-harassment-reports.html");
  await page.locator(QUIZ).getByRole("radio", { name: /I\ will\ take\ a\ look\ and\ will\ update\ you/ }).check();
  await page.locator(QUIZ).getByRole("button", { name: "Check" }).click();
  await page.goto(server.base + "image-based-problems.html");
  await page.getByRole("button", { name: "Continue to the chapter" }).click();
  const imageQuiz = page.locator("section.training-quiz");
  await imageQuiz.getByRole("radio", { name: /Block\ User:L\ immediately/ }).check();
  await imageQuiz.getByRole("button", { name: "Check" }).click();
  await page.goto(server.base + "investigating-reports.html");
  await page.getByLabel("Your notes").fill("A note to clear.");
  await page.getByLabel("Your notes").blur();

  await page.goto(server.base + "progress.html");
  assert.match(await page.locator(".training-progress-summary").textContent(), /answered 2 of 5 questions, 1 of them right/);
  const row = page.locator("tr", { has: page.getByRole("link", { name: "Handling harassment reports" }) });
  assert.deepEqual(await row.locator("td").allTextContents(), ["1 / 1", "1", "–"]);
  assert.equal(await row.locator("progress").evaluate((p) => p.value / p.max), 1, "a bar per chapter");
  const investigating = page.locator("tr", { has: page.getByRole("link", { name: "Investigating reports" }) });
  assert.equal(await investigating.locator("td").last().textContent(), "1 / 1", "scenarios with notes are counted");
  const next = page.locator(".training-progress-next a");
  assert.match(await next.textContent(), /^Next unanswered question: /);
  assert.notEqual(await next.getAttribute("href"), "handling-harassment-reports.html", "an answered chapter is not next");
  const aligned = await page.locator(".training-progress-table").evaluate((t) =>
    [t.querySelector("thead th:nth-child(2)"), t.querySelector("tbody td")].map((c) => getComputedStyle(c).textAlign));
  assert.deepEqual(aligned, ["center", "center"], "numbers aligned with their headings");
  if (process.env.SCREENSHOT_DIR) {
    await page.setViewportSize({ width: 360, height: 900 });
    await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, "progress-360.png"), fullPage: true });
  }

  await page.getByRole("button", { name: "Clear my answers and notes" }).click();
  await page.getByRole("button", { name: "Yes, clear them" }).click();
  assert.match(await page.locator(".training-progress-summary").textContent(), /answered 0 of 5 questions/);
  await page.goto(server.base + "handling-harassment-reports.html");
  assert.equal(await page.locator(QUIZ).locator("input:checked").count(), 0);
  await page.goto(server.base + "notes.html");
  assert.match(await page.locator(".training-empty").textContent(), /not written any notes/);
  assertPrivate(record, server.origin);
  await context.close();
});

test("keyboard only: answer a question and write a note", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "handling-harassment-reports.html");
  const firstRadio = page.locator(QUIZ + " input[type=radio]").first();
  let reached = false;
  for (let i = 0; i < 300 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await firstRadio.evaluate((el) => el === document.activeElement);
  }
  assert.ok(reached, "the first option is reachable with Tab");
  const outline = await firstRadio.evaluate((el) => {
    const style = getComputedStyle(el);
    return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  });
  assert.ok(outline, "the focused option has a visible focus ring");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.locator(QUIZ + " input[value='1']").isChecked(), true, "arrow keys choose B");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Check");
  await page.keyboard.press("Enter");
  assert.match(await page.locator(QUIZ + " .training-result").textContent(), /^Correct!/);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Try again", "focus stays on the question");

  await page.goto(server.base + "investigating-reports.html");
  const notes = page.locator("#scenario-what-counts-as-actionable-notes");
  reached = false;
  for (let i = 0; i < 400 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await notes.evaluate((el) => el === document.activeElement);
  }
  assert.ok(reached, "the notes field is reachable with Tab");
  await page.keyboard.type("Typed by keyboard.");
  await page.keyboard.press("Tab");
  await page.reload();
  assert.equal(await page.locator("#scenario-what-counts-as-actionable-notes").inputValue(), "Typed by keyboard.");
  assertPrivate(record, server.origin);
  await context.close();
});

test("no serious or critical axe-core violations on any page, in light and dark themes", { timeout: 120_000 }, async () => {
  const pages = htmlPages(site).filter((p) => p !== "toc.html");
  const failures = [];
  for (const theme of ["light", "navy"]) {
    const { context, record } = await openContext(browser);
    await context.addInitScript((t) => {
      if (location.protocol === "http:") localStorage.setItem("mdbook-theme", t);
    }, theme);
    const page = await context.newPage();
    for (const name of pages) {
      await page.goto(server.base + name);
      for (const v of await seriousViolations(page)) failures.push(`${theme} ${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(", ")}`);
    }
    // An answered question shows its marks and feedback: check those states too.
    await page.goto(server.base + "handling-harassment-reports.html");
    await page.locator(QUIZ).getByRole("radio", { name: /Hello,\ looks\ like\ the\ person\ you\ reported/ }).check();
    await page.locator(QUIZ).getByRole("button", { name: "Check" }).click();
    for (const v of await seriousViolations(page)) failures.push(`${theme} answered question: ${v.id} ${v.help} at ${v.nodes.join(", ")}`);
    assertPrivate(record, server.origin);
    await context.close();
  }
  assert.deepEqual(failures, []);
});

test("every page runs under script-src 'self' with no console errors and no outside requests", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  for (const name of htmlPages(site)) {
    await page.goto(server.base + name);
  }
  assertPrivate(record, server.origin);
  assert.ok(record.requests.length > 20);
  await context.close();
  for (const name of htmlPages(site)) {
    const html = fs.readFileSync(path.join(site, name), "utf8");
    assert.doesNotMatch(html, /<script>|<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/, `${name} has an inline script`);
    assert.doesNotMatch(html, /\son[a-z]+="/, `${name} has an event-handler attribute`);
  }
});

test("usable at 360 px: nothing overflows sideways", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  for (const name of ["handling-harassment-reports.html", "investigating-reports.html", "progress.html"]) {
    await page.goto(server.base + name);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${name} is ${width}px wide at 360px`);
  }
  await page.goto(server.base + "handling-harassment-reports.html");
  await page.locator(QUIZ).getByRole("radio", { name: /I\ will\ take\ a\ look\ and\ will\ update\ you/ }).tap();
  await page.locator(QUIZ).getByRole("button", { name: "Check" }).tap();
  assert.match(await page.locator(QUIZ + " .training-result").textContent(), /^Correct!/);
  if (process.env.SCREENSHOT_DIR) {
    await page.locator(QUIZ).screenshot({ path: path.join(process.env.SCREENSHOT_DIR, "quiz-360.png") });
  }
  assertPrivate(record, server.origin);
  await context.close();
});

test("print page shows every question with its answer and explanation", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.addInitScript(() => { window.print = () => { window.__printed = true; }; });
  await page.goto(server.base + "print.html");
  await page.waitForFunction(() => window.__printed === true);
  await page.emulateMedia({ media: "print" });
  const answers = page.locator("details.training-answer");
  assert.equal(await answers.count(), 5);
  assert.equal(await answers.evaluateAll((all) => all.every((d) => d.open)), true);
  assert.ok(await page.getByText("B) is the best response out of this group").isVisible());
  assert.ok(await page.getByText("Hello, looks like the person you reported").first().isVisible());
  // A self-test on paper: the answers come after every question, each under its question's title.
  assert.equal(await page.locator(".training-print-answers details.training-answer").count(), 5);
  assert.equal(await page.locator("section.training-quiz details.training-answer").count(), 0);
  const order = await page.evaluate(() => {
    const questions = document.querySelectorAll("section.training-quiz");
    const answers = document.querySelector(".training-print-answers");
    return questions[questions.length - 1].compareDocumentPosition(answers) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  assert.ok(order, "the answers follow the last question");
  assert.equal(await page.locator(".training-print-answers h2").textContent(), "Answers");
  assert.equal(await page.locator(".training-reading-time").first().isVisible(), false, "reading lines do not print");

  // Printing a chapter gathers its explanations at its end, and puts them back afterwards.
  await page.emulateMedia({ media: "screen" });
  await page.goto(server.base + "handling-harassment-reports.html");
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".training-print-answers .training-explanation").count(), 1);
  assert.ok(await page.getByText("B) is the best response out of this group").isVisible(), "explanations print");
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  assert.equal(await page.locator(".training-print-answers").count(), 0);
  assert.equal(await page.locator("#quiz-writing-a-good-reply .training-explanation").count(), 1, "put back after printing");
  assertPrivate(record, server.origin);
  await context.close();
});

test("without JavaScript every question shows its options and hides its answer behind a disclosure", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.base + "handling-harassment-reports.html");
  const quiz = page.locator(QUIZ);
  assert.equal(await quiz.locator("li.training-option").count(), 4);
  assert.ok(await quiz.getByText("Hello, from a quick look").isVisible());
  const details = quiz.locator("details.training-answer");
  assert.equal(await details.locator("summary").textContent(), "Ready to see the correct answer?");
  assert.equal(await details.evaluate((d) => d.open), false);
  assert.equal(await quiz.getByText("B) is the best response").isVisible(), false, "the explanation waits behind the disclosure");
  await details.locator("summary").click();
  assert.equal(await quiz.locator(".training-best").textContent(), "The best answer is B.");
  assert.ok(await quiz.getByText("B) is the best response").isVisible());
  assert.equal(await quiz.locator("button").count(), 0, "no buttons that would do nothing");
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("skip links: the first question's first option is three key presses from the top", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.base + "handling-harassment-reports.html");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to content");
  assert.ok(await page.locator(".training-skip").first().isVisible(), "shown when focused");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to the first question");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "quiz-writing-a-good-reply-a-input", "Tab, Enter, Tab from the skip link");
  // A page without questions has no second link.
  await page.goto(server.base + "introduction.html");
  assert.equal(await page.locator("#training-skip-question").isVisible(), false);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "mdbook-content");
  assertPrivate(record, server.origin);
  await context.close();
});

test("a scenario says when its note is kept on this device", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "investigating-reports.html");
  const scenario = page.locator("#scenario-what-counts-as-actionable");
  assert.equal(await scenario.locator(".training-saved").isVisible(), false);
  await scenario.locator("textarea").fill("Ask both users for context.");
  await scenario.locator(".training-saved").waitFor();
  assert.equal(await scenario.locator(".training-saved").textContent(), "Saved on this device.");
  assert.equal(await scenario.locator(".training-saved").getAttribute("role"), "status");
  assertPrivate(record, server.origin);
  await context.close();
});


test("the landing page says what the module holds and where to start", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser, { viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(server.base + "index.html");
  const landing = page.locator(".training-landing");
  assert.match(await landing.textContent(), /Chapters: 14\. Questions: \d+\. Scenarios: \d+\. Reading the whole module takes about \d+ minutes\./);
  assert.equal(await page.locator("main .training-reading-time").count(), 0, "no second, run-on reading line");
  const start = landing.getByRole("link", { name: "Start" });
  assert.equal(await start.count(), 1);
  const box = await start.boundingBox();
  assert.ok(box.height >= 44, "a big enough target");
  const [fg, bg] = await start.evaluate((a) => [getComputedStyle(a).color, getComputedStyle(a).backgroundColor]);
  assert.notEqual(fg, bg, "its words show on its colour");
  if (process.env.SCREENSHOT_DIR) {
    await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, "landing-360.png") });
  }
  await start.click();
  await page.waitForURL(/\/introduction\.html$/);
  assertPrivate(record, server.origin);
  await context.close();
});

test("a question page loads no font face it does not use", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(server.base + "handling-harassment-reports.html");
  await page.evaluate(() => document.fonts.ready);
  const fonts = record.requests.filter((url) => /\.woff2?$/.test(url)).map((url) => url.split("/").pop());
  assert.ok(fonts.length > 0, "the page loads its regular face");
  assert.equal(await page.locator("main em, main i").count(), 0, "the chapter has no emphasis");
  assert.deepEqual(fonts.filter((f) => /italic/.test(f)), [], `no italic face: ${fonts}`);
  assertPrivate(record, server.origin);
  await context.close();
});

// Every byte a page's first view fetches: the page and what it loads, as the server sent them.
async function weigh(url) {
  const { context } = await openContext(browser, { viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const bodies = [];
  page.on("response", (response) => bodies.push(response.body().then((b) => [response.url(), b.length], () => [response.url(), 0])));
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => document.fonts.ready);
  const files = await Promise.all(bodies);
  await context.close();
  return { bytes: files.reduce((sum, [, n]) => sum + n, 0), files: files.map(([u]) => u.split("/").pop()) };
}

test("a question page weighs no more than plain mdBook's page for the same chapter", { timeout: 120_000 }, async () => {
  const plain = await serve(process.env.PLAIN_MODULE_SITE_DIR);
  try {
    const ours = await weigh(server.base + "handling-harassment-reports.html");
    const theirs = await weigh(plain.base + "handling-harassment-reports.html");
    assert.ok(ours.files.some((f) => f.startsWith("training")), "the page loads the training runtime");
    assert.deepEqual(ours.files.filter((f) => /open-sans.*-300/.test(f)), [], "no light face for the menu title");
    const weights = `ours: ${(ours.bytes / 1000).toFixed(1)} KB in ${ours.files.length} files; plain mdBook: ${(theirs.bytes / 1000).toFixed(1)} KB in ${theirs.files.length}`;
    assert.ok(ours.bytes <= theirs.bytes, weights);
    // The figures README gives, printed with the report.
    console.log(`question page weight: ${weights}`);
  } finally {
    plain.close();
  }
});
