/**
 * The local Anthropic Messages API server (test/servers/anthropic-server.ts) as a child of the
 * bench: its default answer is an immediate, valid `record_decision` tool call, so what the bench
 * measures on the LLM tier is the platform's own overhead around the call.
 */
import { join } from "node:path";
import type { OutagePhase, OutageState } from "../../test/servers/anthropic-server";
import { anthropicOutage } from "../../test/servers/control";
import { numberAt, requestJson } from "./http";
import { freePort, REPO_ROOT, startNodeService, type ChildService } from "./proc";

const SERVER_SCRIPT = join(REPO_ROOT, "test", "servers", "anthropic-server.ts");

export interface LocalAnthropic {
  readonly url: string;
  /** Messages requests received since start (every attempt, retries and repair rounds included). */
  requests(): Promise<number>;
  /**
   * Starts a scheduled outage now, for every caller: each phase answers every Messages request
   * with its status (Anthropic's real error body; `retry-after` when given), then healthy.
   * `[]` ends an outage at once. E.g. `[{status: 529, seconds: 60}, {status: 429, seconds: 30, retryAfter: 5}]`.
   */
  outage(phases: OutagePhase[]): Promise<OutageState>;
  stop(): Promise<void>;
}

export async function startLocalAnthropic(logFile: string, port?: number): Promise<LocalAnthropic> {
  port ??= await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // `--import tsx` runs the TypeScript server with the bench's own loader, without npx in between.
  const service: ChildService = await startNodeService({
    nodeArgs: ["--import", "tsx", SERVER_SCRIPT, "--port", String(port), "--no-record"],
    baseUrl,
    healthPath: "/__stats",
    logFile,
  });
  return {
    url: baseUrl,
    async requests() {
      return numberAt(await requestJson(`${baseUrl}/__stats`), "total") ?? 0;
    },
    outage: (phases) => anthropicOutage(baseUrl, phases),
    stop: () => service.stop(),
  };
}
