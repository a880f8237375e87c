//! The five kinds of record as the exchange handles them alike: where each kind's list
//! sits in a dataset, its name there, and its place in a [`Record`] (a removed record).

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::domain::change::Record;
use crate::domain::model::*;

/// The record collections of a dataset, by their names in the file.
pub const COLLECTIONS: [&str; 5] = [
    "programmes",
    "organisations",
    "participations",
    "coaches",
    "events",
];

/// Every list of a dataset by its name in the file, in the dataset's field order: the
/// sources, the record kinds ([`COLLECTIONS`]), the removed records.
pub const LISTS: [&str; 7] = [
    "sources",
    COLLECTIONS[0],
    COLLECTIONS[1],
    COLLECTIONS[2],
    COLLECTIONS[3],
    COLLECTIONS[4],
    "removed",
];

pub trait Kind: Serialize + DeserializeOwned + HasMeta + Clone + PartialEq {
    /// The list's name in a file, as in [`COLLECTIONS`].
    const COLLECTION: &'static str;
    fn list(d: &Dataset) -> &Vec<Self>;
    fn list_mut(d: &mut Dataset) -> &mut Vec<Self>;
    fn wrap(self) -> Record;
    fn unwrap(r: &Record) -> Option<&Self>;
}

macro_rules! kind {
    ($t:ident, $list:ident) => {
        impl Kind for $t {
            const COLLECTION: &'static str = stringify!($list);
            fn list(d: &Dataset) -> &Vec<Self> {
                &d.$list
            }
            fn list_mut(d: &mut Dataset) -> &mut Vec<Self> {
                &mut d.$list
            }
            fn wrap(self) -> Record {
                Record::$t(self)
            }
            fn unwrap(r: &Record) -> Option<&Self> {
                match r {
                    Record::$t(x) => Some(x),
                    _ => None,
                }
            }
        }
    };
}
kind!(Programme, programmes);
kind!(Organisation, organisations);
kind!(Participation, participations);
kind!(Coach, coaches);
kind!(Event, events);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_names_its_list_as_files_do() {
        assert_eq!(
            [
                Programme::COLLECTION,
                Organisation::COLLECTION,
                Participation::COLLECTION,
                Coach::COLLECTION,
                Event::COLLECTION
            ],
            COLLECTIONS
        );
    }
}
