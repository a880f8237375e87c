//! The dataset as rows, the way the browser's database keeps it (`store/indexed.rs`):
//! one row per record, keyed by its list and id, so that a save writes only the records a
//! change touched.
//!
//! Keys: `head` (format, schema version, what the data has seen, browser names),
//! `order/<list>` (the ids of a list in their order: a list keeps the order records were
//! put in, and undo puts a record back where it was), and `<list>/<id>` for each record,
//! `removed/<list>/<id>` for each removed one. Rows are JSON text.
//!
//! Reading assembles the rows into the text of one dataset and reads that as any stored
//! text is read (`exchange::migrate::read`, which migrates older versions); a row that
//! does not read is set aside, named, and the rest opens.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::domain::exchange::migrate::{parse, read, ShapeError, Stored};
use crate::domain::model::kinds::{Kind, LISTS};
use crate::domain::model::*;

/// The row holding the dataset's own fields.
pub const HEAD: &str = "head";
const ORDER: &str = "order/";

/// A row to write (`Some(text)`) or delete (`None`), by key.
pub type RowChange = (String, Option<String>);

#[derive(Serialize, Deserialize)]
struct Head {
    format: String,
    schema_version: u32,
    #[serde(default, skip_serializing_if = "Context::is_empty")]
    context: Context,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    browsers: BTreeMap<String, String>,
}

fn head_of(d: &Dataset) -> Head {
    Head {
        format: d.format.clone(),
        schema_version: d.schema_version,
        context: d.context.clone(),
        browsers: d.browsers.clone(),
    }
}

/// The head row's text for a dataset of `schema_version` that has seen `context`.
pub fn head_text(
    schema_version: u32,
    context: &Context,
    browsers: &BTreeMap<String, String>,
) -> String {
    text(&Head {
        format: FORMAT.to_owned(),
        schema_version,
        context: context.clone(),
        browsers: browsers.clone(),
    })
}

/// Whether `key` is a record's row (`<list>/<id>`, `removed/<list>/<id>`), not the head
/// or a list's order.
pub fn is_record(key: &str) -> bool {
    key != HEAD && !key.starts_with(ORDER) && key.contains('/')
}

/// The record a row is about, live or removed: `removed/events/e1` and `events/e1` are
/// one record.
pub fn record_of(key: &str) -> &str {
    key.strip_prefix("removed/").unwrap_or(key)
}

/// Something kept in a list of the dataset, known by an id unique in that list.
trait Row: Serialize + PartialEq {
    fn row_id(&self) -> String;
}

impl Row for Source {
    fn row_id(&self) -> String {
        self.id.clone()
    }
}

impl Row for Removed {
    fn row_id(&self) -> String {
        format!("{}/{}", list_of(&self.record), self.record.meta().id)
    }
}

macro_rules! record_row {
    ($($t:ty),*) => {$(
        impl Row for $t {
            fn row_id(&self) -> String {
                self.meta().id.clone()
            }
        }
    )*};
}
record_row!(Programme, Organisation, Participation, Coach, Event);

/// The list a record is kept in, by its name in a file.
pub fn list_of(r: &Record) -> &'static str {
    match r {
        Record::Programme(_) => Programme::COLLECTION,
        Record::Organisation(_) => Organisation::COLLECTION,
        Record::Participation(_) => Participation::COLLECTION,
        Record::Coach(_) => Coach::COLLECTION,
        Record::Event(_) => Event::COLLECTION,
    }
}

fn text<T: Serialize>(value: &T) -> String {
    // The dataset's types serialise without fail: only maps with non-text keys could not.
    serde_json::to_string(value).unwrap_or_default()
}

/// Every row of `d`.
pub fn rows(d: &Dataset) -> Vec<(String, String)> {
    let mut out = vec![(HEAD.to_owned(), text(&head_of(d)))];
    let mut list = |name: &str, items: Vec<(String, String)>| {
        let ids: Vec<&str> = items.iter().map(|(id, _)| id.as_str()).collect();
        out.push((format!("{ORDER}{name}"), text(&ids)));
        out.extend(
            items
                .iter()
                .map(|(id, text)| (format!("{name}/{id}"), text.clone())),
        );
    };
    fn all<T: Row>(items: &[T]) -> Vec<(String, String)> {
        items.iter().map(|r| (r.row_id(), text(r))).collect()
    }
    list(LISTS[0], all(&d.sources));
    list(LISTS[1], all(&d.programmes));
    list(LISTS[2], all(&d.organisations));
    list(LISTS[3], all(&d.participations));
    list(LISTS[4], all(&d.coaches));
    list(LISTS[5], all(&d.events));
    list(LISTS[6], all(&d.removed));
    out
}

/// The rows to write and delete to turn the rows of `before` into those of `after`: only
/// what differs. Most changes keep every list's ids in place, and compare record by record.
pub fn delta(before: &Dataset, after: &Dataset) -> Vec<RowChange> {
    let mut out = Vec::new();
    let (h0, h1) = (head_of(before), head_of(after));
    if (&h0.format, h0.schema_version, &h0.context, &h0.browsers)
        != (&h1.format, h1.schema_version, &h1.context, &h1.browsers)
    {
        out.push((HEAD.to_owned(), Some(text(&h1))));
    }
    list_delta(LISTS[0], &before.sources, &after.sources, &mut out);
    list_delta(LISTS[1], &before.programmes, &after.programmes, &mut out);
    list_delta(
        LISTS[2],
        &before.organisations,
        &after.organisations,
        &mut out,
    );
    list_delta(
        LISTS[3],
        &before.participations,
        &after.participations,
        &mut out,
    );
    list_delta(LISTS[4], &before.coaches, &after.coaches, &mut out);
    list_delta(LISTS[5], &before.events, &after.events, &mut out);
    list_delta(LISTS[6], &before.removed, &after.removed, &mut out);
    out
}

fn list_delta<T: Row>(name: &str, before: &[T], after: &[T], out: &mut Vec<RowChange>) {
    let key = |r: &T| format!("{name}/{}", r.row_id());
    let aligned = before.len() == after.len()
        && before
            .iter()
            .zip(after)
            .all(|(b, a)| b.row_id() == a.row_id());
    if aligned {
        for (b, a) in before.iter().zip(after) {
            if b != a {
                out.push((key(a), Some(text(a))));
            }
        }
        return;
    }
    // Hash maps, not tree maps: a tree map built from a list sorts it, and each of the seven
    // lists' sort is code of its own in the module every start compiles (~30 KB).
    let old: HashMap<String, &T> = before.iter().map(|r| (r.row_id(), r)).collect();
    let mut kept = std::collections::HashSet::new();
    for a in after {
        let id = a.row_id();
        if old.get(&id) != Some(&a) {
            out.push((key(a), Some(text(a))));
        }
        kept.insert(id);
    }
    for r in before.iter().filter(|r| !kept.contains(&r.row_id())) {
        out.push((key(r), None));
    }
    let ids: Vec<String> = after.iter().map(Row::row_id).collect();
    out.push((format!("{ORDER}{name}"), Some(text(&ids))));
}

/// The rows read back: the dataset (or why it cannot be read), and the keys of rows set
/// aside because they do not read, each with what is wrong.
#[derive(Debug)]
pub struct RowsRead {
    pub stored: Stored,
    pub aside: Vec<(String, String)>,
}

/// Reads the rows (in any order) into a dataset, migrating an older version; rows that do
/// not read are left out and named in `aside`.
pub fn read_rows(rows: &[(String, String)]) -> RowsRead {
    if rows.is_empty() {
        return RowsRead {
            stored: Stored::Empty,
            aside: Vec::new(),
        };
    }
    let first = read(Some(&assemble(rows, &[])));
    if !matches!(first, Stored::Unreadable(_)) {
        return RowsRead {
            stored: first,
            aside: Vec::new(),
        };
    }
    // Find the rows that do not read on their own, and read the rest.
    let aside: Vec<(String, String)> = rows
        .iter()
        .filter_map(|(key, text)| row_fault(key, text).map(|fault| (key.clone(), fault)))
        .collect();
    if aside.is_empty() || aside.iter().any(|(key, _)| key == HEAD) {
        return RowsRead {
            stored: first,
            aside: Vec::new(),
        };
    }
    let skip: Vec<&str> = aside.iter().map(|(k, _)| k.as_str()).collect();
    RowsRead {
        stored: read(Some(&assemble(rows, &skip))),
        aside,
    }
}

/// What is wrong with one row as this version reads it, if anything: read as a dataset of
/// that row alone. One way of reading for every kind of row keeps the reader's wasm chunk,
/// which every start with data waits for, from holding a deserialiser per record type.
fn row_fault(key: &str, text: &str) -> Option<String> {
    if key.starts_with(ORDER) {
        return parse::<Vec<String>>(text).err().map(|e| describe(&e));
    }
    match parse::<Dataset>(&assemble(&[(key.to_owned(), text.to_owned())], &[])) {
        Ok(_) => None,
        Err(e) => Some(describe(&e)),
    }
}

fn describe(e: &ShapeError) -> String {
    if e.path.is_empty() || e.path == "." {
        e.detail.clone()
    } else {
        format!("{}: {}", e.path, e.detail)
    }
}

/// The text of one dataset made of `rows`, leaving out the keys in `skip`; records are in
/// the order of their list's order row, any it does not name after them in key order.
///
/// It runs at every start over all the rows (6 400 at 290 × 20), so it groups them in one
/// pass and looks ids up in hash maps, without a key string made per record.
fn assemble(rows: &[(String, String)], skip: &[&str]) -> String {
    let mut head = None;
    let mut orders: HashMap<&str, &str> = HashMap::new();
    let mut lists: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
    for (key, text) in rows {
        if skip.contains(&key.as_str()) {
            continue;
        }
        if key == HEAD {
            head = Some(text.trim_end());
        } else if let Some(list) = key.strip_prefix(ORDER) {
            orders.insert(list, text);
        } else if let Some((list, id)) = key.split_once('/') {
            lists.entry(list).or_default().push((id, text));
        }
    }
    let default_head;
    let head = match head {
        Some(h) => h,
        None => {
            default_head = head_text(SCHEMA_VERSION, &Context::default(), &BTreeMap::new());
            default_head.as_str()
        }
    };
    let mut out = String::with_capacity(rows.iter().map(|(_, t)| t.len() + 1).sum::<usize>() + 200);
    out.push_str(head.strip_suffix('}').unwrap_or(head));
    for name in LISTS {
        out.push_str(",\"");
        out.push_str(name);
        out.push_str("\":[");
        let items = lists.remove(name).unwrap_or_default();
        let at: HashMap<&str, usize> = items
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        let order: Vec<Cow<str>> = orders
            .get(name)
            .and_then(|t| serde_json::from_str::<Ids>(t).ok())
            .map(|ids| ids.0)
            .unwrap_or_default();
        let mut placed = vec![false; items.len()];
        let mut picked = Vec::with_capacity(items.len());
        for id in &order {
            if let Some(&i) = at.get(id.as_ref()) {
                if !std::mem::replace(&mut placed[i], true) {
                    picked.push(i);
                }
            }
        }
        let mut rest: Vec<usize> = (0..items.len()).filter(|&i| !placed[i]).collect();
        rest.sort_by_key(|&i| items[i].0);
        for (n, i) in picked.into_iter().chain(rest).enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push_str(items[i].1);
        }
        out.push(']');
    }
    out.push('}');
    out
}

/// The ids of an order row, borrowed from its text where they need no unescaping.
#[derive(Deserialize)]
struct Ids<'a>(#[serde(borrow)] Vec<Cow<'a, str>>);

/// Calls macro `$m` with the dataset's seven lists, in [`LISTS`] order.
macro_rules! lists {
    ($m:ident) => {
        $m!(
            sources,
            programmes,
            organisations,
            participations,
            coaches,
            events,
            removed
        )
    };
}

/// Brings `d` up to date with rows another tab changed, or a pull joined in. An error
/// leaves `d` part-way: the caller reads every row again.
///
/// The rows put are read as one dataset (one parse, not one per row) and each list is
/// walked once, so a pull of 6 400 records costs what the records cost, not their square.
pub fn patch(d: &mut Dataset, changed: &[RowChange]) -> Result<(), ShapeError> {
    let mut orders: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    // The last change of a row is the one that counts.
    let mut last: HashMap<&str, Option<&str>> = HashMap::new();
    let mut keys: Vec<&str> = Vec::new();
    for (key, row) in changed {
        if key == HEAD {
            let head: Head = parse(row.as_deref().unwrap_or("{}"))?;
            if head.format != FORMAT || head.schema_version != SCHEMA_VERSION {
                return Err(ShapeError {
                    path: HEAD.into(),
                    detail: "another version".into(),
                });
            }
            d.context = head.context;
            d.browsers = head.browsers;
        } else if let Some(name) = key.strip_prefix(ORDER) {
            if let Some(list) = LISTS.iter().find(|l| **l == name) {
                orders.insert(list, parse(row.as_deref().unwrap_or("[]"))?);
            }
        } else if key.contains('/') && last.insert(key, row.as_deref()).is_none() {
            keys.push(key);
        }
    }
    let puts: Vec<(String, String)> = keys
        .iter()
        .filter_map(|k| last[k].map(|t| ((*k).to_owned(), t.to_owned())))
        .collect();
    let mut put = if puts.is_empty() {
        Dataset::empty()
    } else {
        parse::<Dataset>(&assemble(&puts, &[]))?
    };
    let mut gone: HashMap<&str, HashSet<&str>> = HashMap::new();
    for key in keys.iter().filter(|k| last[*k].is_none()) {
        if let Some((list, id)) = key.split_once('/') {
            gone.entry(list).or_default().insert(id);
        }
    }
    macro_rules! put {
        ($($name:ident),*) => {$(
            put_rows(
                &mut d.$name,
                std::mem::take(&mut put.$name),
                gone.get(stringify!($name)),
            );
        )*};
    }
    lists!(put);
    for (list, order) in orders {
        macro_rules! order {
            ($($name:ident),*) => {
                match list {
                    $(stringify!($name) => reorder(&mut d.$name, &order),)*
                    _ => {}
                }
            };
        }
        lists!(order);
    }
    Ok(())
}

/// `list` with the records of `gone` taken out, those of `new` put in place of the ones
/// with their ids, and the rest of `new` after them.
fn put_rows<T: Row>(list: &mut Vec<T>, new: Vec<T>, gone: Option<&HashSet<&str>>) {
    if let Some(gone) = gone {
        list.retain(|r| !gone.contains(r.row_id().as_str()));
    }
    if new.is_empty() {
        return;
    }
    let order: Vec<String> = new.iter().map(Row::row_id).collect();
    let mut by_id: HashMap<String, T> = order.iter().cloned().zip(new).collect();
    for r in list.iter_mut() {
        if let Some(replacement) = by_id.remove(&r.row_id()) {
            *r = replacement;
        }
    }
    list.extend(order.iter().filter_map(|id| by_id.remove(id)));
}

fn reorder<T: Row>(list: &mut [T], order: &[String]) {
    let rank: BTreeMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    list.sort_by_cached_key(|r| rank.get(r.row_id().as_str()).copied().unwrap_or(usize::MAX));
}

#[cfg(test)]
mod tests;
