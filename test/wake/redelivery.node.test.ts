import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { RETRY_CAP_SECONDS } from "../../src/wake/backoff";
import { DLQ_MAX_RETRIES, REDELIVERY_WINDOW_MS, WAKE_QUEUE_MAX_RETRIES, processedRetentionMs } from "../../src/wake/redelivery";

/** `max_retries` of each `[[queues.consumers]]` block of wrangler.toml, by queue. */
function consumerRetries(): Record<string, number> {
  const toml = readFileSync(path.join(import.meta.dirname, "../../wrangler.toml"), "utf8");
  const out: Record<string, number> = {};
  for (const block of toml.split("[[queues.consumers]]").slice(1)) {
    const queue = /queue\s*=\s*"([^"]+)"/.exec(block)?.[1];
    const retries = /max_retries\s*=\s*(\d+)/.exec(block)?.[1];
    if (queue && retries) out[queue] = Number(retries);
  }
  return out;
}

describe("the queue's redelivery window", () => {
  it("is computed from wrangler.toml's retry settings: every retry of the queue and its DLQ after the longest backoff", () => {
    expect(consumerRetries()).toEqual({ "waooaw-wake": WAKE_QUEUE_MAX_RETRIES, "waooaw-wake-dlq": DLQ_MAX_RETRIES });
    expect(REDELIVERY_WINDOW_MS).toBe((3 + 100) * RETRY_CAP_SECONDS * 1000);
  });

  it("clamps a shorter PROCESSED_RETENTION_HOURS to the window, with a warning", () => {
    const warn = vi.fn();
    expect(processedRetentionMs(96, warn)).toBe(96 * 3_600_000);
    expect(warn).not.toHaveBeenCalled();
    expect(processedRetentionMs(1, warn)).toBe(REDELIVERY_WINDOW_MS);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("redelivery window"), expect.objectContaining({ askedHours: 1 }));
  });
});
