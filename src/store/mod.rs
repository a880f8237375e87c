//! The store: the app's one copy of the dataset, and the only way to change it.
//!
//! Pages read the dataset through [`Store::data`]; later changes go through
//! store actions that call into the domain and publish the new state.

use leptos::prelude::*;

use crate::domain::model::Dataset;
use crate::domain::seed::builtin_dataset;

#[derive(Clone, Copy)]
pub struct Store {
    data: RwSignal<Dataset>,
}

impl Store {
    pub fn new(data: Dataset) -> Store {
        Store {
            data: RwSignal::new(data),
        }
    }

    /// A store holding the built-in dataset.
    pub fn builtin() -> Store {
        Store::new(builtin_dataset())
    }

    pub fn data(&self) -> ReadSignal<Dataset> {
        self.data.read_only()
    }
}

/// Makes `store` the one every component below reaches with [`use_store`].
pub fn provide_store(store: Store) {
    provide_context(store);
}

/// The store provided by the app; a fresh built-in one if none was (as in a component test).
pub fn use_store() -> Store {
    use_context::<Store>().unwrap_or_else(|| {
        let store = Store::builtin();
        provide_context(store);
        store
    })
}
