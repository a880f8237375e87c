// The embedded sync server: pouchdb-server from npm (a CouchDB-protocol server), its data
// on disk in `dir`, set up by couchdb-setup.mjs with CORS for the app's origin, an admin,
// one user and the database `klimatcoachning`. The passwords are made on the first start
// and kept in `dir/credentials.json`. `scripts/run.sh` starts it beside the app; the tests
// start and stop their own. For a team's server use Apache CouchDB 3.x (README).
//
//   node scripts/embedded-couch.mjs --dir .couchdb --port 5984 --origin http://127.0.0.1:8080
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { setUp } from "./couchdb-setup.mjs";

const BIN = new URL("../node_modules/.bin/pouchdb-server", import.meta.url).pathname;

/**
 * Starts pouchdb-server on `port` with its data in `dir` and sets it up. Returns
 * `{ server, url, admin, user, stop }`: the server's and the database's addresses, the
 * credentials, and a function that stops it (its data stays in `dir`).
 */
export async function startCouch({ dir, port, origin }) {
  const home = resolve(dir);
  await mkdir(home, { recursive: true });
  const { admin, user } = await credentials(home);
  const child = spawn(BIN, ["--port", String(port), "--host", "127.0.0.1", "--no-stdout-logs"], {
    cwd: home,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((done) => child.once("exit", done));
  const server = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  try {
    await answering(server, exited, () => stderr);
    const url = await setUp({ server, admin, user, origin });
    return { server, url, admin, user, stop, process: child };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function credentials(home) {
  const file = join(home, "credentials.json");
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch {
    const made = {
      admin: { name: "admin", password: randomBytes(12).toString("base64url") },
      user: { name: "klimatcoach", password: randomBytes(9).toString("base64url") },
    };
    await writeFile(file, JSON.stringify(made, null, 2) + "\n", { mode: 0o600 });
    return made;
  }
}

async function answering(server, exited, stderr) {
  let gone = false;
  exited.then(() => (gone = true));
  for (let tries = 0; tries < 200; tries++) {
    if (gone) throw new Error(`pouchdb-server stopped: ${stderr().trim().split("\n").at(-1) ?? ""}`);
    try {
      if ((await fetch(server + "/")).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`pouchdb-server did not answer on ${server} within 20 s`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = Object.fromEntries(
    process.argv.slice(2).flatMap((a, i, all) => (a.startsWith("--") ? [[a.slice(2), all[i + 1]]] : [])),
  );
  try {
    const couch = await startCouch({
      dir: args.dir ?? ".couchdb",
      port: Number(args.port ?? 5984),
      origin: args.origin ?? "http://127.0.0.1:8080",
    });
    console.log(`sync server: ${couch.url}`);
    console.log(`  user ${couch.user.name}, password ${couch.user.password}`);
    console.log(`  its data: ${resolve(args.dir ?? ".couchdb")}`);
    for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => couch.stop().then(() => process.exit(0)));
    couch.process.once("exit", (code, signal) => {
      // Ctrl+C reaches the server too (one process group): that is a stop, not a failure.
      if (signal === "SIGINT" || signal === "SIGTERM") process.exit(0);
      console.error(`sync server stopped (exit code ${code})`);
      process.exit(1);
    });
  } catch (e) {
    console.error(`sync server: ${e.message}`);
    process.exit(1);
  }
}
