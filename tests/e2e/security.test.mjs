// Safety with files from strangers: the page carries a strict Content-Security-Policy
// whose one allowed inline script is Trunk's loader (by hash), and a file whose every
// text field holds an XSS payload is shown as text on every route, running nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { start, open, storedRows } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

// Each payload would set window.__xss if it ever ran: as markup, as a handler, as a link.
const payloads = [
  `<script>window.__xss="script"</script>`,
  `<img src=x onerror="window.__xss='img'">`,
  `<svg onload="window.__xss='svg'"><script>window.__xss='svg-script'</script></svg>`,
  `"><a href="javascript:window.__xss='link'" id="xss-link">klick</a>`,
  `' onmouseover='window.__xss="attr"' x='`,
  `<iframe srcdoc="<script>parent.__xss='iframe'</script>"></iframe>`,
  `javascript:window.__xss='url'`,
];
// The free-text fields of the format (see schema/klimatcoachning-v4.json); ids, codes,
// dates and kinds are checked on import and cannot hold text.
const TEXT_FIELDS = new Set([
  "notes", "title", "publisher", "location", "note", "name", "role", "summary",
  "purpose", "topic", "organisation", "contact", "place", "motivation",
]);

/** The export with every text field replaced by a payload (numbered, so names stay distinct). */
function poisoned(text) {
  let n = 0;
  const visit = (v, key) => {
    if (Array.isArray(v)) return v.map((x) => visit(x, key));
    if (v && typeof v === "object") {
      const out = {};
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === "string" && TEXT_FIELDS.has(k)) out[k] = `${payloads[n % payloads.length]} #${n++}`;
        else if (k === "focus" && x && typeof x.value === "string") out[k] = { ...x, value: `${payloads[n % payloads.length]} #${n++}` };
        else out[k] = visit(x, k);
      }
      return out;
    }
    return v;
  };
  const data = visit(JSON.parse(text));
  return { json: JSON.stringify(data), fields: n };
}

async function exportFile(page) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Exportera (JSON)" }).click(),
  ]);
  return readFile(await download.path(), "utf8");
}

async function importReplacing(page, json) {
  await page.getByLabel("Välj fil att importera").setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from(json) });
  await page.getByTestId("import-preview").getByRole("button", { name: "Ersätt allt med filen" }).click();
  await page.getByTestId("import-done").waitFor();
}

/** Markup that only a payload could have put in the page. */
const injected = (page) =>
  page.evaluate(() => ({
    xss: window.__xss ?? null,
    elements: document.querySelectorAll(
      "body script, body iframe, body img[src='x'], [onerror], [onload], [onmouseover], #xss-link, a[href^='javascript:' i]",
    ).length,
  }));

async function everyRoute(page) {
  const shown = [];
  await open(page, app.url("/kommuner"));
  const first = page.locator("main table a").first();
  const municipality = await first.getAttribute("href");
  for (const path of ["/", "/program", "/kommuner", municipality, "/mentorer", "/pilotlan", "/handelser", "/data", "/om"]) {
    await open(page, app.origin + path);
    if (path === "/pilotlan") await page.locator("main [aria-expanded]").first().click();
    await page.mouse.move(200, 300);
    shown.push({ path, text: await page.locator("main").innerText(), ...(await injected(page)) });
  }
  return shown;
}

test("every page allows only its own two inline scripts; an injected script or handler is blocked", async () => {
  for (const dir of ["dist", "dist-klimat"]) {
    for (const file of ["index.html", "404.html", "kommun/hjo/index.html", "kommuner/index.html"]) {
      const html = await readFile(`${dir}/${file}`, "utf8");
      const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
      assert.ok(policy, `${dir}/${file}: a CSP meta element`);
      assert.ok(html.indexOf(policy) < html.indexOf("<script"), "the policy comes before any script");
      // The check before first paint (index.html), then Trunk's loader.
      const inline = [...html.matchAll(/<script(?: type="module")?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      assert.equal(inline.length, 2, `${dir}/${file}: two inline scripts`);
      const hashes = inline.map((body) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`);
      assert.equal(
        policy,
        `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}; ` +
          "connect-src 'self' https: http://127.0.0.1:* http://localhost:*; " +
          "object-src 'none'; base-uri 'self'; form-action 'self'",
      );
    }
  }

  // A context whose violations are expected: not the watched ones every other test uses.
  const context = await app.unwatchedContext();
  const page = await context.newPage();
  await open(page, app.url("/"));
  const outcome = await page.evaluate(async () => {
    const seen = [];
    document.addEventListener("securitypolicyviolation", (e) => seen.push(e.violatedDirective));
    const s = document.createElement("script");
    s.textContent = "window.__ran = 'script'";
    document.body.append(s);
    const img = document.createElement("img");
    img.setAttribute("onerror", "window.__ran = 'handler'");
    img.src = "data:,";
    document.body.append(img);
    await new Promise((r) => setTimeout(r, 300));
    // Sync may reach https: and this computer's http:, never another computer's http:.
    const plain = await fetch("http://192.0.2.1/klimatcoachning").then(() => "sent", (e) => e.name);
    await new Promise((r) => setTimeout(r, 100));
    return { ran: window.__ran ?? null, seen, plain };
  });
  assert.equal(outcome.ran, null, "nothing injected ran");
  assert.ok(outcome.seen.includes("script-src-elem"), JSON.stringify(outcome.seen));
  assert.equal(outcome.plain, "TypeError", "plain http to another computer is refused");
  assert.ok(outcome.seen.includes("connect-src"), JSON.stringify(outcome.seen));
  await context.close();
});

test("a file with XSS payloads in every text field is shown as text on every route, and nothing runs", async () => {
  const page = await app.page();
  await open(page, app.url("/data"));
  const { json, fields } = poisoned(await exportFile(page));
  assert.ok(fields > 100, `payloads in ${fields} fields`);
  await importReplacing(page, json);
  const withPolicy = await everyRoute(page);

  // The same journey with the policy switched off: only the rendering stands between a payload and the page.
  const naked = await app.page({ bypassCSP: true });
  await open(naked, app.url("/data"));
  await importReplacing(naked, json);
  const withoutPolicy = await everyRoute(naked);

  for (const r of [...withPolicy, ...withoutPolicy]) {
    assert.equal(r.xss, null, `${r.path}: a payload ran`);
    assert.equal(r.elements, 0, `${r.path}: payload markup became elements`);
  }
  const all = withoutPolicy.map((r) => r.text).join("\n");
  for (const p of payloads.slice(0, 4)) assert.ok(all.includes(p), `shown as text: ${p}`);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(naked.problems, []);
  await page.context().close();
  await naked.context().close();
});

test("a file with a javascript: or data: link is refused with its place, and nothing changes", async () => {
  const page = await app.page();
  await open(page, app.url("/data"));
  const data = JSON.parse(await exportFile(page));
  const coaching = data.participations.findIndex((p) => p.detail.type === "coaching");
  data.participations[coaching].detail.needs_analysis = {
    date: null, summary: "x", focus_areas: [], document_url: "javascript:alert(1)",
  };
  const before = JSON.stringify(await storedRows(page));
  await page.getByLabel("Välj fil att importera").setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(data)) });
  await page.getByText(`participations[${coaching}].detail.needs_analysis.document_url`, { exact: false }).first().waitFor();
  assert.match(await page.locator("main").innerText(), /länken måste börja med http:\/\/ eller https:\/\//);
  assert.equal(await page.getByTestId("import-preview").count(), 0);
  assert.equal(JSON.stringify(await storedRows(page)), before);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
