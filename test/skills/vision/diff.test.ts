import { describe, expect, it } from "vitest";
import { contentLines, parsePatch } from "../../../src/skills/vision/diff";

describe("unified diffs as GitHub gives them", () => {
  it("number added lines in the new file across hunks, counting context lines and not deleted ones", () => {
    const patch = [
      "@@ -1,3 +1,4 @@ import x",
      " line one",
      "-line two",
      "+line 2",
      "+line 2b",
      " line three",
      "@@ -40,2 +41,3 @@ function f() {",
      " forty",
      "+forty-two",
      " forty-one",
      "\\ No newline at end of file",
    ].join("\n");
    expect(parsePatch(patch)).toEqual({
      added: [
        { line: 2, text: "line 2" },
        { line: 3, text: "line 2b" },
        { line: 42, text: "forty-two" },
      ],
      deleted: ["line two"],
    });
  });

  it("read hunk headers without counts, and CRLF lines", () => {
    expect(parsePatch("@@ -0,0 +1 @@\r\n+only line\r").added).toEqual([{ line: 1, text: "only line" }]);
  });

  it("treat a file's content as added lines from 1, a final newline ending the last line", () => {
    expect(contentLines("a\nb\n")).toEqual([
      { line: 1, text: "a" },
      { line: 2, text: "b" },
    ]);
    expect(contentLines("")).toEqual([]);
  });
});
