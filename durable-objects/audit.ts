import { DurableObject } from "cloudflare:workers";
import { type Appended, AuditAppender, type Head } from "../src/audit/appender";
import type { AuditInput } from "../src/schemas/audit";

const HEAD_KEY = "head";

/**
 * The audit log's single writer (one instance, named `log`): appends go through it so the hash
 * chain in D1 stays linear under concurrency. The chain head is read from D1 when it starts; it
 * also keeps the head it last wrote in its own storage, so entries removed from D1 behind its
 * back are noticed (src/audit/appender.ts).
 */
export class AuditDO extends DurableObject<Env> {
  private readonly appender: AuditAppender;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const kv = ctx.storage.kv;
    this.appender = new AuditAppender(env.DB, { get: () => kv.get<Head>(HEAD_KEY), set: (head) => kv.put(HEAD_KEY, head) });
  }

  /** The head this writer last wrote, for verification against D1. */
  head(): Head | null {
    return this.ctx.storage.kv.get<Head>(HEAD_KEY) ?? null;
  }

  append(input: AuditInput): Promise<Appended> {
    return this.appender.append(input);
  }
}
