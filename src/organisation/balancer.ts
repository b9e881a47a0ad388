/** An agent a coordinator may give work to, with the work it has open. */
export interface Candidate {
  instanceId: string;
  hireId: string;
  /** Tasks queued for it and handoffs awaiting its ack. */
  open: number;
}

/**
 * Picks the least loaded candidate; ties go to the one given work longest ago (never first), so
 * equal agents take turns and ten tasks over three agents split 4/3/3. Pure: the coordinator
 * keeps `lastAssigned` and the candidates' load comes from the records.
 */
export function pickLeastLoaded(candidates: readonly Candidate[], lastAssigned: ReadonlyMap<string, number>): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of candidates) {
    if (!best) {
      best = c;
      continue;
    }
    const byLoad = c.open - best.open;
    const byTurn = (lastAssigned.get(c.instanceId) ?? -1) - (lastAssigned.get(best.instanceId) ?? -1);
    if (byLoad < 0 || (byLoad === 0 && (byTurn < 0 || (byTurn === 0 && c.instanceId < best.instanceId)))) best = c;
  }
  return best;
}

/** FNV-1a: a stable, well-spread shard number for a customer id. */
export function shardOf(key: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % Math.max(1, shards);
}
