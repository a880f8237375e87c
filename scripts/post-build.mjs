// Trunk post_build hook (runs on the staging folder before it becomes dist/):
//  −1. the wasm split by route (scripts/split-wasm.mjs), replacing Trunk's unsplit module;
//  0. for release builds, the wasm fetched when the page's loader says (startOnIntent below);
//     a strict Content-Security-Policy in index.html, allowing the inline scripts
//     (Trunk's loader, which names this build's files, and the page's own check
//     before first paint) by their hashes, computed here, and nothing else inline;
//  1. for release builds, every route prerendered from the app itself
//     (scripts/prerender.mjs): a page per route and 404.html, each with the policy;
//     for other builds 404.html = index.html, so static hosts that answer unknown
//     paths with 404.html still load the app for a deep link;
//  2. sw.js for release builds: the service worker with the exact list of this
//     build's files and a cache name derived from their contents;
//  3. for release builds, `.gz` (gzip -9) and `.br` (brotli, quality 11) beside every
//     text and wasm file, for hosts that serve precompressed files (GitLab Pages).
// Run again on a finished build (the update test does), it gives the same result.
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile, copyFile, rm } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { prerender } from "./prerender.mjs";
import { splitWasm } from "./split-wasm.mjs";
import { COMPRESSIBLE } from "./serve.mjs";

const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) throw new Error("TRUNK_STAGING_DIR is not set: run through `trunk build`");
const release = process.env.TRUNK_PROFILE === "release";

const indexPath = join(stage, "index.html");
const started = Date.now();
const built = await splitWasm(stage, await readFile(indexPath, "utf8"), { release });
console.log(`split the wasm in ${((Date.now() - started) / 1000).toFixed(1)} s`);
await writeFile(indexPath, withPolicy(release ? startOnIntent(built) : built));
if (release) {
  const started = Date.now();
  const routes = await prerender(stage, process.env.TRUNK_PUBLIC_URL || "/");
  console.log(`prerendered ${routes.length} pages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} else {
  await copyFile(indexPath, join(stage, "404.html"));
}

/**
 * `html` whose wasm is asked of the page's loader (index.html, `kcLoader.wasm`): fetched
 * once the page has painted for a visitor the written page is not for, and ahead, while the
 * browser is idle, for one who reads it, whose app starts on their first intent. The
 * prerendered page is what a visitor reads first; fetching 650 KB of wasm beside it (Trunk's
 * `<link rel="preload">`) takes the bandwidth its stylesheet and text need on a slow network.
 * Idempotent.
 */
function startOnIntent(html) {
  const preload = /\s*<link rel="preload" href="[^"]*_bg\.wasm"[^>]*>/;
  const start = /const wasm = await init\(\{ module_or_path: ('[^']*_bg\.wasm') \}\);/;
  if (html.includes("kcLoader.wasm(")) return html.replace(preload, "");
  if (!start.test(html)) throw new Error("Trunk's loader has changed: no `const wasm = await init({ module_or_path: '…' });`");
  return html
    .replace(preload, "")
    .replace(start, (_, url) => `const wasm = await init({ module_or_path: await window.kcLoader.wasm(${url}) });`);
}

/** `html` with a CSP meta element first in <head>, so it covers every element after it. */
function withPolicy(built) {
  // Run twice (a test re-runs the hook on a finished build), it replaces its own policy.
  const html = built.replace(/\n\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, "");
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`,
  );
  if (inline.length === 0) throw new Error("index.html has no inline loader: has Trunk's output changed?");
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${inline.join(" ")}`,
    // Sync (src/sync/): any https: server, and http: on this computer only (the embedded
    // one; Chromium takes no IPv6 literal here); the app refuses other http: addresses
    // with the reason before this would (domain/sync/server.rs).
    "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  if (!html.includes('<meta charset="utf-8">')) throw new Error("index.html lacks <meta charset=\"utf-8\">");
  return html.replace('<meta charset="utf-8">', (charset) => `${charset}\n    ${meta}`);
}

// What step 3 writes: never precached, never compressed again.
const PRECOMPRESSED = /\.(gz|br)$/;

async function list(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await list(path)));
    else out.push(path);
  }
  return out;
}

await rm(join(stage, "sw.js"), { force: true });
if (release) {
  // sw.js cannot cache itself.
  const files = (await list(stage))
    .map((p) => relative(stage, p).split(sep).join("/"))
    .filter((p) => p !== "sw.js" && !PRECOMPRESSED.test(p))
    .sort();
  const hash = createHash("sha256");
  for (const f of files) {
    hash.update(f + "\0");
    hash.update(await readFile(join(stage, f)));
  }
  const build = hash.digest("hex").slice(0, 16);
  const template = await readFile(new URL("../public/sw-template.js", import.meta.url), "utf8");
  const sw = template
    .replace('"__BUILD__"', JSON.stringify(build))
    .replace('["__FILES__"]', JSON.stringify(files.filter((f) => f !== "index.html")));
  await writeFile(join(stage, "sw.js"), sw);
}

if (release) {
  for (const path of await list(stage)) {
    if (!COMPRESSIBLE.has(extname(path))) continue;
    const body = await readFile(path);
    await writeFile(`${path}.gz`, gzipSync(body, { level: 9 }));
    await writeFile(
      `${path}.br`,
      brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      }),
    );
  }
}
