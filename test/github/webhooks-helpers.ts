import definitions from "@octokit/webhooks-examples";
import { sign } from "@octokit/webhooks-methods";
import type { ConnectedRepositoryCreated } from "../../src/schemas/github";
import { call, unique } from "../helpers";
import { as, jsonOf, type SignedUp } from "../marketplace/helpers";
import type { z } from "zod";

// Real webhook payloads: @octokit/webhooks-examples (api.github.com), the examples GitHub's
// documentation shows, as the package's version in package-lock.json pins them.

/** A webhook payload as GitHub sends it: we only rewrite the repository and, sometimes, the action. */
export type Payload = Record<string, unknown> & { action?: string; repository?: Record<string, unknown> & { full_name: string } };

const examples = definitions as unknown as { name: string; examples: Payload[] }[];

/**
 * A copy of GitHub's example of `event` for `repository`: the first with `action`, or (a push)
 * the first branch push with commits.
 */
export function example(event: string, repository: string, action?: string): Payload {
  const accepts = (e: Payload) =>
    action !== undefined ? e.action === action : event !== "push" || (Array.isArray(e["commits"]) && e["commits"].length > 0);
  const found = examples.find((d) => d.name === event)?.examples.find(accepts);
  if (!found) throw new Error(`no example of ${event} ${action ?? ""}`);
  const copy = structuredClone(found);
  const [owner = "", name = ""] = repository.split("/");
  copy.repository = { ...copy.repository, full_name: repository, name, owner: { ...(copy.repository?.["owner"] as object), login: owner } };
  return copy;
}

export type Connected = z.infer<typeof ConnectedRepositoryCreated>;

/** A repository name unique to this run, spelled with capitals as GitHub would show it. */
export function uniqueRepository(): string {
  return `Octo-${unique("org")}/Hello.World-${unique("r")}`;
}

/** Connects `repository` for `who` (201) and answers the connection, secret included. */
export async function connect(who: SignedUp, repository = uniqueRepository(), extra: Record<string, unknown> = {}): Promise<Connected> {
  return jsonOf<Connected>(as(who, "/v1/repositories", { method: "POST", json: { repository, ...extra } }), 201);
}

export interface Delivery {
  event: string;
  payload: Payload | string;
  /** The secret to sign with; null sends no signature. */
  secret: string | null;
  delivery?: string;
  /** Send as `application/x-www-form-urlencoded` (`payload=<json>`), GitHub's other content type. */
  form?: boolean;
}

/** Posts a webhook signed as GitHub signs it (HMAC-SHA256 of the exact body). */
export async function deliver(d: Delivery): Promise<Response> {
  const json = typeof d.payload === "string" ? d.payload : JSON.stringify(d.payload);
  const body = d.form ? new URLSearchParams({ payload: json }).toString() : json;
  const headers: Record<string, string> = {
    "content-type": d.form ? "application/x-www-form-urlencoded" : "application/json",
    "x-github-event": d.event,
    "x-github-delivery": d.delivery ?? crypto.randomUUID(),
    "user-agent": "GitHub-Hookshot/test",
  };
  if (d.secret !== null) headers["x-hub-signature-256"] = await sign(d.secret, body);
  return call("/v1/webhooks/github", { method: "POST", body, headers });
}
