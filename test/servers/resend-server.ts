// A local e-mail API speaking Resend's wire protocol (https://resend.com/docs/api-reference):
//   - `POST /emails` with `Authorization: Bearer <key>` and JSON `{from, to, subject, text|html}`
//     (`to`: an address or a list of up to 50); 200 `{id}`;
//   - errors as Resend answers them, JSON `{statusCode, name, message}`: 401 `missing_api_key`,
//     403 `invalid_api_key`, 422 `validation_error` (a missing field), 429
//     `rate_limit_exceeded` with `retry-after` (seconds), 500 `internal_server_error`.
// Every accepted message is recorded, so a test can read the link it carries.
//
// Control endpoints (not part of the protocol):
//   GET  /__emails?to=<address>          the messages sent to that address, oldest first
//   POST /__fail {to, count, status?, retryAfter?}   the next `count` messages to `to` answer
//                                        `status` (default 503), with `retry-after: retryAfter` when given
// Runs in Node only (vitest globalSetup, or `npx tsx test/servers/resend-server.ts --port 3010`).
import http from "node:http";
import { pathToFileURL } from "node:url";
import { listen, type Listening } from "./listen";

export interface SentEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  at: number;
}

export interface FailPlan {
  to: string;
  count: number;
  status?: number;
  retryAfter?: number;
}

const ERROR_NAMES: Record<number, string> = {
  429: "rate_limit_exceeded",
  500: "internal_server_error",
  503: "service_unavailable",
};

export async function startResendServer(opts: { port?: number; host?: string; key?: string } = {}): Promise<Listening & { key: string }> {
  const key = opts.key ?? "test-resend-key";
  const sent: SentEmail[] = [];
  const failures = new Map<string, Required<Omit<FailPlan, "to">>>();
  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (res: http.ServerResponse, statusCode: number, name: string, message: string, headers?: Record<string, string>) =>
    send(res, statusCode, { statusCode, name, message }, headers);

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    if (req.method === "GET" && url.pathname === "/__emails") {
      const to = (url.searchParams.get("to") ?? "").toLowerCase();
      return send(
        res,
        200,
        sent.filter((m) => m.to.some((t) => t.toLowerCase() === to)),
      );
    }
    if (req.method === "POST" && url.pathname === "/__fail") {
      const plan = JSON.parse(raw) as FailPlan;
      failures.set(plan.to.toLowerCase(), { count: plan.count, status: plan.status ?? 503, retryAfter: plan.retryAfter ?? 0 });
      return send(res, 200, { ok: true });
    }
    if (req.method !== "POST" || url.pathname !== "/emails") return error(res, 404, "not_found", "The requested endpoint does not exist.");
    const auth = req.headers.authorization;
    if (!auth) return error(res, 401, "missing_api_key", "Missing API key in the authorization header.");
    if (auth !== `Bearer ${key}`) return error(res, 403, "invalid_api_key", "API key is invalid.");
    let body: Partial<{ from: string; to: string | string[]; subject: string; text: string; html: string }>;
    try {
      body = JSON.parse(raw);
    } catch {
      return error(res, 422, "validation_error", "Invalid JSON body.");
    }
    for (const field of ["from", "to", "subject"] as const)
      if (!body[field]) return error(res, 422, "validation_error", `Missing \`${field}\` field.`);
    if (!body.text && !body.html) return error(res, 422, "validation_error", "Missing `text` or `html` field.");
    const to = Array.isArray(body.to) ? body.to : [body.to as string];
    for (const address of to) {
      const plan = failures.get(address.toLowerCase());
      if (plan && plan.count > 0) {
        plan.count -= 1;
        const headers: Record<string, string> = plan.retryAfter ? { "retry-after": String(plan.retryAfter) } : {};
        return error(res, plan.status, ERROR_NAMES[plan.status] ?? "application_error", "Scripted failure.", headers);
      }
    }
    const id = crypto.randomUUID();
    sent.push({ id, from: body.from as string, to, subject: body.subject as string, text: body.text ?? body.html ?? "", at: Date.now() });
    return send(res, 200, { id });
  });
  const listening = await listen(server, opts.host ?? "127.0.0.1", opts.port ?? 0);
  return { ...listening, key };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const portArg = process.argv.indexOf("--port");
  const server = await startResendServer({ port: portArg >= 0 ? Number(process.argv[portArg + 1]) : undefined });
  console.log(server.url);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
