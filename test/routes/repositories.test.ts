import { beforeAll, describe, expect, it } from "vitest";
import { ConnectedRepositoryCreated, ConnectedRepositoryView } from "../../src/schemas/github";
import { ConnectedRepositoryList } from "../../src/schemas/github-views";
import { DEFAULT_VISION_RULES, VisionRules } from "../../src/schemas/vision";
import { call, env, unique } from "../helpers";
import { as, jsonOf, type SignedUp, signUp } from "../marketplace/helpers";
import { connect, deliver, example, uniqueRepository } from "../github/webhooks-helpers";
import { fieldCipher } from "../../src/crypto/env-cipher";
import { openPayload } from "../../src/wake/event-payloads";

const json = (res: Response) => res.json() as Promise<Record<string, unknown>>;

describe("/v1/repositories", () => {
  let alice: SignedUp;
  let bob: SignedUp;

  beforeAll(async () => {
    alice = await signUp("Alice Co");
    bob = await signUp("Bob Co");
  });

  it("connects a repository: 201 with the webhook URL and a new secret, shown this once", async () => {
    const repository = uniqueRepository();
    const res = await as(alice, "/v1/repositories", { method: "POST", json: { repository, dailyReport: { as: "issue" } } });
    expect(res.status).toBe(201);
    const created = ConnectedRepositoryCreated.parse(await res.json());
    expect(created).toMatchObject({
      id: expect.stringMatching(/^repo_/),
      repository,
      hasToken: false,
      visionRules: VisionRules.parse(DEFAULT_VISION_RULES),
      dailyReport: { as: "issue" },
      webhookUrl: "http://waooaw.test/v1/webhooks/github",
    });
    expect(created.webhookSecret).toMatch(/^[0-9a-f]{64}$/);

    const one = await json(await as(alice, `/v1/repositories/${created.id}`));
    expect(one).not.toHaveProperty("webhookSecret");
    const { webhookSecret: _, ...view } = created;
    expect(ConnectedRepositoryView.strict().parse(one)).toEqual(view);
    const list = ConnectedRepositoryList.parse(await json(await as(alice, "/v1/repositories")));
    expect(list.items.map((r) => r.id)).toContain(created.id);
    expect(JSON.stringify(list)).not.toContain(created.webhookSecret);
    const second = await connect(alice);
    expect(second.webhookSecret).not.toBe(created.webhookSecret);
  });

  it("refuses a repository connected already, by anyone, in any case: 409 naming the field", async () => {
    const repository = uniqueRepository();
    await connect(alice, repository);
    for (const [who, name] of [
      [alice, repository],
      [bob, repository.toUpperCase()],
    ] as const) {
      const res = await as(who, "/v1/repositories", { method: "POST", json: { repository: name } });
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: "repository_connected", field: "repository" } });
    }
  });

  it("validates: a bad name, an invalid regular expression, rules too large: 400 naming the field", async () => {
    const bad = await as(alice, "/v1/repositories", { method: "POST", json: { repository: "not a repository" } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: "repository" } });

    const repo = await connect(alice);
    const rules = { forbiddenPatterns: [{ id: "broken", pattern: "([unclosed", message: "never" }] };
    const regex = await as(alice, `/v1/repositories/${repo.id}`, { method: "PATCH", json: { visionRules: rules } });
    expect(regex.status).toBe(400);
    expect(await regex.json()).toMatchObject({ error: { field: "visionRules.forbiddenPatterns[0].pattern" } });

    const huge = { forbiddenTerms: Array.from({ length: 200 }, (_, i) => `term-${i}-${"x".repeat(90)}`) };
    const tooLarge = await as(alice, `/v1/repositories/${repo.id}`, { method: "PATCH", json: { visionRules: huge } });
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.json()).toMatchObject({ error: { field: "visionRules" } });

    const report = await as(alice, `/v1/repositories/${repo.id}`, { method: "PATCH", json: { dailyReport: { as: "comment" } } });
    expect(report.status).toBe(400);
    expect(await report.json()).toMatchObject({ error: { field: "dailyReport.issueNumber" } });
    const unchanged = ConnectedRepositoryView.parse(await json(await as(alice, `/v1/repositories/${repo.id}`)));
    expect(unchanged.visionRules).toEqual(VisionRules.parse(DEFAULT_VISION_RULES));
  });

  it("refuses patterns whose matching time can explode on a crafted line: 400 naming the field and the reason", async () => {
    const repo = await connect(alice);
    for (const [pattern, reason] of [
      ["(a+)+$", /repeats something that itself repeats/],
      ["(.*a){12}", /repeats something that itself repeats/],
      ["(\\w+\\s?)*$", /repeats something that itself repeats/],
      ["(a)\\1", /backreference/],
      ["\\s*\\s*x", /can match the same characters one after the other/],
      ["a+b+c+d+e+", /5 unbounded repetitions/],
    ] as const) {
      const rules = { forbiddenPatterns: [{ id: "slow", pattern, message: "never" }] };
      const res = await as(alice, `/v1/repositories/${repo.id}`, { method: "PATCH", json: { visionRules: rules } });
      expect(res.status, pattern).toBe(400);
      const body = (await res.json()) as { error: { field: string; message: string } };
      expect(body.error.field).toBe("visionRules.forbiddenPatterns[0].pattern");
      expect(body.error.message).toMatch(reason);
    }
    const naming = [{ id: "slow", paths: "src/**", pattern: "^([a-z]+)*\\.ts$", message: "never" }];
    const refused = await as(alice, "/v1/repositories", {
      method: "POST",
      json: { repository: uniqueRepository(), visionRules: { naming } },
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { field: "visionRules.naming[0].pattern" } });

    // The usual shapes are kept: a separator between repetitions, a bounded repetition, alternatives tried once.
    const fine = {
      forbiddenPatterns: [
        { id: "password", pattern: "password\\s*=\\s*\\S+", message: "no passwords" },
        { id: "key", pattern: "-----BEGIN (?:RSA |EC )?PRIVATE KEY-----", message: "no keys" },
      ],
      naming: [{ id: "kebab", paths: "src/**", pattern: "^[a-z0-9]+(-[a-z0-9]+)*\\.tsx$", message: "kebab-case" }],
    };
    const ok = await as(alice, `/v1/repositories/${repo.id}`, { method: "PATCH", json: { visionRules: fine } });
    expect(ok.status).toBe(200);
    expect(ConnectedRepositoryView.parse(await ok.json()).visionRules).toEqual(VisionRules.parse(fine));
  });

  it("answers 404 for another customer's repository, exactly as for a missing one", async () => {
    const repo = await connect(alice);
    const missing = unique("repo_missing");
    for (const id of [repo.id, missing]) {
      for (const [method, path, body] of [
        ["GET", `/v1/repositories/${id}`, undefined],
        ["PATCH", `/v1/repositories/${id}`, { token: "ghp_stolen" }],
        ["POST", `/v1/repositories/${id}/secret`, undefined],
        ["DELETE", `/v1/repositories/${id}`, undefined],
      ] as const) {
        const res = await as(bob, path, { method, ...(body ? { json: body } : {}) });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(await res.json()).toEqual({ error: { code: "not_found", message: `no connected repository ${id}` } });
      }
    }
    expect(ConnectedRepositoryList.parse(await json(await as(bob, "/v1/repositories"))).items.map((r) => r.id)).not.toContain(repo.id);
    const still = ConnectedRepositoryView.parse(await json(await as(alice, `/v1/repositories/${repo.id}`)));
    expect(still.hasToken).toBe(false);
    expect((await call("/v1/repositories")).status).toBe(401);
  });

  it("PATCH sets and forgets the token; a new token makes the outputs kept for want of one due now", async () => {
    const repo = await connect(alice);
    const otherRepo = await connect(alice);
    const past = Date.now() - 60_000;
    const output = (id: string, customerId: string, repository: string, status: string) =>
      env.DB.prepare(
        `INSERT INTO outputs (id, customer_id, origin, kind, channel, target, key, title, body, status, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, 'issue', 'github', ?, 'k', 'A finding', 'Body', ?, NULL, ?, ?)`,
      )
        .bind(id, customerId, unique("dec"), JSON.stringify({ repository }), status, past, past)
        .run();
    const ids = { waiting: unique("out"), posted: unique("out"), otherRepo: unique("out"), otherCustomer: unique("out") };
    // The output names the repository in another case than the connection: GitHub names are case-insensitive.
    await output(ids.waiting, alice.customerId, repo.repository.toLowerCase(), "stored");
    await output(ids.posted, alice.customerId, repo.repository, "posted");
    await output(ids.otherRepo, alice.customerId, otherRepo.repository, "stored");
    await output(ids.otherCustomer, bob.customerId, repo.repository, "stored");

    const before = Date.now();
    const set = await as(alice, `/v1/repositories/${repo.id}`, { method: "PATCH", json: { token: "github_pat_test" } });
    expect(set.status).toBe(200);
    const view = ConnectedRepositoryView.parse(await set.json());
    expect(view).toMatchObject({ hasToken: true, dailyReport: null });
    expect(view.updatedAt).toBeGreaterThanOrEqual(before);

    const due = async (id: string) =>
      (await env.DB.prepare(`SELECT next_attempt_at AS due FROM outputs WHERE id = ?`).bind(id).first<{ due: number | null }>())?.due;
    expect(await due(ids.waiting)).toBeGreaterThanOrEqual(before);
    expect(await due(ids.posted)).toBeNull();
    expect(await due(ids.otherRepo)).toBeNull();
    expect(await due(ids.otherCustomer)).toBeNull();

    // Stored encrypted, the token and the webhook secret alike; only their readers open them.
    const stored = await env.DB.prepare(`SELECT token, webhook_secret AS secret FROM connected_repositories WHERE id = ?`)
      .bind(repo.id)
      .first<{ token: string; secret: string }>();
    expect(stored?.token).toMatch(/^enc:v1:k2:/);
    expect(stored?.secret).toMatch(/^enc:v1:k2:/);
    expect(await fieldCipher(env).open(stored?.token ?? "", "connected_repositories.token")).toBe("github_pat_test");
    const body = await json(await as(alice, `/v1/repositories/${repo.id}`));
    expect(JSON.stringify(body)).not.toContain("github_pat_test");

    const forgot = ConnectedRepositoryView.parse(
      await json(await as(alice, `/v1/repositories/${repo.id}`, { method: "PATCH", json: { token: null } })),
    );
    expect(forgot.hasToken).toBe(false);
    const rules = { forbiddenTerms: ["lorem ipsum"], requiredFiles: ["LICENSE"] };
    const changed = ConnectedRepositoryView.parse(
      await json(
        await as(alice, `/v1/repositories/${repo.id}`, {
          method: "PATCH",
          json: { visionRules: rules, dailyReport: { as: "comment", issueNumber: 7 } },
        }),
      ),
    );
    expect(changed).toMatchObject({
      hasToken: false,
      visionRules: VisionRules.parse(rules),
      dailyReport: { as: "comment", issueNumber: 7 },
    });

    // The rules travel with the next webhook's event.
    const res = await deliver({ event: "push", payload: example("push", repo.repository), secret: repo.webhookSecret });
    expect(res.status).toBe(202);
    const { eventId } = (await res.json()) as { eventId: string };
    const event = await env.DB.prepare(`SELECT payload FROM events WHERE id = ?`).bind(eventId).first<{ payload: string }>();
    expect(await openPayload(fieldCipher(env), JSON.parse(event?.payload ?? "{}"))).toMatchObject({
      visionRules: { forbiddenTerms: ["lorem ipsum"], requiredFiles: ["LICENSE"] },
    });
  });

  it("reconnecting a repository with a token makes the outputs kept while it had none due now; a refused connect does not", async () => {
    const repo = await connect(alice);
    const past = Date.now() - 60_000;
    const kept = unique("out");
    await env.DB.prepare(
      `INSERT INTO outputs (id, customer_id, origin, kind, channel, target, key, title, body, status, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, 'issue', 'github', ?, 'k', 'A finding', 'Body', 'stored', NULL, ?, ?)`,
    )
      .bind(kept, alice.customerId, unique("dec"), JSON.stringify({ repository: repo.repository }), past, past)
      .run();
    const due = async () =>
      (await env.DB.prepare(`SELECT next_attempt_at AS due FROM outputs WHERE id = ?`).bind(kept).first<{ due: number | null }>())?.due;

    // Connected already: the 409 changes nothing, token or not.
    const again = await as(alice, "/v1/repositories", { method: "POST", json: { repository: repo.repository, token: "github_pat_x" } });
    expect(again.status).toBe(409);
    expect(await due()).toBeNull();

    expect((await as(alice, `/v1/repositories/${repo.id}`, { method: "DELETE" })).status).toBe(204);
    const before = Date.now();
    const reconnected = await connect(alice, repo.repository, { token: "github_pat_again" });
    expect(reconnected.hasToken).toBe(true);
    expect(await due()).toBeGreaterThanOrEqual(before);
  });

  it("rotating the secret shows a new one once; webhooks signed with the old one are refused from then on", async () => {
    const repo = await connect(alice);
    const push = example("push", repo.repository);
    expect((await deliver({ event: "push", payload: push, secret: repo.webhookSecret })).status).toBe(202);

    const res = await as(alice, `/v1/repositories/${repo.id}/secret`, { method: "POST" });
    expect(res.status).toBe(200);
    const rotated = ConnectedRepositoryCreated.parse(await res.json());
    expect(rotated.id).toBe(repo.id);
    expect(rotated.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.webhookSecret).not.toBe(repo.webhookSecret);

    const old = await deliver({ event: "push", payload: push, secret: repo.webhookSecret });
    expect(old.status).toBe(401);
    expect((await deliver({ event: "push", payload: push, secret: rotated.webhookSecret })).status).toBe(202);
  });

  it("replays a connect retried with the same Idempotency-Key without connecting twice or showing the secret again", async () => {
    const repository = uniqueRepository();
    const key = unique("idem-repo");
    const first = await jsonOf<{ id: string; webhookSecret: string }>(
      as(alice, "/v1/repositories", { method: "POST", json: { repository }, idempotencyKey: key }),
      201,
    );
    const again = await as(alice, "/v1/repositories", { method: "POST", json: { repository }, idempotencyKey: key });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toMatchObject({ id: first.id, webhookSecret: "" });
    expect(first.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
  });

  it("disconnects: 204, then 404", async () => {
    const repo = await connect(alice);
    expect((await as(alice, `/v1/repositories/${repo.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await as(alice, `/v1/repositories/${repo.id}`)).status).toBe(404);
    // The name is free again: connecting it anew gives a new id and secret.
    const again = await connect(bob, repo.repository);
    expect(again.id).not.toBe(repo.id);
  });
});
