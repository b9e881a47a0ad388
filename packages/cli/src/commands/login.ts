import { createClient, WaooawApiError } from "@waooaw/client";
import type { Command } from "commander";
import { read } from "read";
import { configPath, saveToken } from "../config";
import { globals, note, out } from "../context";
import { CliError } from "../errors";

/** The token: typed at a hidden prompt on a terminal, or the first line piped in (scripts, tests). */
async function askToken(): Promise<string> {
  if (process.stdin.isTTY) return (await read({ prompt: "Operator token: ", silent: true, replace: "*", output: process.stderr })).trim();
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split(/\r?\n/)[0]?.trim() ?? "";
}

export function loginCommand(program: Command): void {
  program
    .command("login")
    .description(
      "save the operator token (ADMIN_TOKEN or an operator JWT) for --url (asked for hidden, or read from stdin) after checking it works",
    )
    .action(async (_options: unknown, command: Command) => {
      const { url, json } = globals(command);
      const token = await askToken();
      if (!token) throw new CliError("no token given");
      try {
        // Any operator read proves the token; the cheapest is one agent.
        await createClient({ baseUrl: url, apiKey: token, retry: { retries: 1 } }).adminListAgents({ query: { limit: 1 } });
      } catch (error) {
        // The token may be ADMIN_TOKEN or an operator JWT (any viewer role can read agents); say why it was refused.
        if (error instanceof WaooawApiError && (error.status === 401 || error.status === 403))
          throw new CliError(`the platform at ${url} refused this token: nothing saved (${error.message})`);
        throw error;
      }
      const path = configPath();
      saveToken(path, url, token);
      if (json) out(JSON.stringify({ url, saved: path }));
      else note(`Logged in to ${url}; the token is saved in ${path} (readable only by you).`);
    });
}
