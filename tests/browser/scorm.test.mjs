// A SCORM package in a learning platform: scorm-again as the platform's API on a host page, the
// package in its frame. One session per launch however many pages are read, every call
// checked, the reader's answers in the platform's record, and back after a relaunch in a fresh
// browser with only the platform's saved data.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serveSites, launch, openContext } from "./harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const packages = process.env.SCORM_PACKAGES_DIR;
let server;
let browser;

before(async () => {
  if (!packages) throw new Error("SCORM_PACKAGES_DIR must name extracted packages (run through `cargo test`)");
  server = await serveSites([
    ["/host", path.join(here, "scorm-host")],
    ["/lib", path.join(here, "node_modules/scorm-again/dist")],
    ["/pkg12", path.join(packages, "12")],
    ["/pkg2004", path.join(packages, "2004")],
    ["/pkg12m", path.join(packages, "12m")],
    ["/pkgmod", path.join(packages, "module12")],
    ["/pkgmod2004", path.join(packages, "module2004")],
  ]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** The host page for `version` with `saved` data, and the module's frame inside the package. */
async function open(context, version, saved) {
  const page = await context.newPage();
  const pkg = { "1.2": "/pkg12/scorm.html", "2004": "/pkg2004/scorm.html", mastery: "/pkg12m/scorm.html", module: "/pkgmod/scorm.html", module2004: "/pkgmod2004/scorm.html" }[version];
  version = { mastery: "1.2", module: "1.2", module2004: "2004" }[version] || version;
  const hash = saved ? "#" + encodeURIComponent(JSON.stringify(saved)) : "";
  await page.goto(`${server.origin}/host/host.html?v=${version}&package=${pkg}${hash}`);
  const module = page.frameLocator("#sco").frameLocator("iframe");
  await module.locator("main").waitFor();
  return { page, module };
}

for (const version of ["1.2", "2004"]) {
  test(`SCORM ${version}: one session, the answers in the platform's record, back after a relaunch`, { timeout: 120_000 }, async () => {
    const v12 = version === "1.2";
    const { context, record } = await openContext(browser);
    const { page, module } = await open(context, version, null);
    assert.match(await module.locator(".training-landing .training-platform").textContent(), /records the pages you open, your answers and your score/, "the first page says what the platform records");
    assert.equal(await module.locator(".training-private-toggle").count(), 0, "no private reading inside a platform");
    await module.locator("a.training-start").click();
    const quiz = module.locator("[data-training-quiz]");
    await quiz.getByRole("radio", { name: /Thank you for telling us/ }).check();
    await quiz.getByRole("button", { name: "Check" }).click();
    await quiz.locator(".training-result").waitFor();
    await page.waitForFunction((name) => window.platform.calls.some((c) => c.name === name && /suspend_data/.test(c.a)), v12 ? "LMSSetValue" : "SetValue");
    await page.evaluate(() => window.platform.close());
    await page.waitForFunction((name) => window.platform.calls.some((c) => c.name === name), v12 ? "LMSFinish" : "Terminate");
    const calls = await page.evaluate(() => window.platform.calls);
    const count = (name) => calls.filter((c) => c.name === name).length;
    assert.equal(count(v12 ? "LMSInitialize" : "Initialize"), 1, "initialized once");
    assert.equal(count(v12 ? "LMSFinish" : "Terminate"), 1, "finished once");
    assert.deepEqual(calls.filter((c) => c.result === "false" || c.result === false).map((c) => `${c.name}(${c.a})`), [], "no call failed");
    const cmi = await page.evaluate(() => window.platform.cmi());
    const location = v12 ? cmi.core.lesson_location : cmi.location;
    assert.equal(location, "first-chapter.html");
    const suspend = JSON.parse(cmi.suspend_data);
    assert.equal(suspend.q["replying-to-a-report"], "1c", "the answer, compact: option B, right");
    assert.ok(cmi.suspend_data.length <= 4096);
    // Every question answered and every reading page opened: complete, scored on first checks.
    if (v12) {
      assert.equal(cmi.core.lesson_status, "completed");
      assert.equal(String(cmi.core.score.raw), "100");
      assert.equal(cmi.core.exit, "");
    } else {
      assert.equal(cmi.completion_status, "completed");
      assert.equal(cmi.success_status, "unknown", "no mastery score: neither passed nor failed");
      assert.equal(String(cmi.score.scaled), "1");
      assert.equal(String(cmi.progress_measure), "1");
      assert.equal(cmi.exit, "normal");
    }
    const interaction = cmi.interactions["0"];
    assert.equal(interaction.id, "replying-to-a-report");
    assert.equal(interaction.type, "choice");
    assert.equal(v12 ? interaction.student_response : interaction.learner_response, "b");
    assert.equal(interaction.result, "correct");
    // Write-only in the record: the call that sent it, accepted.
    const time = calls.find((c) => c.a === (v12 ? "cmi.core.session_time" : "cmi.session_time"));
    assert.ok(time && /^(\d{4}:\d{2}:\d{2}|PT\d+H\d+M\d+S)$/.test(time.b), JSON.stringify(time));
    assert.deepEqual(record.errors, [], "no script error");
    assert.deepEqual(record.violations, [], "nothing the content security policy blocks");
    await context.close();

    // Another browser: only the platform's saved data.
    const fresh = await openContext(browser);
    const saved = v12
      ? { suspend_data: cmi.suspend_data, core: { lesson_location: location } }
      : { suspend_data: cmi.suspend_data, location };
    const again = await open(fresh.context, version, saved);
    await again.module.locator("[data-training-quiz]").waitFor();
    assert.equal(await again.module.locator("[data-training-quiz] input[value='1']").isChecked(), true, "the answer is back");
    assert.deepEqual(fresh.record.errors, []);
    await fresh.context.close();
  });
}

test("with a mastery score, a question wrong at its first check fails the module, however it ends", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const { page, module } = await open(context, "mastery", null);
  await module.locator("a.training-start").click();
  const quiz = module.locator("[data-training-quiz]");
  await quiz.getByRole("radio", { name: /Have you tried ignoring them/ }).check();
  await quiz.getByRole("button", { name: "Check" }).click();
  await quiz.getByRole("button", { name: "Try again" }).click();
  await quiz.getByRole("radio", { name: /Thank you for telling us/ }).check();
  await quiz.getByRole("button", { name: "Check" }).click();
  await quiz.locator(".training-best, .is-right, .training-result").first().waitFor();
  await page.waitForFunction(() => window.platform.calls.some((c) => c.a === "cmi.core.lesson_status" && c.b === "failed"));
  await page.evaluate(() => window.platform.close());
  await page.waitForFunction(() => window.platform.calls.some((c) => c.name === "LMSFinish"));
  const cmi = await page.evaluate(() => window.platform.cmi());
  assert.equal(cmi.core.lesson_status, "failed");
  assert.equal(String(cmi.core.score.raw), "0", "scored on the first check");
  assert.equal(cmi.interactions["0"].result, "correct", "the interaction keeps the last answer");
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("long notes: the record stays within 4,096 characters, and the reader is told which note stays on this device", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const { page, module } = await open(context, "1.2", null);
  await module.locator("a.training-start").click();
  const quiz = module.locator("[data-training-quiz]");
  await quiz.getByRole("radio", { name: /Thank you for telling us/ }).check();
  await quiz.getByRole("button", { name: "Check" }).click();
  const field = module.locator(".training-notes-field").first();
  await field.fill("A long note. ".repeat(400));
  await field.blur();
  const saved = module.locator("[data-training-scenario] .training-saved").first();
  await saved.filter({ hasText: "kept on this device only" }).waitFor();
  await page.waitForFunction(() => window.platform.calls.some((c) => /suspend_data/.test(c.a) && /replying-to-a-report/.test(c.b)));
  await page.evaluate(() => window.platform.close());
  await page.waitForFunction(() => window.platform.calls.some((c) => c.name === "LMSFinish"));
  const cmi = await page.evaluate(() => window.platform.cmi());
  assert.ok(cmi.suspend_data.length <= 4096, `${cmi.suspend_data.length} characters`);
  assert.equal(JSON.parse(cmi.suspend_data).q["replying-to-a-report"], "1c", "the answers always fit");
  // A short note fits again: the platform keeps it, and says so.
  const second = await open(context, "1.2", { suspend_data: cmi.suspend_data, core: { lesson_location: "first-chapter.html" } });
  const again = second.module.locator(".training-notes-field").first();
  assert.match(await again.inputValue(), /^A long note\./, "the note kept on this device is back on this device");
  await again.fill("Short.");
  await again.blur();
  await second.module.locator("[data-training-scenario] .training-saved").first().filter({ hasText: "Saved in your learning platform" }).waitFor();
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("the quick exit finishes the session before it leaves the platform's page", { timeout: 120_000 }, async () => {
  const { context } = await openContext(browser);
  const said = [];
  // The quick exit's page, answered here: these tests ask no other host.
  await context.route("https://www.wikipedia.org/**", (route) => route.fulfill({ contentType: "text/html", body: "<p>left</p>" }));
  const { page, module } = await open(context, "mastery", null);
  page.on("console", (message) => said.push(message.text()));
  await module.locator(".training-quick-exit").click();
  await page.waitForURL(/wikipedia\.org/);
  assert.ok(said.includes("platform: LMSFinish"), said.join("\n"));
  await context.close();
});

for (const [version, name] of [["1.2", "module"], ["2004", "module2004"]]) {
test(`SCORM ${version}: the whole module read through by its next links, every question answered: complete, scored, within the record's limit`, { timeout: 300_000 }, async () => {
  const v12 = version === "1.2";
  const { context, record } = await openContext(browser, { viewport: { width: 1280, height: 900 } });
  const { page } = await open(context, name, null);
  const launchFrame = () => page.frames().find((f) => new URL(f.url()).pathname.endsWith("/scorm.html"));
  const inner = () => launchFrame().childFrames()[0];
  for (let pages = 0; pages < 40; pages++) {
    const frame = inner();
    await frame.waitForSelector("main", { state: "attached" });
    const onward = await frame.$(".training-continue:not([hidden])");
    if (onward) { await onward.click(); }
    for (const quiz of await frame.$$("[data-training-quiz]")) {
      const data = JSON.parse(await quiz.getAttribute("data-training-quiz"));
      for (const answer of data.answers) { await (await quiz.$(`input[value='${answer}']`)).check(); }
      await (await quiz.$("button.training-check")).click();
    }
    for (const field of await frame.$$(".training-notes-field")) {
      await field.fill("What I would do, and why. ".repeat(40));
      await field.evaluate((f) => f.blur());
    }
    // mdBook's "next" link: beside the page on a wide screen, under it on a narrow one.
    const next = (await frame.$("a.nav-chapters.next:visible")) || (await frame.$("a.mobile-nav-chapters.next:visible"));
    if (!next) { break; }
    const from = frame.url();
    await next.click();
    await page.waitForFunction((url) => {
      const launch = [...document.querySelectorAll("iframe")][0].contentWindow;
      const module = launch.document.querySelector("iframe");
      return module && module.contentWindow.location.href !== url && module.contentDocument.readyState === "complete";
    }, from);
  }
  await page.waitForTimeout(500);
  await page.evaluate(() => window.platform.close());
  const [init, finish] = v12 ? ["LMSInitialize", "LMSFinish"] : ["Initialize", "Terminate"];
  await page.waitForFunction((name) => window.platform.calls.some((c) => c.name === name), finish);
  const calls = await page.evaluate(() => window.platform.calls);
  assert.equal(calls.filter((c) => c.name === init).length, 1);
  assert.equal(calls.filter((c) => c.name === finish).length, 1);
  assert.deepEqual(calls.filter((c) => c.result === "false").map((c) => `${c.name}(${c.a})`), []);
  const cmi = await page.evaluate(() => window.platform.cmi());
  assert.equal(v12 ? cmi.core.lesson_status : cmi.completion_status, "completed");
  assert.equal(String(v12 ? cmi.core.score.raw : cmi.score.raw), "100", "every question right at its first check");
  const interactions = Object.values(cmi.interactions).filter((i) => i && i.id);
  assert.equal(interactions.length, 5);
  assert.ok(interactions.every((i) => i.result === "correct"));
  assert.ok(cmi.suspend_data.length <= 4096, `${cmi.suspend_data.length} characters`);
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.violations, []);
  await context.close();
});
}

test("without a platform, the package is the site", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.origin}/pkg12/scorm.html`);
  await page.waitForURL(/\/pkg12\/index\.html$/);
  await page.locator("a.training-start").click();
  const quiz = page.locator("[data-training-quiz]");
  await quiz.getByRole("radio", { name: /Thank you for telling us/ }).check();
  await quiz.getByRole("button", { name: "Check" }).click();
  await quiz.locator(".training-result").waitFor();
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("/quiz/")));
  assert.deepEqual(kept, ["mdbook-training/my-training-module/quiz/replying-to-a-report"], "kept on this device, as on the site");
  assert.ok(await page.locator(".training-private-toggle").count() > 0, "private reading offered, as on the site");
  assert.deepEqual(record.errors, []);
  await context.close();
});

test("inside a platform the progress page offers no progress file: the platform keeps the record", { timeout: 120_000 }, async () => {
  const { context, record } = await openContext(browser);
  const { module } = await open(context, "1.2", { core: { lesson_location: "progress.html" } });
  await module.locator(".training-recap-progress .training-view").waitFor();
  assert.equal(await module.locator(".training-take-along").count(), 0);
  assert.deepEqual(record.errors, []);
  await context.close();
});
