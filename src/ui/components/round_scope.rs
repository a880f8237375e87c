//! Which programme a page that exists per round is about, read from its address:
//! `/program/<slug>` and `/program/<slug>/kommuner`, `/mentorer`, `/handelser`, `/rapport`
//! name a round made in the app; 2007–08's own addresses (`/`, `/kommuner`, …) name none
//! and mean 2007–08, as they always have. The scheme holds for the built-in programmes too:
//! `/program/coaching/kommuner` leads to `/kommuner`, `/program/pilotlan` to `/pilotlan`.
//! A page draws what [`elsewhere`] gives for an address that is not a round's, and
//! [`RoundNav`] (the way back and the round's pages) above its own.

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_location;
use leptos_router::NavigateOptions;

use crate::domain::programme::round::{is_builtin, round_at};
use crate::domain::seed::COACHING_ID;
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::page_head::PageHead;
use crate::ui::paths::{base, href};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// 2007–08 (and its pilot), at its own addresses.
    Builtin,
    /// A round made in the app: its id and the slug its addresses use.
    Round { id: String, slug: String },
    /// `/program/<slug>…` where no round has that slug.
    Unknown(String),
    /// `/program/coaching…` or `/program/pilotlan…`: a built-in programme, whose pages have
    /// their own addresses.
    Alias(String),
}

impl Scope {
    /// The coaching programme the page's figures are about.
    pub fn programme_id(&self) -> &str {
        match self {
            Scope::Round { id, .. } => id,
            Scope::Builtin | Scope::Unknown(_) | Scope::Alias(_) => COACHING_ID,
        }
    }

    /// The page `page` ("kommuner") in this scope: `/program/<slug>/kommuner` for a
    /// round, `/kommuner` for 2007–08.
    pub fn path(&self, page: &str) -> String {
        match self {
            Scope::Round { slug, .. } | Scope::Unknown(slug) | Scope::Alias(slug) => {
                format!("/program/{slug}/{page}")
            }
            Scope::Builtin => format!("/{page}"),
        }
    }

    /// The start of a download's file name from the page `page`: `klimatcoachning-2027-kommuner`
    /// in a round, `klimatcoachning-kommuner` in 2007–08.
    pub fn file_stem(&self, page: &str) -> String {
        match self {
            Scope::Round { slug, .. } => format!("{slug}-{page}"),
            _ => format!("klimatcoachning-{page}"),
        }
    }

    /// The name of the round, following its edits; none outside a round.
    pub fn name(&self) -> Option<Memo<String>> {
        match self {
            Scope::Round { slug, .. } => Some(round_name(slug.clone())),
            _ => None,
        }
    }
}

/// A page's title: its own word (`page`), and on a round's page the round's name after it.
pub fn scoped_title(
    i18n: leptos_i18n::I18nContext<Locale>,
    round: Option<Memo<String>>,
    page: &str,
) -> String {
    match round {
        Some(name) => t_string!(i18n, round.page_title, page = page, name = name.get()).to_string(),
        None => page.to_owned(),
    }
}

/// The scope of the page at the current address. It changes only when the round it names
/// comes or goes (made in another tab, an import, an undo), not with the round's edits.
pub fn use_scope() -> Memo<Scope> {
    let data = use_store().data();
    // Read from the address rather than the route's parameters, which only a matched route
    // has (a page mounted alone, as the component tests do, has none).
    let location = use_location();
    Memo::new(move |_| {
        let Some(slug) = slug_in(&location.pathname.read()) else {
            return Scope::Builtin;
        };
        match round_at(&data.read(), &slug) {
            Some(p) if is_builtin(p) => Scope::Alias(slug),
            Some(p) => Scope::Round {
                id: p.meta.id.clone(),
                slug,
            },
            None => Scope::Unknown(slug),
        }
    })
}

/// The round's slug in an address under the app's base: `klimatcoachning-2027` in
/// `/program/klimatcoachning-2027/kommuner`; none outside `/program/<slug>`.
fn slug_in(path: &str) -> Option<String> {
    let path = path.strip_prefix(base()).unwrap_or(path);
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    (segments.next() == Some("program"))
        .then(|| segments.next())
        .flatten()
        .map(str::to_owned)
}

/// The name of the round at `slug`, following its edits.
pub fn round_name(slug: String) -> Memo<String> {
    let data = use_store().data();
    Memo::new(move |_| {
        round_at(&data.read(), &slug)
            .map(|p| p.name.value.clone())
            .unwrap_or_default()
    })
}

/// The pages of a round, in the order its navigation lists them: the overview, then each
/// view by its address.
const PAGES: [&str; 5] = ["", "kommuner", "mentorer", "handelser", "rapport"];

/// The way back to the list of programmes and to the round's overview, and the round's
/// pages, the current one marked. Nothing for 2007–08, whose pages the header lists.
#[component]
pub fn RoundNav(scope: Scope, current: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let Scope::Round { slug, .. } = scope else {
        return ().into_any();
    };
    let label = move |page: &str| match page {
        "" => t_string!(i18n, nav.overview),
        "kommuner" => t_string!(i18n, nav.municipalities),
        "mentorer" => t_string!(i18n, nav.mentors),
        "handelser" => t_string!(i18n, nav.events),
        _ => t_string!(i18n, nav.report),
    };
    let name = round_name(slug.clone());
    let overview = href(&format!("/program/{slug}"));
    view! {
        <p class="breadcrumb">
            <A href=href("/program")>{t!(i18n, round.all_rounds)}</A>
            {(!current.is_empty()).then(|| view! {
                " › " <a href=overview.clone() data-testid="round-name">{move || name.get()}</a>
            })}
        </p>
        <nav class="round-nav" aria-label=move || t_string!(i18n, round.pages_label, name = name.get())>
            <ul>
                {PAGES.into_iter().map(|page| {
                    let path = if page.is_empty() {
                        format!("/program/{slug}")
                    } else {
                        format!("/program/{slug}/{page}")
                    };
                    let here = page == current;
                    view! {
                        <li>
                            <a href=href(&path) aria-current=here.then_some("page")>{move || label(page)}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
    .into_any()
}

/// What a round's `page` ("" for the overview, "kommuner", …) draws when its address names
/// no round made in the app: the page for an unknown round, or the way to a built-in
/// programme's own page. None when the page draws the scope itself.
pub fn elsewhere(scope: &Scope, page: &str) -> Option<AnyView> {
    match scope {
        Scope::Unknown(slug) => Some(view! { <UnknownRound slug=slug.clone()/> }.into_any()),
        Scope::Alias(slug) => {
            let to = match (slug.as_str(), page) {
                ("pilotlan", "") => "/pilotlan".to_owned(),
                ("pilotlan", "kommuner" | "rapport") => format!("/{page}?program=pilotlan"),
                (_, "") => "/".to_owned(),
                (_, page) => format!("/{page}"),
            };
            let options = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            Some(view! { <Redirect path=href(&to) options=options/> }.into_any())
        }
        Scope::Builtin | Scope::Round { .. } => None,
    }
}

/// The page for an address `/program/<slug>…` that names no round.
#[component]
pub fn UnknownRound(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHead
            title=Signal::derive(move || t_string!(i18n, not_found.title).to_owned())
            description=Signal::derive(move || t_string!(i18n, not_found.description).to_owned())
        />
        <h1>{t!(i18n, round.unknown_heading)}</h1>
        <p data-testid="not-found">{move || t_string!(i18n, round.unknown_text, slug = slug.clone())}</p>
        <p><A href=href("/program")>{t!(i18n, round.all_rounds)}</A></p>
    }
}
