// Debian's Chromium, as the build (prerendering), the tests and the benchmark start it.
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// Without these, Chromium keeps trying to reach Google's hosts on this closed network.
export const QUIET = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
