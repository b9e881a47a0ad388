import type { LifecycleState } from "../schemas/lifecycle";

/**
 * spawning → active ⇄ paused → (retiring →) retired. An agent with work in flight retires
 * through `retiring` (it finishes or hands back that work); one without goes straight to
 * retired. Retired is final: a retired agent never acts again.
 */
const ALLOWED: Record<LifecycleState, readonly LifecycleState[]> = {
  spawning: ["active", "retired"],
  active: ["paused", "retiring", "retired"],
  paused: ["active", "retiring", "retired"],
  retiring: ["retired"],
  retired: [],
};

export function canTransition(from: LifecycleState, to: LifecycleState): boolean {
  return ALLOWED[from].includes(to);
}
