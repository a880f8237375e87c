//! Every route of the app, once (`app_routes!` below). From that one list come the
//! router's routes ([`routes`]), the header's links ([`Page::NAV`]), the chunk fetched
//! before the app takes over a page or when a link is pointed at ([`preload`]), and,
//! since the prerenderer follows the header's links, the prerendered pages
//! (`scripts/prerender.mjs`). Adding a route is one line here, its page, and its words.
//! A route may have a second address (after `|`): a round's views (`program/:slug/kommuner`, …)
//! are 2007–08's pages, drawn for the round the address names (`components/round_scope.rs`),
//! and share their chunk: a page that two chunks drew would go to a third, shared one.
//!
//! A release build splits the wasm (`scripts/split-wasm.mjs`): the overview, the shell
//! and the store come with the first download (`main`); every other page is a chunk of
//! its own (`chunk`), fetched when the router first needs it. Without the `split`
//! feature (component tests, dev builds) the same routes are drawn from the one wasm,
//! through the same asynchronous path.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::{path, Lazy};
use wasm_bindgen::JsCast;

use crate::i18n::*;
use crate::ui::pages::not_found::NotFound;

/// One route's code: `main` draws its page from the main module, `chunk` from a chunk of
/// its own. Either way the page is built in a task of its own while the app takes over
/// (`own_task`).
macro_rules! route_code {
    (main, $name:ident, $page:path) => {
        pub mod $name {
            use leptos::prelude::*;

            pub struct Route;

            impl leptos_router::LazyRoute for Route {
                fn data() -> Self {
                    Route
                }

                async fn view(_: Self) -> AnyView {
                    crate::ui::takeover::own_task().await;
                    view! { <$page/> }.into_any()
                }
            }

            pub async fn preload() {}
        }
    };
    (chunk, $name:ident, $page:path) => {
        pub mod $name {
            use leptos::prelude::*;

            #[cfg_attr(feature = "split", leptos::lazy($name))]
            fn page() -> AnyView {
                view! { <$page/> }.into_any()
            }

            pub struct Route;

            impl leptos_router::LazyRoute for Route {
                fn data() -> Self {
                    Route
                }

                async fn view(_: Self) -> AnyView {
                    #[cfg(feature = "split")]
                    let view = page().await;
                    #[cfg(not(feature = "split"))]
                    let view = page();
                    crate::ui::takeover::own_task().await;
                    view
                }

                async fn preload() {
                    #[cfg(feature = "split")]
                    __preload_page().await;
                }
            }

            pub async fn preload() {
                <Route as leptos_router::LazyRoute>::preload().await;
            }
        }
    };
}

macro_rules! app_routes {
    ($( $name:ident $path:tt $(| $alt:tt)? $code:ident $page:path $(, nav $($key:ident).+)? ; )*) => {
        /// The app's routes, as the header lists them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Page {
            $( $name, )*
        }

        #[allow(non_snake_case)]
        mod code {
            $( route_code!($code, $name, $page); )*
        }

        impl Page {
            /// Every route, in the header's order.
            pub const ALL: &[Page] = &[$( Page::$name, )*];

            /// The route's path in the router's form: "" for the start page, `:slug` for a parameter.
            pub fn pattern(self) -> &'static str {
                match self {
                    $( Page::$name => $path, )*
                }
            }

            /// Every path the route answers: its own, and a round's view of it.
            pub fn patterns(self) -> &'static [&'static str] {
                match self {
                    $( Page::$name => &[$path $(, $alt)?], )*
                }
            }

            /// Whether the header links to the route (its line names a header word).
            pub fn in_nav(self) -> bool {
                match self {
                    $( Page::$name => app_routes!(@in_nav $($($key).+)?), )*
                }
            }

            /// The route's name in the header, if the header lists it.
            pub fn nav_label(self, i18n: leptos_i18n::I18nContext<Locale>) -> Option<&'static str> {
                let _ = i18n;
                match self {
                    $( Page::$name => app_routes!(@nav i18n $($($key).+)?), )*
                }
            }

            async fn preload_code(self) {
                match self {
                    $( Page::$name => code::$name::preload().await, )*
                }
            }
        }

        /// The router's routes, drawn inside `<Router>`.
        #[component]
        pub fn AppRoutes() -> impl IntoView {
            view! {
                <Routes fallback=NotFound>
                    $(
                        <Route path=path!($path) view={Lazy::<code::$name::Route>::new()}/>
                        $( <Route path=path!($alt) view={Lazy::<code::$name::Route>::new()}/> )?
                    )*
                </Routes>
            }
        }
    };
    (@in_nav) => { false };
    (@in_nav $($key:ident).+) => { true };
    (@nav $i18n:ident) => { None };
    (@nav $i18n:ident $($key:ident).+) => { Some(t_string!($i18n, $($key).+)) };
}

app_routes! {
    Overview "" main crate::ui::pages::overview::Overview, nav nav.overview;
    Programmes "program" chunk crate::ui::pages::programmes::Programmes, nav nav.programmes;
    Round "program/:slug" chunk crate::ui::pages::round::Round;
    Municipalities "kommuner" | "program/:slug/kommuner" chunk crate::ui::pages::municipalities::Municipalities, nav nav.municipalities;
    Municipality "kommun/:slug" chunk crate::ui::pages::municipality::Municipality;
    Mentors "mentorer" | "program/:slug/mentorer" chunk crate::ui::pages::mentors::Mentors, nav nav.mentors;
    Pilot "pilotlan" chunk crate::ui::pages::pilot::Pilot, nav nav.pilot;
    Events "handelser" | "program/:slug/handelser" chunk crate::ui::pages::events::Events, nav nav.events;
    Report "rapport" | "program/:slug/rapport" chunk crate::ui::pages::report::Report, nav nav.report;
    Data "data" chunk crate::ui::pages::data::DataPage, nav nav.data;
    About "om" chunk crate::ui::pages::about::About, nav nav.about;
}

impl Page {
    /// The routes the header links to, in its order.
    pub fn nav() -> impl Iterator<Item = Page> {
        Page::ALL.iter().copied().filter(|p| p.in_nav())
    }

    /// The app path of a route without parameters ("/", "/kommuner").
    pub fn path(self) -> String {
        format!("/{}", self.pattern())
    }

    /// The route that draws `path`, an app path ("/kommun/hjo") or the browser's path
    /// under the base the app is served at ("/klimat/kommun/hjo").
    pub fn at(path: &str) -> Option<Page> {
        let base = crate::ui::paths::base();
        let path = match path.strip_prefix(base) {
            Some(rest) if !base.is_empty() && (rest.is_empty() || rest.starts_with('/')) => rest,
            _ => path,
        };
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        Page::ALL.iter().copied().find(|page| {
            page.patterns().iter().any(|pattern| {
                let pattern: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
                pattern.len() == segments.len()
                    && pattern
                        .iter()
                        .zip(&segments)
                        .all(|(p, s)| p.starts_with(':') || p == s)
            })
        })
    }
}

/// Fetches the chunk of the route that draws `path` (see [`Page::at`]), so that the
/// router can draw it at once when the app is mounted over the prerendered page. Any other
/// path needs nothing beyond the main module.
pub async fn preload(path: &str) {
    if let Some(page) = Page::at(path) {
        page.preload_code().await;
    }
}

/// Starts fetching a route's chunk as soon as a link to it is pointed at, touched or
/// focused: the click that follows finds the code there, or on its way.
pub fn preload_on_intent() {
    let on = |ev: web_sys::Event| {
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        if let Some(link) = link {
            let same_site = link.origin() == window().location().origin().unwrap_or_default();
            if same_site {
                leptos::task::spawn_local(async move { preload(&link.pathname()).await });
            }
        }
    };
    let _ = window_event_listener(leptos::ev::pointerover, move |ev| on(ev.into()));
    let _ = window_event_listener(leptos::ev::focusin, move |ev| on(ev.into()));
    let _ = window_event_listener(leptos::ev::touchstart, move |ev| on(ev.into()));
}
