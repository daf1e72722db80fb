// Test harness: serves a built site on 127.0.0.1 under a strict Content-Security-Policy and
// drives Debian's Chromium through playwright-core, recording every request and error.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
export const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
};

export function siteDir() {
  const dir = process.env.SITE_DIR;
  if (!dir || !fs.existsSync(path.join(dir, "index.html"))) {
    throw new Error("SITE_DIR must name a built site (run these tests through `cargo test`)");
  }
  return dir;
}

/** The policy for a book whose own page template has inline scripts: the author's choice. */
export const CSP_UNSAFE_INLINE = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");

/**
 * Serves `root` (optionally under a path prefix) on 127.0.0.1 under `csp`; resolves to
 * { origin, base, close, setDown } (`setDown(true)`: every request fails as offline).
 */
export function serve(root, prefix = "", csp = CSP) {
  return serveSites([[prefix, root]], csp).then((server) => ({ ...server, base: `${server.origin}${prefix}/` }));
}

/**
 * Serves several sites on one origin, each under its path prefix (`[["/a", dirA], ["/b", dirB]]`),
 * as modules published side by side on one host; resolves to { origin, close }.
 */
export function serveSites(sites, csp = CSP) {
  // Large enough for a page address with a long query, as a reader might be sent.
  let down = false;
  const server = http.createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
    // A network that is gone: the connection drops with no answer.
    if (down) {
      req.socket.destroy();
      return;
    }
    let url = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    if (url === "/__test/axe.js") {
      res.writeHead(200, { "Content-Type": TYPES[".js"] });
      res.end(AXE_SOURCE);
      return;
    }
    const site = sites.find(([prefix]) => url.startsWith(prefix + "/"));
    if (!site) {
      res.writeHead(404).end("not found");
      return;
    }
    const [prefix, root] = site;
    url = url.slice(prefix.length);
    let file = path.normalize(path.join(root, url));
    if (!file.startsWith(path.normalize(root))) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[path.extname(file)] || "application/octet-stream",
      "Content-Security-Policy": csp,
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      const setDown = (value) => {
        down = value;
        if (value) server.closeIdleConnections();
      };
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => server.close(), setDown });
    });
  });
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

/**
 * A fresh browser context (its own storage) that records requests, console errors, page
 * errors and CSP violations. `options` are Playwright context options.
 */
export async function openContext(browser, options = {}) {
  const context = await browser.newContext(options);
  const record = { requests: [], errors: [], violations: [], failures: [] };
  context.on("request", (request) => record.requests.push(request.url()));
  context.on("response", (response) => {
    if (response.status() >= 400) record.failures.push(`${response.status()} ${response.url()}`);
  });
  await context.exposeBinding("__reportViolation", (_source, text) => record.violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__reportViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline code"} in ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  context.on("page", (page) => watchPage(page, record));
  return { context, record };
}

function watchPage(page, record) {
  page.on("console", (message) => {
    if (message.type() === "error") record.errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => record.errors.push(`${page.url()}: ${error.message}`));
}

/** Every .html page of the built site, relative to its root. */
export function htmlPages(root) {
  const pages = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".html")) pages.push(path.relative(root, full).split(path.sep).join("/"));
    }
  };
  walk(root);
  return pages.sort();
}

/** Runs axe-core in the page and returns its serious and critical violations. */
export async function seriousViolations(page) {
  await page.addScriptTag({ url: "/__test/axe.js" });
  const results = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return results.filter((v) => v.impact === "serious" || v.impact === "critical");
}
