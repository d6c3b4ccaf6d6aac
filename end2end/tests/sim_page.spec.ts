import { test, expect, Page } from "@playwright/test";
import { ids } from "./ids";
import { clientProducts, decodeHtml, formatMsisdn, formatQuotaMb, lineDetail, msisdnOf } from "./simulator";

const PASSWORD = "portal-demo";
const DEMO_CLIENT_ID = "1001";
const byId = (page: Page, id: string) => page.getByTestId(id);

async function hydrated(page: Page) {
  await page.waitForSelector("html[data-hydrated='true']");
}

async function login(page: Page, email: string) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/subscriptions$/);
  await expect(byId(page, ids.CURRENT_USER)).toHaveText(email);
}

test("a wrong password shows an error and logs nobody in", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await expect(byId(page, ids.DEMO_LOGINS)).toContainText("demo2@example.com");
  await page.getByLabel("Email").fill("demo@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(byId(page, ids.LOGIN_ERROR)).toHaveText("The email or password is incorrect.");
  await page.screenshot({ path: "screenshots/login-error.png", fullPage: true });
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/subscriptions");
  await expect(page).toHaveURL(/\/login$/);
});

test("the demo customer opens a SIM and sees every detail the upstreams hold", async ({ page, request }) => {
  const products = await clientProducts(request, DEMO_CLIENT_ID);
  expect(products.length).toBeGreaterThanOrEqual(3);

  await login(page, "demo@example.com");
  const rows = byId(page, ids.SUBSCRIPTION_ROW);
  await expect(rows).toHaveCount(products.length);
  await page.screenshot({ path: "screenshots/subscriptions.png", fullPage: true });

  // The eSIM on the 50 GB plan.
  const product = products.find((p: any) => p.id === "2001");
  const msisdn = msisdnOf(product);
  const line = await lineDetail(request, msisdn);
  expect(line.eid).toBeTruthy();

  const row = page.locator(`[data-testid="${ids.SUBSCRIPTION_ROW}"][data-subscription-id="${product.id}"]`);
  await expect(row).toContainText(decodeHtml(product.name));
  await expect(row).toContainText(formatMsisdn(msisdn));
  await expect(row).toContainText(product.status);
  await row.getByRole("link").click();

  await expect(page).toHaveURL(new RegExp(`/subscriptions/${product.id}/sim$`));
  await hydrated(page);
  const card = byId(page, ids.SIM_DETAILS);
  await expect(card).toBeVisible();
  await expect(byId(page, ids.SIM_ICCID)).toHaveText(line.iccid);
  await expect(byId(page, ids.SIM_MSISDN)).toHaveText(formatMsisdn(line.account));
  await expect(byId(page, ids.SIM_PLAN_CODE)).toHaveText(line.planCode);
  await expect(byId(page, ids.SIM_PLAN_NAME)).toHaveText("SIM Data-only 50GB");
  await expect(byId(page, ids.SIM_STATUS)).toHaveText("Active");
  await expect(byId(page, ids.SIM_TYPE)).toHaveText("eSIM");
  await expect(byId(page, ids.SIM_PRODUCT)).toHaveText(decodeHtml(product.name));
  await expect(byId(page, ids.SIM_REMAINING)).toHaveText(formatQuotaMb(Math.floor(Number(line.quota) / 1024)));
  await expect(byId(page, ids.SIM_REMAINING)).toHaveText("47.1 GB");
  await page.screenshot({ path: "screenshots/sim-page.png", fullPage: true });
});

test("a physical SIM shows as physical", async ({ page, request }) => {
  const product = (await clientProducts(request, DEMO_CLIENT_ID)).find((p: any) => p.id === "2002");
  const line = await lineDetail(request, msisdnOf(product));
  await login(page, "demo@example.com");
  await page.goto(`/subscriptions/${product.id}/sim`);
  await hydrated(page);
  await expect(byId(page, ids.SIM_TYPE)).toHaveText("Physical SIM");
  await expect(byId(page, ids.SIM_ICCID)).toHaveText(line.iccid);
  await expect(byId(page, ids.SIM_PLAN_CODE)).toHaveText("PASI_10G");
});

test("another customer's SIM is not found", async ({ page }) => {
  await login(page, "demo2@example.com");
  await expect(byId(page, ids.SUBSCRIPTION_ROW)).toHaveCount(1);
  const response = await page.goto("/subscriptions/2001/sim");
  expect(response?.status()).toBe(404);
  await expect(byId(page, ids.PAGE_ERROR)).toContainText("We could not find that subscription.");
  await expect(page.locator("body")).not.toContainText("8981100005000012345");
  await page.screenshot({ path: "screenshots/not-found.png", fullPage: true });
});

test("logging out ends the session", async ({ page }) => {
  await login(page, "demo@example.com");
  await hydrated(page);
  await byId(page, ids.LOGOUT).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/subscriptions");
  await expect(page).toHaveURL(/\/login$/);
});
