// A local stand-in for Upstash Redis's REST API, speaking the protocol exactly as `@upstash/redis`
// 1.39 uses it (see node_modules/@upstash/redis/chunk-*.mjs, `HttpClient.request`):
//   - every call is `POST`, JSON body, `Authorization: Bearer <token>` (the REST API also accepts
//     `?_token=`); a wrong or missing token → 401 `{"error":"Unauthorized"}`;
//   - `POST /`            body `["set","k","v","ex",60]` → `{"result": ...}`, or 400 `{"error":"ERR ..."}`;
//   - `POST /pipeline`    body `[[cmd...], ...]` → 200 `[{"result": ...} | {"error": "ERR ..."}, ...]`;
//   - `POST /multi-exec`  same shape, applied atomically (MULTI/EXEC);
//   - the client sends `Upstash-Encoding: base64` by default: every string in a result (bulk and
//     status replies, recursively in arrays) is then base64 of its UTF-8 bytes, except the status
//     reply "OK", which stays plain (the client's decoder special-cases it); integers stay numbers,
//     nil stays null, error strings are never encoded;
//   - the `upstash-sync-token` response header (read-your-writes) is returned and echoed back.
// Data lives in memory (strings only) with expiry. Runs in Node only (vitest globalSetup, or
// `npx tsx test/servers/upstash-server.ts --port 8789 --token T`).
//
// Isolation: a base URL of `<url>/db/<name>` selects a separate in-memory database with its own
// keyspace and failure plan (the client just appends `/`, `/pipeline`, `/multi-exec` to it), so
// parallel tests need not share state; plain `<url>` is the database "default".
//
// Control endpoints (not part of the real API, no auth; `?db=<name>` picks the database, default
// "default"):
//   POST /__fail  {count, status?, delayMs?, drop?}  the next `count` data requests: fail with
//                 `status` (default 500, body {"error":"..."}) after `delayMs`; with only `delayMs`,
//                 are merely delayed; with `drop: true`, have their connection destroyed (a network
//                 error for the client, which retries those — not HTTP errors)
//   POST /__flush                                     clear data and pending failures (no ?db: all)
//   GET  /__stats                                     {requests, commands}
import http from "node:http";
import { listen } from "./listen";
import { pathToFileURL } from "node:url";

export interface UpstashServerOptions {
  port?: number;
  host?: string;
  token?: string;
}

export interface UpstashServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

export interface FailPlan {
  count: number;
  status?: number;
  delayMs?: number;
  drop?: boolean;
}

type ActiveFailure = { count: number; status: number | null; delayMs: number; drop: boolean };

/** A Redis reply: status replies are tagged so the encoder can tell "OK" (status) from "OK" (a value). */
type Reply = string | number | null | Status | Reply[];
class Status {
  constructor(readonly text: string) {}
}
const OK = new Status("OK");

class RedisError extends Error {}
const wrongArgs = (cmd: string) => new RedisError(`ERR wrong number of arguments for '${cmd}' command`);
const syntaxError = () => new RedisError("ERR syntax error");
const notInteger = () => new RedisError("ERR value is not an integer or out of range");

interface Entry {
  value: string;
  expiresAt: number | null; // epoch ms
}

/** Redis glob (`*`, `?`, `[abc]`, `[^a-z]`, `\x`) → RegExp. */
export function globToRegExp(glob: string): RegExp {
  let re = "^";
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === "*") re += "[\\s\\S]*";
    else if (c === "?") re += "[\\s\\S]";
    else if (c === "\\" && i + 1 < glob.length) re += escapeRe(glob.charAt(++i));
    else if (c === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end === -1) re += "\\[";
      else {
        let body = glob.slice(i + 1, end);
        const negate = body.startsWith("^");
        if (negate) body = body.slice(1);
        re += `[${negate ? "^" : ""}${body.replace(/[\\\]]/g, "\\$&")}]`;
        i = end;
      }
    } else re += escapeRe(c);
  }
  return new RegExp(`${re}$`);
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

/** The i-th argument: the arity checks make it present, and this keeps the types honest. */
function argAt(a: readonly string[], i: number): string {
  const v = a[i];
  if (v === undefined) throw syntaxError();
  return v;
}

function toInt(s: string | undefined): number {
  if (s === undefined || !/^-?\d+$/.test(s)) throw notInteger();
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw notInteger();
  return n;
}

/** The in-memory keyspace and the commands `@upstash/redis` sends for them. */
class Store {
  private data = new Map<string, Entry>();

  private live(key: string, now = Date.now()): Entry | undefined {
    const e = this.data.get(key);
    if (e && e.expiresAt !== null && e.expiresAt <= now) {
      this.data.delete(key);
      return undefined;
    }
    return e;
  }

  private liveKeys(): string[] {
    const now = Date.now();
    return [...this.data.keys()].filter((k) => this.live(k, now) !== undefined);
  }

  flush(): void {
    this.data.clear();
  }

  exec(args: string[]): Reply {
    const name = (args[0] ?? "").toLowerCase();
    const a = args.slice(1);
    const arity = (min: number, max = min) => {
      if (a.length < min || a.length > max) throw wrongArgs(name);
    };
    switch (name) {
      case "ping":
        arity(0, 1);
        return a.length ? argAt(a, 0) : new Status("PONG");
      case "echo":
        arity(1);
        return argAt(a, 0);
      case "get":
        arity(1);
        return this.live(argAt(a, 0))?.value ?? null;
      case "getdel": {
        arity(1);
        const v = this.live(argAt(a, 0))?.value ?? null;
        this.data.delete(argAt(a, 0));
        return v;
      }
      case "set":
        return this.set(a);
      case "setex":
      case "psetex": {
        arity(3);
        const n = toInt(a[1]);
        if (n <= 0) throw new RedisError(`ERR invalid expire time in '${name}' command`);
        this.data.set(argAt(a, 0), { value: argAt(a, 2), expiresAt: Date.now() + (name === "setex" ? n * 1000 : n) });
        return OK;
      }
      case "setnx": {
        arity(2);
        if (this.live(argAt(a, 0))) return 0;
        this.data.set(argAt(a, 0), { value: argAt(a, 1), expiresAt: null });
        return 1;
      }
      case "mget":
        if (a.length < 1) throw wrongArgs(name);
        return a.map((k) => this.live(k)?.value ?? null);
      case "mset":
        if (a.length < 2 || a.length % 2) throw wrongArgs(name);
        for (let i = 0; i < a.length; i += 2) this.data.set(argAt(a, i), { value: argAt(a, i + 1), expiresAt: null });
        return OK;
      case "del":
      case "unlink": {
        if (a.length < 1) throw wrongArgs(name);
        let n = 0;
        for (const k of a) if (this.live(k) && this.data.delete(k)) n++;
        return n;
      }
      case "exists":
        if (a.length < 1) throw wrongArgs(name);
        return a.filter((k) => this.live(k)).length;
      case "type":
        arity(1);
        return new Status(this.live(argAt(a, 0)) ? "string" : "none");
      case "expire":
      case "pexpire":
      case "expireat":
      case "pexpireat": {
        if (a.length < 2 || a.length > 3) throw wrongArgs(name);
        const n = toInt(a[1]);
        const e = this.live(argAt(a, 0));
        if (!e) return 0;
        const now = Date.now();
        const at = name === "expire" ? now + n * 1000 : name === "pexpire" ? now + n : name === "expireat" ? n * 1000 : n;
        const flag = a[2]?.toLowerCase();
        if (flag !== undefined && !["nx", "xx", "gt", "lt"].includes(flag)) {
          throw new RedisError(`ERR Unsupported option ${a[2]}`);
        }
        const cur = e.expiresAt;
        if (flag === "nx" && cur !== null) return 0;
        if (flag === "xx" && cur === null) return 0;
        if (flag === "gt" && (cur === null || at <= cur)) return 0;
        if (flag === "lt" && cur !== null && at >= cur) return 0;
        if (at <= now) this.data.delete(argAt(a, 0));
        else e.expiresAt = at;
        return 1;
      }
      case "persist": {
        arity(1);
        const e = this.live(argAt(a, 0));
        if (!e || e.expiresAt === null) return 0;
        e.expiresAt = null;
        return 1;
      }
      case "ttl":
      case "pttl": {
        arity(1);
        const e = this.live(argAt(a, 0));
        if (!e) return -2;
        if (e.expiresAt === null) return -1;
        const ms = e.expiresAt - Date.now();
        return name === "pttl" ? ms : Math.round(ms / 1000);
      }
      case "incr":
      case "decr":
        arity(1);
        return this.incrBy(argAt(a, 0), name === "incr" ? 1 : -1);
      case "incrby":
      case "decrby": {
        arity(2);
        const n = toInt(a[1]);
        return this.incrBy(argAt(a, 0), name === "incrby" ? n : -n);
      }
      case "keys": {
        arity(1);
        const re = globToRegExp(argAt(a, 0));
        return this.liveKeys().filter((k) => re.test(k));
      }
      case "scan":
        return this.scan(a);
      case "dbsize":
        arity(0);
        return this.liveKeys().length;
      case "flushall":
      case "flushdb":
        if (a.length > 1 || (a[0] !== undefined && !["async", "sync"].includes(a[0].toLowerCase()))) throw syntaxError();
        this.data.clear();
        return OK;
      default:
        throw new RedisError(`ERR unknown command '${args[0] ?? ""}'`);
    }
  }

  private incrBy(key: string, by: number): number {
    const e = this.live(key);
    const cur = e ? toInt(e.value) : 0;
    const next = cur + by;
    if (!Number.isSafeInteger(next)) throw new RedisError("ERR increment or decrement would overflow");
    if (e)
      e.value = String(next); // INCR keeps the TTL
    else this.data.set(key, { value: String(next), expiresAt: null });
    return next;
  }

  /** SET key value [NX|XX] [GET] [EX s|PX ms|EXAT s|PXAT ms|KEEPTTL] */
  private set(a: string[]): Reply {
    if (a.length < 2) throw wrongArgs("set");
    const [key, value] = [argAt(a, 0), argAt(a, 1)];
    let nx = false,
      xx = false,
      get = false,
      keepTtl = false;
    let expiresAt: number | null = null;
    let expirySet = false;
    const now = Date.now();
    for (let i = 2; i < a.length; i++) {
      const opt = argAt(a, i).toLowerCase();
      if (opt === "nx") nx = true;
      else if (opt === "xx") xx = true;
      else if (opt === "get") get = true;
      else if (opt === "keepttl") keepTtl = true;
      else if (opt === "ex" || opt === "px" || opt === "exat" || opt === "pxat") {
        if (expirySet || i + 1 >= a.length) throw syntaxError();
        const n = toInt(a[++i]);
        if (n <= 0) throw new RedisError("ERR invalid expire time in 'set' command");
        expiresAt = opt === "ex" ? now + n * 1000 : opt === "px" ? now + n : opt === "exat" ? n * 1000 : n;
        expirySet = true;
      } else throw syntaxError();
    }
    if ((nx && xx) || (keepTtl && expirySet)) throw syntaxError();
    const old = this.live(key);
    const reply = (wrote: boolean): Reply => (get ? (old?.value ?? null) : wrote ? OK : null);
    if ((nx && old) || (xx && !old)) return reply(false);
    this.data.set(key, { value, expiresAt: keepTtl ? (old?.expiresAt ?? null) : expiresAt });
    return reply(true);
  }

  /** SCAN cursor [MATCH pattern] [COUNT n] [TYPE t]: the cursor is an offset into the sorted keys. */
  private scan(a: string[]): Reply {
    if (a.length < 1) throw wrongArgs("scan");
    const cursor = toInt(a[0]);
    if (cursor < 0) throw new RedisError("ERR invalid cursor");
    let match: RegExp | null = null;
    let count = 10;
    let type: string | null = null;
    for (let i = 1; i < a.length; i += 2) {
      const opt = argAt(a, i).toLowerCase();
      const arg = a[i + 1];
      if (arg === undefined) throw syntaxError();
      if (opt === "match") match = globToRegExp(arg);
      else if (opt === "count") {
        count = toInt(arg);
        if (count < 1) throw syntaxError();
      } else if (opt === "type") type = arg.toLowerCase();
      else throw syntaxError();
    }
    const keys = this.liveKeys().sort();
    const page = keys.slice(cursor, cursor + count);
    const next = cursor + count >= keys.length ? 0 : cursor + count;
    const found = page.filter((k) => (!match || match.test(k)) && (type === null || type === "string"));
    return [String(next), found];
  }
}

/** Encode a reply for the wire: under `Upstash-Encoding: base64` every string except status "OK" is base64. */
function encodeReply(r: Reply, base64: boolean): unknown {
  if (r instanceof Status) return base64 && r.text !== "OK" ? Buffer.from(r.text, "utf8").toString("base64") : r.text;
  if (typeof r === "string") return base64 ? Buffer.from(r, "utf8").toString("base64") : r;
  if (Array.isArray(r)) return r.map((x) => encodeReply(x, base64));
  return r;
}

function isCommand(v: unknown): v is unknown[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string" || typeof x === "number" || typeof x === "boolean");
}
/** The client sends numbers as JSON numbers (and objects already JSON-stringified); Redis sees strings. */
const commandArgs = (cmd: unknown[]): string[] => cmd.map((x) => String(x));

export async function startUpstashServer(opts: UpstashServerOptions = {}): Promise<UpstashServer> {
  const host = opts.host ?? "127.0.0.1";
  const token = opts.token ?? "test-upstash-token";
  const noFailure = (): ActiveFailure => ({ count: 0, status: null, delayMs: 0, drop: false });
  const dbs = new Map<string, { store: Store; fail: ActiveFailure }>();
  const db = (name: string) => {
    let d = dbs.get(name);
    if (!d) {
      d = { store: new Store(), fail: noFailure() };
      dbs.set(name, d);
    }
    return d;
  };
  let syncToken = 0;
  let requests = 0;
  let commands = 0;
  const pending = new Set<() => void>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        pending.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      pending.add(done);
    });

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    if (res.destroyed || res.headersSent) return;
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(payload),
      "upstash-sync-token": String(syncToken),
    });
    res.end(payload);
  };

  const readBody = (req: http.IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      req.on("error", reject);
    });

  const run = (store: Store, cmd: unknown[], base64: boolean): { result: unknown } | { error: string } => {
    commands++;
    try {
      const reply = store.exec(commandArgs(cmd));
      syncToken++;
      return { result: encodeReply(reply, base64) };
    } catch (err) {
      if (err instanceof RedisError) return { error: err.message };
      throw err;
    }
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const raw = await readBody(req);
    const dbParam = url.searchParams.get("db");

    if (url.pathname === "/__fail" && req.method === "POST") {
      let plan: unknown;
      try {
        plan = JSON.parse(raw || "{}");
      } catch {
        plan = null;
      }
      const p = plan as Partial<FailPlan> | null;
      if (!p || typeof p.count !== "number" || p.count < 0) return send(res, 400, { error: "expected {count, status?, delayMs?, drop?}" });
      db(dbParam ?? "default").fail = { count: p.count, status: p.status ?? null, delayMs: p.delayMs ?? 0, drop: p.drop ?? false };
      return send(res, 200, { ok: true });
    }
    if (url.pathname === "/__flush" && req.method === "POST") {
      for (const [name, d] of dbs) {
        if (dbParam !== null && name !== dbParam) continue;
        d.store.flush();
        d.fail = noFailure();
      }
      return send(res, 200, { ok: true });
    }
    if (url.pathname === "/__stats" && req.method === "GET") return send(res, 200, { requests, commands });

    // `/db/<name>/...` selects an isolated database (its own keyspace and /__fail plan), so
    // parallel tests can use `url: `${upstashUrl}/db/${name}``; no prefix → "default".
    const prefixed = /^\/db\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const { store, fail } = db(prefixed?.[1] ? decodeURIComponent(prefixed[1]) : "default");
    const path = prefixed ? (prefixed[2] ?? "/") : url.pathname;

    requests++;
    if (fail.count > 0) {
      fail.count--;
      const { status, delayMs, drop } = fail;
      if (delayMs > 0) await sleep(delayMs);
      if (drop) return void req.socket.destroy();
      if (status !== null || delayMs === 0) {
        return send(res, status ?? 500, { error: "ERR service unavailable (simulated by /__fail)" });
      }
    }

    const auth = req.headers.authorization;
    const given = auth?.startsWith("Bearer ") ? auth.slice(7) : url.searchParams.get("_token");
    if (given !== token) return send(res, 401, { error: "Unauthorized" });
    if (req.method !== "POST" && req.method !== "GET") return send(res, 405, { error: "ERR method not allowed" });

    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return send(res, 400, { error: "ERR failed to parse command" });
    }
    const base64 = (req.headers["upstash-encoding"] ?? "").toString().toLowerCase() === "base64";

    if (path === "/") {
      if (!isCommand(body)) return send(res, 400, { error: "ERR failed to parse command" });
      const out = run(store, body, base64);
      return send(res, "error" in out ? 400 : 200, out);
    }
    if (path === "/pipeline" || path === "/multi-exec") {
      if (!Array.isArray(body) || body.length === 0 || !body.every(isCommand)) {
        return send(res, 400, { error: "ERR failed to parse pipeline request" });
      }
      // Everything here is synchronous, so a multi-exec is trivially atomic.
      return send(
        res,
        200,
        body.map((cmd) => run(store, cmd, base64)),
      );
    }
    return send(res, 404, { error: `ERR unknown endpoint ${path}` });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { error: `ERR internal error: ${String(err)}` }));
  });
  const listening = await listen(server, host, opts.port ?? 0, () => {
    for (const done of [...pending]) done();
  });
  return { ...listening, token };
}

function parseCliArgs(argv: string[]): UpstashServerOptions {
  const opts: UpstashServerOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--port") opts.port = Number(argv[++i]);
    else if (arg === "--host") opts.host = argv[++i];
    else if (arg === "--token") opts.token = argv[++i];
    else throw new Error(`unknown argument ${arg}; usage: upstash-server.ts [--port N] [--host H] [--token T]`);
  }
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startUpstashServer(parseCliArgs(process.argv.slice(2)));
  console.log(server.url);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
