import type { AuditInput } from "../schemas/audit";
import type { AuditRow } from "./schema";

/** The action of the entry the writer adds when D1 lost entries it had written. */
export const GAP_ACTION = "audit.gap";

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = "0".repeat(64);

/** An entry before its hash is computed. */
export type UnhashedRow = Omit<AuditRow, "hash">;

const MAX_TEXT = 1024;
const MAX_JSON = 16 * 1024;

function text(value: string | null | undefined, max = MAX_TEXT): string | null {
  return value === undefined || value === null ? null : value.slice(0, max);
}

function json(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const s = JSON.stringify(value);
  // A before/after state too large to keep is replaced by a marker, never cut into invalid JSON.
  return s.length > MAX_JSON ? JSON.stringify({ truncated: true, bytes: s.length }) : s;
}

/** The row an input becomes at a position of the chain. */
export function rowOf(input: AuditInput, seq: number, id: string, at: number, prevHash: string): UnhashedRow {
  return {
    seq,
    id,
    at,
    actorKind: input.actor.kind,
    actorId: input.actor.id.slice(0, MAX_TEXT),
    actorRole: text(input.actor.role),
    action: input.action.slice(0, 200),
    targetType: input.target.type.slice(0, 200),
    targetId: text(input.target.id),
    outcome: input.outcome,
    reason: text(input.reason),
    method: text(input.method, 16),
    path: text(input.path),
    ip: text(input.ip, 64),
    userAgent: text(input.userAgent, 512),
    customerId: text(input.customerId),
    before: json(input.before),
    after: json(input.after),
    prevHash,
  };
}

/**
 * The bytes an entry's hash covers: every field in a fixed order, as a JSON array (strings,
 * numbers and nulls only, so the serialisation is unambiguous), ending with the previous hash.
 */
export function canonical(row: UnhashedRow): string {
  return JSON.stringify([
    row.seq,
    row.id,
    row.at,
    row.actorKind,
    row.actorId,
    row.actorRole,
    row.action,
    row.targetType,
    row.targetId,
    row.outcome,
    row.reason,
    row.method,
    row.path,
    row.ip,
    row.userAgent,
    row.customerId,
    row.before,
    row.after,
    row.prevHash,
  ]);
}

const encoder = new TextEncoder();

/** SHA-256 (hex) of the entry's canonical serialisation, which includes the previous hash. */
export async function hashOf(row: UnhashedRow): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(canonical(row))));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return hex;
}

/** Where a chain first breaks. */
export interface ChainBreak {
  seq: number;
  reason: string;
}

/**
 * Checks a chain page by page (rows in ascending `seq`), carrying the previous entry between
 * pages, so a log of any size is verified in bounded memory.
 */
export class ChainWalker {
  checked = 0;
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;

  /** `anchor`: the head the writer last wrote; D1 must still hold it, unchanged. */
  constructor(private readonly anchor?: { seq: number; hash: string } | null) {}

  /** The first break in these rows, or undefined when they continue the chain. */
  async check(rows: readonly AuditRow[]): Promise<ChainBreak | undefined> {
    for (const row of rows) {
      if (row.seq !== this.expectedSeq)
        return { seq: this.expectedSeq, reason: row.seq > this.expectedSeq ? "entry missing" : "entry out of order" };
      if (row.prevHash !== this.prevHash) return { seq: row.seq, reason: "prevHash does not match the previous entry" };
      const { hash, ...unhashed } = row;
      if ((await hashOf(unhashed)) !== hash) return { seq: row.seq, reason: "hash does not match the entry's contents" };
      if (this.anchor?.seq === row.seq && this.anchor.hash !== hash)
        return { seq: row.seq, reason: "entry differs from the one the writer wrote" };
      // The writer itself found entries gone and said so in the chain: the log stays broken there.
      if (row.action === GAP_ACTION)
        return {
          seq: row.seq,
          reason: `the writer had written up to seq ${row.targetId ?? "?"}, then found ${row.reason ?? "entries missing"}`,
        };
      this.checked++;
      this.expectedSeq++;
      this.prevHash = hash;
    }
    return undefined;
  }

  /** After the last page: a break when the log ends before the head the writer last wrote. */
  end(): ChainBreak | undefined {
    if (this.anchor && this.anchor.seq >= this.expectedSeq)
      return { seq: this.expectedSeq, reason: "entries missing at the end (the log was truncated)" };
    return undefined;
  }
}
