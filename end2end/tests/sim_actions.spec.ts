// The SIM Management page in a real browser: every modal's success and failure path, the
// options, keyboard use, outages, phone width and an accessibility scan.
import { test, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ids } from "./ids";
import {
  byId, clearFaults, eidFrom, fault, hydrated, jstDates, login, newCustomer, openSim, sim,
} from "./helpers";

test.afterEach(async ({ request }) => {
  await clearFaults(request);
});

const dialog = (page: Page, id: string) => page.getByTestId(id);

test("usage: figures, freshness, forecast, right-sizer and the chart", async ({ page, request }) => {
  const c = await newCustomer(request);
  const s = sim(c, "esim");
  // The server-rendered HTML is useful on its own: numbers and the SVG fallback.
  await login(page, c.email);
  const html = await (await page.request.get(`/subscriptions/${s.serviceId}/sim`)).text();
  expect(html).toContain("47.1 GB");
  expect(html).toMatch(/as of \d\d:\d\d JST/);
  expect(html).toContain('class="usage-svg"');
  expect(html).not.toContain("/js/echarts.js");

  const libraryLoads: string[] = [];
  page.on("request", (r) => { if (r.url().includes("/js/echarts.js")) libraryLoads.push(r.url()); });
  await page.goto("/subscriptions");
  await hydrated(page);
  expect(libraryLoads).toHaveLength(0);

  await openSim(page, s);
  await expect(byId(page, ids.USAGE_REMAINING)).toHaveText("47.1 GB");
  await expect(byId(page, ids.USAGE_AS_OF)).toHaveText(/^as of \d\d:\d\d JST$/);
  await expect(byId(page, ids.USAGE_FORECAST)).toContainText("At this pace");
  await expect(byId(page, ids.USAGE_RIGHT_SIZE)).toContainText("Your last 30 days used");
  await expect(byId(page, ids.USAGE_CHART)).toHaveAttribute("data-chart", "drawn");
  await expect(page.locator("#usage-chart canvas")).toHaveCount(1);
  await expect(page.locator("#usage-chart-fallback")).toBeHidden();
  expect(libraryLoads).toHaveLength(1);
  // The forecast's button leads straight to the top-up action.
  await byId(page, ids.FORECAST_TOP_UP).click();
  await expect(byId(page, ids.ACTION_TOP_UP)).toBeFocused();
  await page.screenshot({ path: "screenshots/sim-page-esim.png", fullPage: true });
});

test("change plan: other plans only, effective date, pending, then withdrawn", async ({ page, request }) => {
  const c = await newCustomer(request);
  const s = sim(c, "esim");
  await login(page, c.email);
  await openSim(page, s);
  await byId(page, ids.ACTION_CHANGE_PLAN).click();
  const modal = dialog(page, ids.CHANGE_PLAN_MODAL);
  await expect(modal).toBeVisible();
  await expect(modal.getByRole("radio")).toHaveCount(3);
  await expect(modal.getByLabel(/SIM Data-only 50GB/)).toHaveCount(0);
  const { firstOfNextMonth } = jstDates();
  await expect(byId(page, ids.PLAN_EFFECTIVE_DATE)).toContainText(firstOfNextMonth);
  await expect(byId(page, ids.CHANGE_PLAN_SUBMIT)).toBeDisabled();
  await modal.getByLabel(/SIM Data-only 25GB/).check();
  await expect(byId(page, ids.PLAN_EFFECTIVE_DATE)).toContainText(`SIM Data-only 25GB starts on ${firstOfNextMonth}`);
  await page.screenshot({ path: "screenshots/change-plan-modal.png" });
  // A double click sends one request.
  await byId(page, ids.CHANGE_PLAN_SUBMIT).dblclick();
  await expect(modal).toBeHidden();
  await expect(byId(page, ids.SIM_NOTICE)).toContainText(`Your plan changes to SIM Data-only 25GB on ${firstOfNextMonth}`);
  await expect(byId(page, ids.PENDING_LIST)).toContainText(`Plan change to SIM Data-only 25GB on ${firstOfNextMonth}`);
  await expect(byId(page, ids.ACTION_CHANGE_PLAN)).toHaveAttribute("aria-disabled", "true");
  await expect(byId(page, ids.TIMELINE_ENTRY)).toHaveCount(1);
  await expect(byId(page, ids.TIMELINE_ENTRY).first()).toContainText(c.email);

  await byId(page, ids.CANCEL_PLAN_CHANGE).click();
  await expect(byId(page, ids.SIM_NOTICE)).toContainText("The plan change was cancelled");
  await expect(byId(page, ids.PENDING_LIST)).toHaveCount(0);
  await expect(byId(page, ids.TIMELINE_ENTRY).first()).toContainText("Plan change withdrawn");
  await expect(byId(page, ids.SIM_PLAN_CODE)).toHaveText("PASI_50G");
});

test("change plan: a carrier refusal is shown in the modal and changes nothing", async ({ page, request }) => {
  const c = await newCustomer(request);
  const s = sim(c, "physical");
  await login(page, c.email);
  await openSim(page, s);
  await fault(request, { upstream: "freebit", operation: "mvno/changePlan", kind: "freebit_result", result_code: "500", times: 1 });
  await byId(page, ids.ACTION_CHANGE_PLAN).click();
  const modal = dialog(page, ids.CHANGE_PLAN_MODAL);
  await expect(modal.getByRole("radio")).toHaveCount(3);
  await modal.getByLabel(/SIM Data-only 50GB/).check();
  await byId(page, ids.CHANGE_PLAN_SUBMIT).click();
  await expect(modal.getByTestId(ids.ACTION_ERROR)).toContainText("did not accept this change");
  await expect(modal).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(modal).toBeHidden();
  await expect(byId(page, ids.PENDING_LIST)).toHaveCount(0);
  await page.reload();
  await hydrated(page);
  await expect(byId(page, ids.TIMELINE_ENTRY).first()).toContainText("Failed");
});

test("keyboard: a modal opens, keeps focus inside, closes on Escape", async ({ page, request }) => {
  const c = await newCustomer(request);
  await login(page, c.email);
  await openSim(page, sim(c, "esim"));
  await byId(page, ids.ACTION_CHANGE_PLAN).focus();
  await page.keyboard.press("Enter");
  const modal = dialog(page, ids.CHANGE_PLAN_MODAL);
  await expect(modal).toBeVisible();
  await expect(modal).toHaveAttribute("aria-labelledby", /title/);
  const inside = () => page.evaluate((id) => !!document.activeElement?.closest(`[data-testid="${id}"]`), ids.CHANGE_PLAN_MODAL);
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    expect(await inside()).toBe(true);
  }
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await inside()).toBe(true);
  }
  // Choose with the keyboard alone: focus the first plan, arrow to the next, confirm.
  await modal.getByRole("radio").first().focus();
  await page.keyboard.press("Space");
  await expect(byId(page, ids.CHANGE_PLAN_SUBMIT)).toBeEnabled();
  await page.keyboard.press("Escape");
  await expect(modal).toBeHidden();
  await expect(byId(page, ids.ACTION_CHANGE_PLAN)).toBeFocused();
});

test("options: applied together, pending until the carrier has them, locked meanwhile", async ({ page, request }) => {
  const c = await newCustomer(request);
  await login(page, c.email);
  await openSim(page, sim(c, "esim"));
  const card = byId(page, ids.FEATURES_CARD);
  const voiceMail = card.getByRole("switch", { name: "Voice mail" });
  const roaming = card.getByRole("switch", { name: "International roaming" });
  await expect(voiceMail).toBeChecked();
  await expect(roaming).not.toBeChecked();
  await expect(byId(page, ids.FEATURES_APPLY)).toBeDisabled();
  await byId(page, ids.FEATURE_VOICE_MAIL).click();
  await byId(page, ids.FEATURE_ROAMING).click();
  await expect(byId(page, ids.FEATURES_APPLY)).toHaveText("Apply changes (2)");
  await byId(page, ids.FEATURES_APPLY).click();
  await expect(byId(page, ids.FEATURE_VOICE_MAIL)).toContainText("Pending");
  await expect(byId(page, ids.FEATURE_ROAMING)).toContainText("Pending");
  await expect(byId(page, ids.SIM_NOTICE)).toContainText("Requested: voice mail off, international roaming on");
  // Another order for these options would conflict: they are locked until applied.
  await expect(card.getByRole("switch", { name: "Call waiting" })).toBeDisabled();
  await page.screenshot({ path: "screenshots/options-pending.png", fullPage: true });
  // The page re-reads by itself and shows the carrier's result.
  await expect(byId(page, ids.FEATURE_VOICE_MAIL)).not.toContainText("Pending", { timeout: 15_000 });
  await expect(voiceMail).not.toBeChecked();
  await expect(roaming).toBeChecked();
  await expect(card.getByRole("switch", { name: "Call waiting" })).toBeEnabled();
});

test("options: a refused order rolls the switches back", async ({ page, request }) => {
  const c = await newCustomer(request);
  await login(page, c.email);
  await openSim(page, sim(c, "physical"));
  await fault(request, { upstream: "freebit", operation: "mvno/talkoption/changeOrder", kind: "freebit_result", result_code: "500", times: 1 });
  const card = byId(page, ids.FEATURES_CARD);
  const callWaiting = card.getByRole("switch", { name: "Call waiting" });
  const before = await callWaiting.isChecked();
  await byId(page, ids.FEATURE_CALL_WAITING).click();
  await byId(page, ids.FEATURES_APPLY).click();
  await expect(card.getByTestId(ids.ACTION_ERROR)).toContainText("did not accept this change");
  if (before) await expect(callWaiting).toBeChecked(); else await expect(callWaiting).not.toBeChecked();
  await expect(byId(page, ids.FEATURE_CALL_WAITING)).not.toContainText("Pending");
});

test("4G/5G: the switch locks every other change until it is done", async ({ page, request }) => {
  const c = await newCustomer(request);
  await login(page, c.email);
  await openSim(page, sim(c, "esim"));
  await byId(page, ids.FEATURE_NETWORK).getByText("4G").click();
  await byId(page, ids.FEATURES_APPLY).click();
  await expect(byId(page, ids.PENDING_LIST)).toContainText("Switching the line to 4G");
  await expect(byId(page, ids.ACTION_CANCEL)).toHaveAttribute("aria-disabled", "true");
  await expect(byId(page, ids.ACTIONS_CARD)).toContainText("no other change is possible");
  await expect(byId(page, ids.PENDING_LIST)).toHaveCount(0, { timeout: 20_000 });
  await expect(byId(page, ids.SIM_NETWORK)).toHaveText("4G");
  await expect(byId(page, ids.ACTION_CANCEL)).not.toHaveAttribute("aria-disabled", "true");
});

test("cancel: typed confirmation, month-end date, scheduled afterwards", async ({ page, request }) => {
  const c = await newCustomer(request);
  const s = sim(c, "physical");
  await login(page, c.email);
  await openSim(page, s);
  await byId(page, ids.ACTION_CANCEL).click();
  const modal = dialog(page, ids.CANCEL_MODAL);
  await expect(modal).toContainText("stops working");
  const { endOfMonth } = jstDates();
  await expect(byId(page, ids.CANCEL_DATE)).toContainText(`${endOfMonth} (end of this month)`);
  await expect(byId(page, ids.CANCEL_SUBMIT)).toBeDisabled();
  await byId(page, ids.CANCEL_CONFIRM).fill("0000");
  await expect(byId(page, ids.CANCEL_SUBMIT)).toBeDisabled();
  await byId(page, ids.CANCEL_CONFIRM).fill(s.msisdn.slice(-4));
  await expect(byId(page, ids.CANCEL_SUBMIT)).toHaveText(`Cancel SIM on ${endOfMonth}`);
  await page.screenshot({ path: "screenshots/cancel-modal.png" });
  await byId(page, ids.CANCEL_SUBMIT).click();
  await expect(modal).toBeHidden();
  await expect(byId(page, ids.PENDING_LIST)).toContainText(`scheduled to be cancelled on ${endOfMonth}`);
  await expect(byId(page, ids.ACTION_CANCEL)).toHaveAttribute("aria-disabled", "true");
  await expect(byId(page, ids.ACTIONS_CARD)).toContainText(`Cancellation is already scheduled for ${endOfMonth}`);
});

test("cancel: a carrier outage keeps the modal open with the reason", async ({ page, request }) => {
  const c = await newCustomer(request);
  const s = sim(c, "physical");
  await login(page, c.email);
  await openSim(page, s);
  await fault(request, { upstream: "freebit", operation: "master/cnclAcnt", kind: "http", status: 503, times: 1 });
  await byId(page, ids.ACTION_CANCEL).click();
  await byId(page, ids.CANCEL_CONFIRM).fill(s.msisdn.slice(-4));
  await byId(page, ids.CANCEL_SUBMIT).click();
  const modal = dialog(page, ids.CANCEL_MODAL);
  // HTTP 503 on a write: it may or may not have arrived, and the customer is told so.
  await expect(modal.getByTestId(ids.ACTION_ERROR)).toContainText("did not confirm it in time");
  await expect(byId(page, ids.CANCEL_CONFIRM)).toHaveValue(s.msisdn.slice(-4));
});

test("reissue eSIM: EID checked as typed, progress shown until the carrier is done", async ({ page, request }) => {
  const c = await newCustomer(request);
  await login(page, c.email);
  await openSim(page, sim(c, "esim"));
  await byId(page, ids.ACTION_REISSUE).click();
  const input = byId(page, ids.REISSUE_EID);
  await input.fill("8904");
  await expect(byId(page, ids.REISSUE_EID_HINT)).toHaveText("4 of 32 digits.");
  await expect(byId(page, ids.REISSUE_SUBMIT)).toBeDisabled();
  const eid = eidFrom(`8904903200400888260001${String(Date.now()).slice(-8)}`);
  const typo = eid.slice(0, 31) + ((Number(eid[31]) + 1) % 10);
  await input.fill(typo);
  await expect(byId(page, ids.REISSUE_EID_HINT)).toContainText("check digits");
  await input.fill(eid);
  await expect(byId(page, ids.REISSUE_EID_HINT)).toHaveText("Looks right.");
  await page.screenshot({ path: "screenshots/reissue-modal.png" });
  await byId(page, ids.REISSUE_SUBMIT).click();
  await expect(dialog(page, ids.REISSUE_MODAL)).toBeHidden();
  await expect(byId(page, ids.PENDING_LIST)).toContainText("Reissuing the eSIM");
  await expect(byId(page, ids.SIM_EID)).toHaveText(eid, { timeout: 15_000 });
  await expect(byId(page, ids.PENDING_LIST)).toHaveCount(0);
});

test("reissue eSIM: a refusal shows in the modal; a physical SIM says why it cannot", async ({ page, request }) => {
  const c = await newCustomer(request);
  await login(page, c.email);
  await openSim(page, sim(c, "esim"));
  await fault(request, { upstream: "freebit", operation: "mvno/esim/addAcnt", kind: "freebit_result", result_code: "400", status_code: "400-356", times: 1 });
  await byId(page, ids.ACTION_REISSUE).click();
  await byId(page, ids.REISSUE_EID).fill(eidFrom("890490320040088826000167899999"));
  await byId(page, ids.REISSUE_SUBMIT).click();
  await expect(dialog(page, ids.REISSUE_MODAL).getByTestId(ids.ACTION_ERROR)).toContainText("did not accept");
  await page.keyboard.press("Escape");

  await openSim(page, sim(c, "physical"));
  await expect(byId(page, ids.ACTION_REISSUE)).toHaveAttribute("aria-disabled", "true");
  await expect(byId(page, ids.ACTIONS_CARD)).toContainText("Only eSIMs can be reissued");
  // A disabled action does nothing when clicked anyway (forced past Playwright's own check).
  await byId(page, ids.ACTION_REISSUE).click({ force: true });
  await expect(dialog(page, ids.REISSUE_MODAL)).toBeHidden();
});

test("a cancelled SIM is view only, each action saying why", async ({ page, request }) => {
  const c = await newCustomer(request);
  await login(page, c.email);
  await openSim(page, sim(c, "cancelled"));
  for (const id of [ids.ACTION_TOP_UP, ids.ACTION_CHANGE_PLAN, ids.ACTION_REISSUE, ids.ACTION_CANCEL]) {
    await expect(byId(page, id)).toHaveAttribute("aria-disabled", "true");
  }
  await expect(byId(page, ids.ACTIONS_CARD)).toContainText("This SIM is cancelled");
  await expect(byId(page, ids.FEATURES_CARD).getByRole("switch").first()).toBeDisabled();
  await page.screenshot({ path: "screenshots/sim-cancelled.png", fullPage: true });
});

test("with the carrier down the page still renders, says what is missing and retries", async ({ page, request }) => {
  const c = await newCustomer(request);
  const s = sim(c, "esim");
  await login(page, c.email);
  await fault(request, { upstream: "freebit", kind: "http", status: 503 });
  const res = await page.goto(`/subscriptions/${s.serviceId}/sim`);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("eSIM");
  await expect(byId(page, ids.SECTION_ERROR).first()).toContainText("The mobile network is not responding");
  await expect(byId(page, ids.TIMELINE)).toContainText("No changes made from the portal yet.");
  expect(await page.locator("body").innerText()).not.toMatch(/503|Service Unavailable|reqwest|emptool/);
  await page.screenshot({ path: "screenshots/sim-carrier-down.png", fullPage: true });
  expect(res?.status()).toBeLessThan(500);
  await clearFaults(request);
  await byId(page, ids.USAGE_CARD).getByRole("button", { name: "Try again" }).click();
  await expect(byId(page, ids.USAGE_REMAINING)).toHaveText("47.1 GB");
});

test("the 404 page keeps the session", async ({ page, request }) => {
  const c = await newCustomer(request);
  await login(page, c.email);
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(byId(page, ids.CURRENT_USER)).toHaveText(c.email);
});

test("phone width: nothing scrolls sideways", async ({ page, request }) => {
  const c = await newCustomer(request);
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, c.email);
  const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(await noSideScroll()).toBe(true);
  await openSim(page, sim(c, "esim"));
  expect(await noSideScroll()).toBe(true);
  await page.screenshot({ path: "screenshots/sim-phone.png", fullPage: true });
  await byId(page, ids.ACTION_CANCEL).click();
  await expect(dialog(page, ids.CANCEL_MODAL)).toBeVisible();
  expect(await noSideScroll()).toBe(true);
  await page.screenshot({ path: "screenshots/cancel-modal-phone.png" });
});

test("accessibility: no serious or critical axe violations, with and without a modal", async ({ page, request }) => {
  const c = await newCustomer(request);
  await login(page, c.email);
  await openSim(page, sim(c, "esim"));
  await expect(byId(page, ids.USAGE_CHART)).toHaveAttribute("data-chart", "drawn");
  const serious = async () => {
    const r = await new AxeBuilder({ page }).analyze();
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  };
  expect(await serious()).toEqual([]);
  await byId(page, ids.ACTION_REISSUE).click();
  await expect(dialog(page, ids.REISSUE_MODAL)).toBeVisible();
  expect(await serious()).toEqual([]);
});
