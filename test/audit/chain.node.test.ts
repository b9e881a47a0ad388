import { describe, expect, it } from "vitest";
import { ChainWalker, GENESIS_HASH, hashOf, rowOf } from "../../src/audit/chain";
import type { AuditRow } from "../../src/audit/schema";
import type { AuditInput } from "../../src/schemas/audit";

const input = (action: string, extra: Partial<AuditInput> = {}): AuditInput => ({
  actor: { kind: "operator", id: "admin-token", role: "admin" },
  action,
  target: { type: "agent", id: "a1" },
  outcome: "success",
  before: { state: "active" },
  after: { state: "paused" },
  ...extra,
});

async function chain(inputs: AuditInput[]): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (const [i, entry] of inputs.entries()) {
    const unhashed = rowOf(entry, i + 1, `aud_${i + 1}`, 1_700_000_000_000 + i, prev);
    const hash = await hashOf(unhashed);
    rows.push({ ...unhashed, hash });
    prev = hash;
  }
  return rows;
}

describe("the audit hash chain", () => {
  it("hashes the same entry the same way, and any changed field differently", async () => {
    const [row] = await chain([input("agent.pause")]);
    if (!row) throw new Error("no row");
    const { hash, ...unhashed } = row;
    expect(await hashOf(unhashed)).toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    for (const changed of [{ actorId: "someone" }, { after: '{"state":"active"}' }, { ip: "10.0.0.1" }, { prevHash: "f".repeat(64) }])
      expect(await hashOf({ ...unhashed, ...changed })).not.toBe(hash);
  });

  it("walks an intact chain across pages", async () => {
    const rows = await chain(["a", "b", "c", "d", "e"].map((a) => input(a)));
    const walker = new ChainWalker();
    expect(await walker.check(rows.slice(0, 2))).toBeUndefined();
    expect(await walker.check(rows.slice(2))).toBeUndefined();
    expect(walker.checked).toBe(5);
  });

  it("names the first changed, missing or re-linked entry", async () => {
    const rows = await chain(["a", "b", "c", "d"].map((a) => input(a)));
    const at = (i: number): AuditRow => rows[i] as AuditRow;
    expect(await new ChainWalker().check([at(0), { ...at(1), actorId: "x" }, at(2), at(3)])).toEqual({
      seq: 2,
      reason: "hash does not match the entry's contents",
    });
    expect(await new ChainWalker().check([at(0), at(2), at(3)])).toEqual({ seq: 2, reason: "entry missing" });
    // An attacker who rewrites an entry and its hash still breaks the next link.
    const forged = { ...at(1), action: "nothing" };
    const { hash: _, ...unhashed } = forged;
    const rehashed = { ...forged, hash: await hashOf(unhashed) };
    expect(await new ChainWalker().check([at(0), rehashed, at(2)])).toEqual({
      seq: 3,
      reason: "prevHash does not match the previous entry",
    });
  });

  it("compares the end of the log with the head its writer last wrote", async () => {
    const rows = await chain(["a", "b", "c"].map((a) => input(a)));
    const head = { seq: 3, hash: (rows[2] as AuditRow).hash };
    const whole = new ChainWalker(head);
    expect(await whole.check(rows)).toBeUndefined();
    expect(whole.end()).toBeUndefined();
    const truncated = new ChainWalker(head);
    expect(await truncated.check(rows.slice(0, 2))).toBeUndefined();
    expect(truncated.end()).toEqual({ seq: 3, reason: "entries missing at the end (the log was truncated)" });
    // The tail replaced by a re-hashed forgery: the chain is valid, but not the one written.
    const forged = rowOf(input("forged"), 3, "aud_x", 1, (rows[1] as AuditRow).hash);
    const swapped = [rows[0] as AuditRow, rows[1] as AuditRow, { ...forged, hash: await hashOf(forged) }];
    expect(await new ChainWalker(head).check(swapped)).toEqual({ seq: 3, reason: "entry differs from the one the writer wrote" });
  });

  it("keeps an oversized before/after as valid JSON and bounds long text", async () => {
    const row = rowOf(input("x", { after: { blob: "x".repeat(40_000) }, userAgent: "u".repeat(5_000) }), 1, "aud_1", 1, GENESIS_HASH);
    expect(JSON.parse(row.after ?? "null")).toMatchObject({ truncated: true });
    expect(row.userAgent?.length).toBe(512);
  });
});
