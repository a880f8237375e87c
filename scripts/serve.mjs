// A plain static file server, as common static hosts are: files from a folder,
// unknown paths answered with the folder's 404.html and status 404, no SPA rewrites.
//
//   node scripts/serve.mjs [--dir dist] [--port 8080] [--host 127.0.0.1] [--prefix /klimat/]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

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

async function file(path) {
  try {
    const s = await stat(path);
    if (s.isDirectory()) return file(join(path, "index.html"));
    return { path, body: await readFile(path) };
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

/** Serves `dir` under `prefix`; resolves to the listening server (port 0 picks a free port). */
export function serve({ dir = "dist", port = 8080, host = "127.0.0.1", prefix = "/" } = {}) {
  let root = resolve(dir);
  const base = prefix.replace(/\/?$/, "/");
  const server = createServer(async (req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://host").pathname);
    } catch {
      pathname = "/";
    }
    const found = await lookup(root, base, pathname);
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
