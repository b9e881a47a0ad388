import { Agent } from "agents";
import { EVENTS_DDL, type BenchEvent, type Recorded } from "./types";

/**
 * The peer a user would otherwise pick: a minimal agent on Cloudflare's agents SDK doing the
 * same recording. Addressed with `getAgentByName` and called over plain DO RPC, as the SDK's
 * docs prescribe for Worker-to-agent calls (`@callable` is only for WebSocket clients).
 */
export class SdkRecorder extends Agent<Cloudflare.Env> {
  // onStart is the SDK's per-wake startup hook; getAgentByName awaits it before returning.
  override onStart(): void {
    this.ctx.storage.sql.exec(EVENTS_DDL);
  }

  record(event: BenchEvent): Recorded {
    const recordedAt = Date.now();
    // INSERT OR IGNORE keyed on the event id (at-least-once delivery); RETURNING yields a row
    // only when the event was new, since the SDK's `sql` tag returns rows, not a cursor.
    const rows = this.sql`INSERT OR IGNORE INTO events (id, type, subject, payload, received_at, recorded_at)
      VALUES (${event.id}, ${event.type}, ${event.subject}, ${JSON.stringify(event.payload)},
              ${event.receivedAt}, ${recordedAt}) RETURNING id`;
    return { recordedAt, inserted: rows.length > 0 };
  }
}
