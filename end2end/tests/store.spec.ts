// The travel eSIM store in a real browser, as a visitor who is not logged in: the featured
// plans, a search for a destination, narrowing by days and price (the filter kept in the URL),
// a plan page with every country it covers, and a filter the server refuses.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ids } from "./ids";
import { byId, clearFaults, fault, hydrated, login, newCustomer } from "./helpers";

test("store: find a plan for a destination and see exactly what it covers", async ({ page }) => {
  await page.goto("/store");
  await hydrated(page);
  await expect(byId(page, ids.STORE_FEATURED)).toBeVisible();
  await expect(byId(page, ids.STORE_FEATURED).getByTestId(ids.STORE_PLAN_CARD)).toHaveCount(6);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);
  await page.screenshot({ path: "screenshots/store-catalogue.png", fullPage: true });

  await byId(page, ids.STORE_SEARCH).fill("Korea");
  await page.getByLabel("Trip length").selectOption("15");
  await page.getByRole("button", { name: "Show plans" }).click();
  await expect(page).toHaveURL(/q=Korea/);
  await expect(page).toHaveURL(/days=15/);
  await expect(byId(page, ids.STORE_FEATURED)).toHaveCount(0);
  const cards = byId(page, ids.STORE_PLAN_LIST).getByTestId(ids.STORE_PLAN_CARD);
  await expect(cards.first()).toBeVisible();
  for (const text of await cards.allInnerTexts()) {
    expect(text).toMatch(/South Korea|Asia \(10 countries\)/);
    expect(text).toMatch(/(15|30) days/);
  }
  await page.screenshot({ path: "screenshots/store-search.png", fullPage: true });

  // A price ceiling narrows it further; the prices shown respect it.
  await byId(page, ids.STORE_MAX_PRICE).fill("3000");
  await page.getByRole("button", { name: "Show plans" }).click();
  await expect(page).toHaveURL(/maxPrice=3000/);
  await expect(cards.first()).toBeVisible();
  for (const price of await byId(page, ids.STORE_PLAN_LIST).getByTestId(ids.STORE_PLAN_PRICE).allInnerTexts()) {
    expect(Number(price.replace(/[¥,]/g, ""))).toBeLessThanOrEqual(3000);
  }

  // The regional plan lists every country it covers.
  await page.goto("/store?region=Europe&data=10000");
  await hydrated(page);
  await byId(page, ids.STORE_PLAN_LIST).getByTestId(ids.STORE_PLAN_CARD)
    .filter({ hasText: "Europe (12 countries)" }).first()
    .getByRole("link", { name: "View plan" }).click();
  await expect(page).toHaveURL(/\/store\/plans\/esim_\d+GB_30D_REUP_V2$/);
  await expect(byId(page, ids.STORE_PLAN_PAGE)).toContainText("30 days from the first time");
  await expect(byId(page, ids.STORE_PLAN_COUNTRIES).getByRole("listitem")).toHaveCount(12);
  await expect(byId(page, ids.STORE_PLAN_COUNTRIES)).toContainText("Switzerland");
  const axePlan = await new AxeBuilder({ page }).analyze();
  expect(axePlan.violations).toEqual([]);
  await page.screenshot({ path: "screenshots/store-plan.png", fullPage: true });

  // A filter the server refuses is explained, not shown as "no plans".
  await page.goto("/store?country=Japan");
  await expect(page.getByRole("alert")).toContainText("two-letter");
});

test("store: buy eSIMs, install on the device at hand, manage them under My eSIMs", async ({ page, request }) => {
  const c = await newCustomer(request);
  await login(page, c.email);
  await page.goto("/store/plans/esim_1GB_7D_JP_V2");
  await hydrated(page);
  const buy = byId(page, ids.STORE_BUY_FORM);
  const one = await byId(page, ids.STORE_BUY_TOTAL).innerText();
  await buy.getByLabel("Number of eSIMs").selectOption("2");
  const yen = (s: string) => Number(s.replace(/[¥,]/g, ""));
  await expect(byId(page, ids.STORE_BUY_TOTAL)).not.toHaveText(one);
  expect(yen(await byId(page, ids.STORE_BUY_TOTAL).innerText())).toBe(2 * yen(one));
  await buy.getByRole("button", { name: "Buy now" }).click();
  await expect(page).toHaveURL(/\/store\/orders\/\d+$/);
  await hydrated(page);
  await expect(byId(page, ids.STORE_ORDER_STAGE)).toHaveText("Ready");
  await expect(byId(page, ids.STORE_INSTALL)).toHaveCount(2);
  // On a computer the QR code comes first; the phone's own ways are one click away.
  await expect(byId(page, ids.STORE_INSTALL).first().getByTestId(ids.STORE_QR).locator("svg")).toBeVisible();
  await expect(byId(page, ids.STORE_INSTALL).first().getByTestId(ids.STORE_IOS_LINK)).toBeHidden();
  await byId(page, ids.STORE_INSTALL).first().getByText("Other ways to install").click();
  await expect(byId(page, ids.STORE_INSTALL).first().getByTestId(ids.STORE_ACTIVATION_CODE).locator("input")).toHaveValue(/^LPA:1\$/);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);
  await page.screenshot({ path: "screenshots/store-order.png", fullPage: true });

  // My eSIMs: both, with their bundle; suspend one and restore it.
  await page.goto("/store/esims");
  await hydrated(page);
  const cards = byId(page, ids.STORE_ESIM_CARD);
  await expect(cards).toHaveCount(2);
  await expect(cards.first()).toContainText("1GB");
  await cards.first().getByRole("button", { name: "Suspend" }).click();
  await expect(cards.first()).toContainText("Suspended");
  await cards.first().getByRole("button", { name: "Restore" }).click();
  await expect(cards.first().getByRole("button", { name: "Suspend" })).toBeVisible();
  const axe2 = await new AxeBuilder({ page }).analyze();
  expect(axe2.violations).toEqual([]);
  await page.screenshot({ path: "screenshots/store-esims.png", fullPage: true });

  // Orders list, filtered by status.
  await page.goto("/store/orders?status=ready");
  await hydrated(page);
  await expect(byId(page, ids.STORE_ORDER_ROW)).toHaveCount(1);
  await page.goto("/store/orders?status=refunded");
  await expect(byId(page, ids.STORE_ORDER_ROW)).toHaveCount(0);
});

test("store: a declined card ends the order unpaid and says so", async ({ page, request }) => {
  const c = await newCustomer(request);
  await login(page, c.email);
  await fault(request, { upstream: "whmcs", operation: "CapturePayment", kind: "whmcs_error", message: "Payment Attempt Failed", times: 1 });
  try {
    await page.goto("/store/plans/esim_1GB_7D_JP_V2");
    await hydrated(page);
    await byId(page, ids.STORE_BUY_FORM).getByRole("button", { name: "Buy now" }).click();
    await expect(page).toHaveURL(/\/store\/orders\/\d+$/);
    await expect(byId(page, ids.STORE_ORDER_STAGE)).toHaveText("Payment failed");
    await expect(byId(page, ids.STORE_ORDER_PAGE)).toContainText("nothing was charged");
    await expect(byId(page, ids.STORE_INSTALL)).toHaveCount(0);
  } finally {
    await clearFaults(request);
  }
});

test.describe("on an iPhone", () => {
  test.use({ userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", viewport: { width: 390, height: 844 } });

  test("store: the one-tap install comes first", async ({ page, request }) => {
    const c = await newCustomer(request);
    await login(page, c.email);
    await page.goto("/store/plans/esim_3GB_15D_KR_V2");
    await hydrated(page);
    await byId(page, ids.STORE_BUY_FORM).getByRole("button", { name: "Buy now" }).click();
    await expect(page).toHaveURL(/\/store\/orders\/\d+$/);
    await expect(byId(page, ids.STORE_ORDER_STAGE)).toHaveText("Ready");
    const link = byId(page, ids.STORE_IOS_LINK).getByRole("link", { name: "Install the eSIM" });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute("href", /^https:\/\/esimsetup\.apple\.com\/esim_qrcode_provisioning\?carddata=LPA:1\$/);
    await expect(byId(page, ids.STORE_QR)).toBeHidden();
    await page.screenshot({ path: "screenshots/store-install-iphone.png", fullPage: true });
  });
});
