//! How this browser stands with its sync server, in words and a mark: in the header on
//! every route (a link to /data's section), and on /data. A polite live region says when
//! the state changes, not each poll nor the "Synkar…" of every edit
//! (`Status::worth_telling`).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::sync::server::{Server, Trouble};
use crate::domain::sync::status::Status;
use crate::i18n::*;
use crate::ui::format;
use crate::ui::paths::href;

/// The state in words: "Synkad 14:03", "Offline – 3 ändringar väntar"…
pub fn status_text(i18n: leptos_i18n::I18nContext<Locale>, status: &Status) -> String {
    match status {
        Status::Off => String::new(),
        Status::NeedsPassword => t_string!(i18n, sync.needs_password).to_owned(),
        Status::Connecting => t_string!(i18n, sync.connecting).to_owned(),
        Status::Syncing => t_string!(i18n, sync.syncing).to_owned(),
        Status::Synced { at } => t_string!(i18n, sync.synced, time = format::time(i18n, *at)),
        Status::Offline { waiting: 0 } => t_string!(i18n, sync.offline).to_owned(),
        Status::Offline { waiting: 1 } => t_string!(i18n, sync.offline_one).to_owned(),
        Status::Offline { waiting } => t_string!(i18n, sync.offline_many, count = *waiting),
        Status::Retrying { retry, .. } => {
            t_string!(i18n, sync.retrying, time = format::time(i18n, *retry))
        }
        Status::Stopped(trouble) => trouble_text(i18n, trouble),
    }
}

/// What went wrong, as a person is told it.
pub fn trouble_text(i18n: leptos_i18n::I18nContext<Locale>, trouble: &Trouble) -> String {
    match trouble {
        Trouble::WrongPassword => t_string!(i18n, sync.wrong_password).to_owned(),
        Trouble::NoAccess => t_string!(i18n, sync.no_access).to_owned(),
        Trouble::NoDatabase => t_string!(i18n, sync.no_database).to_owned(),
        Trouble::NotCouch => t_string!(i18n, sync.not_couch).to_owned(),
        Trouble::Unreachable => t_string!(i18n, sync.unreachable).to_owned(),
        Trouble::TimedOut => t_string!(i18n, sync.timed_out).to_owned(),
        Trouble::Server(status, reason) => {
            t_string!(
                i18n,
                sync.server_error,
                status = *status,
                reason = reason.clone()
            )
        }
    }
}

/// The state's kind, for the mark's look and for tests.
pub fn status_kind(status: &Status) -> &'static str {
    match status {
        Status::Off => "off",
        Status::Connecting | Status::Syncing => "syncing",
        Status::Synced { .. } => "synced",
        Status::Offline { .. } => "offline",
        Status::Retrying { .. } => "retrying",
        Status::NeedsPassword | Status::Stopped(_) => "stopped",
    }
}

/// A mark that differs in shape, not only in colour.
fn mark(status: &Status) -> &'static str {
    match status_kind(status) {
        "synced" => "✓",
        "syncing" => "↻",
        "offline" => "○",
        "retrying" => "…",
        _ => "!",
    }
}

/// Below the header, where it has room for the mark only (under 90rem): the state in words
/// while it needs attention, so no one works on unaware that their edits wait. Hidden from
/// screen readers, who hear the same words in the header's link and its live region.
#[component]
pub fn SyncNotice() -> impl IntoView {
    let i18n = use_i18n();
    let status = crate::sync::status();
    let attention =
        move || status.with(|s| matches!(status_kind(s), "offline" | "retrying" | "stopped"));
    view! {
        <Show when=attention>
            <p class="sync-notice" aria-hidden="true" data-testid="sync-notice"
                data-state=move || status.with(status_kind)>
                <span class="mark">{move || status.with(mark)}</span>
                " "
                {move || status.with(|s| status_text(i18n, s))}
            </p>
        </Show>
    }
}

/// The footer's words while a server is set: what is shared, and with whom (read in the
/// footer's own closure, so it follows the language).
pub fn shared_with(server: Server) -> String {
    let i18n = use_i18n();
    t_string!(i18n, footer.shared, address = server.address)
}

/// In the header, shown once a server is set.
#[component]
pub fn SyncStatus() -> impl IntoView {
    let i18n = use_i18n();
    let status = crate::sync::status();
    // What the live region says: the last state worth telling, from the one before it
    // (a "Synkar…" between two others is passed over). None at the start: a page that
    // opens does not announce.
    let told = RwSignal::new(None::<Status>);
    let before = StoredValue::new(None::<Status>);
    Effect::new(move |_| {
        let now = status.get();
        if now == Status::Syncing {
            return;
        }
        match before.get_value() {
            Some(b) if b.worth_telling(&now) => told.set(Some(now.clone())),
            _ => {}
        }
        before.set_value(Some(now));
    });
    view! {
        <Show when=move || status.with(|s| *s != Status::Off)>
            <A href=href("/data#sync") attr:class="sync-status"
                attr:data-state=move || status.with(status_kind)>
                <span class="mark" aria-hidden="true">{move || status.with(mark)}</span>
                <span class="visually-hidden">{move || t_string!(i18n, sync.header_label)}": "</span>
                <span class="text" data-testid="sync-state">{move || status.with(|s| status_text(i18n, s))}</span>
            </A>
        </Show>
        <div class="visually-hidden" role="status" aria-live="polite" data-testid="sync-announcer">
            {move || told.get().map(|s| status_text(i18n, &s))}
        </div>
    }
}
