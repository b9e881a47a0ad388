import { z } from "zod";
import { SAFE_REGEX_RULE, unsafeRegex } from "./regex-safety";

/** A rule's id, shown in findings and part of each violation's key. */
const RuleId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lowercase words joined by -")
  .max(64);

/**
 * A JavaScript regular expression's source (compiled with the `u` flag). When the rules are
 * saved it must compile, and its shape must be safe to run on lines anyone can add: see
 * {@link SAFE_REGEX_RULE}.
 */
const RegexSource = z
  .string()
  .min(1)
  .max(300)
  .superRefine((source, ctx) => {
    try {
      new RegExp(source, "u");
    } catch {
      ctx.addIssue({ code: "custom", message: "not a valid regular expression" });
      return;
    }
    const unsafe = unsafeRegex(source);
    if (unsafe) ctx.addIssue({ code: "custom", message: `not safe to run on every added line: ${unsafe}` });
  })
  .describe(
    `A JavaScript regular expression (u flag). Patterns run on lines anyone can add, so their shape is limited: ${SAFE_REGEX_RULE}.`,
  );

/** A path glob: `*` within a segment, `**` across segments (`docs/**`, `src/**\/*.ts`). */
const PathGlob = z.string().min(1).max(200);
const Word = z.string().min(1).max(100);

/**
 * A repository's vision, as data: what WowVision Prime checks every change against. All checks
 * are deterministic. Patterns and terms are checked on the lines a change adds (and on commit
 * messages and pull request titles and bodies); naming on the paths it adds or renames; required
 * files on what it deletes or renames away; sizes on what GitHub reports per file.
 */
export const VisionRules = z
  .object({
    /** Lines that must never be added (secrets, debugging leftovers), optionally only under some paths. */
    forbiddenPatterns: z
      .array(
        z.object({ id: RuleId, pattern: RegexSource, message: z.string().min(1).max(300), paths: z.array(PathGlob).max(20).optional() }),
      )
      .max(50)
      .default([]),
    /** Words or phrases that must not appear in added text (case-insensitive, whole words). */
    forbiddenTerms: z.array(Word).max(200).default([]),
    /** Files the repository must keep: deleting or renaming one away is a violation. */
    requiredFiles: z.array(z.string().min(1).max(300)).max(50).default([]),
    /** Naming conventions: added or renamed files under `paths` must have a file name matching `pattern`. */
    naming: z
      .array(z.object({ id: RuleId, paths: PathGlob, pattern: RegexSource, message: z.string().min(1).max(300) }))
      .max(50)
      .default([]),
    /** Brand vocabulary: banned words, and preferred words with the ones they replace. */
    brand: z
      .object({
        banned: z.array(Word).max(200).default([]),
        preferred: z
          .array(z.object({ use: Word, insteadOf: z.array(Word).min(1).max(20) }))
          .max(100)
          .default([]),
      })
      .prefault({}),
    /**
     * Size limits. GitHub's file lists give lines, not bytes: `maxFileBytes` is checked on added
     * files, whose patch is the whole file; `maxChangedLines` on every file.
     */
    fileSize: z
      .object({
        maxFileBytes: z.number().int().positive().max(100_000_000).optional(),
        maxChangedLines: z.number().int().positive().max(1_000_000).optional(),
      })
      .prefault({}),
  })
  .meta({ id: "VisionRules" });
export type VisionRules = z.infer<typeof VisionRules>;
export type VisionRulesInput = z.input<typeof VisionRules>;

/** What a newly connected repository is checked against until its owner says otherwise. */
export const DEFAULT_VISION_RULES: VisionRulesInput = {
  forbiddenPatterns: [
    {
      id: "private-key",
      pattern: "-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----",
      message: "a private key must never be committed",
    },
    { id: "aws-access-key", pattern: "\\bAKIA[0-9A-Z]{16}\\b", message: "an AWS access key id must never be committed" },
  ],
  requiredFiles: ["README.md"],
  fileSize: { maxFileBytes: 1_000_000 },
};
