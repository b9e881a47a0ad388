import type { Rule, RuleCondition } from "../schemas/identity";
import { globMatch, matchesEventPattern } from "../wake/patterns";
import { readPath, type Situation } from "./situation";

function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** Evaluates one condition. Conditions never throw: a type mismatch is simply false. */
export function conditionHolds(condition: RuleCondition, situation: Situation): boolean {
  return holds(condition, readPath(situation, condition.path));
}

/** A condition on any record (a skill's result: `output.verdict`), its path read by dots. */
export function conditionOn(record: Record<string, unknown>, condition: RuleCondition): boolean {
  let value: unknown = record;
  for (const key of condition.path.split(".")) {
    if (value === null || typeof value !== "object") return holds(condition, undefined);
    value = (value as Record<string, unknown>)[key];
  }
  return holds(condition, value);
}

function holds(condition: RuleCondition, actual: unknown): boolean {
  const expected = condition.value;
  switch (condition.op) {
    case "exists":
      return actual !== undefined && actual !== null;
    case "eq":
      return actual === expected;
    case "neq":
      return actual !== expected;
    case "in":
      return Array.isArray(expected) && expected.includes(actual);
    case "contains":
      if (typeof actual === "string" && typeof expected === "string") return actual.toLowerCase().includes(expected.toLowerCase());
      return Array.isArray(actual) && actual.includes(expected);
    case "matches":
      return typeof actual === "string" && typeof expected === "string" && globMatch(expected, actual);
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const c = compare(actual, expected);
      if (c === undefined) return false;
      return condition.op === "gt" ? c > 0 : condition.op === "gte" ? c >= 0 : condition.op === "lt" ? c < 0 : c <= 0;
    }
  }
}

export function ruleMatches(rule: Rule, situation: Situation): boolean {
  const { when } = rule;
  if (when.type && !matchesEventPattern(when.type, situation.event.type)) return false;
  if (when.subject && !globMatch(when.subject, situation.event.subject)) return false;
  return when.conditions.every((c) => conditionHolds(c, situation));
}

/** The first rule that matches the situation, or undefined. Order is the author's priority. */
export function firstMatchingRule(rules: readonly Rule[], situation: Situation): Rule | undefined {
  return rules.find((rule) => ruleMatches(rule, situation));
}
