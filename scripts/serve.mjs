// A plain static file server that behaves as GitHub Pages does: files from a folder;
// a folder's index.html for its address with a slash, and a redirect to that address
// for one without (`/kommun/hjo` → `/kommun/hjo/`); unknown paths answered with the
// folder's 404.html and status 404, no SPA rewrites; for clients that accept it, a
// precompressed `.br` (brotli) or `.gz` beside the file, as GitLab Pages sends them, or
// else the file gzipped on the fly, as GitHub Pages does.
//
//   node scripts/serve.mjs [--dir dist] [--port 8080] [--host 127.0.0.1] [--prefix /klimat/]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};
// What GitHub Pages compresses: text and wasm, not images already compressed. The build
// writes `.gz` and `.br` beside exactly these (post-build.mjs).
export const COMPRESSIBLE = new Set([".html", ".js", ".wasm", ".css", ".svg", ".json", ".webmanifest"]);

async function file(path) {
  try {
    const s = await stat(path);
    if (s.isDirectory()) {
      const index = await file(join(path, "index.html"));
      return index && { ...index, folder: true };
    }
    return { path, body: await readFile(path), mtime: s.mtimeMs };
  } catch {
    return null;
  }
}

/** The file for a request path, or null: only inside `root`, only under `prefix`. */
async function lookup(root, prefix, pathname) {
  if (!(pathname + "/").startsWith(prefix)) return null;
  const full = join(root, normalize(pathname.slice(prefix.length) || "."));
  if (full !== root && !full.startsWith(root + sep)) return null;
  return file(full);
}

// Gzip -9 of each file once per version of it: the wasm takes a while.
const gzipped = new Map();
function gzip(found) {
  const key = `${found.path}\0${found.mtime}`;
  if (!gzipped.has(key)) gzipped.set(key, gzipSync(found.body, { level: 9 }));
  return gzipped.get(key);
}

/** The body to send for `found`, compressed as the request allows, and its headers. */
async function encoded(found, accept) {
  const headers = { "content-type": types[extname(found.path)] ?? "application/octet-stream", vary: "accept-encoding" };
  if (/\bbr\b/.test(accept)) {
    const br = await file(found.path + ".br");
    if (br) return { body: br.body, headers: { ...headers, "content-encoding": "br" } };
  }
  if (/\bgzip\b/.test(accept)) {
    const gz = await file(found.path + ".gz");
    if (gz) return { body: gz.body, headers: { ...headers, "content-encoding": "gzip" } };
  }
  if (/\bgzip\b/.test(accept) && COMPRESSIBLE.has(extname(found.path))) {
    return { body: gzip(found), headers: { ...headers, "content-encoding": "gzip" } };
  }
  return { body: found.body, headers };
}

/** Serves `dir` under `prefix`; resolves to the listening server (port 0 picks a free port). */
export function serve({ dir = "dist", port = 8080, host = "127.0.0.1", prefix = "/" } = {}) {
  let root = resolve(dir);
  const base = prefix.replace(/\/?$/, "/");
  const server = createServer(async (req, res) => {
    let url;
    let pathname;
    try {
      url = new URL(req.url, "http://host");
      pathname = decodeURIComponent(url.pathname);
    } catch {
      url = new URL("http://host/");
      pathname = "/";
    }
    const accept = String(req.headers["accept-encoding"] ?? "");
    const found = await lookup(root, base, pathname);
    if (found?.folder && !pathname.endsWith("/")) {
      res.writeHead(301, { location: url.pathname + "/" + url.search });
      res.end();
      return;
    }
    if (found) {
      const { body, headers } = await encoded(found, accept);
      res.writeHead(200, { ...headers, "cache-control": "no-cache" });
      res.end(req.method === "HEAD" ? undefined : body);
      return;
    }
    const notFound = await file(join(root, "404.html"));
    if (!notFound) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("Not found");
      return;
    }
    const { body, headers } = await encoded(notFound, accept);
    res.writeHead(404, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  });
  // Deploying another build in place (the update test): later requests get its files.
  server.useDir = (next) => {
    root = resolve(next);
  };
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => done(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const options = {
    dir: opt("dir", "dist"),
    port: Number(opt("port", "8080")),
    host: opt("host", "127.0.0.1"),
    prefix: opt("prefix", "/"),
  };
  await serve(options);
  console.log(
    `Klimatcoachning: http://${options.host}:${options.port}${options.prefix} ` +
      `(from ${resolve(options.dir)}; unknown paths get 404.html). Ctrl+C stops.`,
  );
}
