import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { AgentDefinition } from "../../../../src/schemas/identity";
import { globals, note, operatorClient, out, printJson } from "../context";
import { CliError } from "../errors";
import { record } from "../render/table";
import { validated } from "../validate";

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function definitionsCommand(program: Command): void {
  const definitions = program.command("definitions").description("agent definitions");

  definitions
    .command("publish <file>")
    .description("check a definition (JSON) with the platform's schema, then publish or update it")
    .option("--dry-run", "only check it")
    .action(async (file: string, options: { dryRun?: boolean }, command: Command) => {
      const { url, json } = globals(command);
      const raw = readJson(file);
      // The schema the API validates with: a mistake is reported here, field by field, before anything is sent.
      const definition = validated(AgentDefinition, raw, file);
      if (options.dryRun) {
        if (json) printJson({ valid: true, slug: definition.slug, dryRun: true });
        else note(`${file}: valid definition ${definition.slug}; not published (--dry-run)`);
        return;
      }
      // Sent as written: the platform applies the defaults itself, as for any client.
      const published = await operatorClient(url).adminPublishDefinition({
        body: raw as Parameters<ReturnType<typeof operatorClient>["adminPublishDefinition"]>[0]["body"],
      });
      if (json) return printJson(published);
      out(
        record([
          ["slug", published.slug],
          ["version", published.version],
          ["coe / role", `${published.specialization.coe} / ${published.specialization.role}`],
          ["rules", published.specialization.rules.length],
          ["subscriptions", published.specialization.subscriptions.length],
        ]),
      );
      note(`published ${published.slug} v${published.version} to ${url}`);
    });
}
