// Every page readable before the wasm arrives: the release build writes each route the
// app links to as HTML drawn by the app itself (scripts/prerender.mjs); the app takes
// the page over without a shift (src/ui/takeover.rs); a visitor whose page would differ
// (own data, English, a filtered view) never sees the built-in Swedish one.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { start, open, appRunning, openEditor, startTheApp } from "./harness.mjs";

let root;
let klimat;
before(async () => {
  root = await start();
  klimat = await start({ dir: "dist-klimat", prefix: "/klimat/" });
});
after(async () => {
  await root?.stop();
  await klimat?.stop();
});

// Each route the app links to, with what its HTML must hold before any script runs.
const PAGES = [
  { path: "/", title: "Översikt – Klimatcoachning", h1: "Klimatcoachning 2007–2008", facts: ['data-testid="applied">34<', "2007", "50 000"] },
  { path: "/program", title: "Program och omgångar – Klimatcoachning", h1: "Program och omgångar", facts: ["Avslutad", "Deltagare: 22", "Deltagare: 5", "Ny omgång"] },
  { path: "/kommuner", title: "Kommuner – Klimatcoachning", h1: "Deltagare i båda projekten", facts: ["Visar 27 av 27.", "Hjo", "Östra Göinge"] },
  { path: "/kommun/hjo", title: "Hjo – Klimatcoachning", h1: "Hjo", facts: ["1497", "Västra Götalands län", "kalla-s"] },
  { path: "/mentorer", title: "Mentorer – Klimatcoachning", h1: "Mentorer och mentorkommuner", facts: ["Ingen mentor"] },
  { path: "/pilotlan", title: "Pilotlän – Klimatcoachning", h1: "Klimatcoachning – pilotlän i Skåne", facts: ["Eslöv", "Kävlinge", "Länsstyrelsen i Skåne"] },
  { path: "/handelser", title: "Händelser – Klimatcoachning", h1: "Händelser i programmet", facts: ["Pär Holmgren"] },
  { path: "/rapport", title: "Rapport – Klimatcoachning", h1: "Rapport: Klimatcoachning", facts: ["Källorna och datan", "Härjedalen"] },
  { path: "/data", title: "Data – Klimatcoachning", h1: "Data i webbläsaren", facts: ["klimatcoachning-v4.json"] },
  { path: "/om", title: "Om – Klimatcoachning", h1: "Om Klimatcoachning-registret", facts: ['id="kalla-s1"', 'id="kalla-s2"'] },
];

const text = (html) => html.replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").replace(/\s+/g, " ");
const h1Of = (html) => text(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? "").trim();

/** The page's HTML as a host sends it, following the trailing-slash redirect. */
async function fetchPage(app, path) {
  const response = await fetch(app.url(path), { headers: { "accept-encoding": "gzip" } });
  return { status: response.status, url: response.url, html: await response.text() };
}

for (const [name, app] of [["at /", () => root], ["under /klimat/", () => klimat]]) {
  test(`${name}: every route answers 200 with its own page, heading, facts, title, description and policy`, async () => {
    for (const page of PAGES) {
      const { status, html } = await fetchPage(app(), page.path);
      assert.equal(status, 200, page.path);
      assert.equal(h1Of(html), page.h1, page.path);
      assert.match(html, new RegExp(`<title>${page.title}</title>`), page.path);
      const description = /<meta name="description" content="([^"]+)" data-prerendered>/.exec(html)?.[1];
      assert.ok(description && description.length > 40, `${page.path} has a description of its own`);
      for (const fact of page.facts) assert.ok(html.includes(fact), `${page.path} holds ${fact}`);
      assert.equal((html.match(/<main/g) ?? []).length, 1, page.path);
      // The wasm waits for the page's loader (fetched when idle, started on intent): no
      // preload competes with the page itself.
      assert.ok(!/<link rel="preload"[^>]*\.wasm/.test(html), `${page.path}: no wasm preload`);
      assert.match(html, /const wasm = await init\(\{ module_or_path: await window\.kcLoader\.wasm\(/, `${page.path}: the wasm comes through the loader`);
      assert.match(html, /<html [^>]*data-ahead="/, `${page.path}: its chunks are named for fetching ahead`);
      // The policy allows exactly the page's inline scripts, by hash.
      const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? "";
      for (const [, body] of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
        const hash = createHash("sha256").update(body, "utf8").digest("base64");
        assert.ok(policy.includes(`'sha256-${hash}'`), `${page.path}: inline script allowed by hash`);
      }
      assert.ok(!policy.includes("unsafe-inline"));
    }
    const descriptions = new Set();
    for (const page of PAGES) descriptions.add(/<meta name="description" content="([^"]+)"/.exec((await fetchPage(app(), page.path)).html)[1]);
    assert.equal(descriptions.size, PAGES.length, "each page describes itself");
  });

  test(`${name}: every participant linked from the list has its page; both address forms work; unknown paths get 404`, async () => {
    const { html } = await fetchPage(app(), "/kommuner");
    const prefix = app().url("").replace(app().origin, "");
    const slugs = [...new Set([...html.matchAll(/href="([^"]*\/kommun\/[^"#?]+)"/g)].map((m) => m[1]))];
    assert.ok(slugs.length >= 27, `${slugs.length} participant links`);
    for (const href of slugs) {
      assert.ok(href.startsWith(prefix + "/kommun/"), href);
      const page = await fetchPage(app(), href.slice(prefix.length));
      assert.equal(page.status, 200, href);
      assert.match(page.html, /data-page="[^"]+"/);
    }
    const plain = await fetch(app().url("/kommun/hjo"), { redirect: "manual" });
    assert.equal(plain.status, 301, "a folder without its slash is redirected, as GitHub Pages does");
    assert.equal(plain.headers.get("location"), app().url("/kommun/hjo/").replace(app().origin, ""));
    const slash = await fetchPage(app(), "/kommun/hjo/");
    assert.equal(slash.status, 200);
    assert.equal(h1Of(slash.html), "Hjo");
    const unknown = await fetchPage(app(), "/finns-inte");
    assert.equal(unknown.status, 404);
    assert.equal(h1Of(unknown.html), "Sidan finns inte");
    assert.ok(text(unknown.html).includes("Det finns ingen sida på den här adressen."));
    assert.match(unknown.html, /data-page=""/, "404.html belongs to no address");
  });

  test(`${name}: /kommun/hjo/ opened by the app shows Hjo, and in-app links still lead on`, async () => {
    const page = await app().page();
    await open(page, app().url("/kommun/hjo/"));
    assert.equal(await page.locator("h1").textContent(), "Hjo");
    assert.equal(page.url(), app().url("/kommun/hjo"), "the app's own address, without the folder's slash");
    assert.equal(await page.getByTestId("kommunkod").textContent(), "1497");
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Kommuner" }).click();
    await page.waitForURL(app().url("/kommuner"));
    assert.equal(await page.locator("h1").textContent(), "Deltagare i båda projekten");
    assert.deepEqual(page.problems, []);
  });
}

test("with JavaScript off, /kommun/hjo reads fully and says what needs the app", async () => {
  const page = await root.page({ javaScriptEnabled: false });
  const response = await page.goto(root.url("/kommun/hjo"));
  assert.equal(response.status(), 200);
  assert.equal(await page.locator("h1").innerText(), "Hjo");
  const body = await page.locator("body").innerText();
  for (const fact of ["1497", "Västra Götalands län", "Klimatcoachning"]) assert.ok(body.includes(fact), fact);
  assert.match(await page.locator(".noscript").innerText(), /Utan JavaScript kan du läsa allt här/);
  // Sources are links to the about page's list, which is there too.
  const source = page.locator("a.source-ref").first();
  assert.match(await source.getAttribute("href"), /^\/om#kalla-s\d+$/);
  await source.click();
  await page.waitForURL(/\/om\/#kalla-s\d+$/);
  assert.equal(await page.locator("h1").innerText(), "Om Klimatcoachning-registret");
  // The navigation works as plain links.
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Kommuner" }).click();
  await page.waitForURL(root.url("/kommuner/"));
  assert.ok((await page.locator("body").innerText()).includes("Östra Göinge"));
  // Nothing that needs the app pretends to work: its controls look it and take no pointer.
  const live = await page.locator("main :is(input, button, select, textarea)").evaluateAll((controls) =>
    controls.filter((c) => getComputedStyle(c).pointerEvents !== "none" || getComputedStyle(c).opacity === "1").length,
  );
  assert.ok((await page.locator("main button").count()) > 0);
  assert.equal(live, 0);
  await page.context().close();
});

test("with JavaScript off on a phone the header's links show, since the menu cannot open", async () => {
  const page = await root.page({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
  await page.goto(root.url("/kommun/hjo"));
  const nav = page.getByRole("navigation", { name: "Huvudmeny" });
  assert.ok(await nav.getByRole("link", { name: "Kommuner" }).isVisible(), "the links are there to follow");
  assert.equal(await page.getByRole("button", { name: "Meny" }).count(), 0, "no button that cannot work");
  await nav.getByRole("link", { name: "Kommuner" }).click();
  await page.waitForURL(root.url("/kommuner/"));
  await page.context().close();
});

/**
 * Records, from the document's first animation frame until the app runs, whether the
 * text a visitor can see in <main> (and in the whole page) holds `words`.
 */
async function framesShowing(page, url, words) {
  await page.addInitScript((watched) => {
    window.__frames = [];
    const sample = () => {
      const visible = (el) => el && el.checkVisibility({ visibilityProperty: true }) ? el.innerText : "";
      const seen = visible(document.body);
      window.__frames.push({ running: !document.querySelector("[data-prerendered]") && !!document.querySelector("main"), hits: watched.filter((w) => seen.includes(w)) });
      if (window.__frames.length < 2000) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  }, words);
  // The wasm held back, so the page lives a while before the app: what the slow phone sees.
  await page.route("**/*.wasm", async (route) => {
    await new Promise((done) => setTimeout(done, 400));
    await route.continue();
  });
  await page.goto(url);
  await page.waitForFunction(appRunning);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return page.evaluate(() => window.__frames);
}

// Service workers off: a worker would hand over the wasm at once, past the held route.
test("a visitor with a stored edit never sees the built-in value, not for one frame", async () => {
  const page = await root.page({ serviceWorkers: "block" });
  await open(page, root.url("/kommun/hjo"));
  await openEditor(page);
  await page.getByLabel("Avsiktsförklaring godkänd av kommunstyrelsen").fill("2007-03-15");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await page.getByTestId("letter-of-intent").getByText("15 mars 2007").waitFor();
  const builtIn = await (await fetchPage(root, "/kommun/hjo")).html;
  const letter = text(/data-testid="letter-of-intent"[^>]*>([\s\S]*?)<\/(?:dd|p|span)>/.exec(builtIn)?.[1] ?? "").trim();
  assert.ok(letter && !letter.includes("15 mars 2007"), `built-in letter of intent: ${letter}`);

  const next = await page.context().newPage();
  const frames = await framesShowing(next, root.url("/kommun/hjo"), ["Hjo", letter]);
  const before = frames.filter((f) => !f.running);
  assert.ok(before.length >= 3, `${before.length} frames before the app ran`);
  assert.deepEqual(before.filter((f) => f.hits.length > 0), [], "nothing of the written page showed");
  assert.ok(frames.at(-1).hits.includes("Hjo"), "the app then shows the page");
  assert.equal(await next.getByTestId("letter-of-intent").getByText("15 mars 2007").count(), 1);
  await page.context().close();
});

test("a visitor who chose English never sees the Swedish page; a filtered address never the unfiltered list", async () => {
  const page = await root.page({ serviceWorkers: "block" });
  await open(page, root.url("/"));
  await page.getByRole("button", { name: "In English" }).click();
  await page.locator("html[lang=en]").waitFor();
  const next = await page.context().newPage();
  const frames = await framesShowing(next, root.url("/kommuner"), ["Kommuner", "Översikt", "Huvudmeny", "Visar"]);
  assert.ok(frames.filter((f) => !f.running).length >= 3);
  assert.deepEqual(frames.filter((f) => f.hits.length > 0), [], "no Swedish words, before or after");
  assert.equal(await next.locator("h1").textContent(), "Participants in both programmes");
  await page.context().close();

  const fresh = await root.page({ plain: true, serviceWorkers: "block" });
  const filtered = await framesShowing(fresh, root.url("/kommuner?lan=12"), ["Visar 27 av 27."]);
  assert.deepEqual(filtered.filter((f) => f.hits.length > 0), []);
  assert.match(await fresh.getByTestId("showing").textContent(), /^Visar \d+ av 27\.$/);
  await fresh.context().close();
});

test("the app takes over without a layout shift, keeping scroll and focus, leaving one copy", async () => {
  for (const path of ["/", "/kommuner", "/kommun/hjo"]) {
    const page = await root.page({ plain: true, viewport: { width: 360, height: 640 } });
    await page.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    let release;
    const held = new Promise((done) => (release = done));
    await page.route("**/*.wasm", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(root.url(path), { waitUntil: "commit" });
    const heading = page.locator("main[data-prerendered] h1");
    await heading.waitFor();
    // Before the app: the page reads, and no control is disabled that the app does not
    // disable (a disabled one swallows a click).
    const disabled = "body > * :is(input, select, textarea, button):disabled";
    const writtenDisabled = await page.locator(disabled).count();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.evaluate(() => window.scrollTo(0, 200));
    const focused = await page.evaluate(() => [document.activeElement.tagName, document.activeElement.textContent]);
    assert.equal(focused[0], "A", `${path}: a link has focus`);
    await startTheApp(page);
    release();
    await page.waitForFunction(appRunning);
    await page.evaluate(() => new Promise((done) => setTimeout(done, 500)));
    const after = await page.evaluate(() => ({
      cls: window.__cls,
      y: window.scrollY,
      focused: [document.activeElement.tagName, document.activeElement.textContent],
      mains: document.querySelectorAll("main").length,
      h1s: document.querySelectorAll("h1").length,
      descriptions: document.querySelectorAll('meta[name="description"]').length,
      waiting: document.documentElement.className,
    }));
    assert.ok(after.cls <= 0.02, `${path}: CLS ${after.cls}`);
    assert.equal(after.y, 200, `${path}: scroll kept`);
    assert.deepEqual(after.focused, focused, `${path}: focus kept`);
    assert.equal(after.mains, 1);
    assert.equal(after.h1s, 1);
    assert.equal(after.descriptions, 1);
    assert.equal(after.waiting, "kc-js");
    assert.equal(await page.locator(disabled).count(), writtenDisabled, `${path}: as many disabled controls as the app draws`);
    if (path === "/kommun/hjo") assert.ok((await page.locator("main :is(button.edit-open, textarea):enabled").count()) > 0, "controls work now");
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

// A phone starts the app four times slower: one long task would hold up the visitor's
// taps and scrolling. The start runs in several tasks (src/ui/takeover.rs): the shell in
// one, the page in a later one, the written page on screen until both are drawn. (Seen
// from the app's own timer tasks: a timer of the test's could be run after them.)
test("the app starts in several tasks, the written page on screen between them", async () => {
  for (const path of ["/", "/kommun/hjo"]) {
    const page = await root.page({ plain: true, serviceWorkers: "block" });
    // Just before each timer task runs (the app yields with setTimeout), what shows.
    await page.addInitScript(() => {
      window.__ticks = [];
      const record = () => {
        if (!document.documentElement?.classList.contains("kc-mounting")) return;
        const drawn = [...document.body.children].filter((e) => !e.hasAttribute("data-prerendered") && !["SCRIPT", "NOSCRIPT", "LINK"].includes(e.tagName));
        const written = document.querySelector("main[data-prerendered]");
        window.__ticks.push({
          writtenVisible: !!written && written.checkVisibility({ visibilityProperty: true }),
          drawnHidden: drawn.length > 0 && drawn.every((e) => !e.checkVisibility()),
          pageDrawn: drawn.some((e) => e.querySelector("main > *")),
        });
      };
      const original = window.setTimeout;
      window.setTimeout = function (fn, ...rest) {
        const wrapped = typeof fn === "function" ? function (...args) { record(); return fn.apply(this, args); } : fn;
        return original.call(this, wrapped, ...rest);
      };
    });
    await page.goto(root.url(path));
    await startTheApp(page);
    await page.waitForFunction(appRunning);
    const ticks = await page.evaluate(() => window.__ticks);
    assert.ok(ticks.some((t) => !t.pageDrawn), `${path}: the shell is drawn in a task before the page's: ${JSON.stringify(ticks)}`);
    assert.deepEqual(ticks.filter((t) => !t.writtenVisible || !t.drawnHidden), [], `${path}: meanwhile the written page shows, the drawn one does not`);
    assert.ok(await page.locator("main h1").isVisible());
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test("offline, each navigation gets its own page from the service worker", async () => {
  for (const app of [root, klimat]) {
    const page = await app.page();
    await open(page, app.url("/"));
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.context().setOffline(true);
    for (const [path, h1] of [["/kommun/hjo", "Hjo"], ["/kommun/hjo/", "Hjo"], ["/kommuner?lan=12", "Deltagare i båda projekten"], ["/om", "Om Klimatcoachning-registret"], ["/finns-inte", "Sidan finns inte"]]) {
      const response = await page.goto(app.url(path));
      assert.ok(response.fromServiceWorker(), path);
      assert.equal(h1Of(await response.text()), h1, `${path}: its own page, not the shell`);
    }
    await page.context().close();
  }
});

// The route's chunk held back half a second: the app takes over only once it is here (it
// is fetched with the first code, for the path under any base), so no frame shows a <main>
// without its page, at the root or under /klimat/.
test("a deep link never shows an empty main while the app takes over, at the root and under /klimat/", async () => {
  for (const app of [root, klimat]) {
    const page = await app.page({ plain: true, serviceWorkers: "block" });
    await page.route(/-split_Municipality-[0-9a-f]+\.wasm$/, async (r) => {
      await new Promise((done) => setTimeout(done, 500));
      await r.continue();
    });
    await page.addInitScript(() => {
      window.__frames = [];
      const sample = () => {
        const shown = [...document.querySelectorAll("main")].some((m) => m.checkVisibility({ visibilityProperty: true }) && m.innerText.trim() !== "");
        window.__frames.push(shown);
        if (window.__frames.length < 2000) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    await page.goto(app.url("/kommun/hjo"));
    await startTheApp(page);
    await page.waitForFunction(appRunning);
    await page.locator("main h1").waitFor();
    await page.evaluate(() => new Promise((done) => setTimeout(done, 300)));
    const frames = await page.evaluate(() => window.__frames);
    // Frames before the written page first shows are the browser's before its first
    // contentful paint (a frame can come before the HTML is parsed): not the takeover's.
    const first = frames.indexOf(true);
    assert.ok(first >= 0, "the written page shows");
    const after = frames.slice(first);
    assert.equal(after.filter((shown) => !shown).length, 0, `${app.url("/kommun/hjo")}: frames without the page: ${frames.map(Number).join("")}`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});
