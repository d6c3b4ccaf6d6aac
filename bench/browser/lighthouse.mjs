// Lighthouse (its default: mobile, simulated slow 4G and a 4x slower CPU) on one page with
// Debian's Chromium. Usage: node lighthouse.mjs <page URL> <bearer token>  → JSON on stdout.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const [url, token] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  const { lhr } = await lighthouse(url, {
    port: chrome.port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
    extraHeaders: { Authorization: `Bearer ${token}` },
  });
  const audit = (id) => lhr.audits[id]?.numericValue;
  const failed = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
    .map((a) => a.id);
  console.log(JSON.stringify({
    performance: lhr.categories.performance.score,
    accessibility: lhr.categories.accessibility.score,
    fcp_ms: audit("first-contentful-paint"),
    lcp_ms: audit("largest-contentful-paint"),
    tbt_ms: audit("total-blocking-time"),
    cls: audit("cumulative-layout-shift"),
    transferred_bytes: audit("total-byte-weight"),
    failed,
  }));
} finally {
  await chrome.kill();
}
