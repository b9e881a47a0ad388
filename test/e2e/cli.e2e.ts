// The `waooaw` CLI end to end: the built command (packages/cli/bin/waooaw.js, what `npx waooaw`
// runs) as a child process against a fresh local platform (test/stack/local-stack.ts), as an
// operator would use it. Run by Node's test runner: `npm run test:cli` (after build:assets).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type LocalStack, ROOT, startLocalStack, stopLocalStack } from "../stack/local-stack";

const BIN = join(ROOT, "packages", "cli", "bin", "waooaw.js");
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
let stack: LocalStack;
let home: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI (asynchronously: the local Anthropic server answers from this process). */
function waooaw(args: string[], options: { token?: string | null; input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const env: typeof process.env = {
    ...process.env,
    XDG_CONFIG_HOME: home,
    WAOOAW_URL: stack.baseUrl,
    WAOOAW_TOKEN: options.token === null ? undefined : (options.token ?? stack.adminToken),
    ...options.env,
  };
  if (options.token === null) delete env.WAOOAW_TOKEN;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

function json<T>(run: Run): T {
  assert.equal(run.code, 0, `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

const definition = (slug: string) => ({
  slug,
  specialization: {
    coe: "support",
    role: "triage",
    capabilities: ["triage"],
    rules: [
      { id: "answer", when: { type: "customer.message", subject: "ticket:*" }, then: { action: "act", reason: "answer from playbook" } },
    ],
    subscriptions: [{ event: "customer.*" }],
  },
  personality: { displayName: "CLI Triage", tagline: "Answers tickets", tone: "plain", languages: ["en"] },
});

before(async () => {
  home = mkdtempSync(join(tmpdir(), "waooaw-cli-home-"));
  stack = await startLocalStack({ name: "cli" });
});
after(async () => {
  await stopLocalStack();
  rmSync(home, { recursive: true, force: true });
});

test("without a token, or with a wrong one, commands fail with exit 1 and say what to do", async () => {
  const missing = await waooaw(["agents", "list"], { token: null });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no operator token for http:\/\/127\.0\.0\.1:\d+: run `waooaw login/);

  const wrong = await waooaw(["agents", "list"], { token: "not-the-token" });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /refused the operator token \(401/);

  const badLogin = await waooaw(["login"], { token: null, input: "not-the-token\n" });
  assert.equal(badLogin.code, 1);
  assert.match(badLogin.stderr, /refused this token: nothing saved/);
});

test("usage errors exit 2; --help answers everywhere with exit 0", async () => {
  assert.equal((await waooaw(["agents", "frobnicate"])).code, 2);
  assert.equal((await waooaw(["costs", "--group-by", "planet"])).code, 2);
  assert.equal((await waooaw(["dlq", "replay"])).code, 2);
  assert.equal((await waooaw(["dlq", "replay", "dl_1", "--all"])).code, 2);
  assert.equal((await waooaw(["agents"])).code, 2); // a group without its subcommand: its help, as a usage error
  for (const args of [
    ["--help"],
    ["agents", "--help"],
    ["agents", "retire", "--help"],
    ["events", "tail", "--help"],
    ["definitions", "publish", "--help"],
  ]) {
    const help = await waooaw(args);
    assert.equal(help.code, 0, args.join(" "));
    assert.match(help.stdout, /^Usage: waooaw/);
  }
});

test("login reads the token from stdin, checks it and saves it per URL, readable only by its owner", async () => {
  const login = await waooaw(["login"], { token: null, input: `${stack.adminToken}\n` });
  assert.equal(login.code, 0, login.stderr);
  const file = join(home, "waooaw", "config.json");
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), { tokens: { [stack.baseUrl]: stack.adminToken } });

  // From now on the saved token is enough.
  const list = await waooaw(["agents", "list"], { token: null });
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /│ id\s+│ definition\s+│ state/);
  assert.match(list.stdout, /active/);
});

test("definitions publish checks the file with the platform's schema first, then publishes", async () => {
  const bad = join(home, "bad.json");
  writeFileSync(
    bad,
    JSON.stringify({ ...definition("Not A Slug"), specialization: { ...definition("x").specialization, subscriptions: [] } }),
  );
  const refused = await waooaw(["definitions", "publish", bad]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /bad\.json is not valid \(2 problems\):/);
  assert.match(refused.stderr, /slug: lowercase words joined by -/);
  assert.match(refused.stderr, /specialization\.subscriptions: /);

  const good = join(home, "good.json");
  writeFileSync(good, JSON.stringify(definition("cli-triage")));
  const dry = await waooaw(["definitions", "publish", good, "--dry-run"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stderr, /valid definition cli-triage; not published/);
  assert.equal(json<unknown[]>(await waooaw(["agents", "list", "--json", "--definition", "cli-triage"])).length, 0);

  const published = json<{ slug: string; version: number }>(await waooaw(["definitions", "publish", good, "--json"]));
  assert.equal(published.slug, "cli-triage");
});

test("agents spawn, show, pause, resume, list and retire --wait", async () => {
  const spawned = json<{ id: string; state: string }>(
    await waooaw(["agents", "spawn", "cli-triage", "--id", "cli-agent-1", "--customer", "cust-cli", "--json"]),
  );
  assert.deepEqual([spawned.id, spawned.state], ["cli-agent-1", "active"]);

  const show = await waooaw(["agents", "show", "cli-agent-1"]);
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /definition\s+│ cli-triage v1/);
  assert.match(show.stdout, /state\s+│ active/);

  assert.equal(json<{ state: string }>(await waooaw(["agents", "pause", "cli-agent-1", "--json"])).state, "paused");
  const listed = json<{ id: string; state: string }[]>(await waooaw(["agents", "list", "--state", "paused", "--json"]));
  assert.deepEqual(
    listed.filter((a) => a.id === "cli-agent-1").map((a) => a.state),
    ["paused"],
  );
  assert.equal(json<{ state: string }>(await waooaw(["agents", "resume", "cli-agent-1", "--json"])).state, "active");

  const missing = await waooaw(["agents", "show", "no-such-agent"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /404 not_found/);

  assert.equal(json<{ state: string }>(await waooaw(["agents", "spawn", "cli-triage", "--id", "cli-agent-2", "--json"])).state, "active");
  const retired = await waooaw(["agents", "retire", "cli-agent-2", "--wait", "--timeout", "30"]);
  assert.equal(retired.code, 0, retired.stderr);
  assert.match(retired.stdout, /state\s+│ retired/);
  const again = await waooaw(["agents", "resume", "cli-agent-2"]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /409 illegal_transition/);
});

/** A request to the platform as a customer (what the CLI, an operator tool, does not do). */
async function asCustomer<T>(key: string, path: string, body: unknown, status: number): Promise<T> {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, status, await res.clone().text());
  return (await res.json()) as T;
}

test("retire --wait finishes the tasks an agent holds before it retires, showing the drain's progress", async () => {
  const signedUp = await asCustomer<{ customer: { id: string }; apiKey: { key: string } }>(
    "",
    "/v1/customers",
    { name: "Drain Co", email: "ops@drain.example" },
    201,
  );
  const key = signedUp.apiKey.key;
  // Hiring needs a verified address; the local stack has no e-mail service, so an operator vouches.
  const verified = await fetch(`${stack.baseUrl}/v1/admin/customers/${signedUp.customer.id}/verify-email`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.adminToken}` },
  });
  assert.equal(verified.status, 200, await verified.clone().text());
  const hire = await asCustomer<{ id: string }>(key, "/v1/hires", { agent: "sales-ae" }, 201);
  const agent = `agent-${hire.id}`;
  // Paused, the account executive keeps its customer's two tasks queued: work in flight.
  json(await waooaw(["agents", "pause", agent, "--json"]));
  const closePlan = { kind: "close-plan", deal: "Nordwind GmbH platform", closeDate: "2027-03-31", now: "2026-12-01T09:00:00Z" };
  for (const title of ["Close plan A", "Close plan B"])
    await asCustomer(key, `/v1/hires/${hire.id}/tasks`, { title, instructions: "Plan the close", inputs: closePlan }, 202);
  const deadline = Date.now() + 20_000;
  while (json<{ inboxSize: number }>(await waooaw(["agents", "show", agent, "--json"])).inboxSize < 2) {
    if (Date.now() > deadline) throw new Error("the paused agent never held both tasks");
    await new Promise((r) => setTimeout(r, 250));
  }

  const retired = await waooaw(["agents", "retire", agent, "--wait", "--timeout", "60"]);
  assert.equal(retired.code, 0, retired.stderr);
  assert.match(retired.stdout, /state\s+│ retired/);
  // No peer in its role: it finished both itself, nothing re-routed or handed back.
  assert.match(retired.stdout, /drain\s+│ 0 left, 2 finished, 0 re-routed, 0 handed back; ended /);
  const after = json<{ state: string; drain: { remaining: number; finished: number; endedAt: number | null } }>(
    await waooaw(["agents", "show", agent, "--json"]),
  );
  assert.deepEqual([after.state, after.drain.remaining, after.drain.finished, after.drain.endedAt !== null], ["retired", 0, 2, true]);
});

test("events send and tail: the newest, then what arrives while it follows", async () => {
  const sent = json<{ id: string; status: string }>(
    await waooaw([
      "events",
      "send",
      "--type",
      "customer.message",
      "--subject",
      "ticket:1",
      "--customer",
      "cust-cli",
      "--payload",
      '{"text":"hello from the CLI"}',
      "--json",
    ]),
  );
  assert.equal(sent.status, "queued");
  const invalid = await waooaw(["events", "send", "--type", "customer.message", "--subject", "x", "--payload", "[1]"]);
  assert.equal(invalid.code, 1);
  assert.match(invalid.stderr, /payload: /);

  const tail = await waooaw(["events", "tail", "--no-follow", "-n", "5", "--json"]);
  assert.equal(tail.code, 0, tail.stderr);
  const lines = tail.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { id: string; payload: unknown });
  assert.deepEqual(lines.at(-1)?.payload, { text: "hello from the CLI" });
  assert.equal(lines.at(-1)?.id, sent.id);

  // Follow: an event sent after tail started shows up on its own line.
  const follower = spawn(process.execPath, [BIN, "events", "tail", "-n", "1", "--interval", "200", "--type", "report.requested"], {
    env: { ...process.env, XDG_CONFIG_HOME: home, WAOOAW_URL: stack.baseUrl, WAOOAW_TOKEN: stack.adminToken },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let followed = "";
  follower.stdout.on("data", (d) => {
    followed += d;
  });
  try {
    await until(() => followed.includes("received"), "tail's header");
    const later = json<{ id: string }>(
      await waooaw(["events", "send", "--type", "report.requested", "--subject", "daily", "--payload", "{}", "--json"]),
    );
    await until(() => followed.includes(later.id), "the event sent while tail followed");
    assert.match(followed, new RegExp(`${later.id}\\s+report\\.requested\\s+daily`));
  } finally {
    follower.kill("SIGTERM");
  }
});

test("traces list and show: one event's path as a waterfall, or JSON; an unknown trace exits 1", async () => {
  const sent = json<{ id: string; traceId: string }>(
    await waooaw([
      "events",
      "send",
      "--type",
      "customer.message",
      "--subject",
      "ticket:trace",
      "--customer",
      "cust-trace",
      "--payload",
      "{}",
      "--json",
    ]),
  );
  // The consumer delivers the event in the background: wait until its trace has the queue span.
  let trace = { spanCount: 0, spans: [] as { kind: string; name: string; depth: number }[] };
  const deadline = Date.now() + 20_000;
  while (!trace.spans.some((s) => s.kind === "queue")) {
    if (Date.now() > deadline) throw new Error(`the trace never showed its queue span: ${JSON.stringify(trace)}`);
    await new Promise((r) => setTimeout(r, 250));
    const run = await waooaw(["traces", "show", sent.traceId, "--json"]);
    if (run.code === 0) trace = JSON.parse(run.stdout);
  }
  assert.equal(trace.spans[0]?.kind, "ingest");
  assert.equal(trace.spans[0]?.depth, 0);

  const shown = await waooaw(["traces", "show", sent.traceId, "--ascii", "--width", "100"]);
  assert.equal(shown.code, 0, shown.stderr);
  const lines = shown.stdout.trimEnd().split("\n");
  // One line per span (after the axis header), the root first, in the API's tree order.
  assert.ok(lines.length >= trace.spans.length, shown.stdout);
  assert.match(shown.stdout, /ingest customer\.message/);
  assert.ok(
    lines.every((l) => l.length <= 100),
    "no line wider than --width",
  );
  assert.match(shown.stderr, new RegExp(`${trace.spanCount} span\\(s\\)`));

  const list = json<{ items: { traceId: string }[] }>(await waooaw(["traces", "list", "--limit", "50", "--json"]));
  assert.ok(
    list.items.some((t) => t.traceId === sent.traceId),
    "the trace is listed",
  );

  const missing = await waooaw(["traces", "show", "trc-nothing-here"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /404/);
});

test("dlq list and replay (one, or all with a progress summary); costs", async () => {
  const empty = await waooaw(["dlq", "list"]);
  assert.equal(empty.code, 0, empty.stderr);
  assert.match(empty.stderr, /0 dead letter\(s\)/);

  // A wake that failed every retry: written as the DLQ consumer writes it (the local platform
  // cannot be made to fail a wake on demand), into the D1 that wrangler dev serves.
  const sent = json<{ id: string; traceId: string }>(
    await waooaw(["events", "send", "--type", "customer.message", "--subject", "ticket:2", "--customer", "cust-cli", "--json"]),
  );
  const event = { id: sent.id, type: "customer.message", source: "waooaw-cli", subject: "ticket:2", customerId: "cust-cli" };
  const message = JSON.stringify({
    v: 2,
    items: [{ event: { ...event, payload: {}, occurredAt: new Date().toISOString(), traceId: sent.traceId, receivedAt: Date.now() } }],
  });
  const sql = `INSERT INTO dead_letters (id, event_id, message, error, attempts, dead_at) VALUES ('dl_cli_1', '${sent.id}', '${message.replaceAll("'", "''")}', 'agent unavailable', 4, ${Date.now()})`;
  const insert = spawnSync(
    process.execPath,
    [WRANGLER, "d1", "execute", "DB", "--local", "--persist-to", stack.persistTo, "--command", sql],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
      timeout: 60_000,
    },
  );
  assert.equal(insert.status, 0, insert.stderr);

  const listed = await waooaw(["dlq", "list"]);
  assert.match(listed.stdout, /dl_cli_1.*customer\.message.*ticket:2.*agent unavailable/);
  const all = await waooaw(["dlq", "replay", "--all"]);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stderr, /1 of 1 requeued/);
  assert.match(all.stdout, /dl_cli_1.*requeued/);
  const [letter] = json<{ id: string; replayCount: number }[]>(await waooaw(["dlq", "list", "--json"]));
  assert.deepEqual(letter, { ...letter, id: "dl_cli_1", replayCount: 1 });

  const some = await waooaw(["dlq", "replay", "dl_cli_1", "dl_nope", "--json"]);
  assert.equal(some.code, 1);
  assert.deepEqual(
    (JSON.parse(some.stdout) as { results: { id: string; ok: boolean }[] }).results.map((r) => [r.id, r.ok]),
    [
      ["dl_cli_1", true],
      ["dl_nope", false],
    ],
  );

  const costs = json<{ groupBy: string; items: { key: string; decisions: number }[] }>(
    await waooaw(["costs", "--group-by", "agent", "--json"]),
  );
  assert.equal(costs.groupBy, "agent");
  const table = await waooaw(["costs", "--since", "2026-01-01"]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /│ agent\s+│ decisions/);
});

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
