// Configures a CouchDB-protocol server for Klimatcoachning over its HTTP API: CORS for the
// app's origin, the database, one user and the database's `_security` admitting that user.
// Apache CouchDB 3.x (config under /_node/_local/_config) and pouchdb-server (/_config)
// alike; running it again changes nothing but the user's password, if given another.
//
//   node scripts/couchdb-setup.mjs --server https://couch.example.se --admin admin:secret \
//     --user coach:password --origin https://app.example.se [--db klimatcoachning]
//
// On a server without an admin yet (pouchdb-server's first start) it makes `--admin` one.

/**
 * Sets the server up. `admin` and `user` are `{ name, password }`. Returns the database's URL.
 */
export async function setUp({ server, admin, user, origin, db = "klimatcoachning" }) {
  const base = server.replace(/\/+$/, "");
  const auth = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString("base64")}`;
  const call = async (method, path, body, { authorised = true, ok = [] } = {}) => {
    const response = await fetch(base + path, {
      method,
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        ...(authorised ? { Authorization: auth } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok && !ok.includes(response.status)) {
      throw new Error(`${method} ${path}: ${response.status} ${text}`);
    }
    return { status: response.status, json: text ? JSON.parse(text) : null };
  };

  const welcome = await call("GET", "/", undefined, { authorised: false });
  if (!welcome.json?.couchdb && !welcome.json?.["express-pouchdb"]) {
    throw new Error(`${base} does not answer as a CouchDB server`);
  }
  // CouchDB 2+ keeps its configuration per node; pouchdb-server at /_config.
  const node = await call("GET", "/_node/_local/_config", undefined, { ok: [400, 401, 403, 404] });
  const config = node.status === 200 ? "/_node/_local/_config" : "/_config";
  const admins = await call("GET", `${config}/admins`, undefined, { authorised: false, ok: [401, 403] });
  if (admins.status === 200 && Object.keys(admins.json ?? {}).length === 0) {
    // No admin yet ("admin party"): this one becomes it.
    await call("PUT", `${config}/admins/${encodeURIComponent(admin.name)}`, admin.password, { authorised: false });
  }
  const set = (section, key, value) => call("PUT", `${config}/${section}/${key}`, value);
  await set(config === "/_config" ? "httpd" : "chttpd", "enable_cors", "true");
  await set("cors", "origins", origin);
  await set("cors", "credentials", "true");
  await set("cors", "methods", "GET, PUT, POST, HEAD, DELETE");
  await set("cors", "headers", "accept, authorization, content-type, origin, referer");

  await call("PUT", `/${db}`, undefined, { ok: [412] });
  const userId = `/_users/${encodeURIComponent(`org.couchdb.user:${user.name}`)}`;
  const existing = await call("GET", userId, undefined, { ok: [404] });
  await call("PUT", userId, {
    ...(existing.status === 200 ? existing.json : {}),
    _id: `org.couchdb.user:${user.name}`,
    name: user.name,
    password: user.password,
    roles: existing.json?.roles ?? [],
    type: "user",
  });
  await call("PUT", `/${db}/_security`, {
    admins: { names: [admin.name], roles: [] },
    members: { names: [user.name], roles: [] },
  });
  return `${base}/${db}`;
}

/** `name:password` as `{ name, password }` (the password may hold colons). */
export function credentials(text, what) {
  const at = text?.indexOf(":") ?? -1;
  if (at <= 0) throw new Error(`${what}: give it as name:password`);
  return { name: text.slice(0, at), password: text.slice(at + 1) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = Object.fromEntries(
    process.argv.slice(2).flatMap((a, i, all) => (a.startsWith("--") ? [[a.slice(2), all[i + 1]]] : [])),
  );
  for (const needed of ["server", "admin", "user", "origin"]) {
    if (!args[needed]) {
      console.error(`couchdb-setup: --${needed} is needed (see the head of this file)`);
      process.exit(2);
    }
  }
  try {
    const url = await setUp({
      server: args.server,
      admin: credentials(args.admin, "--admin"),
      user: credentials(args.user, "--user"),
      origin: args.origin,
      db: args.db,
    });
    console.log(`ready: ${url} (user ${credentials(args.user, "--user").name}, CORS for ${args.origin})`);
  } catch (e) {
    console.error(`couchdb-setup: ${e.message}`);
    process.exit(1);
  }
}
