import { fieldCipher } from "../crypto/env-cipher";
import { NotFoundError } from "../errors";
import { listLearnedRules } from "../learning/learned-rules";
import { listRepositories } from "../github/repositories";
import { findCustomer, listKeys } from "../marketplace/customers";
import { listHireMemories } from "../marketplace/hire-memories";
import { listHires } from "../marketplace/hires";
import { customerReviews } from "../marketplace/reviews";
import { getTask, listTasks } from "../marketplace/tasks";
import { customerMessages } from "../organisation/chain";
import { listOutputs } from "../outputs/records-query";
import { type CustomerExport, EXPORT_COLLECTIONS, EXPORT_LIMIT } from "../schemas/customer-data";
import { LearnedRuleQuery } from "../schemas/learning";
import { CustomerOutputQuery } from "../schemas/outputs";
import type { TaskDetail } from "../schemas/marketplace-views";
import { collect } from "./collect";

type Collection = (typeof EXPORT_COLLECTIONS)[number];

/**
 * Everything the platform holds about one customer, as one document (`GET /v1/customers/me/export`).
 * Read through the modules' own read functions, so what they decrypt or shape is what the
 * customer gets. Bounded, not paged: each collection holds at most {@link EXPORT_LIMIT} items,
 * newest first, and `truncated` names those that had more (their paged routes read the rest).
 * Tasks are counted across all hires; memories per hire.
 */
export async function exportCustomer(env: Env, customerId: string, origin: string): Promise<CustomerExport> {
  const truncated = new Set<Collection>();
  const note = <T>(name: Collection, got: { items: T[]; truncated: boolean }): T[] => {
    if (got.truncated) truncated.add(name);
    return got.items;
  };
  const limit = EXPORT_LIMIT;
  const [account, apiKeys, repositories] = await Promise.all([
    findCustomer(env.DB, customerId),
    listKeys(env.DB, customerId),
    listRepositories(env.DB, customerId, origin),
  ]);
  const hires = note("hires", await collect((n, cursor) => listHires(env, customerId, n, cursor), limit));

  const tasks: TaskDetail[] = [];
  const memories: CustomerExport["memories"] = [];
  for (const hire of hires) {
    if (tasks.length < limit) {
      const page = await collect((n, cursor) => listTasks(env, customerId, hire.id, n, cursor), limit - tasks.length);
      if (page.truncated) truncated.add("tasks");
      for (const task of page.items) tasks.push(await getTask(env, customerId, task.id));
    } else truncated.add("tasks");
    const remembered = note("memories", await collect((n, cursor) => memoriesOf(env, customerId, hire.id, n, cursor), limit));
    if (remembered.length) memories.push({ hireId: hire.id, items: remembered });
  }

  const outputs = note(
    "outputs",
    await collect((n, cursor) => listOutputs(env.DB, CustomerOutputQuery.parse({ limit: n, cursor }), fieldCipher(env), customerId), limit),
  );
  const learnedRules = note(
    "learnedRules",
    await collect((n, cursor) => listLearnedRules(env.DB, LearnedRuleQuery.parse({ customerId, limit: n, cursor })), limit),
  );
  const reviews = cut("reviews", await customerReviews(env, customerId, limit + 1), limit, truncated);
  const handoffs = cut("handoffs", await customerMessages(env.DB, fieldCipher(env), customerId, limit + 1), limit, truncated);

  return {
    exportedAt: Date.now(),
    limit,
    truncated: EXPORT_COLLECTIONS.filter((c) => truncated.has(c)),
    account,
    apiKeys,
    hires,
    tasks,
    reviews,
    outputs,
    memories,
    learnedRules,
    handoffs,
    repositories: repositories.items,
  };
}

/** A hire's memories; an agent that is gone (never spawned, or erased) remembers nothing. */
async function memoriesOf(env: Env, customerId: string, hireId: string, limit: number, cursor: string | undefined) {
  try {
    return await listHireMemories(env, customerId, hireId, limit, cursor);
  } catch (error) {
    if (error instanceof NotFoundError && error.code === "agent_not_found") return { items: [], nextCursor: null };
    throw error;
  }
}

function cut<T>(name: Collection, items: T[], limit: number, truncated: Set<Collection>): T[] {
  if (items.length <= limit) return items;
  truncated.add(name);
  return items.slice(0, limit);
}
