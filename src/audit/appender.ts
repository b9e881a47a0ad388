import { newId } from "../ids";
import type { AuditInput } from "../schemas/audit";
import { GAP_ACTION, GENESIS_HASH, hashOf, rowOf, type UnhashedRow } from "./chain";

/** Where an appended entry landed. */
export interface Appended {
  seq: number;
  id: string;
  hash: string;
}

/** The newest entry of the chain: its position and hash. */
export interface Head {
  seq: number;
  hash: string;
}

/**
 * Where the writer keeps the head it last wrote, outside D1 (the AuditDO's own storage). When
 * D1 no longer holds that entry, entries were removed behind the writer's back.
 */
export interface HeadAnchor {
  get(): Head | undefined;
  set(head: Head): void;
}

interface Pending {
  input: AuditInput;
  resolve: (appended: Appended) => void;
  reject: (error: unknown) => void;
}

const COLUMNS = [
  "seq",
  "id",
  "at",
  "actor_kind",
  "actor_id",
  "actor_role",
  "action",
  "target_type",
  "target_id",
  "outcome",
  "reason",
  "method",
  "path",
  "ip",
  "user_agent",
  "customer_id",
  "before",
  "after",
  "prev_hash",
  "hash",
] as const;

// Compare-and-set on the chain head: the row is inserted only when the newest row in D1 is the
// one it links to, so a stale head (a batch whose answer was lost, a reset database) can never
// fork or gap the chain: the insert changes nothing and the appender re-reads the head.
const INSERT = `INSERT INTO audit_log (${COLUMNS.join(", ")}) SELECT ${COLUMNS.map(() => "?").join(", ")}
  WHERE COALESCE((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '${GENESIS_HASH}') = ?`;

/** Most entries written in one D1 batch. */
const MAX_BATCH = 50;
const MAX_ATTEMPTS = 3;

/**
 * Appends to the hash-chained audit log in D1, one writer at a time. Concurrent appends queue
 * and are written together in one D1 batch (one transaction), in order; the head (newest seq and
 * hash) is kept in memory and read from D1 when unknown, so a restart continues where D1 is.
 * The AuditDO holds the one instance of this, which is what makes the chain linear.
 */
export class AuditAppender {
  private head: Head | undefined;
  private readonly pending: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly d1: D1Database,
    private readonly anchor?: HeadAnchor,
    private readonly now: () => number = Date.now,
  ) {}

  append(input: AuditInput): Promise<Appended> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, MAX_BATCH);
        try {
          const written = await this.write(batch.map((p) => p.input));
          batch.forEach((p, i) => {
            const row = written[i];
            if (row) p.resolve(row);
            else p.reject(new Error("audit entry was not written"));
          });
        } catch (error) {
          this.head = undefined;
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async readHead(): Promise<Head> {
    const row = await this.d1.prepare(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).first<Head>();
    return row ?? { seq: 0, hash: GENESIS_HASH };
  }

  /**
   * An entry saying the log lost entries, when the head this writer last wrote is no longer in
   * D1 as written (a truncated tail or a rewritten entry). A crash after a D1 write leaves D1
   * ahead of the anchor, which is not a loss: the writer simply continues from D1.
   */
  private async gapEntry(d1Head: Head): Promise<AuditInput | undefined> {
    const known = this.anchor?.get();
    if (!known) return undefined;
    const there = await this.d1.prepare(`SELECT hash FROM audit_log WHERE seq = ?`).bind(known.seq).first<{ hash: string }>();
    if (there?.hash === known.hash) return undefined;
    return {
      actor: { kind: "system", id: "audit-writer" },
      action: GAP_ACTION,
      target: { type: "audit_log", id: String(known.seq) },
      outcome: "failure",
      reason: there ? "entry rewritten" : "entries missing",
      before: known,
      after: d1Head,
    };
  }

  private async write(inputs: readonly AuditInput[]): Promise<Appended[]> {
    for (let attempt = 1; ; attempt++) {
      let gap: AuditInput | undefined;
      if (!this.head) {
        this.head = await this.readHead();
        gap = await this.gapEntry(this.head);
      }
      let prev = this.head;
      const rows: (UnhashedRow & { hash: string })[] = [];
      for (const input of gap ? [gap, ...inputs] : inputs) {
        const unhashed = rowOf(input, prev.seq + 1, newId("aud"), this.now(), prev.hash);
        const hash = await hashOf(unhashed);
        rows.push({ ...unhashed, hash });
        prev = { seq: unhashed.seq, hash };
      }
      const statements = rows.map((r) =>
        this.d1
          .prepare(INSERT)
          .bind(
            r.seq,
            r.id,
            r.at,
            r.actorKind,
            r.actorId,
            r.actorRole,
            r.action,
            r.targetType,
            r.targetId,
            r.outcome,
            r.reason,
            r.method,
            r.path,
            r.ip,
            r.userAgent,
            r.customerId,
            r.before,
            r.after,
            r.prevHash,
            r.hash,
            r.prevHash,
          ),
      );
      const results = await this.d1.batch(statements);
      if (results.every((r) => r.meta.changes === 1)) {
        this.head = prev;
        this.anchor?.set(prev);
        return rows.slice(gap ? 1 : 0).map((r) => ({ seq: r.seq, id: r.id, hash: r.hash }));
      }
      // The head moved under us (or D1 is not where we thought): nothing was written; re-read it.
      this.head = undefined;
      if (attempt >= MAX_ATTEMPTS) throw new Error("audit log head kept moving; entries not written");
    }
  }
}
