// Time to hydrated: from navigation start until the app marks <html data-hydrated> (set by the
// first effect after hydration, app/src/lib.rs). Each run is a fresh browser context, so
// nothing is cached: HTML, CSS, JS and wasm are fetched, compiled and run every time.
// Usage: node hydrate.mjs <page URL> <bearer token> [runs]  → JSON on stdout.
import { chromium } from "playwright-core";

const [url, token, runs = "5"] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const times = [];
for (let i = 0; i < Number(runs); i++) {
  const ctx = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    // Watches the whole document: <html> may not exist yet when this runs.
    new MutationObserver((_, obs) => {
      if (document.documentElement?.hasAttribute("data-hydrated")) {
        window.__hydratedAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
  });
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForSelector("html[data-hydrated]", { timeout: 30_000 });
  times.push(await page.evaluate(() => window.__hydratedAt));
  await ctx.close();
}
await browser.close();
const sorted = [...times].sort((a, b) => a - b);
console.log(JSON.stringify({ median_ms: sorted[Math.floor(sorted.length / 2)], runs: times }));
