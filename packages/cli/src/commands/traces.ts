import type { Command } from "commander";
import { globals, note, operatorClient, out, printJson } from "../context";
import { table, when } from "../render/table";
import { formatDuration, renderTrace } from "../render/trace";
import { positiveInt } from "./agents";

/** `traces list` (recent traces) and `traces show <id>` (one trace as a waterfall). */
export function tracesCommand(program: Command): void {
  const traces = program.command("traces").description("follow one piece of work from ingest to outputs");
  traces
    .command("list")
    .description("recent traces, newest first")
    .option("--limit <n>", "at most this many", positiveInt, 20)
    .action(async (options: { limit: number }, command: Command) => {
      const { url, json } = globals(command);
      const page = await operatorClient(url).adminListTraces({ query: { limit: options.limit } });
      if (json) return printJson(page);
      out(
        table(
          ["trace", "started", "root", "customer", "events", "decisions", "errors"],
          page.items.map((t) => [t.traceId, when(t.startMs), t.rootType, t.customerId ?? "", t.eventCount, t.decisionCount, t.errorCount]),
        ),
      );
    });
  traces
    .command("show")
    .description("one trace as a waterfall: every span from ingest to outputs, indented by depth, timed")
    .argument("<traceId>", "the trace id (an event's traceId, a decision's, or from `traces list`)")
    .option("--ascii", "ASCII only, for terminals and logs that mangle Unicode")
    .option("--width <n>", "characters per line (default: the terminal's, or 100)", positiveInt)
    .action(async (traceId: string, options: { ascii?: boolean; width?: number }, command: Command) => {
      const { url, json } = globals(command);
      const trace = await operatorClient(url).adminGetTrace({ path: { traceId } });
      if (json) return printJson(trace);
      out(renderTrace(trace, { width: options.width ?? process.stdout.columns ?? 100, ascii: options.ascii }));
      note(
        `${trace.spanCount} span(s), ${trace.errorCount} error(s), ${formatDuration(trace.durationMs)} from the first span's start to the last's end`,
      );
    });
}
