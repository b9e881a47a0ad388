import { describe, expect, it } from "vitest";
import { checkFiles } from "../../../src/skills/vision/check-files";
import { exampleOf } from "../examples";
import { RULES, registry, run } from "./fixtures";

describe("vision.check-files", () => {
  it("checks files given directly as a change that adds them, and reports like a change check", () => {
    const { report, md, publications } = run("vision.check-files", exampleOf(checkFiles));
    expect(report.violations.map((v) => [v.kind, v.ruleId, v.location])).toEqual([
      ["forbidden-term", "lorem-ipsum", "docs/getting-started.md:3"],
      ["brand-preferred", "login", "docs/getting-started.md:3"],
      ["forbidden-term", "whitelist", "docs/getting-started.md:5"],
      ["forbidden-pattern", "aws-access-key", "config/dev.env:2"],
    ]);
    expect(md.split("\n")[0]).toBe("## WowVision: 4 violations in the files given");
    expect(md).toContain("| forbidden-pattern · aws-access-key | config/dev.env:2 | AWS\\_ACCESS\\_KEY\\_ID=AKIA•••••••• |");
    // Nothing to post without a repository: the report is the deliverable.
    expect(publications).toEqual([]);
  });

  it("uses the default vision rules when none are given, and says required files need a change", () => {
    const { report } = run("vision.check-files", {
      files: [{ path: "deploy/key.pem", content: "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n" }],
    });
    expect(report.violations.map((v) => [v.ruleId, v.line])).toEqual([["private-key", 1]]);
    expect(report.notChecked).toEqual(["required files: these files were given as they are, not as a change, so none was removed"]);
  });

  it("applies naming to every path given and measures sizes in UTF-8 bytes", () => {
    const { report } = run("vision.check-files", {
      files: [
        { path: "src/components/PlanCard.tsx", content: "export {};\n" },
        { path: "docs/ümlaut.md", content: "é".repeat(1_001) },
      ],
      visionRules: RULES,
    });
    expect(report.violations.map((v) => [v.kind, v.path, v.message])).toEqual([
      ["naming", "src/components/PlanCard.tsx", "component files are kebab-case"],
      ["file-size", "docs/ümlaut.md", "2,002 bytes, over the limit of 2,000"],
    ]);
  });

  it("refuses no files, naming the field", () => {
    expect(registry.run("vision.check-files", { files: [] })).toEqual({
      ok: false,
      error: { code: "skill_input_invalid", message: "files: give at least one file", field: "files" },
    });
    expect(registry.run("vision.check-files", { files: [{ path: "/etc/passwd", content: "x" }] })).toMatchObject({
      ok: false,
      error: { field: "files[0].path" },
    });
  });
});
