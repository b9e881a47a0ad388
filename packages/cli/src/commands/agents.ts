import type { Schema } from "@waooaw/client";
import { type Command, InvalidArgumentError, Option } from "commander";
import { LIFECYCLE_STATES } from "../../../../src/schemas/lifecycle";
import { globals, note, operatorClient, out, printJson } from "../context";
import { CliError } from "../errors";
import { progressBar } from "../render/progress";
import { record, table, when } from "../render/table";

type Snapshot = Schema<"AgentSnapshot">;

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("a whole number above 0");
  return n;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("a whole number, 0 or more");
  return n;
}

function showSnapshot(agent: Snapshot, json: boolean): void {
  if (json) {
    printJson(agent);
    return;
  }
  out(
    record([
      ["id", agent.id],
      ["definition", `${agent.definition.slug} v${agent.definition.version}`],
      ["state", agent.state],
      ["customer", agent.customerId],
      ["role", `${agent.specialization.coe} / ${agent.specialization.role}`],
      ["inbox", agent.inboxSize],
      ["open tasks", agent.context.openTasks.length],
      ...(agent.drain
        ? [
            [
              "drain",
              `${agent.drain.remaining} left, ${agent.drain.finished} finished, ${agent.drain.rerouted} re-routed, ${agent.drain.handedBack} handed back${agent.drain.endedAt ? `; ended ${when(agent.drain.endedAt)}` : ""}`,
            ] as const,
          ]
        : []),
      ["subscriptions", agent.subscriptions.map((s) => [s.event, s.subject, s.customerId].filter(Boolean).join(" ")).join(", ")],
      [
        "counters",
        Object.entries(agent.counters)
          .map(([k, v]) => `${k}=${v}`)
          .join(" "),
      ],
      [
        "last events",
        agent.context.recentEvents
          .slice(-3)
          .map((e) => `${e.type} ${e.subject}`)
          .join(", "),
      ],
      ["created", when(agent.createdAt)],
    ]),
  );
}

/** Work the agent still holds: what it must finish or hand back before it is retired. */
/** Work a retiring agent still holds: its drain's count, or (before it reports one) its inbox and open tasks. */
const remaining = (agent: Snapshot) => agent.drain?.remaining ?? agent.inboxSize + agent.context.openTasks.length;
/** Work a retiring agent is done with: finished itself, re-routed to a peer, or handed back. */
const drained = (agent: Snapshot) => (agent.drain ? agent.drain.finished + agent.drain.rerouted + agent.drain.handedBack : 0);
const drainLine = (agent: Snapshot) =>
  agent.drain
    ? `${agent.state}: ${agent.drain.remaining} left, ${agent.drain.finished} finished, ${agent.drain.rerouted} re-routed, ${agent.drain.handedBack} handed back`
    : `${agent.state}, inbox ${agent.inboxSize}, open tasks ${agent.context.openTasks.length}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function agentsCommand(program: Command): void {
  const agents = program.command("agents").description("list, inspect and steer agent instances");

  agents
    .command("list")
    .description("agent instances, by id")
    .addOption(new Option("--state <state>", "only in this state").choices(LIFECYCLE_STATES))
    .option("--definition <slug>", "only of this definition")
    .option("--limit <n>", "at most this many", positiveInt, 100)
    .action(async (options: { state?: (typeof LIFECYCLE_STATES)[number]; definition?: string; limit: number }, command: Command) => {
      const { url, json } = globals(command);
      const client = operatorClient(url);
      const items: Schema<"AgentInstance">[] = [];
      const query = { limit: Math.min(options.limit, 500), state: options.state, definition: options.definition };
      for await (const agent of client.paginate("adminListAgents", { query })) {
        items.push(agent);
        if (items.length >= options.limit) break;
      }
      if (json) return printJson(items);
      out(
        table(
          ["id", "definition", "state", "customer", "updated"],
          items.map((a) => [a.id, a.definitionSlug, a.state, a.customerId, when(a.updatedAt)]),
        ),
      );
      note(`${items.length} agent(s)`);
    });

  agents
    .command("show <id>")
    .description("an agent: identity, state, inbox, counters, recent work")
    .action(async (id: string, _options: unknown, command: Command) => {
      const { url, json } = globals(command);
      showSnapshot(await operatorClient(url).adminGetAgent({ path: { id } }), json);
    });

  agents
    .command("spawn <definition>")
    .description("start an agent instance of a published definition")
    .option("--id <id>", "its id (default: generated)")
    .option("--customer <customerId>", "bind it to one customer's events")
    .action(async (definition: string, options: { id?: string; customer?: string }, command: Command) => {
      const { url, json } = globals(command);
      const body = { definition, id: options.id, customerId: options.customer };
      showSnapshot(await operatorClient(url).adminSpawnAgent({ body }), json);
    });

  for (const [action, description] of [
    ["pause", "pause an agent: its events wait until it resumes"],
    ["resume", "resume a paused agent; it works through what waited"],
  ] as const) {
    agents
      .command(`${action} <id>`)
      .description(description)
      .action(async (id: string, _options: unknown, command: Command) => {
        const { url, json } = globals(command);
        const client = operatorClient(url);
        const agent = action === "pause" ? await client.adminPauseAgent({ path: { id } }) : await client.adminResumeAgent({ path: { id } });
        showSnapshot(agent, json);
      });
  }

  agents
    .command("retire <id>")
    .description("retire an agent for good; with --wait, follow it until it has finished or handed back its work")
    .option("--wait", "poll until the agent is retired, showing the work it still holds")
    .option(
      "--drain-seconds <seconds>",
      "hand back what is left after this long (default: the platform's RETIRE_DRAIN_SECONDS; 0: at once)",
      nonNegativeInt,
    )
    .option("--timeout <seconds>", "give up waiting after this long", positiveInt, 600)
    .action(async (id: string, options: { wait?: boolean; timeout: number; drainSeconds?: number }, command: Command) => {
      const { url, json } = globals(command);
      const client = operatorClient(url);
      let agent = await client.adminRetireAgent({
        path: { id },
        ...(options.drainSeconds === undefined ? {} : { body: { drainSeconds: options.drainSeconds } }),
      });
      if (options.wait && agent.state !== "retired") {
        const total = Math.max(remaining(agent) + drained(agent), 1);
        const bar = json ? undefined : progressBar(`retiring ${id}`, total);
        const deadline = Date.now() + options.timeout * 1000;
        try {
          while (agent.state !== "retired") {
            if (Date.now() > deadline)
              throw new CliError(`${id} is still ${agent.state} after ${options.timeout} s (${remaining(agent)} item(s) left)`);
            await sleep(500);
            agent = await client.adminGetAgent({ path: { id } });
            bar?.update(Math.min(drained(agent), total), drainLine(agent));
          }
          bar?.update(total, drainLine(agent));
        } finally {
          bar?.stop();
        }
      }
      showSnapshot(agent, json);
    });
}
