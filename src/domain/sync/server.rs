//! The server as a browser meets it: the address a person types, checked before anything
//! is sent; what each answer means for them; and the answers of `_changes`, of a
//! document's leaves (`?open_revs=all`) and of the database itself, read into
//! [`ServerDoc`]s. The HTTP itself is the browser's (`src/sync/`).

use serde_json::Value;
use url::{Host, Url};

use super::pull::ServerDoc;

/// A database's address, checked: `https:`, or `http:` on this computer only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// Without a trailing slash: `https://couch.example.se/klimatcoachning`.
    pub database: String,
}

/// A sync server as the person set it on /data, kept by the browser apart from the other
/// settings (read only by the sync chunk, so its parsing stays out of every start).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Server {
    /// The database's address, as [`address`] checked it.
    pub address: String,
    /// Empty for a server that asks for no name.
    #[serde(default)]
    pub user: String,
    /// Only when the person ticked "remember the password on this computer"; else the
    /// password lives in the tab's memory and is asked for again after a reload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

impl Server {
    /// The kept text; None (nothing kept) when it does not read, or its address would not
    /// be taken today (changed by hand).
    pub fn read(text: &str) -> Option<Server> {
        serde_json::from_str::<Server>(text)
            .ok()
            .filter(|s| address(&s.address).is_ok_and(|a| a.database == s.address))
    }

    /// Without the password: as /data shows it, and as tabs tell each other which server.
    pub fn without_password(&self) -> Server {
        Server {
            password: None,
            ..self.clone()
        }
    }
}

/// Why an address is not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressError {
    NotAnAddress,
    /// Neither `https:` nor `http:` (the scheme given).
    Scheme(String),
    /// `http:` to another computer: the password would cross the network readable.
    PlainHttp(String),
    /// A user name or password in the address: it would be kept, shown and logged with it.
    Credentials,
    /// No database named after the server (`https://couch.example.se/` alone).
    NoDatabase,
    /// A `?…` or `#…` part, which CouchDB's addresses never have.
    Extra,
}

/// Checks `text` as a database's address.
pub fn address(text: &str) -> Result<Address, AddressError> {
    let url = Url::parse(text.trim()).map_err(|_| AddressError::NotAnAddress)?;
    let host = url.host().ok_or(AddressError::NotAnAddress)?;
    match url.scheme() {
        "https" => {}
        "http" if loopback(&host) => {}
        "http" => return Err(AddressError::PlainHttp(host.to_string())),
        other => return Err(AddressError::Scheme(other.to_owned())),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(AddressError::Credentials);
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(AddressError::Extra);
    }
    let path = url.path().trim_end_matches('/');
    if path.is_empty() {
        return Err(AddressError::NoDatabase);
    }
    let mut database = url.clone();
    database.set_path(path);
    Ok(Address {
        database: database.as_str().trim_end_matches('/').to_owned(),
    })
}

/// The loopback addresses the app's Content Security Policy admits for `http:` (Chromium
/// does not take `http://[::1]:*` as a source, so IPv6's is reached as `localhost`).
fn loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => *ip == std::net::Ipv4Addr::LOCALHOST,
        Host::Ipv6(_) => false,
    }
}

/// What went wrong between a browser and its server, as a person is told it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Trouble {
    /// 401 for the name and password.
    WrongPassword,
    /// The user is known, but the database's `_security` does not admit them (CouchDB 403;
    /// pouchdb-server answers 401 with its own reason).
    NoAccess,
    /// 404: no such database.
    NoDatabase,
    /// It answers, but not as CouchDB does.
    NotCouch,
    /// No answer at all (offline, wrong name, refused by CORS).
    Unreachable,
    /// An answer did not come in time.
    TimedOut,
    /// Another status (a 5xx, a 413): the server's own words.
    Server(u16, String),
}

impl Trouble {
    /// Whether trying again later may help by itself (the network, a busy server), rather
    /// than only the person (a password, membership, the address).
    pub fn passes(&self) -> bool {
        match self {
            Trouble::Unreachable | Trouble::TimedOut => true,
            Trouble::Server(status, _) => *status >= 500 || matches!(status, 408 | 429),
            Trouble::WrongPassword
            | Trouble::NoAccess
            | Trouble::NoDatabase
            | Trouble::NotCouch => false,
        }
    }
}

/// The trouble an answer with `status` and `body` means; `None` for success.
pub fn trouble(status: u16, body: &str) -> Option<Trouble> {
    if (200..300).contains(&status) {
        return None;
    }
    let reason = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| {
            let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
            text("reason").or_else(|| text("error"))
        })
        .unwrap_or_default();
    Some(match status {
        401 if reason.to_lowercase().contains("not authorized") => Trouble::NoAccess,
        401 => Trouble::WrongPassword,
        403 => Trouble::NoAccess,
        404 => Trouble::NoDatabase,
        _ => Trouble::Server(status, reason),
    })
}

/// The answer to `GET /<database>`: a CouchDB database says its name.
pub fn database(body: &str) -> Result<(), Trouble> {
    let v: Value = serde_json::from_str(body).map_err(|_| Trouble::NotCouch)?;
    match v.get("db_name").and_then(Value::as_str) {
        Some(_) => Ok(()),
        None => Err(Trouble::NotCouch),
    }
}

/// `_changes` read: its documents (winners; `leaves` still empty), the ids of those with
/// other leaves, to read with [`leaves`], and the sequence to ask from next time.
#[derive(Debug, PartialEq)]
pub struct Changes {
    /// How many results the answer held (a full page means more may follow).
    pub results: usize,
    pub docs: Vec<ServerDoc>,
    pub conflicted: Vec<String>,
    pub last_seq: Value,
}

/// The answer of `_changes?include_docs=true&conflicts=true&style=all_docs`.
pub fn changes(body: &str) -> Result<Changes, Trouble> {
    let v: Value = serde_json::from_str(body).map_err(|_| Trouble::NotCouch)?;
    let (Some(results), Some(last_seq)) = (
        v.get("results").and_then(Value::as_array),
        v.get("last_seq"),
    ) else {
        return Err(Trouble::NotCouch);
    };
    let mut out = Changes {
        results: results.len(),
        docs: Vec::new(),
        conflicted: Vec::new(),
        last_seq: last_seq.clone(),
    };
    for r in results {
        let (Some(id), Some(doc)) = (r.get("id").and_then(Value::as_str), r.get("doc")) else {
            continue;
        };
        let Some(d) = server_doc(id, doc) else {
            continue;
        };
        if doc
            .get("_conflicts")
            .and_then(Value::as_array)
            .is_some_and(|c| !c.is_empty())
        {
            out.conflicted.push(id.to_owned());
        }
        out.docs.push(d);
    }
    Ok(out)
}

/// `winner` with its other leaves, from the answer of `GET /<db>/<id>?open_revs=all`
/// (`[{"ok": doc}, {"missing": rev}]`); deleted leaves are left out.
pub fn leaves(mut winner: ServerDoc, body: &str) -> Result<ServerDoc, Trouble> {
    let v: Value = serde_json::from_str(body).map_err(|_| Trouble::NotCouch)?;
    let all = v.as_array().ok_or(Trouble::NotCouch)?;
    winner.leaves = all
        .iter()
        .filter_map(|leaf| leaf.get("ok"))
        .filter_map(|doc| server_doc(&winner.id, doc))
        .filter(|d| d.rev != winner.rev && !d.deleted)
        .collect();
    Ok(winner)
}

/// The answer of `GET /<db>/<id>?conflicts=true`: the winning leaf.
pub fn document(id: &str, body: &str) -> Result<ServerDoc, Trouble> {
    let v: Value = serde_json::from_str(body).map_err(|_| Trouble::NotCouch)?;
    server_doc(id, &v).ok_or(Trouble::NotCouch)
}

fn server_doc(id: &str, doc: &Value) -> Option<ServerDoc> {
    Some(ServerDoc {
        id: id.to_owned(),
        rev: doc.get("_rev")?.as_str()?.to_owned(),
        deleted: doc
            .get("_deleted")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        body: doc.clone(),
        leaves: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_server_is_read_back_unless_its_address_would_be_refused_now() {
        let server = Server {
            address: "https://couch.example.se/klimatcoachning".into(),
            user: "anna".into(),
            password: Some("hemligt".into()),
        };
        let text = serde_json::to_string(&server).unwrap_or_default();
        assert_eq!(Server::read(&text), Some(server.clone()));
        assert_eq!(server.without_password().password, None);
        assert_eq!(Server::read("{"), None);
        assert_eq!(
            Server::read(r#"{"address":"http://couch.example.se/klimatcoachning"}"#),
            None,
            "plain http to another computer"
        );
        assert_eq!(
            Server::read(r#"{"address":"http://127.0.0.1:5984/klimatcoachning"}"#).map(|s| s.user),
            Some(String::new())
        );
    }

    #[test]
    fn an_address_is_https_or_loopback_http_names_a_database_and_holds_no_password() {
        let ok = |t: &str| address(t).map(|a| a.database);
        assert_eq!(
            ok(" https://couch.example.se/klimatcoachning/ "),
            Ok("https://couch.example.se/klimatcoachning".into())
        );
        assert_eq!(
            ok("https://example.se/couch/klimatcoachning"),
            Ok("https://example.se/couch/klimatcoachning".into()),
            "behind a proxy's path"
        );
        for local in [
            "http://127.0.0.1:5984/klimatcoachning",
            "http://localhost:5984/klimatcoachning",
        ] {
            assert_eq!(ok(local), Ok(local.into()));
        }
        assert_eq!(
            address("http://[::1]:5984/k"),
            Err(AddressError::PlainHttp("[::1]".into())),
            "outside the CSP's sources"
        );
        assert_eq!(
            address("http://couch.example.se/klimatcoachning"),
            Err(AddressError::PlainHttp("couch.example.se".into()))
        );
        assert_eq!(
            address("http://192.168.1.4:5984/k"),
            Err(AddressError::PlainHttp("192.168.1.4".into()))
        );
        assert_eq!(
            address("ftp://couch.example.se/k"),
            Err(AddressError::Scheme("ftp".into()))
        );
        assert_eq!(
            address("https://anna:hemligt@couch.example.se/k"),
            Err(AddressError::Credentials)
        );
        assert_eq!(
            address("https://couch.example.se/"),
            Err(AddressError::NoDatabase)
        );
        assert_eq!(
            address("https://couch.example.se/k?x=1"),
            Err(AddressError::Extra)
        );
        assert_eq!(
            address("couch.example.se/k"),
            Err(AddressError::NotAnAddress)
        );
        assert_eq!(address(""), Err(AddressError::NotAnAddress));
    }

    #[test]
    fn each_refusal_is_told_apart_as_couchdb_and_pouchdb_server_word_them() {
        let t = |s, b| trouble(s, b);
        assert_eq!(t(200, "{}"), None);
        assert_eq!(
            t(
                401,
                r#"{"error":"unauthorized","reason":"Name or password is incorrect."}"#
            ),
            Some(Trouble::WrongPassword)
        );
        assert_eq!(
            t(
                401,
                r#"{"error":"unauthorized","reason":"You are not authorized to access this db."}"#
            ),
            Some(Trouble::NoAccess),
            "pouchdb-server, a user not in _security"
        );
        assert_eq!(
            t(
                403,
                r#"{"error":"forbidden","reason":"You are not allowed to access this db."}"#
            ),
            Some(Trouble::NoAccess)
        );
        assert_eq!(
            t(
                404,
                r#"{"error":"not_found","reason":"Database does not exist."}"#
            ),
            Some(Trouble::NoDatabase)
        );
        assert_eq!(
            t(500, "<html>Bad gateway</html>"),
            Some(Trouble::Server(500, String::new()))
        );
        assert_eq!(
            database(r#"{"db_name":"klimatcoachning","update_seq":3}"#),
            Ok(())
        );
        assert_eq!(database("<!doctype html><p>Hello"), Err(Trouble::NotCouch));
        assert_eq!(database(r#"{"ok":true}"#), Err(Trouble::NotCouch));
    }

    // Answers as pouchdb-server 4.2.0 gave them (scripts/embedded-couch.mjs), a conflict
    // made with `new_edits: false`.
    const CHANGES: &str = r#"{"results":[{"id":"browsers/aaaa","changes":[{"rev":"1-253e"}],"doc":{"format":"klimatcoachning","schema":3,"name":"A","_id":"browsers/aaaa","_rev":"1-253e"},"seq":2},{"id":"events/e1","changes":[{"rev":"1-3d2f"},{"rev":"1-abc"}],"doc":{"format":"klimatcoachning","schema":3,"row":{"id":"e1","x":1},"_id":"events/e1","_rev":"1-abc","_conflicts":["1-3d2f"]},"seq":3}],"last_seq":3}"#;
    const LEAVES: &str = r#"[{"ok":{"format":"klimatcoachning","schema":3,"row":{"id":"e1"},"_id":"events/e1","_rev":"1-3d2f"}},{"ok":{"format":"klimatcoachning","schema":3,"row":{"id":"e1","x":1},"_id":"events/e1","_rev":"1-abc"}},{"missing":"1-zzz"}]"#;

    #[test]
    fn changes_and_leaves_read_into_documents() {
        let read = changes(CHANGES).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(read.last_seq, serde_json::json!(3));
        assert_eq!(
            read.docs
                .iter()
                .map(|d| (d.id.as_str(), d.rev.as_str()))
                .collect::<Vec<_>>(),
            vec![("browsers/aaaa", "1-253e"), ("events/e1", "1-abc")]
        );
        assert_eq!(read.conflicted, vec!["events/e1".to_owned()]);
        let Some(winner) = read.docs.into_iter().nth(1) else {
            panic!("two documents")
        };
        let whole = leaves(winner, LEAVES).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(whole.rev, "1-abc");
        assert_eq!(
            whole
                .leaves
                .iter()
                .map(|l| l.rev.as_str())
                .collect::<Vec<_>>(),
            vec!["1-3d2f"],
            "the other leaf, not the winner again, not the missing one"
        );
        let one = document(
            "events/e1",
            r#"{"_id":"events/e1","_rev":"2-x","_deleted":true}"#,
        );
        assert_eq!(
            one.as_ref().map(|d| (d.rev.as_str(), d.deleted)),
            Ok(("2-x", true))
        );
        assert_eq!(
            document("events/e1", r#"{"_id":"events/e1"}"#),
            Err(Trouble::NotCouch)
        );
        assert_eq!(changes("<html>"), Err(Trouble::NotCouch));
        assert_eq!(changes(r#"{"ok":true}"#), Err(Trouble::NotCouch));
        // CouchDB 3's sequences are text.
        let text = r#"{"results":[],"last_seq":"12-g1AAAA"}"#;
        assert_eq!(
            changes(text).map(|c| c.last_seq),
            Ok(serde_json::json!("12-g1AAAA"))
        );
    }
}
