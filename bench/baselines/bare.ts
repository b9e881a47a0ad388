import { DurableObject } from "cloudflare:workers";
import { EVENTS_DDL, type BenchEvent, type Recorded } from "./types";

/**
 * The floor: a native SQLite-backed Durable Object that only records the event.
 * One per customer, addressed by name, called over RPC.
 */
export class BareRecorder extends DurableObject {
  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    // Synchronous SQL, so no blockConcurrencyWhile is needed: it runs before any request.
    ctx.storage.sql.exec(EVENTS_DDL);
  }

  /** Creates the object (and its SQLite file) without recording anything: the bench's "spawn". */
  init(): boolean {
    return true;
  }

  /** Records several events in one call: their inserts commit together, as one write. */
  recordMany(events: BenchEvent[]): Recorded[] {
    return events.map((event) => this.record(event));
  }

  record(event: BenchEvent): Recorded {
    const recordedAt = Date.now();
    // INSERT OR IGNORE keyed on the event id (at-least-once delivery); RETURNING yields a row
    // only when the event was new (same statement as the SDK baseline).
    const rows = this.ctx.storage.sql.exec(
      "INSERT OR IGNORE INTO events (id, type, subject, payload, received_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      event.id,
      event.type,
      event.subject,
      JSON.stringify(event.payload),
      event.receivedAt,
      recordedAt,
    );
    return { recordedAt, inserted: rows.toArray().length > 0 };
  }
}
