import { describe, expect, it } from "vitest";
import { unsafeRegex } from "../../../src/schemas/regex-safety";
import { DEFAULT_VISION_RULES, VisionRules } from "../../../src/schemas/vision";

// Vision patterns run on lines anyone can add to a public repository (a pull request), within
// the check's caps of 1,000 characters a line: a pattern saved must not be able to stall them.

describe("vision patterns' shapes", () => {
  it("refuses the exponential and polynomial shapes, saying why", () => {
    expect(unsafeRegex("(a+)+$")).toMatch(/^`\(a\+\)\+` repeats something that itself repeats/);
    expect(unsafeRegex("(.*a){12}")).toMatch(/repeats something that itself repeats/);
    expect(unsafeRegex("(a|aa)*b")).toMatch(/repeats something that itself repeats or holds alternatives/);
    expect(unsafeRegex("(a{1,20}){1,20}x")).toMatch(/repeats something that itself repeats/);
    expect(unsafeRegex("(?<w>a)\\k<w>")).toMatch(/backreference/);
    expect(unsafeRegex("\\s*\\s*x")).toMatch(/`\\s\*` and `\\s\*` can match the same characters/);
    expect(unsafeRegex(".*a.*b")).toMatch(/can match the same characters/);
    expect(unsafeRegex("[ a]*[ b]*x")).toMatch(/can match the same characters/);
    expect(unsafeRegex("\\s{0,500}\\s{0,500}x")).toMatch(/can match the same characters/);
    // Overlaps outside ASCII count too: a range and a character in it, a script and the letters.
    expect(unsafeRegex("[\\u4e00-\\u9fff]+[\\u9000]+x")).toMatch(/can match the same characters/);
    expect(unsafeRegex("\\p{L}+\\p{Script=Han}+x")).toMatch(/can match the same characters/);
    expect(unsafeRegex("\\p{Lu}+\\p{Ll}+x")).toBeNull();
    expect(unsafeRegex("a*b*c*d*e*")).toBe("5 unbounded repetitions (at most 4): bound some, like `{0,20}`");
  });

  it("accepts the usual ones: literals, bounded and exact repetition, separated repetitions, alternatives tried once", () => {
    for (const pattern of [
      "-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----",
      "\\bAKIA[0-9A-Z]{16}\\b",
      "console\\.log\\(",
      "password\\s*=\\s*\\S+",
      "^[a-z0-9]+(-[a-z0-9]+)*\\.tsx$",
      "(?:[0-9a-f]{2}:){5}[0-9a-f]{2}",
      "TODO.*",
    ])
      expect(unsafeRegex(pattern), pattern).toBeNull();
    expect(() => VisionRules.parse(DEFAULT_VISION_RULES)).not.toThrow();
  });

  it("what it accepts stays fast on lines crafted against it, where what it refuses stalls", () => {
    const crafted = (pattern: string) => {
      const re = new RegExp(pattern, "u");
      const lines = [" ".repeat(1_000), "a".repeat(1_000), `${"password=".repeat(111)}`, "-".repeat(1_000), `${"a-".repeat(500)}`];
      const started = performance.now();
      for (let i = 0; i < 20; i++) for (const line of lines) re.test(line);
      return performance.now() - started;
    };
    for (const pattern of ["password\\s*=\\s*\\S+x", "^[a-z0-9]+(-[a-z0-9]+)*\\.tsx$", "TODO.*x", "\\s*=\\s*x"])
      expect(crafted(pattern), pattern).toBeLessThan(1_000);
    // For contrast, one refused shape on one short line: far slower than all of the above.
    const started = performance.now();
    /(a+)+$/u.test(`${"a".repeat(22)}!`);
    expect(performance.now() - started).toBeGreaterThan(20);
  });

  it("reports the field that holds a refused pattern", () => {
    const result = VisionRules.safeParse({ naming: [{ id: "n", paths: "src/**", pattern: "^(\\w+\\s?)*$", message: "m" }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["naming.0.pattern", expect.stringMatching(/^not safe to run on every added line: /)],
    ]);
  });
});
