import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

// The operator tokens `waooaw login` saved, one per platform URL, in a file only its owner can
// read (mode 600): a token never goes on the command line, where shell history would keep it.

export interface ConfigFile {
  tokens: Record<string, string>;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** $XDG_CONFIG_HOME/waooaw/config.json, or ~/.config/waooaw/config.json. */
export function configPath(env: Env = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(base, "waooaw", "config.json");
}

/** The same platform whatever the trailing slashes. */
export function normaliseUrl(url: string): string {
  return url.replace(/\/+$/, "");
}

export function readConfig(path: string): ConfigFile {
  if (!existsSync(path)) return { tokens: {} };
  const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
  const tokens = typeof parsed === "object" && parsed !== null ? (parsed as { tokens?: unknown }).tokens : undefined;
  if (typeof tokens !== "object" || tokens === null) return { tokens: {} };
  return { tokens: Object.fromEntries(Object.entries(tokens).filter((e): e is [string, string] => typeof e[1] === "string")) };
}

export function saveToken(path: string, url: string, token: string): void {
  const config = readConfig(path);
  config.tokens[normaliseUrl(url)] = token;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // `mode` applies only when the file is created
}

/** WAOOAW_TOKEN wins; then what `waooaw login` saved for this URL. */
export function resolveToken(url: string, env: Env = process.env): string | undefined {
  if (env.WAOOAW_TOKEN) return env.WAOOAW_TOKEN;
  return readConfig(configPath(env)).tokens[normaliseUrl(url)];
}
