// Prerendering: every page the app links to, written as HTML by the app itself.
//
// The built app runs in headless Chromium with no stored data and in Swedish (a first
// visit), follows every in-app link from the start page, and for each route writes the
// markup the app drew into a copy of index.html: `kommun/hjo/index.html` for
// `/kommun/hjo` (static hosts answer `/kommun/hjo` by redirecting to `/kommun/hjo/`),
// `index.html` for the start page and `404.html` for any other path. There is no second
// copy of the markup: what the page shows before the wasm arrives is what the app drew.
//
// In each page: `<html data-page="/kommun/hjo">` (the address it was written for, read
// by the inline script in index.html), `data-ahead` (the wasm chunks the route's start
// fetches, which that script fetches ahead while the browser is idle), its own <title>
// and description, and every top-level element marked `data-prerendered`. Its controls
// stay enabled (a disabled one swallows the click): the first touch of one starts the
// app, and what was typed, chosen or clicked is carried over (src/ui/carry_over.rs).
// Called by scripts/post-build.mjs for release builds.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";
import { CHROMIUM, QUIET } from "./chromium.mjs";

// The start page, and the page a static host sends for any unknown address.
const NOT_FOUND = "/404.html";
const START = ["/", NOT_FOUND];
const BEGIN = "<!--prerendered-->";
const END = "<!--/prerendered-->";

/** index.html as Trunk wrote it: a page written by an earlier run loses what it added. */
function template(html) {
  return html
    .replace(/ data-page="[^"]*"/, "")
    .replace(/ data-ahead="[^"]*"/, "")
    .replace(/\n?\s*<meta [^>]*data-prerendered[^>]*>/g, "")
    .replace(new RegExp(`${BEGIN}[\\s\\S]*?${END}\\n?`), "");
}

const escapeText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s) => escapeText(s).replace(/"/g, "&quot;");

/** One written page: the template with the page's address, head entries and body. */
function compose(shell, { page, ahead, title, description, body }) {
  const html = shell
    .replace(/<html([^>]*)>/, `<html$1 data-page="${escapeAttr(page)}" data-ahead="${escapeAttr(ahead.join(" "))}">`)
    .replace(
      /<title>[^<]*<\/title>/,
      `<title>${escapeText(title)}</title>\n    <meta name="description" content="${escapeAttr(description)}" data-prerendered>`,
    )
    .replace(/<body>\n?/, `<body>\n${BEGIN}${body}${END}\n`);
  if (!html.includes(BEGIN) || !html.includes("data-prerendered>")) {
    throw new Error("index.html lacks <html>, <title> or <body> where the prerenderer expects them");
  }
  return html;
}

/** The file a route is written to, inside the build folder. */
function fileFor(route) {
  if (route === "/") return "index.html";
  if (route === NOT_FOUND) return "404.html";
  return `${route.slice(1)}/index.html`;
}

/** Runs in the page: the app's markup as a first visitor sees it, ready to be served as HTML. */
function snapshot() {
  // Values live in properties; the written page can only carry them as attributes.
  for (const input of document.querySelectorAll("input")) {
    if (input.type === "checkbox" || input.type === "radio") input.toggleAttribute("checked", input.checked);
    else if (input.type !== "file") input.setAttribute("value", input.value);
  }
  for (const area of document.querySelectorAll("textarea")) area.textContent = area.value;
  for (const option of document.querySelectorAll("option")) option.toggleAttribute("selected", option.selected);
  const body = document.body.cloneNode(true);
  for (const old of body.querySelectorAll("script")) old.remove();
  for (const element of body.children) element.setAttribute("data-prerendered", "");
  const links = [...document.querySelectorAll("a[href]")].map((a) => a.href);
  // The chunks (not the main module, which the page's loader fetches itself), by their
  // address relative to <base>, as the loader resolves them.
  const ahead = performance
    .getEntriesByType("resource")
    .map((e) => new URL(e.name))
    .filter((url) => url.origin === location.origin && url.pathname.endsWith(".wasm") && !url.pathname.endsWith("_bg.wasm"))
    .map((url) => url.href.slice(document.baseURI.length));
  return {
    ahead: [...new Set(ahead)],
    title: document.title,
    description: document.querySelector('meta[name="description"]')?.content ?? "",
    // The app's empty placeholder comments mean nothing in a written page.
    body: body.innerHTML.replaceAll("<!---->", ""),
    links,
  };
}

/**
 * Writes every page of the build in `dir` (served under `publicUrl`); returns the routes.
 * `dir/index.html` is the template (Trunk's, or a page written by an earlier run).
 */
export async function prerender(dir, publicUrl = "/") {
  const base = publicUrl.replace(/\/?$/, "/");
  const shell = template(await readFile(join(dir, "index.html"), "utf8"));
  const server = await serve({ dir, port: 0, prefix: base });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: QUIET });
  const written = [];
  try {
    const context = await browser.newContext({
      locale: "sv-SE",
      timezoneId: "Europe/Stockholm",
      viewport: { width: 1280, height: 900 },
      serviceWorkers: "block",
    });
    // Every address gets the template (as the host will send the written page), so the
    // app draws each route from scratch however often this runs.
    await context.route(
      (url) => url.origin === origin,
      (route) =>
        route.request().resourceType() === "document"
          ? route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: shell })
          : route.continue(),
    );
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));

    const queue = [...START];
    const seen = new Set(queue);
    while (queue.length > 0) {
      const route = queue.shift();
      const address = origin + base.slice(0, -1) + route;
      await page.goto(address);
      await page
        .locator("main h1")
        .first()
        .waitFor()
        .catch((e) => {
          throw new Error(`prerendering ${route}: the app drew no heading (${[e.message, ...problems].join("; ")})`);
        });
      // Effects after the first draw (a storage estimate, the persisted flag) settle first.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100))));
      const shot = await page.evaluate(snapshot);
      if (problems.length > 0) throw new Error(`prerendering ${route}: ${problems.join("; ")}`);
      const pageAddress = route === NOT_FOUND ? "" : (base.slice(0, -1) + route).replace(/\/$/, "") || "/";
      const file = join(dir, fileFor(route));
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, compose(shell, { page: pageAddress, ...shot }));
      written.push(route);
      for (const link of shot.links) {
        const url = new URL(link);
        if (url.origin !== origin || !url.pathname.startsWith(base)) continue;
        const next = "/" + url.pathname.slice(base.length).replace(/\/$/, "");
        // Files of the build (the JSON Schema, icons) are no pages.
        if (/\.[a-z0-9]+$/i.test(next) || seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
  return written;
}
