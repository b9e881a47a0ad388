import { describe, expect, it } from "vitest";
import { candidatePatterns, globMatch, hasWildcard, matchesEventPattern } from "../../src/wake/patterns";

describe("event patterns", () => {
  it("lists every pattern that can match a type, most specific first", () => {
    expect(candidatePatterns("github.pull_request.opened")).toEqual([
      "github.pull_request.opened",
      "github.pull_request.*",
      "github.*",
      "*",
    ]);
    expect(candidatePatterns("customer.message")).toEqual(["customer.message", "customer.*", "*"]);
  });

  it("matches by whole segments only", () => {
    expect(matchesEventPattern("github.*", "github.push")).toBe(true);
    expect(matchesEventPattern("*", "task.updated")).toBe(true);
    expect(matchesEventPattern("git.*", "github.push")).toBe(false);
    expect(matchesEventPattern("task.assigned", "task.updated")).toBe(false);
  });
});

describe("subject globs", () => {
  it("matches * and ? and treats everything else literally", () => {
    expect(globMatch("repo:acme/*", "repo:acme/web")).toBe(true);
    expect(globMatch("repo:acme/*", "repo:other/web")).toBe(false);
    expect(globMatch("ticket:?", "ticket:7")).toBe(true);
    expect(globMatch("a.b(c)", "a.b(c)")).toBe(true);
    expect(globMatch("a.b", "axb")).toBe(false);
    expect(hasWildcard("lead:*")).toBe(true);
    expect(hasWildcard("lead:42")).toBe(false);
  });
});

describe("subject globs under hostile input", () => {
  // The regex-based matcher took over 60 s on the first case; this one would otherwise time out.
  it("answers patterns that make a backtracking regex explode", () => {
    expect(globMatch("*a*a*a*a*a*a*b", "a".repeat(500))).toBe(false);
    expect(globMatch("*a*a*a*a*a*a*a", "a".repeat(500))).toBe(true);
  });

  it("handles empty globs and trailing stars", () => {
    expect(globMatch("", "")).toBe(true);
    expect(globMatch("", "a")).toBe(false);
    expect(globMatch("abc*", "abc")).toBe(true);
    expect(globMatch("*", "")).toBe(true);
    expect(globMatch("a*c", "abbbc")).toBe(true);
    expect(globMatch("a*c", "abbbd")).toBe(false);
  });
});
