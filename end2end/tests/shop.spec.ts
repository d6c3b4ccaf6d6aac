// The shop in a real browser: browse the catalog, configure an eSIM (the EID checked before
// anything is sent), place the order, approve it as staff would through the simulated
// Salesforce, watch the order page reach "Completed" on its own, and open the new SIM's page.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ids } from "./ids";
import { byId, eidFrom, hydrated, login, newCustomer } from "./helpers";

test("shop: configure an eSIM, order it, and manage it once fulfilled", async ({ page }) => {
  const c = await newCustomer(page.request);
  await login(page, c.email);
  await page.goto("/catalog");
  await hydrated(page);
  await expect(byId(page, ids.PRODUCT_CARD).first()).toBeVisible();
  await expect(page.getByText("Spring campaign eSIM 3GB")).toHaveCount(0);
  await page.screenshot({ path: "screenshots/shop-catalog.png", fullPage: true });

  const card = byId(page, ids.PRODUCT_CARD).filter({ hasText: "eSIM Data-only 10GB" });
  await card.getByRole("link", { name: "Choose" }).click();
  await expect(page).toHaveURL(/\/catalog\/ESIM-PASI-10G$/);
  await hydrated(page);

  // No EID yet: the form says so and nothing is sent.
  await byId(page, ids.ORDER_SUBMIT).click();
  await expect(page.getByRole("alert").filter({ hasText: "EID" })).toBeVisible();
  await page.getByLabel("Device EID").fill(eidFrom("890490320000010000000000000077"));
  await page.getByLabel("Network").selectOption("4G");
  await page.getByLabel(/Voice mail & call waiting pack/).check();
  await expect(byId(page, ids.ORDER_TOTALS)).toContainText("¥2,310");
  await expect(byId(page, ids.ORDER_TOTALS)).toContainText("¥3,300");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);
  await page.screenshot({ path: "screenshots/shop-product.png", fullPage: true });

  await byId(page, ids.ORDER_SUBMIT).click();
  await expect(page).toHaveURL(/\/orders\/ord[0-9a-f]+$/);
  await expect(byId(page, ids.ORDER_STATUS)).toContainText("Under review");
  await page.screenshot({ path: "screenshots/order-review.png", fullPage: true });

  // Staff approve the order in Salesforce (the org's Flow publishes the event).
  const orders = await (await page.request.get("/_sim/control/salesforce/records/Order")).json();
  const mine = orders.filter((o: any) => o.Status === "Pending Review" && o.Description?.includes("Shibuya"));
  const sf = mine[mine.length - 1];
  expect((await page.request.post(`/_sim/control/salesforce/orders/${sf.Id}/approve`)).status()).toBe(204);

  // The page follows the order by itself to the end.
  await expect(byId(page, ids.ORDER_STATUS)).toContainText("Completed", { timeout: 20_000 });
  await expect(byId(page, ids.ORDER_STEP).filter({ hasText: "SIM activated" })).toHaveAttribute("data-status", "Done");
  await page.screenshot({ path: "screenshots/order-completed.png", fullPage: true });

  await page.getByRole("link", { name: /Manage your new SIM/ }).click();
  await hydrated(page);
  await expect(byId(page, ids.SIM_DETAILS)).toBeVisible();
  await expect(byId(page, ids.SIM_PLAN_CODE)).toContainText("PASI_10G");
});

test("shop: an order waiting for a payment method says so, and goes on once one is added", async ({ page }) => {
  const c = await newCustomer(page.request);
  await login(page, c.email);
  await page.goto("/catalog/VPN-TRAVEL");
  await hydrated(page);
  await page.getByLabel("Exit region").selectOption("Europe");
  await byId(page, ids.ORDER_SUBMIT).click();
  await expect(page).toHaveURL(/\/orders\/ord[0-9a-f]+$/);
  const number = (await page.getByText(/Order #\d+/).textContent())!.match(/#(\d+)/)![1];

  // The card is removed in billing before staff approve.
  expect((await page.request.post(`/_sim/control/whmcs/clients/${c.clientId}/card`, { data: { card: "missing" } })).status()).toBeLessThan(300);
  const orders = await (await page.request.get("/_sim/control/salesforce/records/Order")).json();
  const sf = orders.find((o: any) => o.OrderNumber === number);
  expect((await page.request.post(`/_sim/control/salesforce/orders/${sf.Id}/approve`)).status()).toBe(204);

  await expect(byId(page, ids.ORDER_STATUS)).toContainText("Waiting for you", { timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: "payment method" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add a payment method" })).toBeVisible();
  await expect(byId(page, ids.ORDER_STEP).filter({ hasText: "Payment method checked" })).toHaveAttribute("data-status", "Paused");
  await page.screenshot({ path: "screenshots/order-paused.png", fullPage: true });

  // A card is added: fulfilment goes on by itself.
  expect((await page.request.post(`/_sim/control/whmcs/clients/${c.clientId}/card`, { data: { card: "pays" } })).status()).toBeLessThan(300);
  await expect(byId(page, ids.ORDER_STATUS)).toContainText("Completed", { timeout: 20_000 });
});
