import type { Item } from "@waooaw/client";
import type { Command } from "commander";
import { globals, note, operatorClient, out, printJson } from "../context";
import { CliError, explain, UsageError } from "../errors";
import { progressBar } from "../render/progress";
import { table, when } from "../render/table";
import { positiveInt } from "./agents";

type DeadLetter = Item<"adminListDeadLetters">;

export function dlqCommand(program: Command): void {
  const dlq = program.command("dlq").description("dead letters: events that failed every retry");

  dlq
    .command("list")
    .description("dead letters, newest first, with their errors")
    .option("--limit <n>", "at most this many", positiveInt, 50)
    .action(async (options: { limit: number }, command: Command) => {
      const { url, json } = globals(command);
      const items: DeadLetter[] = [];
      for await (const letter of operatorClient(url).paginate("adminListDeadLetters", { query: { limit: Math.min(options.limit, 200) } })) {
        items.push(letter);
        if (items.length >= options.limit) break;
      }
      if (json) return printJson(items);
      out(
        table(
          ["id", "event", "type", "subject", "attempts", "dead at", "replays", "error"],
          items.map((d) => [
            d.id,
            d.eventId,
            d.event?.type,
            d.event?.subject,
            d.attempts,
            when(d.deadAt),
            d.replayCount,
            d.error.slice(0, 60),
          ]),
        ),
      );
      note(`${items.length} dead letter(s)`);
    });

  dlq
    .command("replay [ids...]")
    .description("send dead letters' events to the wake queue again: the ids given, or --all")
    .option("--all", "every dead letter not replayed yet")
    .action(async (ids: string[], options: { all?: boolean }, command: Command) => {
      const { url, json } = globals(command);
      const all = options.all === true;
      if (all === ids.length > 0) throw new UsageError("give dead letter ids, or --all (not both)");
      const client = operatorClient(url);
      let targets = ids;
      if (options.all) {
        targets = [];
        for await (const letter of client.paginate("adminListDeadLetters", { query: { limit: 200 } }))
          if (letter.replayCount === 0) targets.push(letter.id);
      }
      const bar = json || targets.length === 0 ? undefined : progressBar("replaying", targets.length);
      const results: { id: string; eventId?: string; ok: boolean; error?: string }[] = [];
      // One at a time: a replay is a D1 write and a queue send; a DLQ of thousands should not flood either.
      for (const id of targets) {
        try {
          const replayed = await client.adminReplayDeadLetter({ path: { id } });
          results.push({ id, eventId: replayed.eventId, ok: true });
        } catch (error) {
          results.push({ id, ok: false, error: explain(error, url).message });
        }
        bar?.update(results.length, id);
      }
      bar?.stop();
      const failed = results.filter((r) => !r.ok);
      if (json) printJson({ replayed: results.length - failed.length, failed: failed.length, results });
      else {
        if (results.length)
          out(
            table(
              ["dead letter", "event", "result"],
              results.map((r) => [r.id, r.eventId, r.ok ? "requeued" : r.error]),
            ),
          );
        note(`${results.length - failed.length} of ${results.length} requeued`);
      }
      if (failed.length) throw new CliError(`${failed.length} replay(s) failed`);
    });
}
