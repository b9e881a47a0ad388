import { Command, Option } from "commander";
import { agentsCommand } from "./commands/agents";
import { costsCommand } from "./commands/costs";
import { definitionsCommand } from "./commands/definitions";
import { dlqCommand } from "./commands/dlq";
import { eventsCommand } from "./commands/events";
import { loginCommand } from "./commands/login";
import { tracesCommand } from "./commands/traces";
import { DEFAULT_URL } from "./context";

/**
 * The `waooaw` command line (commander: subcommands, `--help` on each, typed options, usage errors
 * with exit code 2). Every command talks to the platform through @waooaw/client.
 */
export function buildProgram(): Command {
  const program = new Command("waooaw")
    .description(
      "Operate a WAOOAW platform, local or deployed.\nThe operator token comes from WAOOAW_TOKEN or from `waooaw login` (never a flag).",
    )
    .version("0.1.0")
    .addOption(new Option("--url <url>", "the platform's URL").env("WAOOAW_URL").default(DEFAULT_URL))
    .option("--json", "print JSON for scripts instead of tables")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  loginCommand(program);
  agentsCommand(program);
  eventsCommand(program);
  dlqCommand(program);
  costsCommand(program);
  tracesCommand(program);
  definitionsCommand(program);
  // Every subcommand exits through main() too, so a usage error there is exit code 2 as well.
  const override = (command: Command) => {
    for (const sub of command.commands) {
      sub.exitOverride().showHelpAfterError("(run with --help for usage)");
      override(sub);
    }
  };
  override(program);
  return program;
}
