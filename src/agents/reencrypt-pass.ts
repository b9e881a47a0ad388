import type { FieldCipher } from "../crypto/field-cipher";
import { type EncryptedTable, reencryptTable } from "../crypto/reencrypt";
import type { ReencryptReport } from "../schemas/encryption-views";
import { agentStub } from "./agent-ref";

/**
 * One bounded pass of the background re-encryption: up to `limit` rows per D1 table (the tables
 * the platform's wiring lists, products' included), then the storage of up to `agents` agents
 * after `agentCursor` (by id). Values plain or under an older key move to the current key; new
 * writes already use it. Idempotent: run it until nothing remains, then the old key can go.
 */
export async function reencryptPass(
  env: Env,
  cipher: FieldCipher,
  tables: readonly EncryptedTable[],
  opts: { limit: number; agents: number; agentCursor?: string | undefined },
): Promise<ReencryptReport> {
  const passes = [];
  // One table at a time: a pass is maintenance, it should not crowd D1.
  for (const t of tables) passes.push(await reencryptTable(env.DB, cipher, t, opts.limit));
  const agents = { visited: 0, rewritten: 0, remaining: 0, nextCursor: null as string | null };
  if (cipher.enabled && opts.agents > 0) {
    const { results } = await env.DB.prepare(`SELECT id FROM agent_instances WHERE id > ? ORDER BY id LIMIT ?`)
      .bind(opts.agentCursor ?? "", opts.agents)
      .all<{ id: string }>();
    const done = await Promise.all(results.map((r) => agentStub(env, r.id).reencryptStorage(opts.limit)));
    agents.visited = results.length;
    for (const d of done) {
      agents.rewritten += d.rewritten;
      agents.remaining += d.remaining;
    }
    agents.nextCursor = results.length === opts.agents ? (results.at(-1)?.id ?? null) : null;
  }
  return { currentKeyId: cipher.currentKid, tables: passes, agents };
}
