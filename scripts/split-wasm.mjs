// The wasm split by route, as cargo-leptos does it (`cargo leptos --split`).
//
// Trunk runs cargo and wasm-bindgen back to back and cannot run a step between them
// (trunk-rs/trunk#1022), so this hook starts again from cargo's own output:
//   1. `wasm-split-cli` cuts the raw module at the `#[lazy]` split points (src/ui/routes.rs;
//      it needs the `--emit-relocs` link argument, .cargo/config.toml) into the main module,
//      one chunk per route, chunks of code several routes share, and `__wasm_split.js`,
//      which fetches and instantiates them against the main module's memory and table;
//   2. `wasm-bindgen --keep-lld-exports` on the main module (the chunks link to its exports);
//   3. `wasm-opt -Oz` on every module (release builds; Trunk's own pass is off, index.html),
//      through binaryen loaded once per core, each module optimised before taken from
//      target/wasm-opt/ (scripts/wasm-opt.mjs);
//   4. the shared chunks under PACK_BELOW packed into one file (`pack`, below), fetched once;
//   5. the loader taking what the page fetched ahead (`takingAhead`);
//   6. every chunk and the loader renamed by a hash of its content, so a host and the
//      service worker may cache them for good, and Trunk's files replaced by these.
// The result is kept in target/split-wasm/, by the hash of the raw wasm: the KEEP_BUILDS
// used last.
// Trunk's own output of the unsplit module imports the placeholder module
// `__wasm_split_placeholder__`; that is how this step knows there is something to split.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { exists, optimiseAll, prune, touch } from "./wasm-opt.mjs";

const run = promisify(execFile);
const PLACEHOLDER = "__wasm_split_placeholder__";
const BIN = "klimatcoachning";
// Part of the cache key: raise it when this script's output changes for the same input.
const VERSION = 3;
const FILE_LIST = "files.json";
// KC_WASM_NAMES=1 keeps function names in optimised modules, for profiling (not for hosting).
const NAMES = process.env.KC_WASM_NAMES === "1";
const KEEP_BUILDS = 4;
// wasm-split-cli makes a chunk of each set of routes that share code: ~150 chunks, 130 of
// them under 8 KB, and a start loads ~70 of them beside its route. Fetched one by one they
// queued six at a time (HTTP/1.1) for ~150 ms; packed, they are one request.
const PACK_BELOW = 32 * 1024;

/**
 * Splits the wasm Trunk wrote into `stage` (named in `html`, its index.html). Returns the
 * new index.html: the same, but with the integrity of the rewritten JS module. Returns
 * `html` unchanged when the build has no split points or was split already.
 */
export async function splitWasm(stage, html, { release }) {
  const named = html.match(/import init, \* as bindings from '[^']*\/([^'/]+)\.js'/);
  if (!named) throw new Error("Trunk's loader has changed: no `import init, * as bindings from '…'`");
  const stem = named[1];
  const jsPath = join(stage, `${stem}.js`);
  if (!(await readFile(jsPath, "utf8")).includes(PLACEHOLDER)) return html;

  const target = await targetDir();
  const raw = join(target, "wasm32-unknown-unknown", release ? "release" : "debug", `${BIN}.wasm`);
  // The same raw wasm splits the same way: a second build of it (the test run builds at `/`
  // and under `/klimat/`) takes the files from here instead of optimising again.
  const key = createHash("sha256").update(await readFile(raw)).update(`${stem} ${release} ${VERSION} ${NAMES}`).digest("hex");
  const builds = join(target, "split-wasm");
  const done = join(builds, key.slice(0, 32));
  if (await exists(join(done, FILE_LIST))) {
    await touch(done);
  } else {
    await split(raw, stem, release, done, join(target, "wasm-opt"));
    await prune(builds, Infinity, KEEP_BUILDS);
  }
  const files = JSON.parse(await readFile(join(done, FILE_LIST), "utf8"));
  for (const f of files) await copyFile(join(done, f), join(stage, f));
  const js = await readFile(jsPath);
  const integrity = `sha384-${createHash("sha384").update(js).digest("base64")}`;
  return html.replace(
    new RegExp(`(href="[^"]*/${stem}\\.js"[^>]*integrity=")[^"]*"`),
    (_, before) => `${before}${integrity}"`,
  );
}

/** Splits `raw` into the folder `done`: the files for the build folder, and their list. */
async function split(raw, stem, release, done, optimised) {
  const work = await mkdtemp(join(tmpdir(), "split-wasm-"));
  try {
    await run("wasm-split-cli", [raw, work, "--target", "web", "--out-name", stem]);
    await run("wasm-bindgen", [
      "--target", "web", "--keep-lld-exports", "--no-typescript",
      "--out-dir", work, "--out-name", stem, join(work, `${stem}.wasm`),
    ]);
    await rm(join(work, `${stem}.wasm`));
    const modules = (await readdir(work)).filter((f) => f.endsWith(".wasm"));
    if (release) await optimiseAll(modules.map((f) => join(work, f)), { names: NAMES, cache: optimised });

    // Chunks and the loader under names that change with their content.
    const out = await mkdtemp(join(tmpdir(), "split-wasm-out-"));
    const files = [];
    let loader = await readFile(join(work, "__wasm_split.js"), "utf8");
    const sizes = new Map();
    for (const f of modules) sizes.set(f, (await stat(join(work, f))).size);
    const packed = modules.filter((f) => f.startsWith("chunk_") && sizes.get(f) < PACK_BELOW);
    if (packed.length > 0) {
      const { body, at } = await pack(work, packed);
      const name = `${BIN}-pack-${digest(body)}.wasm`;
      await writeFile(join(out, name), body);
      files.push(name);
      loader = fromPack(loader, name, at);
    }
    for (const chunk of modules.filter((f) => f !== `${stem}_bg.wasm` && !packed.includes(f))) {
      const body = await readFile(join(work, chunk));
      const hashed = `${BIN}-${chunk.replace(/\.wasm$/, "").replace(/_\d{6,}$/, "")}-${digest(body)}.wasm`;
      const reference = `"./${chunk}"`;
      if (!loader.includes(reference)) throw new Error(`__wasm_split.js does not load ${chunk}`);
      loader = loader.replaceAll(reference, `"./${hashed}"`);
      await writeFile(join(out, hashed), body);
      files.push(hashed);
    }
    loader = takingAhead(loader);
    const loaderName = `${BIN}-split-${digest(loader)}.js`;
    await writeFile(join(out, loaderName), loader);
    // Only the JS imports: the wasm still names its import module "./__wasm_split.js".
    const js = (await readFile(join(work, `${stem}.js`), "utf8")).replaceAll(' from "./__wasm_split.js"', ` from "./${loaderName}"`);
    if (js.includes(PLACEHOLDER) || !js.includes(loaderName)) throw new Error("wasm-bindgen's module does not import the split loader");
    await writeFile(join(out, `${stem}.js`), js);
    await copyFile(join(work, `${stem}_bg.wasm`), join(out, `${stem}_bg.wasm`));
    files.push(loaderName, `${stem}.js`, `${stem}_bg.wasm`);
    await writeFile(join(out, FILE_LIST), JSON.stringify(files.sort()));
    await mkdir(dirname(done), { recursive: true });
    await rm(done, { recursive: true, force: true });
    await rename(out, done).catch(async () => {
      // Another file system (tmp on its own mount): copy instead.
      await cp(out, done, { recursive: true });
      await rm(out, { recursive: true, force: true });
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The chunks `names` (in `dir`) as one valid wasm module, each chunk the payload of a custom
 * section named for it (a module that defines nothing: hosts serve and compress it as wasm).
 * Returns its bytes and where each chunk's bytes are in it.
 */
async function pack(dir, names) {
  const parts = [Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])];
  const at = new Map();
  let offset = parts[0].length;
  for (const name of names) {
    const body = await readFile(join(dir, name));
    const label = Buffer.from(name.replace(/\.wasm$/, "").replace(/_\d{6,}$/, ""), "utf8");
    const content = Buffer.concat([leb128(label.length), label]);
    const head = Buffer.concat([Buffer.from([0]), leb128(content.length + body.length), content]);
    at.set(name, [offset + head.length, body.length]);
    parts.push(head, body);
    offset += head.length + body.length;
  }
  return { body: Buffer.concat(parts), at };
}

function leb128(n) {
  const bytes = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (n !== 0);
  return Buffer.from(bytes);
}

/**
 * `loader` (wasm-split-cli's `__wasm_split.js`) taking the chunks in `at` from the pack
 * `name`: fetched on the first need of any of them, kept (a failed fetch is tried again on
 * the next need, as the loader does for a chunk), each chunk compiled from its slice.
 */
function fromPack(loader, name, at) {
  const helper = `
let packed = undefined;
function fromPack(offset, length) {
    if (packed === undefined) {
        const fetched = fetch(new URL("./${name}", import.meta.url)).then((r) =>
            r.ok ? r.arrayBuffer() : Promise.reject(new Error(\`\${r.status} \${r.url}\`)));
        fetched.catch(() => { if (packed === fetched) packed = undefined; });
        packed = fetched;
    }
    return packed.then((buffer) => new Uint8Array(buffer, offset, length));
}
`;
  const firstLoad = loader.indexOf("\nlet sharedImports");
  if (firstLoad < 0) throw new Error("wasm-split-cli's loader has changed: no `let sharedImports`");
  let out = loader.slice(0, firstLoad) + helper + loader.slice(firstLoad);
  for (const [chunk, [offset, length]] of at) {
    const quoted = chunk.replace(/[.]/g, "\\.");
    const streaming = new RegExp(
      `fetch\\(new URL\\("\\./${quoted}", import\\.meta\\.url\\)\\);(\\s*src\\.catch\\(\\(\\) => \\{\\}\\);\\s*return async \\(imports\\) => \\(?)WebAssembly\\.instantiateStreaming\\(src, imports\\)`,
    );
    if (!streaming.test(out)) throw new Error(`wasm-split-cli's loader has changed: ${chunk} is not fetched as expected`);
    out = out.replace(streaming, (_, between) => `fromPack(${offset}, ${length});${between}WebAssembly.instantiate(await src, imports)`);
  }
  return out;
}

/**
 * `loader` taking each chunk from what the page's loader fetched ahead while the reader
 * read (index.html, `kcLoader.take`), and fetching only what it has not.
 */
function takingAhead(loader) {
  const firstLine = loader.indexOf("\n");
  if (!loader.startsWith("import ") || !loader.includes("fetch(new URL(")) {
    throw new Error("wasm-split-cli's loader has changed: no import first, or no `fetch(new URL(`");
  }
  const helper = "\nconst fetchAhead = (url) => globalThis.kcLoader?.take?.(url.href) ?? fetch(url);\n";
  return (loader.slice(0, firstLine + 1) + helper + loader.slice(firstLine + 1)).replaceAll("fetch(new URL(", "fetchAhead(new URL(");
}

async function targetDir() {
  if (process.env.CARGO_TARGET_DIR) return process.env.CARGO_TARGET_DIR;
  const { stdout } = await run("cargo", ["metadata", "--format-version", "1", "--no-deps"], { maxBuffer: 1 << 26 });
  return JSON.parse(stdout).target_directory;
}

function digest(body) {
  return createHash("sha256").update(body).digest("hex").slice(0, 16);
}
