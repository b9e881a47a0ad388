import { z } from "zod";

/** Where and how traces are exported, from the OpenTelemetry SDK's standard variables. */
export interface OtlpConfig {
  /** The full traces URL (`…/v1/traces`). */
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Share of traces kept (0..1); a trace with an error is kept whatever it is. */
  sampleRate: number;
}

const text = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

const Vars = z.object({
  OTEL_EXPORTER_OTLP_ENDPOINT: text.pipe(z.url().optional()),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: text.pipe(z.url().optional()),
  OTEL_EXPORTER_OTLP_HEADERS: text,
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: text,
  OTEL_EXPORTER_OTLP_TIMEOUT: z.coerce.number().int().positive().optional().catch(undefined),
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: z.coerce.number().int().positive().optional().catch(undefined),
  TRACE_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.1),
});

/**
 * `k=v,k2=v2` as the OpenTelemetry specification writes exporter headers (values
 * percent-decoded); a malformed pair is skipped rather than sent half-parsed.
 */
export function parseHeaders(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of raw?.split(",") ?? []) {
    const i = pair.indexOf("=");
    if (i <= 0) continue;
    const key = pair.slice(0, i).trim();
    const value = pair.slice(i + 1).trim();
    if (!key) continue;
    try {
      out[key.toLowerCase()] = decodeURIComponent(value);
    } catch {
      out[key.toLowerCase()] = value;
    }
  }
  return out;
}

const cache = new WeakMap<object, OtlpConfig | null>();

/**
 * The export's configuration, or null when no endpoint is set (then nothing is read or sent).
 * The signal-specific endpoint is used as it is; the general one gets `/v1/traces` appended,
 * as the specification says. Timeouts are in milliseconds (default 10 s). An invalid value
 * turns the export off with an error naming it.
 */
export function otlpConfig(env: object): OtlpConfig | null {
  const cached = cache.get(env);
  if (cached !== undefined) return cached;
  const parsed = Vars.safeParse(env);
  if (!parsed.success) {
    // Tracing must never stop the work it watches: a bad value turns the export off, loudly.
    const issue = parsed.error.issues[0];
    console.error(`trace export disabled: ${String(issue?.path[0] ?? "?")}: ${issue?.message ?? "invalid"}`);
    cache.set(env, null);
    return null;
  }
  const v = parsed.data;
  const url =
    v.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (v.OTEL_EXPORTER_OTLP_ENDPOINT && `${v.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, "")}/v1/traces`);
  const config = url
    ? {
        url,
        headers: { ...parseHeaders(v.OTEL_EXPORTER_OTLP_HEADERS), ...parseHeaders(v.OTEL_EXPORTER_OTLP_TRACES_HEADERS) },
        timeoutMs: v.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT ?? v.OTEL_EXPORTER_OTLP_TIMEOUT ?? 10_000,
        sampleRate: v.TRACE_SAMPLE_RATE,
      }
    : null;
  cache.set(env, config);
  return config;
}
