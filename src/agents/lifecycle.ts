import type { LifecycleState } from "../schemas/lifecycle";

/**
 * spawning → active ⇄ paused → retired. Retired is final: a retired agent never acts again.
 */
const ALLOWED: Record<LifecycleState, readonly LifecycleState[]> = {
  spawning: ["active", "retired"],
  active: ["paused", "retired"],
  paused: ["active", "retired"],
  retired: [],
};

export function canTransition(from: LifecycleState, to: LifecycleState): boolean {
  return ALLOWED[from].includes(to);
}
