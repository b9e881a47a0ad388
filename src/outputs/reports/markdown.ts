import type { CustomerActivity, Window } from "./activity";

// Decisions cost fractions of a cent: below a dollar, four decimals.
const usd = (n: number) => `$${n.toFixed(n > 0 && n < 1 ? 4 : 2)}`;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
/** Agent names and repository names come from definitions and customers: keep them from breaking the table. */
const cell = (text: string) => text.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`).replace(/\s+/g, " ");

/**
 * A customer's daily report in Markdown: per hired agent its tasks, decisions by tier, spend
 * and handoffs; then the violations found and fixed per repository.
 */
export function reportMarkdown(date: string, activity: CustomerActivity, window: Window): string {
  const lines = [
    `# Daily report, ${date}`,
    "",
    `What your agents did on ${date} (UTC), from ${iso(window.since)} to ${iso(window.until)}.`,
    "",
  ];
  const total = activity.agents.reduce((sum, a) => sum + a.spendUsd, 0);
  lines.push(
    "## Agents",
    "",
    "| Agent | Tasks done | Failed | Open | Rules | Cache | LLM | Fallback | Spend | Handoffs sent | Received |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const a of activity.agents) {
    const d = a.decisions;
    lines.push(
      `| ${cell(a.name)} (\`${a.hireId}\`) | ${a.tasks.done} | ${a.tasks.failed} | ${a.tasks.open} | ${d.rules + d.learned} | ${d.cache + d.semantic} | ${d.llm} | ${d.fallback} | ${usd(a.spendUsd)} | ${a.handoffs.sent} | ${a.handoffs.received} |`,
    );
  }
  lines.push("", `Total spend: ${usd(total)}.`, "", "## Violations", "");
  if (activity.repositories.length === 0) lines.push("No violations found or fixed.");
  else {
    lines.push(
      "Found: the violations your agents reported open that day (new ones, and ones still there or back again). Fixed: the ones they reported fixed. Each violation counts once per column, so one fixed and found again the same day is in both.",
      "",
      "| Repository | Found | Fixed |",
      "|---|---:|---:|",
    );
    for (const r of activity.repositories) lines.push(`| ${cell(r.repository)} | ${r.found} | ${r.fixed} |`);
  }
  return `${lines.join("\n")}\n`;
}
