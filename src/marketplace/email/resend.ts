/**
 * Sends an e-mail through Resend's HTTP API (https://resend.com/docs/api-reference/emails/send-email):
 * `POST {RESEND_API_URL}/emails` with `Authorization: Bearer RESEND_API_KEY` and JSON
 * `{from, to, subject, text}`; 200 answers `{id}`. Failures are typed so the caller can tell
 * "try later" (429, 5xx, network) from "fix the configuration" (other 4xx).
 */
export const RESEND_DEFAULT_URL = "https://api.resend.com";
const TIMEOUT_MS = 10_000;

export interface EmailConfig {
  apiKey: string;
  apiUrl: string;
  from: string;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export class EmailSendError extends Error {
  override readonly name: string = "EmailSendError";
  constructor(
    message: string,
    /** When to try again (ms from now); undefined: only after the configuration is fixed. */
    readonly retryAfterMs: number | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** 429: Resend's rate limit; `retry-after` (seconds) says when. */
export class EmailRateLimited extends EmailSendError {
  override readonly name = "EmailRateLimited";
}

/** 5xx, a timeout or no connection: the service is away for now. */
export class EmailUnavailable extends EmailSendError {
  override readonly name = "EmailUnavailable";
}

/** Any other 4xx (a wrong key, an unverified sender domain): retrying will not help. */
export class EmailRejected extends EmailSendError {
  override readonly name = "EmailRejected";
}

const UNAVAILABLE_RETRY_MS = 60_000;

/** Sends one message; resolves with Resend's id, or throws an {@link EmailSendError}. */
export async function sendEmail(config: EmailConfig, message: EmailMessage): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${config.apiUrl.replace(/\/+$/, "")}/emails`, {
      method: "POST",
      headers: { authorization: `Bearer ${config.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ from: config.from, to: [message.to], subject: message.subject, text: message.text }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new EmailUnavailable(`the e-mail service did not answer: ${String(error)}`, UNAVAILABLE_RETRY_MS, { cause: error });
  }
  const body = await res.text();
  if (res.ok) {
    const id = (JSON.parse(body || "{}") as { id?: unknown }).id;
    return typeof id === "string" ? id : "";
  }
  const detail = `${res.status} ${body.slice(0, 300)}`;
  if (res.status === 429) {
    const seconds = Number(res.headers.get("retry-after"));
    throw new EmailRateLimited(
      `the e-mail service is rate limiting us: ${detail}`,
      Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : UNAVAILABLE_RETRY_MS,
    );
  }
  if (res.status >= 500) throw new EmailUnavailable(`the e-mail service failed: ${detail}`, UNAVAILABLE_RETRY_MS);
  throw new EmailRejected(`the e-mail service refused the message: ${detail}`, undefined);
}

/** The e-mail channel's configuration, or undefined when no key is set (then links go to the log). */
export function emailConfig(env: Env): EmailConfig | undefined {
  const apiKey = env.RESEND_API_KEY?.trim();
  if (!apiKey) return undefined;
  return { apiKey, apiUrl: env.RESEND_API_URL?.trim() || RESEND_DEFAULT_URL, from: env.EMAIL_FROM?.trim() || DEFAULT_FROM };
}

/** Resend's shared test sender, which works before a domain of one's own is verified there. */
export const DEFAULT_FROM = "WAOOAW <onboarding@resend.dev>";
