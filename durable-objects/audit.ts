import { DurableObject } from "cloudflare:workers";
import { type Appended, AuditAppender } from "../src/audit/appender";
import type { AuditInput } from "../src/schemas/audit";

/**
 * The audit log's single writer (one instance, named `log`): appends go through it so the hash
 * chain in D1 stays linear under concurrency. It keeps no state of its own; the chain head is
 * read from D1 when it starts.
 */
export class AuditDO extends DurableObject<Env> {
  private readonly appender: AuditAppender;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.appender = new AuditAppender(env.DB);
  }

  append(input: AuditInput): Promise<Appended> {
    return this.appender.append(input);
  }
}
