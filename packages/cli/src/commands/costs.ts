import { type Command, InvalidArgumentError, Option } from "commander";
import { COST_GROUPS } from "../../../../src/schemas/operator-views";
import { globals, note, operatorClient, out, printJson } from "../context";
import { table, when } from "../render/table";
import { positiveInt } from "./agents";

/** `2026-12-01`, an ISO time, or epoch ms. */
function since(value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms) || ms < 0) throw new InvalidArgumentError("a date (2026-12-01), an ISO time or epoch ms");
  return ms;
}

export function costsCommand(program: Command): void {
  program
    .command("costs")
    .description("spend and tier mix per agent, CoE or customer (default: this month)")
    .addOption(new Option("--group-by <group>", "group by").choices(COST_GROUPS).default("agent"))
    .option("--since <when>", "from this moment (a date, ISO time or epoch ms)", since)
    .option("--limit <n>", "at most this many groups", positiveInt, 100)
    .action(async (options: { groupBy: (typeof COST_GROUPS)[number]; since?: number; limit: number }, command: Command) => {
      const { url, json } = globals(command);
      const report = await operatorClient(url).adminGetCosts({
        query: { groupBy: options.groupBy, since: options.since, limit: options.limit },
      });
      if (json) return printJson(report);
      out(
        table(
          [options.groupBy, "decisions", "rules", "learned", "cache", "semantic", "llm", "fallback", "tokens in", "tokens out", "cost USD"],
          report.items.map((i) => [
            i.key,
            i.decisions,
            i.rules,
            i.learned,
            i.cache,
            i.semantic,
            i.llm,
            i.fallback,
            i.inputTokens,
            i.outputTokens,
            i.costUsd.toFixed(4),
          ]),
        ),
      );
      const total = report.items.reduce((sum, i) => sum + i.costUsd, 0);
      note(`since ${when(report.since)}: ${report.items.length} group(s), USD ${total.toFixed(4)}`);
    });
}
