//! `/om`: the programme, every source, privacy, and the app's version.

use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::components::page_head::PageHead;
use crate::ui::components::source_list::SourceList;

#[component]
pub fn About() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHead
            title=Signal::derive(move || t_string!(i18n, about.title).to_owned())
            description=Signal::derive(move || t_string!(i18n, about.description).to_owned())
        />
        <h1>{t!(i18n, about.heading)}</h1>
        <p>{t!(i18n, about.intro)}</p>
        <section aria-labelledby="about-sources">
            <h2 id="about-sources">{t!(i18n, about.sources_heading)}</h2>
            <p>{t!(i18n, about.sources_intro)}</p>
            <SourceList/>
        </section>
        <section aria-labelledby="about-privacy">
            <h2 id="about-privacy">{t!(i18n, about.privacy_heading)}</h2>
            <p>{t!(i18n, about.privacy)}</p>
        </section>
        <section aria-labelledby="about-version">
            <h2 id="about-version">{t!(i18n, about.version_heading)}</h2>
            <p data-testid="version">
                {move || t_string!(i18n, about.version, version = env!("CARGO_PKG_VERSION"))}
            </p>
        </section>
    }
}
