import { z } from "zod";
import { DEFAULT_VISION_RULES, VisionRules } from "../../schemas/vision";
import { defineSkill } from "../skill";
import { runChecks } from "./checks";
import { contentLines } from "./diff";
import { renderReport } from "./render";
import { VisionReport } from "./report";

const File = z.object({
  path: z.string().min(1).max(500).regex(/^[^/]/, "a path inside the repository, without a leading /"),
  content: z.string().max(1_000_000, "a file over 1,000,000 characters"),
});

/**
 * The vision checks on files given as they are (a trial, a task without GitHub): every line of
 * each file counts as added, so patterns, terms, brand words, naming and sizes apply as they
 * would to a change adding these files.
 */
export const checkFiles = defineSkill({
  name: "vision.check-files",
  title: "Vision check of files given directly: forbidden patterns and terms, naming, brand words, file sizes",
  input: z.object({
    files: z.array(File).min(1, "give at least one file").max(500),
    visionRules: VisionRules.prefault(DEFAULT_VISION_RULES),
  }),
  output: VisionReport,
  run: ({ files, visionRules }) => {
    const findings = runChecks({
      rules: visionRules,
      files: files.map((f) => {
        const added = contentLines(f.content);
        return {
          path: f.path,
          status: "added" as const,
          additions: added.length,
          deletions: 0,
          added,
          whole: true,
          bytes: new TextEncoder().encode(f.content).length,
        };
      }),
      texts: [],
      change: false,
      notChecked: [],
    });
    return { scope: { kind: "files" as const, repository: null, number: null, label: null, sha: null, url: null }, ...findings };
  },
  render: renderReport,
});
