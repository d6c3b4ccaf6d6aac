// Page weight: the release build's static files go out brotli- or gzip-compressed to
// browsers that accept it (`cargo leptos … --precompress`), and the page actually loads
// the compressed wasm.
import { test, expect } from "@playwright/test";

test("assets: the wasm and css are served precompressed, with hashed names kept for a year", async ({ page, request }) => {
  const wasmUrls: string[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith(".wasm")) wasmUrls.push(r.url());
  });
  await page.goto("/login");
  // The main module (the page's lazy-route chunks may arrive first: they are preloaded too).
  const main = () => wasmUrls.map((u) => new URL(u).pathname).find((p) => p.startsWith("/pkg/sim-portal."));
  await expect.poll(main).toBeTruthy();
  const wasm = main()!;
  const css = await page.locator('link[rel="stylesheet"]').first().getAttribute("href");
  expect(css).toBeTruthy();

  // A chunk of the login page's lazy route is content-named and kept for good as well.
  await page.waitForSelector("html[data-hydrated='true']");
  const chunk = wasmUrls.map((u) => new URL(u).pathname).find((p) => !p.startsWith("/pkg/sim-portal."));
  expect(chunk, "a lazy-route chunk").toBeTruthy();
  const c = await request.get(chunk!);
  expect(c.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");

  for (const [path, type] of [[wasm, "application/wasm"], [css!, "text/css"]]) {
    const raw = await request.get(path, { headers: { "accept-encoding": "identity" } });
    expect(raw.headers()["content-encoding"]).toBeUndefined();
    // The release build names them after their content, so browsers keep them for good.
    expect(path, "a content-hashed name").toMatch(/^\/pkg\/sim-portal\.[A-Za-z0-9_-]{10,}\.(wasm|css)$/);
    expect(raw.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
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

test("assets: pages are never cached and files with stable names only for a day", async ({ request }) => {
  const page = await request.get("/login");
  expect(page.headers()["cache-control"] ?? "").not.toContain("max-age=31536000");
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["cache-control"]).toBe("public, max-age=86400");
});

test("assets: each page loads only its own code (lazy routes), and the SIM page's arrives", async ({ page }) => {
  const wasm: string[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith(".wasm")) wasm.push(new URL(r.url()).pathname);
  });
  await page.goto("/login");
  await page.waitForSelector("html[data-hydrated='true']");
  expect(wasm.some((p) => p.includes("login_route"))).toBe(true);
  expect(wasm.filter((p) => p.includes("sim_route"))).toEqual([]);

  // Logging in and opening a SIM (client-side navigation) fetches the SIM page's chunk then.
  await page.getByLabel("Email").fill("demo@example.com");
  await page.getByLabel("Password").fill("portal-demo");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/subscriptions$/);
  await page.locator('a[href$="/sim"]').first().click();
  await expect(page).toHaveURL(/\/sim$/);
  await expect.poll(() => wasm.some((p) => p.includes("sim_route"))).toBe(true);
});
