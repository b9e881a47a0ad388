// Helpers for the local Pinecone server's control endpoints (plain `fetch`: workerd tests and Node).
import type { PineconeStats, PineconeStep } from "./pinecone-server";

/** The index host of an isolated index on the local server: `pc.index({ host: pineconeIndexUrl(url, name) })`. */
export const pineconeIndexUrl = (baseUrl: string, index: string): string => `${baseUrl}/index/${encodeURIComponent(index)}`;

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Makes the next requests to `index` fail as scripted (see test/servers/pinecone-server.ts). */
export function scriptPinecone(baseUrl: string, index: string, steps: PineconeStep[]): Promise<unknown> {
  return call(`${baseUrl}/__script?index=${encodeURIComponent(index)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ steps }),
  });
}

export function pineconeStats(baseUrl: string, index: string): Promise<PineconeStats> {
  return call(`${baseUrl}/__stats?index=${encodeURIComponent(index)}`);
}

export function resetPinecone(baseUrl: string, index?: string): Promise<unknown> {
  return call(`${baseUrl}/__reset${index === undefined ? "" : `?index=${encodeURIComponent(index)}`}`, { method: "POST" });
}
