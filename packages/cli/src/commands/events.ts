import { readFileSync } from "node:fs";
import type { Schema } from "@waooaw/client";
import { type Command, Option } from "commander";
import { EVENT_STATUSES, EVENT_TYPES, EventInput } from "../../../../src/schemas/event";
import { globals, note, operatorClient, out, printJson } from "../context";
import { CliError, UsageError } from "../errors";
import { table, when } from "../render/table";
import { validated } from "../validate";
import { positiveInt } from "./agents";

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${where} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface SendOptions {
  file?: string;
  type?: string;
  source: string;
  subject?: string;
  payload?: string;
  customer?: string;
  id?: string;
}

/** The event from --file, or from the flags; checked with the platform's schema before it is sent. */
function eventOf(options: SendOptions) {
  if (options.file) return validated(EventInput, parseJson(readFileSync(options.file, "utf8"), options.file), options.file);
  if (!options.type || !options.subject) throw new UsageError("give --type and --subject (or --file)");
  const event = {
    type: options.type,
    source: options.source,
    subject: options.subject,
    payload: options.payload === undefined ? {} : parseJson(options.payload, "--payload"),
    occurredAt: new Date().toISOString(),
    ...(options.customer ? { customerId: options.customer } : {}),
    ...(options.id ? { id: options.id } : {}),
  };
  return validated(EventInput, event, "the event");
}

const row = (e: Schema<"EventSummary">) => [when(e.receivedAt), e.id, e.type, e.subject, e.status, e.customerId];
const HEAD = ["received", "id", "type", "subject", "status", "customer"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function eventsCommand(program: Command): void {
  const events = program.command("events").description("send events and follow what arrives");

  events
    .command("send")
    .description("ingest one event: from --file (JSON), or from --type, --subject and --payload")
    .option("--file <path>", "the event as JSON")
    .addOption(new Option("--type <type>", "its type").choices(EVENT_TYPES))
    .option("--source <source>", "who sent it", "waooaw-cli")
    .option("--subject <subject>", "what it is about, e.g. acme/website#12")
    .option("--payload <json>", "its payload, a JSON object", undefined)
    .option("--customer <customerId>", "the customer it belongs to")
    .option("--id <id>", "your id for it (a repeat is not ingested twice)")
    .action(async (options: SendOptions, command: Command) => {
      const { url, json } = globals(command);
      const event = eventOf(options);
      const result = await operatorClient(url).ingestEvent({ body: event });
      if (json) return printJson(result);
      out(table(["id", "trace", "status"], [[result.id, result.traceId, result.status]]));
    });

  events
    .command("tail")
    .description("the newest events, then each new one as it arrives (Ctrl-C stops)")
    .addOption(new Option("--type <type>", "only of this type").choices(EVENT_TYPES))
    .addOption(new Option("--status <status>", "only in this status").choices(EVENT_STATUSES))
    .option("-n, --lines <n>", "how many of the newest to show first", positiveInt, 10)
    .option("--interval <ms>", "between polls", positiveInt, 1000)
    .option("--no-follow", "show the newest and stop")
    .action(
      async (
        options: {
          type?: Schema<"EventSummary">["type"];
          status?: Schema<"EventSummary">["status"];
          lines: number;
          interval: number;
          follow: boolean;
        },
        command: Command,
      ) => {
        const { url, json } = globals(command);
        const client = operatorClient(url);
        const filters = { type: options.type, status: options.status };
        // One JSON object per line with --json, so a script can read them as they come.
        const print = (items: Schema<"EventSummary">[]) => {
          for (const e of items)
            out(
              json
                ? JSON.stringify(e)
                : row(e)
                    .map((c) => c ?? "-")
                    .join("  "),
            );
        };
        let page = await client.adminListEvents({ query: { ...filters, limit: Math.min(options.lines, 100) } });
        if (!json) out(HEAD.join("  "));
        print(page.items);
        if (!options.follow) return;
        if (!json) note(`following ${url} every ${options.interval} ms (Ctrl-C stops)`);
        for (;;) {
          // A full page means more is waiting: read on at once.
          if (page.items.length < 100) await sleep(options.interval);
          page = await client.adminListEvents({ query: { ...filters, cursor: page.cursor, limit: 100 } });
          print(page.items);
        }
      },
    );
}
