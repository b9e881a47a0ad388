/**
 * One soak session: the local Anthropic API server and the platform (`wrangler dev` of the
 * bundle, fresh state) with FAULTS in its own copy of wrangler.toml, the soak's two definitions
 * published. What the harness needs from them beyond the bench driver: /health's fault plan and
 * the Anthropic server's scheduled outage.
 */
import { join } from "node:path";
import { requestJson } from "../lib/http";
import { freePort } from "../lib/proc";
import { startLocalAnthropic, type LocalAnthropic } from "../lib/anthropic";
import { startLocalGithub, type LocalGithub } from "../lib/github-local";
import { startWaooaw, type WaooawDriver } from "../lib/waooaw-driver";
import { CronTicker } from "./cron";
import { deskDefinition, routerDefinition } from "./trace";

export interface SoakSession {
  driver: WaooawDriver;
  anthropic: LocalAnthropic;
  /** The local GitHub REST server the Worker reads from and posts to (`GITHUB_API_URL`), when the session has one. */
  github: LocalGithub | null;
  /** What /health says of FAULTS: the plan, "invalid", or "not reported" (a build without fault injection). */
  faults: string;
  /** The platform's Cron Trigger, run every minute (locally nothing else fires it). */
  cron: CronTicker;
  stop(): Promise<void>;
}

export async function startSession(
  runDir: string,
  label: string,
  faults: string | undefined,
  say: (l: string) => void,
  opts: { github?: boolean } = {},
): Promise<SoakSession> {
  // The model's (and GitHub's) servers are needed by the Worker's vars: their ports are picked first, then all start at once.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const githubPort = opts.github ? await freePort() : null;
  const [anthropicStart, githubStart, driverStart] = await Promise.allSettled([
    startLocalAnthropic(join(runDir, `${label}-anthropic.log`), port),
    githubPort === null ? Promise.resolve(null) : startLocalGithub(join(runDir, `${label}-github.log`), githubPort),
    startWaooaw(runDir, {
      label,
      vars: {
        ANTHROPIC_API_KEY: "soak-local-key",
        ANTHROPIC_BASE_URL: url,
        // Stuck agents (stallMidWake) are given up on after 15 s rather than a minute, so the few
        // in a run cost seconds; every other wake answers well within it.
        WAKE_AGENT_TIMEOUT_MS: "15000",
        ...(githubPort === null ? {} : { GITHUB_API_URL: `http://127.0.0.1:${githubPort}` }),
      },
      definition: routerDefinition(),
      ...(faults ? { configVars: { FAULTS: faults } } : {}),
    }),
  ]);
  if (anthropicStart.status === "rejected" || githubStart.status === "rejected" || driverStart.status === "rejected") {
    for (const started of [anthropicStart, githubStart, driverStart]) if (started.status === "fulfilled") await started.value?.stop();
    const failed = [anthropicStart, githubStart, driverStart].find((x) => x.status === "rejected") as PromiseRejectedResult;
    throw failed.reason;
  }
  const anthropic = anthropicStart.value;
  const github = githubStart.value;
  const driver = driverStart.value;
  await driver.api("/v1/admin/definitions", { body: deskDefinition(), okStatuses: [409] });
  // WowVision Prime, which answers GitHub's webhooks, comes from the catalogue (as load G seeds it).
  if (github) await driver.api("/v1/admin/seed", { body: {} });
  const health = await requestJson(`${driver.baseUrl}/health`);
  const reported = (health as Record<string, unknown> | null)?.["faults"];
  const state =
    reported === undefined ? "not reported" : reported === "invalid" ? "invalid" : typeof reported === "object" ? "on" : String(reported);
  if (faults) {
    if (state === "invalid") throw new Error(`the Worker says FAULTS is invalid (${faults}); see ${driver.logFile}`);
    say(
      state === "on"
        ? `FAULTS on: ${JSON.stringify(reported)}`
        : "FAULTS set, but /health does not report it: this build has no fault injection yet (the Worker ignores FAULTS); carrying on",
    );
  }
  const cron = new CronTicker(driver);
  cron.start();
  return {
    driver,
    anthropic,
    github,
    faults: state,
    cron,
    async stop() {
      await cron.stop();
      await driver.stop();
      await anthropic.stop();
      await github?.stop();
    },
  };
}

export interface OutagePhase {
  status: 529 | 429;
  seconds: number;
  retryAfter?: number;
}

/** Starts the Anthropic server's outage; false when the server has none (404: an older server). */
export async function startOutage(anthropic: LocalAnthropic, phases: readonly OutagePhase[]): Promise<boolean> {
  const res = await fetch(`${anthropic.url}/__outage`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ phases }),
  });
  await res.text();
  if (res.status === 404) return false;
  if (!res.ok) throw new Error(`POST /__outage: HTTP ${res.status}`);
  return true;
}
