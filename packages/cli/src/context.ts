import { createClient, type WaooawClient } from "@waooaw/client";
import type { Command } from "commander";
import { normaliseUrl, resolveToken } from "./config";
import { CliError } from "./errors";

export const DEFAULT_URL = "http://127.0.0.1:8787";

export interface GlobalOptions {
  url: string;
  json: boolean;
}

/** The options every command shares (`--url`, `--json`), wherever on the line they were given. */
export function globals(command: Command): GlobalOptions {
  const options = command.optsWithGlobals<{ url?: string; json?: boolean }>();
  return { url: normaliseUrl(options.url ?? process.env.WAOOAW_URL ?? DEFAULT_URL), json: options.json === true };
}

/** A client with the operator token, or a clear failure when there is none. */
export function operatorClient(url: string): WaooawClient {
  const token = resolveToken(url);
  if (!token) throw new CliError(`no operator token for ${url}: run \`waooaw login --url ${url}\` or set WAOOAW_TOKEN`);
  // Two retries at most: a person is waiting, and a script can run the command again.
  return createClient({ baseUrl: url, apiKey: token, retry: { retries: 2 } });
}

/** Writes a line to stdout (results) ; messages for people go to stderr, so `--json` output stays parseable. */
export const out = (text: string) => process.stdout.write(`${text}\n`);
export const note = (text: string) => process.stderr.write(`${text}\n`);

export function printJson(value: unknown): void {
  out(JSON.stringify(value, null, 2));
}
