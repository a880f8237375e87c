// Precompressed files: a release build has `.gz` and `.br` beside every text and wasm
// file (hosts such as GitLab Pages send them as they are), each the same bytes once
// decompressed; the service worker never caches them; the static server sends them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { COMPRESSIBLE, serve } from "../../scripts/serve.mjs";


async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath ?? entry.path, entry.name));
  }
  return out;
}

for (const dir of ["dist", "dist-klimat"]) {
  test(`${dir}: .gz and .br beside every text and wasm file, the same bytes inside, never precached`, async () => {
    const all = await files(dir);
    const originals = all.filter((f) => COMPRESSIBLE.has(extname(f)));
    assert.ok(originals.some((f) => f.endsWith(".wasm")) && originals.length > 35, `${originals.length} files`);
    for (const original of originals) {
      const body = await readFile(original);
      assert.deepEqual(gunzipSync(await readFile(`${original}.gz`)), body, `${original}.gz`);
      assert.deepEqual(brotliDecompressSync(await readFile(`${original}.br`)), body, `${original}.br`);
    }
    const sw = await readFile(join(dir, "sw.js"), "utf8");
    const precached = JSON.parse(/const FILES = (\[.*?\]);/.exec(sw)[1]);
    assert.ok(precached.includes("kommun/hjo/index.html"));
    assert.deepEqual(precached.filter((f) => /\.(gz|br)$/.test(f)), []);
    const wasm = relative(dir, originals.find((f) => f.endsWith(".wasm")));
    const [br, gz] = [await readFile(join(dir, `${wasm}.br`)), await readFile(join(dir, `${wasm}.gz`))];
    assert.ok(br.length < gz.length, `brotli ${br.length} B < gzip ${gz.length} B`);
  });
}

test("the static server sends the precompressed file the client accepts", async () => {
  const server = await serve({ dir: "dist", port: 0 });
  const origin = `http://127.0.0.1:${server.address().port}`;
  try {
    const wasm = (await readdir("dist")).find((f) => f.endsWith("_bg.wasm"));
    const original = await readFile(join("dist", wasm));
    for (const [accept, encoding] of [["br, gzip", "br"], ["gzip", "gzip"], ["identity", null]]) {
      const response = await fetch(`${origin}/${wasm}`, { headers: { "accept-encoding": accept } });
      assert.equal(response.headers.get("content-encoding"), encoding, accept);
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), original, `${accept}: the same wasm`);
    }
  } finally {
    await new Promise((done) => server.close(done));
  }
});
