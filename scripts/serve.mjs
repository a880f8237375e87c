// A plain static file server, like common static hosts: files from a folder,
// unknown paths answered with its 404.html and status 404, no SPA rewrites.
//
//   node scripts/serve.mjs [--dir dist] [--port 8080] [--host 127.0.0.1] [--prefix /klimat/]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const root = resolve(opt("dir", "dist"));
const port = Number(opt("port", "8080"));
const host = opt("host", "127.0.0.1");
const prefix = opt("prefix", "/").replace(/\/?$/, "/");

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
};

async function file(path) {
  try {
    const s = await stat(path);
    if (s.isDirectory()) return file(join(path, "index.html"));
    return { path, body: await readFile(path) };
  } catch {
    return null;
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = "/";
  }
  let found = null;
  if (pathname.startsWith(prefix) || pathname + "/" === prefix) {
    const rel = normalize(pathname.slice(prefix.length)).replace(/^(\.\.[/\\])+/, "");
    const full = join(root, rel);
    if (full.startsWith(root)) found = await file(full);
  }
  if (found) {
    res.writeHead(200, {
      "content-type": types[extname(found.path)] ?? "application/octet-stream",
      "cache-control": "no-cache",
    });
    res.end(found.body);
    return;
  }
  const notFound = await file(join(root, "404.html"));
  res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
  res.end(notFound ? notFound.body : "Not found");
});

server.listen(port, host, () => {
  console.log(`Serving ${root} at http://${host}:${port}${prefix} (unknown paths → 404.html)`);
});
