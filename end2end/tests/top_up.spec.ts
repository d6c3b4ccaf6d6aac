// Top-ups in a real browser: the modal's limits, live price and confirmation; a paid top-up
// listed with its invoice; a declined card with the link into billing, paid there and then
// applied; a carrier outage after payment; and the ledger behind each (one invoice, one
// charge, one addition).
import { test, expect, Page, APIRequestContext } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ids } from "./ids";
import { byId, clearFaults, fault, login, newCustomer, openSim, sim, Customer } from "./helpers";

test.afterEach(async ({ request }) => {
  await clearFaults(request);
});

type Ledger = { invoices: { id: number; status: string; total: string; captureAttempts: number; payments: number }[]; credits: unknown[] };

async function ledger(request: APIRequestContext, c: Customer): Promise<Ledger> {
  const res = await request.get(`/_sim/control/whmcs/clients/${c.clientId}/ledger`);
  expect(res.status()).toBe(200);
  return res.json();
}

async function additions(request: APIRequestContext, msisdn: string): Promise<number> {
  const res = await request.get(`/_sim/control/freebit/lines/${msisdn}`);
  expect(res.status()).toBe(200);
  return (await res.json()).addSpecCalls;
}

async function setCard(request: APIRequestContext, c: Customer, card: "pays" | "declines" | "missing") {
  const res = await request.post(`/_sim/control/whmcs/clients/${c.clientId}/card`, { data: { card } });
  expect(res.status()).toBe(204);
}

async function openTopUp(page: Page) {
  await byId(page, ids.ACTION_TOP_UP).click();
  await expect(byId(page, ids.TOP_UP_MODAL)).toBeVisible();
}

test("top-up: presets, live price, limits, confirmation, then paid, added and listed", async ({ page, request }) => {
  const c = await newCustomer(request);
  const s = sim(c, "esim");
  await login(page, c.email);
  await openSim(page, s);
  await expect(byId(page, ids.SIM_REMAINING)).toHaveText("47.1 GB");
  await expect(byId(page, ids.TOP_UP_HISTORY)).toContainText("No top-ups");
  await openTopUp(page);

  await expect(byId(page, ids.TOP_UP_PRESET)).toHaveCount(4);
  await expect(byId(page, ids.TOP_UP_PRICE)).toHaveText("¥500 for 1 GB");
  await page.getByLabel("5 GB").check();
  await expect(byId(page, ids.TOP_UP_PRICE)).toHaveText("¥2,500 for 5 GB");
  // A typed amount: the limits and their reasons, the price as it is typed.
  await page.getByLabel("Other amount").check();
  const custom = byId(page, ids.TOP_UP_CUSTOM);
  await custom.fill("99");
  await expect(byId(page, ids.TOP_UP_AMOUNT_ERROR)).toHaveText("A top-up must be at least 100 MB.");
  await expect(byId(page, ids.TOP_UP_SUBMIT)).toBeDisabled();
  await custom.fill("51201");
  await expect(byId(page, ids.TOP_UP_AMOUNT_ERROR)).toHaveText("A top-up can be at most 51200 MB (50 GB).");
  await custom.fill("2.5");
  await expect(byId(page, ids.TOP_UP_AMOUNT_ERROR)).toContainText("whole number");
  await custom.fill("2500");
  await expect(byId(page, ids.TOP_UP_AMOUNT_ERROR)).toHaveText("");
  await expect(byId(page, ids.TOP_UP_PRICE)).toHaveText("¥1,500 for 2,500 MB");
  await page.screenshot({ path: "screenshots/top-up-modal.png" });

  await byId(page, ids.TOP_UP_SUBMIT).click();
  const review = byId(page, ids.TOP_UP_REVIEW);
  await expect(review).toContainText("2,500 MB");
  await expect(review).toContainText("¥1,500");
  await expect(review).toContainText(s.msisdn.slice(-4));
  const axe = await new AxeBuilder({ page }).include(`#${ids.TOP_UP_MODAL}`).analyze();
  expect(axe.violations).toEqual([]);
  await page.screenshot({ path: "screenshots/top-up-review.png" });
  // Nothing is charged before the confirmation.
  expect((await ledger(request, c)).invoices).toHaveLength(0);

  await byId(page, ids.TOP_UP_SUBMIT).dblclick();
  await expect(byId(page, ids.TOP_UP_MODAL)).toBeHidden();
  await expect(byId(page, ids.SIM_NOTICE)).toContainText("2,500 MB added to");
  await expect(byId(page, ids.SIM_REMAINING)).toHaveText("49.6 GB");
  const entry = byId(page, ids.TOP_UP_ENTRY).first();
  await expect(entry).toContainText("Added");
  await expect(entry).toContainText("¥1,500");
  await expect(entry).toContainText(/invoice #\d+/);
  await expect(byId(page, ids.TIMELINE)).toContainText("Paid ¥1,500 for a 2,500 MB top-up");

  const l = await ledger(request, c);
  expect(l.invoices).toHaveLength(1);
  expect(l.invoices[0]).toMatchObject({ status: "Paid", total: "1500.00", captureAttempts: 1, payments: 1 });
  expect(await additions(request, s.msisdn)).toBe(1);
  await page.screenshot({ path: "screenshots/top-up-done.png", fullPage: true });
});

test("top-up: a declined card keeps the modal open with a link to pay in billing; paying there adds the data", async ({ page, request, context }) => {
  const c = await newCustomer(request);
  const s = sim(c, "physical");
  await setCard(request, c, "declines");
  await login(page, c.email);
  await openSim(page, s);
  await openTopUp(page);
  await byId(page, ids.TOP_UP_SUBMIT).click();
  await byId(page, ids.TOP_UP_SUBMIT).click();
  const error = byId(page, ids.ACTION_ERROR);
  await expect(error).toContainText("Your card was declined, so nothing was charged");
  const pay = byId(page, ids.TOP_UP_PAY_LINK);
  await expect(pay).toHaveText(/^Pay invoice #\d+ in billing$/);
  await page.screenshot({ path: "screenshots/top-up-declined.png" });
  // Sending it again answers the same, without a second invoice or charge.
  await byId(page, ids.TOP_UP_SUBMIT).click();
  await expect(error).toContainText("declined");
  let l = await ledger(request, c);
  expect(l.invoices).toHaveLength(1);
  expect(l.invoices[0]).toMatchObject({ status: "Unpaid", captureAttempts: 1, payments: 0 });
  expect(await additions(request, s.msisdn)).toBe(0);

  // The link signs the customer into billing at that invoice; there they pay with a card
  // that works, and the portal adds the data without a reload.
  await setCard(request, c, "pays");
  const [billing] = await Promise.all([context.waitForEvent("page"), pay.click()]);
  await expect(billing.locator("body")).toContainText(`#${l.invoices[0].id}`);
  await billing.locator("#whmcs-pay-now").click();
  await expect(billing.locator("body")).toContainText("is paid");
  await billing.close();
  await page.keyboard.press("Escape");
  const entry = byId(page, ids.TOP_UP_ENTRY).first();
  await expect(entry).toContainText("Added", { timeout: 20_000 });
  l = await ledger(request, c);
  expect(l.invoices[0]).toMatchObject({ status: "Paid", captureAttempts: 1, payments: 1 });
  expect(await additions(request, s.msisdn)).toBe(1);
});

test("top-up: without a payment method nothing is invoiced and billing's card page is offered", async ({ page, request }) => {
  const c = await newCustomer(request);
  await setCard(request, c, "missing");
  await login(page, c.email);
  await openSim(page, sim(c, "esim"));
  await openTopUp(page);
  await byId(page, ids.TOP_UP_SUBMIT).click();
  await byId(page, ids.TOP_UP_SUBMIT).click();
  await expect(byId(page, ids.ACTION_ERROR)).toContainText("no payment method");
  await expect(byId(page, ids.TOP_UP_PAY_LINK)).toHaveText("Add a payment method in billing");
  expect((await ledger(request, c)).invoices).toHaveLength(0);
});

test("top-up: the network failing after payment says paid, then shows it added once it is", async ({ page, request }) => {
  const c = await newCustomer(request);
  const s = sim(c, "esim");
  await fault(request, { upstream: "freebit", operation: "master/addSpec", kind: "freebit_result", result_code: "500", message: "busy", times: 1 });
  await login(page, c.email);
  await openSim(page, s);
  await openTopUp(page);
  await byId(page, ids.TOP_UP_SUBMIT).click();
  await byId(page, ids.TOP_UP_SUBMIT).click();
  await expect(byId(page, ids.SIM_NOTICE)).toContainText("Payment of ¥500 received");
  const entry = byId(page, ids.TOP_UP_ENTRY).first();
  await expect(entry).toContainText(/In progress|Added/);
  await expect(entry).toContainText("Added", { timeout: 20_000 });
  expect(await additions(request, s.msisdn)).toBe(1);
  expect((await ledger(request, c)).invoices).toHaveLength(1);
});

test("top-up: not offered for a suspended line, with the reason", async ({ page, request }) => {
  const c = await newCustomer(request);
  await login(page, c.email);
  await openSim(page, sim(c, "suspended"));
  await expect(byId(page, ids.ACTION_TOP_UP)).toHaveAttribute("aria-disabled", "true");
  await byId(page, ids.ACTION_TOP_UP).click({ force: true });
  await expect(byId(page, ids.TOP_UP_MODAL)).toBeHidden();
  await expect(byId(page, ids.ACTIONS_CARD)).toContainText("suspended");
});
