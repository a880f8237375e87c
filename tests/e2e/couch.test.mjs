// The embedded sync server (scripts/embedded-couch.mjs: pouchdb-server set up by
// scripts/couchdb-setup.mjs): only its user reaches the database, CORS admits the app's
// origin alone, setting it up again changes nothing, and its data outlives a restart.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCouch } from "../../scripts/embedded-couch.mjs";
import { setUp } from "../../scripts/couchdb-setup.mjs";
import { freePort } from "./harness.mjs";

const ORIGIN = "http://127.0.0.1:8080";
let dir, port, couch;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "couch-"));
  port = await freePort();
  couch = await startCouch({ dir, port, origin: ORIGIN });
});
after(async () => {
  await couch?.stop();
  await rm(dir, { recursive: true, force: true });
});

const basic = ({ name, password }) => ({ Authorization: `Basic ${Buffer.from(`${name}:${password}`).toString("base64")}` });

async function status(url, headers = {}, init = {}) {
  const response = await fetch(url, { headers, ...init });
  return [response.status, await response.json().catch(() => null)];
}

test("only the set-up user reaches the database: no one else, no wrong password, no other database", async () => {
  assert.equal(couch.url, `http://127.0.0.1:${port}/klimatcoachning`);
  const [ok, changes] = await status(`${couch.url}/_changes`, basic(couch.user));
  assert.equal(ok, 200);
  assert.deepEqual(changes.results, []);
  assert.equal((await status(`${couch.url}/_changes`))[0], 401, "anonymous");
  assert.equal((await status(`${couch.url}/_changes`, basic({ ...couch.user, password: "fel" })))[0], 401);

  // Someone the server knows, but not a member of the database.
  const stranger = { name: "annan", password: "annans-lösen" };
  const made = await fetch(`${couch.server}/_users/org.couchdb.user:annan`, {
    method: "PUT",
    headers: { ...basic(couch.admin), "Content-Type": "application/json" },
    body: JSON.stringify({ name: stranger.name, password: stranger.password, roles: [], type: "user" }),
  });
  assert.equal(made.status, 201);
  const [refused, why] = await status(`${couch.url}/_changes`, basic(stranger));
  assert.ok([401, 403].includes(refused), `${refused}`);
  assert.match(why.reason, /not authorized/i);
  assert.equal((await status(`${couch.server}/ingen/_changes`, basic(couch.user)))[0], 404);
});

test("CORS admits the app's origin with credentials, and no other origin", async () => {
  const preflight = (origin) =>
    fetch(`${couch.url}/_bulk_docs`, {
      method: "OPTIONS",
      headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type" },
    });
  const ours = await preflight(ORIGIN);
  assert.equal(ours.headers.get("access-control-allow-origin"), ORIGIN);
  assert.equal(ours.headers.get("access-control-allow-credentials"), "true");
  assert.match(ours.headers.get("access-control-allow-headers") ?? "", /authorization/);
  const theirs = await preflight("http://example.com");
  assert.notEqual(theirs.headers.get("access-control-allow-origin"), "http://example.com");
});

test("setting the server up again changes nothing, and its data outlives a restart", async () => {
  const write = await fetch(`${couch.url}/_bulk_docs`, {
    method: "POST",
    headers: { ...basic(couch.user), "Content-Type": "application/json" },
    body: JSON.stringify({ docs: [{ _id: "events/e1", format: "klimatcoachning" }] }),
  });
  assert.equal(write.status, 201);
  const again = await setUp({ server: couch.server, admin: couch.admin, user: couch.user, origin: ORIGIN });
  assert.equal(again, couch.url);
  const { user } = couch;
  await couch.stop();
  couch = await startCouch({ dir, port, origin: ORIGIN });
  assert.deepEqual(couch.user, user, "the same credentials");
  const [ok, doc] = await status(`${couch.url}/events%2Fe1`, basic(couch.user));
  assert.equal(ok, 200);
  assert.equal(doc.format, "klimatcoachning");
});
