import type { Page } from "../db/keyset";
import { newId } from "../ids";
import type { Decision } from "../schemas/decision";
import type { Event } from "../schemas/event";
import type { FeedbackPayload } from "../schemas/feedback";
import type { Embedder } from "./embedding/embedder";
import { MEMORY_AAD, MemoryRows, type PendingRow } from "./memory-rows";
import { MAX_MEMORY_CHARS, type Memory, type MemoryKind, type MemoryRecall, type RecalledMemory } from "./memory-types";
import { FieldCipher } from "../crypto/field-cipher";
import { PreparedSeals } from "../crypto/prepared-seals";
import type { LocalVectorIndex } from "./vectors/local-index";
import type { MemoryBackend, VectorEntry, VectorIndex } from "./vectors/vector-index";
import { feedbackMemory, type MemoryDraft, memoriesOf } from "./what-to-remember";

/** Most memories one import adds. */
export const MAX_IMPORT = 500;

export interface AgentMemoryOptions {
  embedder: Embedder;
  /** The local index (vectors in this SQLite) or a remote one (Pinecone). */
  index: VectorIndex;
  /** The agent: its instance id names remote namespaces; its customer owns memories of events without one. */
  owner: () => { instanceId: string; customerId?: string | null } | undefined;
  /** Memories embedded per batch of background work. */
  batch: number;
  log?: (message: string, detail: Record<string, unknown>) => void;
  /** Encryption at rest of the memories' text (src/crypto); without one, text is stored plain. */
  cipher?: FieldCipher;
}

const PLAIN = new FieldCipher(null);
const clip = (text: string) => text.slice(0, MAX_MEMORY_CHARS);

export interface MemorySearch {
  matches: RecalledMemory[];
  tookMs: number;
  backend: MemoryBackend;
  model: string;
  searched: number | null;
}

export interface EmbedReport {
  embedded: number;
  /** The embedder or the backend failed: the rows stay pending for the next run. */
  failed: boolean;
  /** More rows (or remote deletions) wait. */
  remaining: boolean;
}

const isLocal = (index: VectorIndex): index is LocalVectorIndex => index.backend === "local";

/**
 * One agent's semantic memory: rows in its own SQLite (src/memory/memory-rows.ts), vectors in
 * the local index or Pinecone. Writing is synchronous and part of the decision's own atomic
 * write ({@link rememberNow}); with the local lexical embedder the vector is made right there,
 * otherwise the row waits (model NULL) for {@link embedPending} in the agent's alarm. A model
 * change re-embeds the same way, in batches; recall only compares vectors of the current model,
 * so rows not re-embedded yet are simply not found. A backend that fails never fails a
 * decision: recall answers nothing, and pending work retries on the next alarm.
 */
export class AgentMemory implements MemoryRecall {
  private readonly rows: MemoryRows;
  /** Whether background work may be waiting; undefined: unknown, ask storage once. */
  private workMayWait: boolean | undefined;

  constructor(
    sql: SqlStorage,
    private readonly options: AgentMemoryOptions,
  ) {
    this.rows = new MemoryRows(sql);
  }

  get backend(): MemoryBackend {
    return this.options.index.backend;
  }

  get model(): string {
    return this.options.embedder.model;
  }

  private instanceId(): string {
    return this.options.owner()?.instanceId ?? "_unknown";
  }

  private defaultCustomer(): string | null {
    return this.options.owner()?.customerId ?? null;
  }

  /** Remembers what a decided event teaches (see what-to-remember.ts). Synchronous: call it in the decision's write. */
  rememberNow(event: Event, decision: Decision, seals?: PreparedSeals): string[] {
    return this.write(memoriesOf(event, decision, this.defaultCustomer()), decision.decidedAt, seals);
  }

  /**
   * What {@link rememberNow} will store for this event and output, as `[aad, text]` pairs to
   * seal before the decision's synchronous writes (see PreparedSeals).
   */
  textsToSeal(event: Event, decision: Pick<Decision, "id" | "output">): [string, string][] {
    return memoriesOf(event, decision, null).map((d) => [MEMORY_AAD, clip(d.text)]);
  }

  private get cipher(): FieldCipher {
    return this.options.cipher ?? PLAIN;
  }

  private sealed(drafts: readonly MemoryDraft[]): Promise<PreparedSeals> {
    return new PreparedSeals(this.cipher).prepare(drafts.map((d) => [MEMORY_AAD, clip(d.text)]));
  }

  /** Stored texts, decrypted. */
  private opened<T extends { text: string }>(rows: readonly T[]): Promise<T[]> {
    return Promise.all(rows.map(async (r) => ({ ...r, text: await this.cipher.open(r.text, MEMORY_AAD) })));
  }

  /** Remembers a rated decision or a correction. */
  /**
   * `feedbackEventId`, when given, names the memory: the same feedback event (redelivered, or
   * retried after a cut-short wake) is remembered once.
   */
  async rememberFeedback(
    decision: Decision,
    feedback: FeedbackPayload,
    customerId: string | null = this.defaultCustomer(),
    feedbackEventId?: string,
  ): Promise<string[]> {
    const draft = feedbackMemory(decision, feedback, customerId);
    const drafts = [feedbackEventId ? { ...draft, id: `mem_fb_${feedbackEventId}` } : draft];
    return this.write(drafts, Date.now(), await this.sealed(drafts));
  }

  /** Operators' bulk import (at most {@link MAX_IMPORT}); embedded at once when that needs no I/O. */
  async import(
    records: readonly { customerId?: string | null; kind: MemoryKind; text: string }[],
  ): Promise<{ created: number; ids: string[] }> {
    if (records.length > MAX_IMPORT) throw new RangeError(`at most ${MAX_IMPORT} memories per import`);
    const drafts = records.map((r) => ({ customerId: r.customerId ?? null, kind: r.kind, text: r.text, source: {} }));
    const ids = this.write(drafts, Date.now(), await this.sealed(drafts));
    return { created: ids.length, ids };
  }

  /** Stores the drafts (their text sealed by `seals`) and, with a local embedder and index, their vectors. Synchronous. */
  private write(drafts: readonly MemoryDraft[], at: number, seals = new PreparedSeals(this.cipher)): string[] {
    if (!drafts.length) return [];
    const written = drafts
      .filter((draft) => !(draft.id && this.rows.exists(draft.id)))
      .map((draft) => {
        const id = draft.id ?? newId("mem");
        const text = clip(draft.text);
        this.rows.insert({ ...draft, text: seals.take(MEMORY_AAD, text), id, createdAt: at });
        return { ...draft, text, id };
      });
    const index = this.options.index;
    const embedNow = this.options.embedder.embedNow?.bind(this.options.embedder);
    if (isLocal(index) && embedNow) {
      for (const m of written) {
        const entry = { id: m.id, kind: m.kind, vector: embedNow(m.text, "passage") };
        index.upsertNow({ instanceId: this.instanceId(), customerId: m.customerId, model: this.model }, [entry]);
      }
    } else {
      this.workMayWait = true;
    }
    return written.map((m) => m.id);
  }

  /** Whether {@link embedPending} has work: pending rows, a changed model, or remote deletions. One query per isolate at most while there is none. */
  needsWork(): boolean {
    this.workMayWait ??= this.rows.anyNeedingVectors(this.model, this.options.index.placement) || this.rows.hasTombstones();
    return this.workMayWait;
  }

  /**
   * Background work, for the agent's alarm: removes deleted memories from a remote backend, then
   * embeds up to `limit` rows that have no vector of the current model (new ones, or all rows
   * after a model change) and stores their vectors. Failures leave the work for the next run.
   */
  async embedPending(limit = this.options.batch): Promise<EmbedReport> {
    if (!(await this.flushTombstones())) return { embedded: 0, failed: true, remaining: true };
    const pending = await this.opened(this.rows.needingVectors(this.model, this.options.index.placement, limit));
    if (!pending.length) {
      this.workMayWait = false;
      return { embedded: 0, failed: false, remaining: false };
    }
    let vectors: Float32Array[];
    try {
      vectors = await this.options.embedder.embed(
        pending.map((p) => p.text),
        "passage",
      );
    } catch (error) {
      this.log("memory embedding failed; rows stay pending", error);
      return { embedded: 0, failed: true, remaining: true };
    }
    const byCustomer = new Map<string | null, { row: PendingRow; entry: VectorEntry }[]>();
    pending.forEach((row, i) => {
      const vector = vectors[i];
      if (!vector) return;
      const group = byCustomer.get(row.customerId) ?? [];
      group.push({ row, entry: { id: row.id, kind: row.kind, vector } });
      byCustomer.set(row.customerId, group);
    });
    let embedded = 0;
    for (const [customerId, group] of byCustomer) {
      // Rows deleted while the embedder was asked are not stored.
      const live = group.filter((g) => this.rows.exists(g.row.id));
      if (!live.length) continue;
      const space = { instanceId: this.instanceId(), customerId, model: this.model };
      try {
        await this.options.index.upsert(
          space,
          live.map((g) => g.entry),
        );
      } catch (error) {
        this.log("memory upsert failed; rows stay pending", error);
        return { embedded, failed: true, remaining: true };
      }
      if (!isLocal(this.options.index)) {
        const ids = live.map((g) => g.row.id);
        const present = new Set(this.rows.markIndexed(ids, this.model, this.options.index.placement));
        const gone = ids.filter((id) => !present.has(id));
        // Deleted during the upsert: their vectors must not outlive them.
        if (gone.length) this.rows.addTombstones(customerId, gone);
      }
      embedded += live.length;
    }
    const remaining = pending.length === limit || this.rows.hasTombstones();
    if (!remaining) this.workMayWait = false;
    return { embedded, failed: false, remaining };
  }

  /** Removes vectors of deleted memories from a remote backend; false when it failed (kept for later). */
  private async flushTombstones(): Promise<boolean> {
    if (isLocal(this.options.index)) return true;
    for (;;) {
      const batch = this.rows.tombstones(500);
      if (!batch.length) return true;
      const instanceId = this.instanceId();
      try {
        const all = batch.filter((t) => t.memoryId === null);
        for (const t of all) await this.options.index.removeAll({ instanceId, customerId: t.customerId });
        const byCustomer = new Map<string | null, string[]>();
        for (const t of batch) if (t.memoryId !== null) byCustomer.set(t.customerId, [...(byCustomer.get(t.customerId) ?? []), t.memoryId]);
        for (const [customerId, ids] of byCustomer) await this.options.index.remove({ instanceId, customerId }, ids);
      } catch (error) {
        this.log("memory deletion from the backend failed; will retry", error);
        return false;
      }
      this.rows.clearTombstones(batch.map((t) => t.seq));
    }
  }

  /** {@link recall} without I/O, when the embedder is local and the index too; undefined otherwise. */
  recallNow(customerId: string | null, query: string, topK: number): Promise<RecalledMemory[]> | undefined {
    const index = this.options.index;
    const embedNow = this.options.embedder.embedNow;
    if (!isLocal(index) || !embedNow) return undefined;
    const space = { instanceId: this.instanceId(), customerId, model: this.model };
    const { matches } = index.queryNow(space, embedNow.call(this.options.embedder, query, "query"), topK);
    return this.withTexts(customerId, matches);
  }

  /** The customer's memories most relevant to `query`, best first; nothing when the backend fails. */
  async recall(customerId: string | null, query: string, topK: number): Promise<RecalledMemory[]> {
    return (await this.search(customerId, query, topK)).matches;
  }

  /** {@link recall} with what an operator wants to see: time taken, backend, model, vectors compared. */
  async search(customerId: string | null, query: string, topK: number): Promise<MemorySearch> {
    const started = performance.now();
    const answer = { backend: this.backend, model: this.model };
    const space = { instanceId: this.instanceId(), customerId, model: this.model };
    try {
      const index = this.options.index;
      const embedNow = this.options.embedder.embedNow;
      const vector = embedNow
        ? embedNow.call(this.options.embedder, query, "query")
        : (await this.options.embedder.embed([query], "query"))[0];
      if (!vector) return { ...answer, matches: [], tookMs: performance.now() - started, searched: 0 };
      const found = isLocal(index) ? index.queryNow(space, vector, topK) : await index.query(space, vector, topK);
      return {
        ...answer,
        matches: await this.withTexts(customerId, found.matches),
        tookMs: performance.now() - started,
        searched: found.searched,
      };
    } catch (error) {
      this.log("memory recall failed; answering with no memories", error);
      return { ...answer, matches: [], tookMs: performance.now() - started, searched: isLocal(this.options.index) ? 0 : null };
    }
  }

  /** Joins matches with their rows: a match whose row is gone (deleted) or of another model is dropped. */
  private withTexts(customerId: string | null, matches: readonly { id: string; score: number }[]): Promise<RecalledMemory[]> {
    const rows = this.rows.recalled(
      customerId,
      matches.map((m) => m.id),
      this.model,
    );
    return this.opened(
      matches.flatMap((m) => {
        const row = rows.get(m.id);
        return row ? [{ id: m.id, kind: row.kind, text: row.text, score: m.score, createdAt: row.createdAt }] : [];
      }),
    );
  }

  /** Whether deleted memories' vectors still wait to be removed from a remote backend. */
  hasRemoteDeletions(): boolean {
    return !isLocal(this.options.index) && this.rows.hasTombstones();
  }

  async list(customerId: string | null, limit: number, cursor?: string): Promise<Page<Memory, string>> {
    const page = this.rows.page(customerId, limit, cursor);
    return { ...page, items: await this.opened(page.items) };
  }

  /**
   * Deletes the customer's memories in this agent (these ids, or all): the rows at once, and
   * their vectors from the backend (a remote one now if it answers, else by the alarm). Returns
   * how many memories were deleted.
   */
  async delete(customerId: string | null, ids?: readonly string[]): Promise<number> {
    const deleted = this.rows.delete(customerId, ids);
    const space = { instanceId: this.instanceId(), customerId };
    const index = this.options.index;
    if (isLocal(index)) {
      index.removeNow(space, ids ? deleted : "all");
      return deleted.length;
    }
    if (ids && !deleted.length) return 0;
    this.rows.addTombstones(customerId, ids ? deleted : "all");
    this.workMayWait = true;
    await this.flushTombstones();
    return deleted.length;
  }

  private log(message: string, error: unknown): void {
    const detail = { instanceId: this.options.owner()?.instanceId, error: error instanceof Error ? error.message : String(error) };
    (this.options.log ?? ((m, d) => console.warn(m, d)))(message, detail);
  }
}
