/** A line a change adds, numbered as in the new file. */
export interface AddedLine {
  line: number;
  text: string;
}

/** What a unified diff adds (with line numbers in the new file) and deletes. */
export interface ParsedPatch {
  added: AddedLine[];
  deleted: string[];
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/**
 * Reads the unified diff GitHub gives for one file (`patch` in the pull request files and
 * compare answers): hunks start with `@@ -a,b +c,d @@`, and within one `+` lines are added at
 * the new file's line `c` onward, ` ` lines are context (they advance the new file's count) and
 * `-` lines are deleted (they do not). `\ No newline at end of file` is a marker, not a line.
 *
 * ```ts
 * parsePatch("@@ -1,2 +1,3 @@\n a\n+b\n c").added; // [{ line: 2, text: "b" }]
 * ```
 */
export function parsePatch(patch: string): ParsedPatch {
  const added: AddedLine[] = [];
  const deleted: string[] = [];
  let next: number | undefined;
  for (const raw of patch.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const hunk = HUNK.exec(line);
    if (hunk) {
      // A hunk cannot start before line 1 of the new file, even in a malformed patch.
      next = Math.max(1, Number(hunk[1]));
      continue;
    }
    // Before the first hunk (a `diff --git` header, if a caller passes a whole diff) nothing counts.
    if (next === undefined) continue;
    const mark = line[0];
    if (mark === "+") added.push({ line: next++, text: line.slice(1) });
    else if (mark === "-") deleted.push(line.slice(1));
    else if (mark === " " || line === "") next++;
    // `\ No newline at end of file` and anything else: no line of either file.
  }
  return { added, deleted };
}

/** A file's whole content as added lines (a file given directly, or an added file's patch). */
export function contentLines(content: string): AddedLine[] {
  if (content === "") return [];
  const lines = content.split("\n");
  // A final newline ends the last line; it does not start another.
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((text, i) => ({ line: i + 1, text: text.endsWith("\r") ? text.slice(0, -1) : text }));
}
