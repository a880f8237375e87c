// Trunk post_build hook (runs on the staging folder before it becomes dist/):
//  1. 404.html = index.html, so static hosts that answer unknown paths with
//     404.html still load the app for a deep link;
//  2. sw.js for release builds: the service worker with the exact list of this
//     build's files and a cache name derived from their contents.
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile, copyFile, rm } from "node:fs/promises";
import { join, relative, sep } from "node:path";

const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) throw new Error("TRUNK_STAGING_DIR is not set: run through `trunk build`");
const release = process.env.TRUNK_PROFILE === "release";

await copyFile(join(stage, "index.html"), join(stage, "404.html"));

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
  // 404.html is the same page as index.html; sw.js cannot cache itself.
  const files = (await list(stage))
    .map((p) => relative(stage, p).split(sep).join("/"))
    .filter((p) => p !== "404.html" && p !== "sw.js")
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
