/**
 * patches/ changes miniflare's local queue broker so it no longer waits for its own log calls
 * (see patches/README.md). Unpatched, the broker sends each log line to miniflare's Node process
 * and waits for the answer after a batch is handled and before it schedules that batch's
 * retries and its next flush; the soak saw such calls take seconds, and a call that never
 * finished stopped the local queue. Here the Node side is held for HOLD_MS on the broker's
 * "Retrying message" line: patched, the retry is delivered while Node is still held.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const HOLD_MS = 4_000;

const CONSUMER = `
export default {
  async queue(batch, env) {
    for (const msg of batch.messages) {
      await env.ATTEMPTS.put(String(msg.attempts), String(Date.now()));
      if (msg.attempts === 1) msg.retry(); else msg.ack();
    }
  },
  async fetch(request, env) {
    if (request.method === "POST") { await env.Q.send("one"); return new Response("sent"); }
    const attempts = {};
    for (const key of ["1", "2"]) attempts[key] = Number(await env.ATTEMPTS.get(key)) || null;
    return Response.json(attempts);
  },
};`;

/** The part of wrangler's miniflare 4 used here (the `miniflare` types installed are the 5.x beta's). */
type MiniflareModule = {
  Miniflare: new (
    options: unknown,
  ) => { dispatchFetch(url: string, init?: { method: string }): Promise<Response>; dispose(): Promise<void> };
  Log: new (level: number) => { logWithLevel(level: number, message: string): void };
  LogLevel: { NONE: number };
};

/** wrangler's copy of miniflare: the one `npm start`, the soak, the browser and CLI suites run on. */
const wranglerMiniflare = () => createRequire(createRequire(import.meta.url).resolve("wrangler"))("miniflare") as MiniflareModule;

describe("wrangler's miniflare's local queue broker (patched)", () => {
  it("delivers a retry while the log line about it is still held by the Node side", async () => {
    const { Miniflare, Log, LogLevel } = wranglerMiniflare();
    let held = false;
    class HoldingLog extends Log {
      override logWithLevel(level: number, message: string): void {
        if (!held && message.includes("Retrying message")) {
          held = true;
          // Busy-waits on purpose: a Node process that cannot answer the loopback for a while.
          const until = Date.now() + HOLD_MS;
          while (Date.now() < until) {}
        }
        super.logWithLevel(level, message);
      }
    }
    const mf = new Miniflare({
      log: new HoldingLog(LogLevel.NONE),
      workers: [
        {
          name: "consumer",
          modules: true,
          script: CONSUMER,
          compatibilityDate: "2026-01-01",
          kvNamespaces: ["ATTEMPTS"],
          queueProducers: { Q: "broker-patch" },
          queueConsumers: { "broker-patch": { maxBatchSize: 1, maxBatchTimeout: 0.05, maxRetries: 2, retryDelay: 0 } },
        },
      ],
    });
    let attempts: Record<string, number | null> = {};
    try {
      await (await mf.dispatchFetch("http://localhost/", { method: "POST" })).text();
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        attempts = (await (await mf.dispatchFetch("http://localhost/")).json()) as Record<string, number | null>;
        if (attempts["2"]) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await mf.dispose();
    }
    expect(held).toBe(true);
    expect(attempts["1"]).toBeTypeOf("number");
    expect(attempts["2"]).toBeTypeOf("number");
    // Unpatched, the retry is scheduled only once Node answers, HOLD_MS after the first attempt.
    expect((attempts["2"] ?? 0) - (attempts["1"] ?? 0)).toBeLessThan(HOLD_MS / 2);
  }, 60_000);
});
