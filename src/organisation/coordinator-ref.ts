import type { CentreOfExcellence } from "../schemas/identity";
import { shardOf } from "./balancer";

const DEFAULT_SHARDS = 16;

/** How many coordinator objects each CoE spreads its customers over (`ORG_COORDINATOR_SHARDS`). */
export function coordinatorShards(env: { ORG_COORDINATOR_SHARDS?: string }): number {
  const n = Number(env.ORG_COORDINATOR_SHARDS);
  return Number.isInteger(n) && n >= 1 && n <= 1024 ? n : DEFAULT_SHARDS;
}

/** The coordinator that routes this customer's work in this CoE. */
export function coordinatorFor(env: Env, coe: CentreOfExcellence, customerId: string) {
  const shard = shardOf(customerId, coordinatorShards(env));
  return env.COORDINATOR.get(env.COORDINATOR.idFromName(`${coe}:${shard}`));
}
