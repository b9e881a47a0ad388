import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { configPath, readConfig, resolveToken, saveToken } from "../../packages/cli/src/config";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "waooaw-cli-config-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the CLI's config file", () => {
  it("lives under $XDG_CONFIG_HOME/waooaw, else ~/.config/waooaw", () => {
    expect(configPath({ XDG_CONFIG_HOME: "/x", HOME: "/home/a" })).toBe("/x/waooaw/config.json");
    expect(configPath({ HOME: "/home/a" })).toBe("/home/a/.config/waooaw/config.json");
  });

  it("keeps one token per platform URL, readable only by its owner", () => {
    const env = { XDG_CONFIG_HOME: tempDir() };
    const path = configPath(env);
    saveToken(path, "http://127.0.0.1:8787/", "local-token");
    saveToken(path, "https://waooaw.example", "prod-token");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readConfig(path).tokens).toEqual({ "http://127.0.0.1:8787": "local-token", "https://waooaw.example": "prod-token" });
    expect(resolveToken("http://127.0.0.1:8787", env)).toBe("local-token");
    expect(resolveToken("https://waooaw.example/", env)).toBe("prod-token");
    expect(resolveToken("https://other.example", env)).toBeUndefined();
  });

  it("tightens a file that was readable by others when it saves", () => {
    const env = { XDG_CONFIG_HOME: tempDir() };
    const path = configPath(env);
    saveToken(path, "http://a", "one");
    chmodSync(path, 0o644);
    saveToken(path, "http://a", "two");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(resolveToken("http://a", env)).toBe("two");
  });

  it("prefers WAOOAW_TOKEN to the file", () => {
    const env = { XDG_CONFIG_HOME: tempDir(), WAOOAW_TOKEN: "from-env" };
    saveToken(configPath(env), "http://a", "from-file");
    expect(resolveToken("http://a", env)).toBe("from-env");
  });
});
