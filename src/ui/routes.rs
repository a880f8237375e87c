//! The routes that load their code when first visited.
//!
//! A release build splits the wasm (`scripts/split-wasm.mjs`): the overview, the shell and
//! the store come with the first download; each page below is its own chunk, fetched when
//! the router first needs it. Without the `split` feature (component tests, dev builds)
//! the same routes are drawn from the one wasm, through the same asynchronous path.

use leptos::prelude::*;
use leptos_router::LazyRoute;
use wasm_bindgen::JsCast;

/// `$route`: a route whose view is `$page`, kept in a chunk of its own named `$chunk`.
macro_rules! chunked_route {
    ($route:ident, $chunk:ident, $preload:ident, $page:path) => {
        pub struct $route;

        #[cfg_attr(feature = "split", leptos::lazy)]
        fn $chunk() -> AnyView {
            view! { <$page/> }.into_any()
        }

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_: Self) -> AnyView {
                #[cfg(feature = "split")]
                let view = $chunk().await;
                #[cfg(not(feature = "split"))]
                let view = $chunk();
                crate::ui::takeover::own_task().await;
                view
            }

            async fn preload() {
                #[cfg(feature = "split")]
                $preload().await;
            }
        }
    };
}

/// The overview comes with the main module; it is a route of this kind so that the
/// first page is built in a task of its own when the app takes over (`own_task`).
pub struct OverviewRoute;

impl LazyRoute for OverviewRoute {
    fn data() -> Self {
        OverviewRoute
    }

    async fn view(_: Self) -> AnyView {
        crate::ui::takeover::own_task().await;
        view! { <crate::ui::pages::overview::Overview/> }.into_any()
    }
}

chunked_route!(
    MunicipalitiesRoute,
    municipalities_page,
    __preload_municipalities_page,
    crate::ui::pages::municipalities::Municipalities
);
chunked_route!(
    MunicipalityRoute,
    municipality_page,
    __preload_municipality_page,
    crate::ui::pages::municipality::Municipality
);
chunked_route!(
    MentorsRoute,
    mentors_page,
    __preload_mentors_page,
    crate::ui::pages::mentors::Mentors
);
chunked_route!(
    PilotRoute,
    pilot_page,
    __preload_pilot_page,
    crate::ui::pages::pilot::Pilot
);
chunked_route!(
    EventsRoute,
    events_page,
    __preload_events_page,
    crate::ui::pages::events::Events
);
chunked_route!(
    DataRoute,
    data_page,
    __preload_data_page,
    crate::ui::pages::data::DataPage
);
chunked_route!(
    ReportRoute,
    report_page,
    __preload_report_page,
    crate::ui::pages::report::Report
);
chunked_route!(
    AboutRoute,
    about_page,
    __preload_about_page,
    crate::ui::pages::about::About
);

/// Fetches the chunk of the route at `path` (an app path, as in the router: "/kommuner",
/// "/kommun/hjo"), so that the router can draw it at once when the app is mounted over
/// the prerendered page. Any other path needs nothing beyond the main module.
pub async fn preload(path: &str) {
    let first = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    match first {
        "kommuner" => MunicipalitiesRoute::preload().await,
        "kommun" => MunicipalityRoute::preload().await,
        "mentorer" => MentorsRoute::preload().await,
        "pilotlan" => PilotRoute::preload().await,
        "handelser" => EventsRoute::preload().await,
        "data" => DataRoute::preload().await,
        "om" => AboutRoute::preload().await,
        "rapport" => ReportRoute::preload().await,
        _ => {}
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
