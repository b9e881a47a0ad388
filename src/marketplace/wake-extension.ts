import type { WakeExtension } from "../wake/extensions";
import { fieldCipher } from "../crypto/env-cipher";
import { taskOutcomeStatements } from "./task-outcomes";
import { failUndeliveredWork, requeueUndeliveredWork } from "./undelivered-work";

/**
 * How the marketplace plugs into the wake pipeline: customer tasks and messages follow the
 * events that carry them, in the core's own transactions (see src/wake/extensions.ts).
 */
export const marketplaceWakeExtension: WakeExtension = {
  resultsRecorded: async (d1, results, env) => ({ statements: await taskOutcomeStatements(d1, results, fieldCipher(env)) }),
  eventsDeadLettered: (d1, events) => ({ statements: failUndeliveredWork(d1, events) }),
  eventReplayed: (d1, eventId) => ({ statements: requeueUndeliveredWork(d1, eventId) }),
};
