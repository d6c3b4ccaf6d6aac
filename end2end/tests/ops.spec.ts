// The operator console in a real browser (issue 11): staff login, the dashboard's charts,
// filtering the SIM list, suspending a SIM with a reason and finding it in the history, a
// CSV import with one invalid row through the preview, and what a viewer may not do.
import { test, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ids } from "./ids";
import { byId, hydrated, login, newCustomer, PASSWORD } from "./helpers";

async function staffLogin(page: Page, email: string) {
  await page.goto("/ops/login");
  await hydrated(page);
  await expect(byId(page, ids.OPS_DEMO_STAFF)).toContainText(email);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/ops$/);
  await expect(byId(page, ids.OPS_STAFF)).toContainText(email);
}

/** A valid ICCID (8981 + 14 digits + Luhn check digit) from a serial. */
function iccid(serial: number): string {
  const body = "8981" + String(serial).padStart(14, "0");
  for (let d = 0; d < 10; d++) {
    const digits = body + d;
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let n = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) { n *= 2; if (n > 9) n -= 9; }
      sum += n;
    }
    if (sum % 10 === 0) return digits;
  }
  throw new Error("unreachable");
}

test("ops: dashboard charts, filter the list, suspend a SIM and see the event", async ({ page }) => {
  await staffLogin(page, "support@example.com");
  await hydrated(page);
  for (const id of [ids.OPS_TOTAL_ALL, ids.OPS_TOTAL_ACTIVE, ids.OPS_TOTAL_SUSPENDED, ids.OPS_TOTAL_AVAILABLE]) {
    await expect(byId(page, id)).toContainText(/\d/);
  }
  for (const chart of ["chart-status", "chart-activations", "chart-tariff"]) {
    await expect(page.locator(`#${chart}[data-chart='drawn']`)).toBeVisible();
  }
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);
  await page.screenshot({ path: "screenshots/ops-dashboard.png", fullPage: true });
  await byId(page, ids.OPS_BUCKET).getByRole("link", { name: "Week" }).click();
  await expect(page).toHaveURL(/bucket=week/);
  await expect(page.locator("#chart-activations[data-chart='drawn']")).toBeVisible();

  // The list, filtered to active postpaid SIMs; the filter is in the URL.
  await page.goto("/ops/sims");
  await hydrated(page);
  const form = byId(page, ids.OPS_FILTER_FORM);
  await form.getByLabel("Status").selectOption("ACTIVE");
  await form.getByLabel("Type").selectOption("postpaid");
  await form.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=ACTIVE/);
  await expect(page).toHaveURL(/type=postpaid/);
  const rows = byId(page, ids.OPS_SIM_ROW);
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count; i++) {
    await expect(rows.nth(i)).toContainText("Active");
    await expect(rows.nth(i)).toContainText("postpaid");
  }
  await expect(byId(page, ids.OPS_NEXT_PAGE)).toBeVisible();
  await page.screenshot({ path: "screenshots/ops-sims.png", fullPage: true });

  // Open one and suspend it with a reason.
  const iccidText = (await rows.first().locator("td").first().innerText()).trim();
  await rows.first().getByRole("link", { name: iccidText }).click();
  await expect(page).toHaveURL(/\/ops\/sims\/\d+$/);
  await hydrated(page);
  await expect(byId(page, ids.OPS_SIM_STATUS)).toHaveText("Active");
  await expect(byId(page, ids.OPS_ACTION).filter({ hasText: "Reserve" })).toHaveCount(0);
  await byId(page, ids.OPS_ACTION).filter({ hasText: "Suspend" }).click();
  // A reason is required (the browser's own check first, then the server's).
  await byId(page, ids.OPS_ACTION_REASON).fill("Payment overdue (invoice 4411)");
  await page.screenshot({ path: "screenshots/ops-suspend.png", fullPage: true });
  await byId(page, ids.OPS_ACTION_SUBMIT).click();
  await expect(byId(page, ids.OPS_SIM_STATUS)).toHaveText("Suspended");
  await expect(byId(page, ids.OPS_ACTION_DONE)).toContainText("Suspend");
  await expect(byId(page, ids.OPS_ACTION).filter({ hasText: "Resume" })).toBeVisible();
  await byId(page, ids.OPS_TAB_HISTORY).click();
  const event = byId(page, ids.OPS_EVENT).first();
  await expect(event).toContainText("Suspended: Active → Suspended");
  await expect(event).toContainText("Payment overdue (invoice 4411)");
  await expect(event).toContainText("support@example.com");
  await page.screenshot({ path: "screenshots/ops-sim-history.png", fullPage: true });

  // The PIN is masked until revealed, and the reveal is in the history.
  await byId(page, ids.OPS_TAB_DETAILS).click();
  await expect(byId(page, ids.OPS_PIN)).toContainText("••");
  await byId(page, ids.OPS_REVEAL).click();
  await expect(byId(page, ids.OPS_PIN)).toHaveText(/^\d{4}$/);
  await page.reload();
  await hydrated(page);
  await byId(page, ids.OPS_TAB_HISTORY).click();
  await expect(byId(page, ids.OPS_EVENT).first()).toContainText("Pin revealed");
});

test("ops: import a CSV with one invalid row through the preview", async ({ page }) => {
  await staffLogin(page, "admin@example.com");
  await page.goto("/ops/imports");
  await hydrated(page);
  const base = 700_000_000 + Math.floor(Date.now() % 1_000_000) * 10;
  const bad = iccid(base + 2).slice(0, -1) + String((Number(iccid(base + 2).slice(-1)) + 1) % 10);
  const csv = [
    "iccid,pin,puk,type,msisdn",
    `${iccid(base)},1234,12345678,prepaid,`,
    `${iccid(base + 1)},5678,87654321,data-only,`,
    `${bad},1111,11111111,postpaid,`,
  ].join("\n") + "\n";
  await byId(page, ids.OPS_IMPORT_FILE).setInputFiles({ name: "batch.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await byId(page, ids.OPS_IMPORT_PREVIEW).click();
  const counts = byId(page, ids.OPS_IMPORT_COUNTS);
  await expect(counts.locator("[data-count='new']")).toHaveText("2");
  await expect(counts.locator("[data-count='invalid']")).toHaveText("1");
  await expect(byId(page, ids.OPS_IMPORT_ROW).first()).toContainText("Luhn");
  await expect(byId(page, ids.OPS_IMPORT_REJECTED)).toContainText("1 rejected row");
  await page.screenshot({ path: "screenshots/ops-import-preview.png", fullPage: true });
  // Nothing is in the inventory yet.
  const before = await page.request.get(`/api/ops/sim-cards?q=${iccid(base)}`);
  expect((await before.json()).items).toEqual([]);

  await byId(page, ids.OPS_IMPORT_COMMIT).click();
  await expect(byId(page, ids.OPS_IMPORT_DONE)).toContainText("Imported 2 new SIMs; 1 row skipped.");
  const after = await page.request.get(`/api/ops/sim-cards?q=${iccid(base)}`);
  const items = (await after.json()).items;
  expect(items.length).toBe(1);
  expect(items[0].status).toBe("AVAILABLE");
  await page.screenshot({ path: "screenshots/ops-import-done.png", fullPage: true });
});

test("ops: a viewer only reads, and a customer never gets in", async ({ page }) => {
  await staffLogin(page, "viewer@example.com");
  await expect(page.getByRole("link", { name: "Imports" })).toHaveCount(0);
  await page.goto("/ops/sims?status=ACTIVE");
  await hydrated(page);
  await byId(page, ids.OPS_SIM_ROW).first().locator("a").first().click();
  await expect(page).toHaveURL(/\/ops\/sims\/\d+$/);
  await expect(byId(page, ids.OPS_SIM_HEADER)).toBeVisible();
  await expect(byId(page, ids.OPS_ACTION)).toHaveCount(0);
  await expect(byId(page, ids.OPS_REVEAL)).toHaveCount(0);
  await page.goto("/ops/imports");
  await expect(page.getByText("Only an admin can import SIM cards.")).toBeVisible();
  const res = await page.request.post("/api/ops/imports?dryRun=true", { headers: { "content-type": "text/csv" }, data: "x" });
  expect(res.status()).toBe(403);

  // A customer's session is not a staff session.
  await page.context().clearCookies();
  const c = await newCustomer(page.request);
  await login(page, c.email);
  const guest = await page.request.get("/ops", { maxRedirects: 0 });
  expect(guest.status()).toBe(302);
  expect(guest.headers()["location"]).toBe("/ops/login");
  await page.goto("/ops/sims");
  await expect(page).toHaveURL(/\/ops\/login$/);
});

test("ops: customers, codes, tariff plans and a bulk change", async ({ page }) => {
  await staffLogin(page, "admin@example.com");
  // Customers: search, open one, see their SIMs.
  await page.goto("/ops/customers");
  await hydrated(page);
  const firstRow = byId(page, ids.OPS_CUSTOMER_ROW).first();
  const lastName = (await firstRow.locator("td").nth(1).innerText()).trim().split(" ").pop()!;
  await byId(page, ids.OPS_CUSTOMER_SEARCH).getByLabel(/Name, email/).fill(lastName);
  await byId(page, ids.OPS_CUSTOMER_SEARCH).getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${lastName}`));
  await expect(byId(page, ids.OPS_CUSTOMER_ROW).first()).toContainText(lastName);
  await byId(page, ids.OPS_CUSTOMER_ROW).first().getByRole("link").click();
  await expect(page).toHaveURL(/\/ops\/customers\/\d+$/);
  await hydrated(page);
  await expect(byId(page, ids.OPS_CUSTOMER_SIMS)).toBeVisible();
  await expect(byId(page, ids.OPS_ASSIGN_FORM)).toBeVisible();
  // Edit the customer's phone: a bad number is refused with the reason, a good one is saved
  // and shows in the record's changes with the value before and after.
  await page.getByText("Edit details").click();
  const edit = byId(page, ids.OPS_CUSTOMER_FORM);
  await edit.getByLabel("Phone (optional)").fill("12345");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByRole("alert")).toContainText("10 or 11 digits");
  await edit.getByLabel("Phone (optional)").fill("090-5555-0101");
  await edit.getByRole("button", { name: "Save changes" }).click();
  const changes = byId(page, ids.OPS_CUSTOMER_CHANGES);
  await expect(changes).toContainText("updated");
  await expect(changes).toContainText('after: {"phone":"09055550101"}');
  await expect(changes).toContainText("admin@example.com");
  await page.screenshot({ path: "screenshots/ops-customer.png", fullPage: true });

  // Activation codes: mark an unused one expired.
  await page.goto("/ops/codes?status=UNUSED");
  await hydrated(page);
  const code = byId(page, ids.OPS_CODE_ROW).first();
  const codeText = (await code.locator("td").first().innerText()).trim();
  await code.getByRole("button", { name: "Mark expired" }).click();
  await expect(byId(page, ids.OPS_CODE_ROW).filter({ hasText: codeText })).toHaveCount(0);
  await page.goto(`/ops/codes?q=${codeText}`);
  await expect(byId(page, ids.OPS_CODE_ROW).first()).toContainText("Expired");
  await page.screenshot({ path: "screenshots/ops-codes.png", fullPage: true });

  // Tariff plans: add one; a duplicate name is refused with the reason.
  await page.goto("/ops/tariffs");
  await hydrated(page);
  const name = `Travel ${Date.now() % 100000}`;
  const add = byId(page, ids.OPS_TARIFF_FORM).last();
  await add.getByLabel("Name").fill(name);
  await add.getByLabel("Monthly price (¥)").fill("990");
  await add.getByLabel("Kind").selectOption("data-only");
  await add.getByRole("button", { name: "Add plan" }).click();
  await expect(byId(page, ids.OPS_TARIFF_ROW).filter({ hasText: name })).toContainText("¥990");
  await add.getByLabel("Name").fill(name);
  await add.getByLabel("Monthly price (¥)").fill("990");
  await add.getByRole("button", { name: "Add plan" }).click();
  await expect(byId(page, ids.OPS_TARIFF_ERROR)).toContainText("Another tariff plan has this name.");
  await page.screenshot({ path: "screenshots/ops-tariffs.png", fullPage: true });

  // Staff logins: add a viewer.
  await page.goto("/ops/staff");
  await hydrated(page);
  const email = `night${Date.now() % 100000}@example.com`;
  const staffForm = byId(page, ids.OPS_STAFF_FORM);
  await staffForm.getByLabel("Work email").fill(email);
  await staffForm.getByLabel(/First password/).fill("a-long-first-password");
  await staffForm.getByRole("button", { name: "Add" }).click();
  await expect(byId(page, ids.OPS_STAFF_ROW).filter({ hasText: email })).toContainText("Active");
  await page.screenshot({ path: "screenshots/ops-staff.png", fullPage: true });

  // Bulk: suspend the active prepaid SIMs, through the preview.
  await page.goto("/ops/sims?status=ACTIVE&type=prepaid&sort=-created");
  await hydrated(page);
  const bulk = byId(page, ids.OPS_BULK_FORM);
  await bulk.locator("summary").click();
  await bulk.getByLabel("Operation").selectOption("suspend");
  await bulk.getByLabel(/Reason/).fill("Bulk check in the browser test");
  await byId(page, ids.OPS_BULK_PREVIEW).click();
  await expect(bulk).toContainText("will change");
  await page.screenshot({ path: "screenshots/ops-bulk-preview.png", fullPage: true });
  await byId(page, ids.OPS_BULK_APPLY).click();
  await expect(byId(page, ids.OPS_BULK_DONE)).toContainText(/Changed \d+ SIMs?\./);
  await expect(page.getByText("No SIM matches this filter.")).toBeVisible();
});
