// `wasm-opt -Oz` on many modules at once, for the wasm split (scripts/split-wasm.mjs).
//
// npm's binaryen is binaryen compiled to wasm: each `wasm-opt` command spends about 0.6 s
// loading its 14 MB before it reads a module, and the split writes some 140 modules. So this
// loads binaryen once per core (worker threads) and optimises through its API with the
// command's settings (-Oz: optimise level 2, shrink level 2, Stack IR generated and optimised
// when writing; the features the command line enables). The output is byte for byte the
// command's (checked on all 141 modules of a release build, 2026-12-05).
//
// A module optimised before (the same bytes, binaryen version and settings) is copied from
// the cache folder instead: a change to one route leaves most chunks as they were.
import { createHash } from "node:crypto";
import { access, copyFile, mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

const BINARYEN_VERSION = createRequire(import.meta.url)("binaryen/package.json").version;
const KEEP_BYTES = 256 << 20;

if (!isMainThread) await serve(workerData);

/**
 * Optimises the modules at `paths` in place. `names`: keep the name section (profiling).
 * `cache`: the folder of modules optimised before, pruned to the KEEP_BYTES used last.
 */
export async function optimiseAll(paths, { names = false, cache }) {
  await mkdir(cache, { recursive: true });
  const settings = `binaryen ${BINARYEN_VERSION} -Oz stack-ir ${names ? "names" : ""}`;
  const todo = [];
  for (const path of paths) {
    const kept = join(cache, `${createHash("sha256").update(await readFile(path)).update(settings).digest("hex").slice(0, 32)}.wasm`);
    if (await exists(kept)) {
      await copyFile(kept, path);
      await touch(kept);
    } else {
      todo.push({ path, kept });
    }
  }
  // The largest first, so that no core is left with a big module at the end.
  const sized = await Promise.all(todo.map(async (t) => ({ ...t, size: (await stat(t.path)).size })));
  sized.sort((a, b) => b.size - a.size);
  const workers = Math.max(1, Math.min(availableParallelism(), sized.length));
  await Promise.all(Array.from({ length: workers }, () => work(sized, names)));
  console.log(`wasm-opt: ${todo.length} modules optimised, ${paths.length - todo.length} as optimised before`);
  await prune(cache, KEEP_BYTES);
}

/** One worker thread taking modules from `queue` until it is empty; each result also kept. */
function work(queue, names) {
  return new Promise((done, failed) => {
    // binaryen warns of every name subsection it skips (wasm-bindgen's): kept from the log,
    // shown only if something fails.
    const worker = new Worker(new URL(import.meta.url), { workerData: { names }, stderr: true });
    let warnings = "";
    worker.stderr.on("data", (chunk) => (warnings += chunk));
    let current;
    const next = () => {
      current = queue.shift();
      if (current) worker.postMessage(current.path);
      else worker.terminate().then(() => done());
    };
    worker.on("message", async () => {
      try {
        // Whole or not at all: another build may read the cache at the same time.
        const partial = `${current.kept}.${process.pid}.part`;
        await copyFile(current.path, partial);
        await rename(partial, current.kept);
        next();
      } catch (e) {
        worker.terminate();
        failed(e);
      }
    });
    worker.on("error", (e) => failed(new Error(`wasm-opt of ${current?.path}: ${e.message}\n${warnings}`)));
    next();
  });
}

/** In a worker: binaryen loaded once, then each module posted to it optimised in place. */
async function serve({ names }) {
  const { default: binaryen } = await import("binaryen");
  binaryen.setOptimizeLevel(2);
  binaryen.setShrinkLevel(2);
  binaryen.setGenerateStackIR(true);
  binaryen.setOptimizeStackIR(true);
  binaryen.setDebugInfo(names);
  const F = binaryen.Features;
  const enabled = F.BulkMemory | F.NontrappingFPToInt | F.SignExt | F.MutableGlobals;
  parentPort.on("message", async (path) => {
    const module = binaryen.readBinary(await readFile(path));
    module.setFeatures(module.getFeatures() | enabled);
    module.optimize();
    await writeFile(path, module.emitBinary());
    module.dispose();
    parentPort.postMessage(path);
  });
}

export async function exists(path) {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Marks `path` as used now (the caches drop what was used longest ago). */
export async function touch(path) {
  const now = new Date();
  await utimes(path, now, now);
}

/** Removes the entries of `folder` used longest ago beyond the newest `keep`, or beyond `bytes` in all. */
export async function prune(folder, bytes = Infinity, keep = Infinity) {
  const entries = await Promise.all(
    (await readdir(folder))
      .filter((name) => !name.endsWith(".part"))
      .map(async (name) => {
        const info = await stat(join(folder, name));
        return { name, used: info.mtimeMs, size: info.isDirectory() ? 0 : info.size };
      }),
  );
  entries.sort((a, b) => b.used - a.used);
  let total = 0;
  for (const [i, e] of entries.entries()) {
    total += e.size;
    if (i >= keep || total > bytes) await rm(join(folder, e.name), { recursive: true, force: true });
  }
}
