// Sign-up with a customer number, the address step, the payment banner (and adding a card in
// the simulated billing), the welcome email, and support cases, in a real browser.
import { test, expect, APIRequestContext } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ids } from "./ids";
import { byId, hydrated, login, newCustomer } from "./helpers";

type Account = { accountId: string; customerNumber: string; email: string; name: string };

/** A new Salesforce account nobody has signed up with yet. */
async function newcomer(request: APIRequestContext): Promise<Account> {
  const res = await request.post("/_sim/control/salesforce/accounts", { data: {} });
  expect(res.status()).toBe(201);
  return res.json();
}

test("sign-up: a newcomer signs up, checks the address, sees the payment banner and is welcomed", async ({ page }) => {
  const a = await newcomer(page.request);
  await page.goto("/signup");
  await hydrated(page);
  await expect(byId(page, ids.DEMO_CUSTOMER_NUMBERS)).toContainText("SNX-300101");

  // A wrong number first: the form says what to fix, next to the field.
  await page.getByLabel("Customer number").fill("SNX-0000000");
  await page.getByLabel("Full name").fill(a.name);
  await page.getByLabel("Email", { exact: true }).fill(a.email);
  await page.getByLabel("Phone").fill("090-1234-5678");
  await page.getByLabel("Password", { exact: true }).fill("a long enough secret");
  await page.getByLabel("Postcode").fill("150-0002");
  await page.getByLabel("Prefecture").selectOption("Tokyo");
  await page.getByLabel("City, ward or town").fill("Shibuya-ku");
  await page.getByLabel("Street address").fill("1-2-3 Shibuya");
  await page.getByRole("button", { name: "Create my login" }).click();
  await expect(page.getByText("We could not find this customer number")).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);
  await page.screenshot({ path: "screenshots/signup-error.png", fullPage: true });

  await page.getByLabel("Customer number").fill(a.customerNumber);
  await page.getByRole("button", { name: "Create my login" }).click();

  // The address step, prefilled from billing.
  await expect(page).toHaveURL(/\/account\/address\?welcome=1$/);
  await expect(page.getByRole("heading", { name: "Welcome! Check your address" })).toBeVisible();
  await hydrated(page);
  await expect(page.getByLabel("Postcode")).toHaveValue("150-0002");
  await page.getByLabel("Building and room").fill("Shibuya Heights 401");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.screenshot({ path: "screenshots/signup-address-step.png", fullPage: true });
  await page.getByRole("button", { name: "Save and continue" }).click();

  // The dashboard asks for a payment method until billing has one.
  await expect(page).toHaveURL(/\/subscriptions$/);
  await expect(byId(page, ids.PAYMENT_BANNER)).toBeVisible();
  await page.screenshot({ path: "screenshots/signup-payment-banner.png", fullPage: true });
  await byId(page, ids.MANAGE_PAYMENT_METHODS).click();
  await expect(page.getByRole("heading", { name: "Payment methods" })).toBeVisible();
  await page.locator("#whmcs-add-card").click();
  await expect(page.getByText("Visa ending 4242 saved.")).toBeVisible();
  await page.goto("/subscriptions");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "My subscriptions" })).toBeVisible();
  await expect(byId(page, ids.PAYMENT_BANNER)).toHaveCount(0);

  // The account page shows the address billing now has.
  await page.goto("/account");
  await expect(byId(page, ids.PROFILE_CARD)).toContainText("Shibuya Heights 401");
  await expect(byId(page, ids.PROFILE_CARD)).toContainText("Visa ending 4242");

  // The welcome email is in the demo mailbox.
  await page.goto("/_sim/mail");
  await expect(page.getByText("Welcome to the SonixNet portal").first()).toBeVisible();
  await expect(page.getByText(`To ${a.email}`)).toBeVisible();
});

test("support: a customer opens a case, replies, and sees it in the list", async ({ page }) => {
  const c = await newCustomer(page.request);
  await login(page, c.email);
  await page.getByRole("link", { name: "Support", exact: true }).click();
  await expect(page).toHaveURL(/\/support$/);
  await hydrated(page);
  await expect(byId(page, ids.CASE_LIST)).toContainText("No cases yet");
  await page.getByLabel("Category").selectOption("SIM & network");
  await page.getByLabel("Subject").fill("No data since this morning");
  await page.getByLabel("What happened?").fill("The eSIM shows full bars but nothing loads.");
  await page.getByRole("button", { name: "Open case" }).click();

  await expect(page).toHaveURL(/\/support\/500[0-9A-Za-z]{15}$/);
  const caseUrl = page.url();
  await expect(byId(page, ids.CASE_DETAIL)).toContainText("No data since this morning");
  await expect(byId(page, ids.CASE_DETAIL)).toContainText("The eSIM shows full bars");
  await hydrated(page);
  await page.getByLabel("Add a reply").fill("It works again after a restart.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(byId(page, ids.CASE_COMMENT)).toContainText("It works again after a restart.");
  await expect(page.getByLabel("Add a reply")).toHaveValue("");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.screenshot({ path: "screenshots/support-case.png", fullPage: true });

  await page.getByRole("link", { name: "← All cases" }).click();
  await expect(byId(page, ids.CASE_ROW)).toHaveCount(1);
  await expect(byId(page, ids.CASE_ROW)).toContainText("No data since this morning");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.screenshot({ path: "screenshots/support-list.png", fullPage: true });

  // Somebody else's case is not found, like one that does not exist.
  const other = await newCustomer(page.request);
  await byId(page, ids.LOGOUT).click();
  await expect(page).toHaveURL(/\/login$/);
  await login(page, other.email);
  await page.goto(caseUrl);
  await expect(byId(page, ids.PAGE_ERROR)).toContainText("We could not find that case.");
  await expect(page.getByText("No data since this morning")).toHaveCount(0);
});
