//! The report's charts as inline SVG (no chart library: three simple shapes do not
//! earn one's bytes). Each is a `<figure>` named by its caption; the drawing is an image
//! of that name, and the same figures follow as a table (its text alternative), folded
//! on screen and unfolded for print (`open_tables`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::chart::{axis, bars, stacked_columns};
use crate::i18n::*;
use crate::ui::format;
use leptos_i18n::I18nContext;

/// The drawing's coordinate box; the SVG scales to the page's width (a column chart
/// scrolls sideways on a phone rather than shrink its labels past reading).
const WIDTH: f64 = 640.0;
/// Bars need less width, so their labels stay readable on a phone.
const BAR_WIDTH: f64 = 420.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 26.0;

/// One series: its name (legend, table header) and its CSS class (its colour).
#[derive(Clone)]
pub struct Series {
    pub name: String,
    pub class: &'static str,
}

/// One column (a month): its name in the table, its label under the axis (or none, to
/// keep the axis readable) and a value per series.
#[derive(Clone)]
pub struct Column {
    pub name: String,
    pub tick: Option<String>,
    pub values: Vec<u64>,
}

/// What the values are, for how they read.
#[derive(Clone, Copy)]
pub enum Unit {
    Count,
    Kronor,
}

impl Unit {
    fn show(self, i18n: I18nContext<Locale>, n: u64) -> String {
        match self {
            Unit::Count => format::number(i18n, n),
            Unit::Kronor => format::kronor(i18n, n),
        }
    }
}

/// Every folded table on the page unfolded, so that a printout holds the figures.
pub fn open_tables() {
    let Some(doc) = window().document() else {
        return;
    };
    if let Ok(list) = doc.query_selector_all("figure.chart details") {
        for i in 0..list.length() {
            if let Some(d) = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            {
                d.set_open(true);
            }
        }
    }
}

fn legend(series: &[Series]) -> impl IntoView + use<> {
    let items = series.to_vec();
    view! {
        <ul class="chart-legend" aria-hidden="true">
            {items.into_iter().map(|s| view! {
                <li><span class=format!("swatch {}", s.class)></span>{s.name}</li>
            }).collect_view()}
        </ul>
    }
}

/// Stacked columns over time, with a value axis.
#[component]
pub fn ColumnChart(
    id: &'static str,
    name: String,
    /// The table's first column head ("Månad").
    x_head: String,
    series: Vec<Series>,
    columns: Vec<Column>,
    unit: Unit,
) -> impl IntoView {
    let i18n = use_i18n();
    let height = 200.0;
    let max = columns
        .iter()
        .map(|c| c.values.iter().sum::<u64>())
        .max()
        .unwrap_or(0);
    let (top, step) = axis(max);
    let plot_w = WIDTH - LEFT - RIGHT;
    let values: Vec<Vec<u64>> = columns.iter().map(|c| c.values.clone()).collect();
    let rects = stacked_columns(&values, plot_w, height, top);
    let ticks: Vec<u64> = (0..=top / step).map(|i| i * step).collect();
    let slot = plot_w / columns.len().max(1) as f64;
    let caption_id = format!("{id}-name");
    let scroll_label = caption_id.clone();
    let table_id = format!("{id}-table");
    let view_box = format!("0 0 {WIDTH} {}", TOP + height + BOTTOM);
    view! {
        <figure class="chart" id=id>
            <figcaption id=caption_id.clone()>{name.clone()}</figcaption>
            <div class="chart-scroll" role="region" tabindex="0" aria-labelledby=scroll_label>
            <svg viewBox=view_box role="img" aria-labelledby=caption_id class="chart-svg columns">
                <g transform=format!("translate({LEFT} {TOP})")>
                    {ticks.iter().map(|t| {
                        let y = height - *t as f64 * height / top as f64;
                        view! {
                            <line class="grid" x1="0" x2=plot_w y1=y y2=y/>
                            <text class="tick" x="-6" y=y + 5.0 text-anchor="end">{unit.show(i18n, *t)}</text>
                        }
                    }).collect_view()}
                    {rects.iter().flat_map(|col| {
                        col.iter().zip(&series).filter(|(r, _)| r.h > 0.0).map(|(r, s)| view! {
                            <rect class=s.class x=r.x y=r.y width=r.w height=r.h/>
                        }).collect::<Vec<_>>()
                    }).collect_view()}
                    {columns.iter().enumerate().filter_map(|(i, c)| c.tick.clone().map(|t| (i, t))).map(|(i, t)| view! {
                        <text class="tick" x=i as f64 * slot y=height + 18.0>{t}</text>
                    }).collect_view()}
                    <line class="axis" x1="0" x2=plot_w y1=height y2=height/>
                </g>
            </svg>
            </div>
            {(series.len() > 1).then(|| legend(&series))}
            {figures(i18n, table_id, name, x_head, &series, columns.into_iter().map(|c| (c.name, c.values)).collect(), unit)}
        </figure>
    }
}

/// A chart's figures as a table, folded under it: its text alternative.
fn figures(
    i18n: I18nContext<Locale>,
    id: String,
    name: String,
    head: String,
    series: &[Series],
    rows: Vec<(String, Vec<u64>)>,
    unit: Unit,
) -> impl IntoView + use<> {
    let heads: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
    let label = id.clone();
    view! {
        <details>
            <summary>{t!(i18n, report.as_table)}</summary>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby=label>
                <table class="report-table">
                    <caption class="visually-hidden" id=id>{name}</caption>
                    <thead><tr>
                        <th scope="col">{head}</th>
                        {heads.into_iter().map(|h| view! { <th scope="col" class="amount">{h}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(n, values)| view! {
                            <tr>
                                <th scope="row">{n}</th>
                                {values.into_iter().map(|v| view! { <td class="amount">{unit.show(i18n, v)}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}

/// Horizontal bars, grouped by row (a kind), one bar per series in each group.
#[component]
pub fn BarChart(
    id: &'static str,
    name: String,
    /// The table's first column head ("Slag").
    row_head: String,
    series: Vec<Series>,
    /// Each row's name and its value per series.
    rows: Vec<(String, Vec<u64>)>,
    unit: Unit,
) -> impl IntoView {
    let i18n = use_i18n();
    let label_w = 120.0;
    let bar_row = 22.0;
    let plot_w = BAR_WIDTH - label_w - RIGHT - 90.0;
    let flat: Vec<u64> = rows.iter().flat_map(|(_, v)| v.iter().copied()).collect();
    let (top, _) = axis(flat.iter().copied().max().unwrap_or(0));
    let rects = bars(&flat, plot_w, bar_row, top);
    let per_row = series.len().max(1);
    let group_h = bar_row * per_row as f64 + 10.0;
    let height = group_h * rows.len() as f64;
    let caption_id = format!("{id}-name");
    let table_id = format!("{id}-table");
    view! {
        <figure class="chart" id=id>
            <figcaption id=caption_id.clone()>{name.clone()}</figcaption>
            <svg viewBox=format!("0 0 {BAR_WIDTH} {height}") role="img" aria-labelledby=caption_id class="chart-svg">
                {rows.iter().enumerate().map(|(g, (row_name, _))| {
                    let y0 = g as f64 * group_h;
                    view! {
                        <text class="tick" x=label_w - 8.0 y=y0 + bar_row * per_row as f64 / 2.0 + 4.0 text-anchor="end">{row_name.clone()}</text>
                    }
                }).collect_view()}
                {rects.iter().enumerate().map(|(i, r)| {
                    // Grouped by row: the bars of one row's series one under the other.
                    let (g, s) = (i / per_row, i % per_row);
                    let y = g as f64 * group_h + s as f64 * bar_row + (r.y - i as f64 * bar_row);
                    let class = series.get(s).map_or("", |x| x.class);
                    view! {
                        <rect class=class x=label_w y=y width=r.w height=r.h/>
                        <text class="tick" x=label_w + r.w + 6.0 y=y + r.h / 2.0 + 4.0>{unit.show(i18n, flat[i])}</text>
                    }
                }).collect_view()}
            </svg>
            {(series.len() > 1).then(|| legend(&series))}
            {figures(i18n, table_id, name, row_head, &series, rows, unit)}
        </figure>
    }
}
