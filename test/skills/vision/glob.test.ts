import { describe, expect, it } from "vitest";
import { anyGlob, expandBraces, globMatcher } from "../../../src/skills/vision/glob";

const matches = (glob: string, paths: string[]) => paths.filter(globMatcher(glob));

describe("vision path globs", () => {
  it("keep * and ? within one path segment", () => {
    expect(matches("*.md", ["README.md", "docs/a.md", "a.mdx"])).toEqual(["README.md"]);
    expect(matches("src/?.ts", ["src/a.ts", "src/ab.ts", "src/a/b.ts"])).toEqual(["src/a.ts"]);
  });

  it("let ** span any number of whole directories, none included", () => {
    const paths = ["src/a.ts", "src/x/y/b.ts", "src/x/c.tsx", "lib/d.ts", "srcs/e.ts"];
    expect(matches("src/**/*.ts", paths)).toEqual(["src/a.ts", "src/x/y/b.ts"]);
    expect(matches("src/**", paths)).toEqual(["src/a.ts", "src/x/y/b.ts", "src/x/c.tsx"]);
    expect(matches("**/.env", [".env", "config/.env", "config/.env.local"])).toEqual([".env", "config/.env"]);
  });

  it("expand {a,b} alternatives, nested too, and take unbalanced braces literally", () => {
    expect(expandBraces("src/*.{ts,tsx}")).toEqual(["src/*.ts", "src/*.tsx"]);
    expect(expandBraces("{a,b/{c,d}}.md")).toEqual(["a.md", "b/c.md", "b/d.md"]);
    expect(matches("src/**/*.{ts,tsx}", ["src/a.tsx", "src/b/c.ts", "src/d.js"])).toEqual(["src/a.tsx", "src/b/c.ts"]);
    expect(matches("odd{name.md", ["odd{name.md", "oddname.md"])).toEqual(["odd{name.md"]);
  });

  it("treat regular-expression characters as themselves", () => {
    expect(matches("docs/(draft)+.md", ["docs/(draft)+.md", "docs/draftdraft.md"])).toEqual(["docs/(draft)+.md"]);
  });

  it("match every path when a rule gives no globs", () => {
    expect(anyGlob(undefined)("any/where.ts")).toBe(true);
    expect(anyGlob(["docs/**", "*.md"])("src/a.ts")).toBe(false);
  });

  it("stay fast on a hostile glob and path", () => {
    const started = performance.now();
    const glob = `${"**/".repeat(30)}${"*a".repeat(30)}b`;
    expect(globMatcher(glob)(`${"a/".repeat(100)}${"a".repeat(200)}`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
