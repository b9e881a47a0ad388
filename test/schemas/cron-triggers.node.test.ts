// The Cron Triggers the operators' cron route accepts are wrangler.toml's (a Worker cannot read its own triggers).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CRON_TRIGGERS } from "../../src/schemas/cron-views";

describe("CRON_TRIGGERS", () => {
  it("lists exactly wrangler.toml's [triggers] crons", () => {
    const toml = readFileSync(new URL("../../wrangler.toml", import.meta.url), "utf8");
    const line = /^crons\s*=\s*\[(.*)\]\s*$/m.exec(toml)?.[1] ?? "";
    const crons = [...line.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(crons.length).toBeGreaterThan(0);
    expect([...CRON_TRIGGERS].sort()).toEqual(crons.sort());
  });
});
