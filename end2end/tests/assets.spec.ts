// Page weight: the release build's static files go out brotli- or gzip-compressed to
// browsers that accept it (`cargo leptos … --precompress`), and the page actually loads
// the compressed wasm.
import { test, expect } from "@playwright/test";

test("assets: the wasm and css are served precompressed", async ({ page, request }) => {
  const wasmUrls: string[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith(".wasm")) wasmUrls.push(r.url());
  });
  await page.goto("/login");
  await expect.poll(() => wasmUrls.length).toBeGreaterThan(0);
  const wasm = new URL(wasmUrls[0]).pathname;
  const css = await page.locator('link[rel="stylesheet"]').first().getAttribute("href");
  expect(css).toBeTruthy();

  for (const [path, type] of [[wasm, "application/wasm"], [css!, "text/css"]]) {
    const raw = await request.get(path, { headers: { "accept-encoding": "identity" } });
    expect(raw.headers()["content-encoding"]).toBeUndefined();
    const rawSize = (await raw.body()).length;

    for (const encoding of ["br", "gzip"]) {
      const r = await request.get(path, { headers: { "accept-encoding": encoding } });
      expect(r.status()).toBe(200);
      expect(r.headers()["content-encoding"], `${path} ${encoding}`).toBe(encoding);
      expect(r.headers()["content-type"]).toContain(type);
      // Playwright decodes the body; the announced length is what went over the wire.
      const sent = Number(r.headers()["content-length"]);
      expect(sent, `${path} ${encoding}`).toBeLessThan(rawSize * 0.6);
    }
  }
});
