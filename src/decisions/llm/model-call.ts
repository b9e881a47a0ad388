import Anthropic, { APIConnectionError, APIError, APIUserAbortError } from "@anthropic-ai/sdk";
import type { EngineSettings } from "../../config/settings";

export type ModelOutcome =
  | { ok: true; message: Anthropic.Message }
  /** `providerFailure`: the provider is unhealthy (429, 5xx, 529, timeout, network); it counts against the breaker. */
  | { ok: false; providerFailure: boolean; error: string };

/**
 * One client per agent object. Retries are the SDK's own, a well-kept policy that already does
 * what we need: exponential backoff with jitter on 408/409/429/5xx/529 and on timeouts, and
 * honours `retry-after` and `retry-after-ms`. Each attempt has `LLM_TIMEOUT_MS`; the whole call,
 * retries and waits included, is cut off at `LLM_DEADLINE_MS` so a long `retry-after` cannot
 * hold an agent hostage.
 */
export function anthropicClient(settings: EngineSettings, apiKey: string): Anthropic {
  return new Anthropic({
    apiKey,
    baseURL: settings.ANTHROPIC_BASE_URL ?? null,
    timeout: settings.LLM_TIMEOUT_MS,
    maxRetries: settings.LLM_MAX_RETRIES,
  });
}

export async function callModel(
  client: Anthropic,
  params: Anthropic.MessageCreateParamsNonStreaming,
  deadlineMs: number,
): Promise<ModelOutcome> {
  // Not AbortSignal.timeout: its timer outlives the call and keeps the object from going idle.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), deadlineMs);
  try {
    const message = await client.messages.create(params, { signal: deadline.signal });
    return { ok: true, message };
  } catch (error) {
    return classify(error, deadlineMs);
  } finally {
    clearTimeout(timer);
  }
}

function classify(error: unknown, deadlineMs: number): ModelOutcome {
  if (error instanceof APIUserAbortError)
    return { ok: false, providerFailure: true, error: `no answer within the ${deadlineMs} ms deadline` };
  if (error instanceof APIConnectionError) return { ok: false, providerFailure: true, error: error.message || "connection failed" };
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    const providerFailure = status === 408 || status === 429 || status >= 500;
    return { ok: false, providerFailure, error: `${status} ${errorType(error)}: ${error.message}`.slice(0, 500) };
  }
  return { ok: false, providerFailure: true, error: error instanceof Error ? error.message : String(error) };
}

function errorType(error: APIError): string {
  const body = error.error as { error?: { type?: unknown } } | undefined;
  return typeof body?.error?.type === "string" ? body.error.type : "error";
}
