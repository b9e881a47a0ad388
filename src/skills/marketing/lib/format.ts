/** Number and Markdown helpers for the marketing skills' outputs and deliverables. */

/** Rounds to `dp` decimals, half away from zero, never giving -0. */
export function round(x: number, dp = 2): number {
  const f = 10 ** dp;
  return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f + 0;
}

/** A fraction as a percentage for people: 0.1234 → "12.3%". */
export function pct(fraction: number, dp = 1): string {
  return `${round(fraction * 100, dp)}%`;
}

/** Thousands separators, fixed decimals: 1234.5 → "1,234.50". */
export function num(x: number, dp = 0): string {
  const [int = "0", dec] = Math.abs(x).toFixed(dp).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${x < 0 && round(x, dp) !== 0 ? "-" : ""}${grouped}${dec === undefined ? "" : `.${dec}`}`;
}

/** `1 link`, `3 links`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${num(n)} ${n === 1 ? word : many}`;
}

/** A money amount: "USD 1,234.50". */
export function money(x: number, currency: string): string {
  return `${currency} ${num(x, 2)}`;
}

/**
 * Customer text made safe to drop into Markdown: one line, Markdown and HTML metacharacters
 * escaped (so `<script>` or `**` in an input reads as text and changes nothing), clipped.
 */
export function esc(text: string, max = 120): string {
  const line = text.replace(/\s+/g, " ").trim();
  const clipped = line.length > max ? `${line.slice(0, max - 1)}…` : line;
  return clipped.replace(/[\\`*_[\]{}<>|#~!]/g, "\\$&");
}

/** Like {@link esc}, but keeps leading and trailing spaces and does not clip: for pieces of a line. */
export function escPiece(text: string): string {
  return text.replace(/\s+/g, " ").replace(/[\\`*_[\]{}<>|#~!]/g, "\\$&");
}

/** A Markdown table; cells are used as given (escape customer text with {@link esc}). */
export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Severity icons so findings scan quickly in the deliverable. */
export const SEVERITY_MARK = { error: "✖", warning: "⚠", info: "ℹ" } as const;
export type Severity = keyof typeof SEVERITY_MARK;

/** A bullet list of findings, worst first, or a line saying there are none. */
export function findingList(findings: readonly { severity: Severity; message: string }[], none = "No issues found."): string {
  if (findings.length === 0) return `- ${none}`;
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return [...findings]
    .sort((a, b) => order[a.severity] - order[b.severity])
    .map((f) => `- ${SEVERITY_MARK[f.severity]} **${f.severity}**: ${f.message}`)
    .join("\n");
}
