import { describe, expect, it } from "vitest";
import { admin, env, supportDefinition, unique } from "../helpers";
import { verify } from "./helpers";

// Someone with raw database access (who can drop the append-only triggers) rewrites history:
// the hash chain gives them away. Its own file: these tests break this database's chain.

async function publishSome(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const res = await admin("/v1/admin/definitions", { method: "POST", json: supportDefinition(unique("tamper")) });
    expect(res.status).toBe(201);
  }
}

describe("a tampered audit log", () => {
  it("is detected at the entry that was changed, and verifies again once it is put back", async () => {
    await publishSome(6);
    expect(await verify()).toMatchObject({ ok: true, checked: 6, headSeq: 6 });

    await env.DB.prepare(`DROP TRIGGER audit_log_no_update`).run();
    const original = await env.DB.prepare(`SELECT actor_id FROM audit_log WHERE seq = 3`).first<{ actor_id: string }>();
    await env.DB.prepare(`UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 3`).run();
    expect(await verify()).toEqual({
      ok: false,
      checked: 2,
      headSeq: 6,
      headHash: expect.any(String),
      firstBrokenSeq: 3,
      reason: "hash does not match the entry's contents",
    });

    await env.DB.prepare(`UPDATE audit_log SET actor_id = ? WHERE seq = 3`).bind(original?.actor_id).run();
    expect(await verify()).toMatchObject({ ok: true, checked: 6 });
  });

  it("is detected where a middle entry was deleted", async () => {
    await env.DB.prepare(`DROP TRIGGER audit_log_no_delete`).run();
    await env.DB.prepare(`DELETE FROM audit_log WHERE seq = 4`).run();
    expect(await verify()).toMatchObject({ ok: false, checked: 3, firstBrokenSeq: 4, reason: "entry missing" });
  });

  it("is detected when the newest entries are removed, and the writer records the loss in the chain", async () => {
    await env.DB.prepare(`DELETE FROM audit_log WHERE seq >= 4`).run();
    // Rows 1-3 are a valid chain on their own; the writer's own record of its head (seq 6) is what gives it away.
    expect(await verify()).toMatchObject({
      ok: false,
      checked: 3,
      headSeq: 3,
      firstBrokenSeq: 4,
      reason: expect.stringContaining("truncated"),
    });

    // The writer's cached head is gone: its compare-and-set insert notices, re-reads D1, and
    // writes an `audit.gap` entry before the next one, so the loss stays visible.
    await publishSome(1);
    const rows = await env.DB.prepare(`SELECT seq, action, target_id, reason FROM audit_log WHERE seq > 3 ORDER BY seq`).all();
    expect(rows.results).toEqual([
      { seq: 4, action: "audit.gap", target_id: "6", reason: "entries missing" },
      { seq: 5, action: "definition.publish", target_id: expect.any(String), reason: null },
    ]);
    expect(await verify()).toMatchObject({
      ok: false,
      checked: 3,
      headSeq: 5,
      firstBrokenSeq: 4,
      reason: expect.stringContaining("up to seq 6"),
    });
  });
});
