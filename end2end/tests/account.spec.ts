// Account and security pages in a real browser: where you are logged in (ending another
// device's session, logging out everywhere), billing with sign-in links minted per click,
// linking an existing billing account, and password reset through the demo mailbox.
import { test, expect, Browser } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ids } from "./ids";
import { byId, hydrated, login, newCustomer, PASSWORD } from "./helpers";

async function secondDevice(browser: Browser, email: string) {
  const context = await browser.newContext({ userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1" });
  const page = await context.newPage();
  await login(page, email);
  return { context, page };
}

test("account: sessions are listed, another device is logged out, then every device", async ({ page, browser }) => {
  const c = await newCustomer(page.request);
  const phone = await secondDevice(browser, c.email);
  await login(page, c.email);
  await byId(page, ids.ACCOUNT_LINK).click();
  await expect(page).toHaveURL(/\/account$/);
  await hydrated(page);
  const rows = byId(page, ids.SESSION_ROW);
  await expect(rows).toHaveCount(2);
  await expect(page.locator(`[data-testid="${ids.SESSION_ROW}"][data-current="true"]`)).toContainText("This device");
  await expect(rows.filter({ hasText: "Safari on iPhone" })).toHaveCount(1);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);
  await page.screenshot({ path: "screenshots/account-sessions.png", fullPage: true });

  // End the phone's session: the list shrinks and the phone is sent to the login page.
  await rows.filter({ hasText: "Safari on iPhone" }).getByTestId(ids.SESSION_END).click();
  await expect(rows).toHaveCount(1);
  await phone.page.goto("/subscriptions");
  await expect(phone.page).toHaveURL(/\/login$/);

  // Everywhere: this device too.
  await login(phone.page, c.email);
  await byId(page, ids.LOGOUT_EVERYWHERE).click();
  await expect(page).toHaveURL(/\/login$/);
  await phone.page.goto("/subscriptions");
  await expect(phone.page).toHaveURL(/\/login$/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login$/);
  await phone.context.close();
});

test("billing: invoices with status and amount; Pay opens the invoice in billing, signed in", async ({ page, context }) => {
  const c = await newCustomer(page.request);
  await login(page, c.email);
  await page.getByRole("link", { name: "Billing", exact: true }).click();
  await expect(page).toHaveURL(/\/billing$/);
  await hydrated(page);
  const rows = byId(page, ids.INVOICE_ROW);
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText("Unpaid");
  await expect(rows.nth(1)).toContainText("Paid");
  await expect(byId(page, ids.BILLING_OUTSTANDING)).toContainText(/¥[\d,]+ to pay/);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);
  await page.screenshot({ path: "screenshots/billing.png", fullPage: true });

  const id = await rows.first().getAttribute("data-invoice-id");
  const pay = rows.first().getByTestId(ids.INVOICE_OPEN);
  await expect(pay).toHaveText("Pay");
  const [billing] = await Promise.all([context.waitForEvent("page"), pay.click()]);
  await expect(billing.locator("body")).toContainText(`#${id}`);
  await billing.close();
});

test("link: an existing billing customer sets up a portal login, with clear errors first", async ({ page }) => {
  const res = await page.request.post("/_sim/control/clients");
  expect(res.status()).toBe(201);
  const billing = await res.json();
  await page.goto("/login");
  await hydrated(page);
  await byId(page, ids.LINK_PAGE).click();
  await expect(page).toHaveURL(/\/link$/);
  await hydrated(page);
  await page.getByLabel("Billing email").fill(billing.email);
  await page.getByLabel("Billing password").fill("not it");
  await page.getByLabel("New portal password").fill("my portal password");
  await page.getByRole("button", { name: "Link and log in" }).click();
  await expect(byId(page, ids.LINK_ERROR)).toHaveText("The email or password is incorrect.");
  await page.screenshot({ path: "screenshots/link-error.png" });
  await page.getByLabel("Billing password").fill(PASSWORD);
  await page.getByRole("button", { name: "Link and log in" }).click();
  await expect(page).toHaveURL(/\/subscriptions$/);
  await expect(byId(page, ids.SUBSCRIPTION_ROW)).toHaveCount(billing.services.length);
});

test("password reset: the emailed link sets a new password once", async ({ page }) => {
  const c = await newCustomer(page.request);
  await page.goto("/login");
  await hydrated(page);
  await byId(page, ids.FORGOT_LINK).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await hydrated(page);
  await page.getByLabel("Email").fill(c.email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(byId(page, ids.RESET_MESSAGE)).toContainText("If this email has a portal login");

  // The demo mailbox has the email; its link opens the reset page.
  await page.goto("/_sim/mailbox");
  const link = page.locator("article", { hasText: c.email }).first().locator("a");
  const href = await link.getAttribute("href");
  expect(href).toContain("/reset-password?token=");
  await page.goto(href!);
  await hydrated(page);
  await page.getByLabel("New password").fill("a new password 2026");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(byId(page, ids.RESET_MESSAGE)).toContainText("Your password is changed");
  await page.screenshot({ path: "screenshots/reset-done.png" });

  // The link was used; the new password logs in.
  await page.goto(href!);
  await hydrated(page);
  await page.getByLabel("New password").fill("yet another password");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(byId(page, ids.RESET_MESSAGE)).toContainText("expired or was already used");
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(c.email);
  await page.getByLabel("Password").fill("a new password 2026");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/subscriptions$/);
});
