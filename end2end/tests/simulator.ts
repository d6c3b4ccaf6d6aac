// Reads the simulators' own state over their wire formats, so the browser tests compare the
// page with what the upstreams really hold instead of with copied constants.
import { APIRequestContext } from "@playwright/test";

const WHMCS = "/_sim/whmcs/includes/api.php";
const FREEBIT = "/_sim/freebit/emptool/api/";
// The simulators' credentials (server/src/simulator/demo.rs).
const WHMCS_AUTH = { identifier: "sim-api-identifier", secret: "sim-api-secret", responsetype: "json" };
const OEM = { oemId: "SIMOEM01", oemKey: "sim-oem-key" };
export const MSISDN_FIELD_ID = "12";

export async function whmcs(request: APIRequestContext, action: string, params: Record<string, string>) {
  const res = await request.post(WHMCS, { form: { ...WHMCS_AUTH, action, ...params } });
  const body = await res.json();
  if (body.result !== "success") throw new Error(`${action}: ${JSON.stringify(body)}`);
  return body;
}

async function freebit(request: APIRequestContext, path: string, json: object) {
  const res = await request.post(FREEBIT + path, { form: { json: JSON.stringify(json) } });
  const body = await res.json();
  if (body.resultCode !== "100") throw new Error(`${path}: ${JSON.stringify(body)}`);
  return body;
}

export async function clientProducts(request: APIRequestContext, clientId: string) {
  const body = await whmcs(request, "GetClientsProducts", { clientid: clientId, limitnum: "100" });
  return body.products === "" ? [] : body.products.product;
}

export async function lineDetail(request: APIRequestContext, msisdn: string) {
  const { authKey } = await freebit(request, "authOem/", OEM);
  const body = await freebit(request, "mvno/getDetail/", {
    authKey, version: "2", requestDatas: [{ kind: "MVNO", account: msisdn }],
  });
  // The answer also lists the master account: pick the line by kind and number.
  return body.responseDatas.find((d: any) => d.kind !== "MASTER" && d.account === msisdn);
}

export function msisdnOf(product: any): string {
  return product.customfields.customfield.find((f: any) => f.id === MSISDN_FIELD_ID).value;
}

/** WHMCS text is HTML-escaped on the wire; the page shows it decoded. */
export function decodeHtml(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#0?39;/g, "'").replace(/&amp;/g, "&");
}

/** Same rule as app/src/domain/quota.rs: tenths of a GB (1024 MB), rounded half up. */
export function formatQuotaMb(mb: number): string {
  if (mb < 1024) return `${mb} MB`;
  const tenths = Math.floor((mb * 10 + 512) / 1024);
  return `${Math.floor(tenths / 10)}.${tenths % 10} GB`;
}

export function formatMsisdn(m: string): string {
  return /^0\d{10}$/.test(m) ? `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}` : m;
}
