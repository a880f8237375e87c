// Lighthouse 12 (its default: mobile, simulated throttling) on a first visit to each path,
// median of RUNS per path: performance, accessibility and best-practice scores; FCP, LCP,
// CLS and TBT. Used by scripts/bench.mjs; on its own, for #34's figures:
//
//   node scripts/lighthouse.mjs <dist> [path…]
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { serve } from "./serve.mjs";
import { CHROMIUM, QUIET } from "./chromium.mjs";

const RUNS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

/** A row per path: { measure, value, budget, holds }, audited against `origin`. */
export async function lighthouseRows(origin, paths) {
  const rows = [];
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", "--no-sandbox", ...QUIET] });
  try {
    for (const path of paths) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const { lhr } = await lighthouse(origin + path, {
          port: chrome.port,
          logLevel: "error",
          output: "json",
          onlyCategories: ["performance", "accessibility", "best-practices"],
        });
        // A page Lighthouse refuses (a deep link answered with status 404) is a result too.
        if (lhr.runtimeError) {
          runs.push({ version: lhr.lighthouseVersion, error: lhr.runtimeError.code });
          break;
        }
        const audit = (id) => lhr.audits[id].numericValue;
        runs.push({
          version: lhr.lighthouseVersion,
          perf: lhr.categories.performance.score * 100,
          a11y: lhr.categories.accessibility.score * 100,
          bp: lhr.categories["best-practices"].score * 100,
          fcp: audit("first-contentful-paint"),
          lcp: audit("largest-contentful-paint"),
          cls: audit("cumulative-layout-shift"),
          tbt: audit("total-blocking-time"),
        });
      }
      if (runs[0].error) {
        rows.push({ measure: `Lighthouse ${runs[0].version} mobile ${path}`, value: `not audited: ${runs[0].error}`, budget: "performance ≥ 95, TBT ≤ 200 ms, FCP ≤ 1.2 s, LCP ≤ 1.8 s, CLS ≤ 0.02", holds: "no" });
        continue;
      }
      const m = (k) => median(runs.map((r) => r[k]));
      const holds = m("perf") >= 95 && m("tbt") <= 200 && m("fcp") <= 1200 && m("lcp") <= 1800 && m("cls") <= 0.02;
      rows.push({
        measure: `Lighthouse ${runs[0].version} mobile ${path}, median of ${RUNS}: perf · a11y · best practices; FCP, LCP, CLS, TBT`,
        value: `${Math.round(m("perf"))} · ${Math.round(m("a11y"))} · ${Math.round(m("bp"))}; FCP ${ms(m("fcp"))}, LCP ${ms(m("lcp"))}, CLS ${m("cls").toFixed(3)}, TBT ${ms(m("tbt"))}`,
        budget: "performance ≥ 95, TBT ≤ 200 ms, FCP ≤ 1.2 s, LCP ≤ 1.8 s, CLS ≤ 0.02",
        holds: holds ? "yes" : "no",
      });
    }
  } finally {
    await chrome.kill();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dist = "dist", ...asked] = process.argv.slice(2);
  const server = await serve({ dir: dist, port: 0 });
  try {
    const rows = await lighthouseRows(`http://127.0.0.1:${server.address().port}`, asked.length > 0 ? asked : ["/", "/kommuner", "/kommun/hjo"]);
    for (const r of rows) console.log(`| ${r.measure} | ${r.value} | ${r.holds} |`);
  } finally {
    server.close();
  }
}
