// The travel eSIM store in a real browser, as a visitor who is not logged in: the featured
// plans, a search for a destination, narrowing by days and price (the filter kept in the URL),
// a plan page with every country it covers, and a filter the server refuses.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ids } from "./ids";
import { byId, hydrated } from "./helpers";

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
