// Shared steps of the browser suite: fresh demo customers (each test gets its own SIMs, so
// tests never see each other's changes), login, hydration, and fault injection.
import { APIRequestContext, Page, expect } from "@playwright/test";
import { ids } from "./ids";

export const PASSWORD = "portal-demo";

export type Service = {
  serviceId: number; msisdn: string; iccid: string; eid: string | null;
  planCode: string; simType: "esim" | "physical"; lineState: string;
};
export type Customer = { clientId: number; email: string; services: Service[] };

/** A new simulated WHMCS client with the standard SIM set and a portal login. */
export async function newCustomer(request: APIRequestContext): Promise<Customer> {
  const res = await request.post("/_sim/control/demo-customer");
  expect(res.status()).toBe(201);
  return res.json();
}

/** The customer's SIM of the standard set: active eSIM 50 GB, active physical 10 GB,
 *  suspended physical 5 GB, cancelled physical 10 GB. */
export function sim(c: Customer, kind: "esim" | "physical" | "suspended" | "cancelled"): Service {
  const pick = {
    esim: (s: Service) => s.simType === "esim",
    physical: (s: Service) => s.simType === "physical" && s.lineState === "active",
    suspended: (s: Service) => s.lineState === "suspended",
    cancelled: (s: Service) => s.lineState === "canceled" || s.lineState === "cancelled",
  }[kind];
  const s = c.services.find(pick);
  if (!s) throw new Error(`no ${kind} SIM in ${JSON.stringify(c)}`);
  return s;
}

export const byId = (page: Page, id: string) => page.getByTestId(id);

export async function hydrated(page: Page) {
  await page.waitForSelector("html[data-hydrated='true']");
}

export async function login(page: Page, email: string) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/subscriptions$/);
}

export async function openSim(page: Page, s: Service) {
  await page.goto(`/subscriptions/${s.serviceId}/sim`);
  await hydrated(page);
  await expect(byId(page, ids.SIM_DETAILS)).toBeVisible();
}

export async function fault(request: APIRequestContext, rule: object) {
  const res = await request.post("/_sim/control/faults", { data: rule });
  expect(res.status()).toBe(201);
}

export async function clearFaults(request: APIRequestContext) {
  await request.delete("/_sim/control/faults");
}

/** A valid EID (ISO 7064 MOD 97-10 check digits) from 30 leading digits. */
export function eidFrom(first30: string): string {
  let rem = 0;
  for (const ch of first30 + "00") rem = (rem * 10 + Number(ch)) % 97;
  return first30 + String(98 - rem).padStart(2, "0");
}

/** The 1st of next month and the end of this month in Japan, as the page writes them. */
export function jstDates() {
  const now = new Date(Date.now() + 9 * 3600 * 1000);
  const y = now.getUTCFullYear(), m = now.getUTCMonth();
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const fmt = (d: Date) => `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return {
    firstOfNextMonth: fmt(new Date(Date.UTC(y, m + 1, 1))),
    endOfMonth: fmt(new Date(Date.UTC(y, m + 1, 0))),
  };
}
