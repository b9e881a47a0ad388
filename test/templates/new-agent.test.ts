import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentDefinition } from "../../src/schemas/identity";
import { expectItsKindsWork } from "./helpers";

// `npm run new-agent`, run into a scratch copy of templates/index.ts with --dir.

const ROOT = path.join(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
let dir = "";

const newAgent = (...args: string[]) =>
  spawnSync(TSX, ["scripts/new-agent.ts", ...args, "--dir", dir], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });

/** What Biome makes of a file (with this repository's settings), to check the scaffold's layout. */
const biomeFormatted = (file: string, as: string) =>
  execFileSync(path.join(ROOT, "node_modules/.bin/biome"), ["format", `--stdin-file-path=${as}`], {
    cwd: ROOT,
    input: readFileSync(file, "utf8"),
    encoding: "utf8",
  });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "new-agent-"));
  mkdirSync(path.join(dir, "templates"));
  copyFileSync(path.join(ROOT, "templates/index.ts"), path.join(dir, "templates/index.ts"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run new-agent", () => {
  it("writes a valid template that does its role's work, lists it in templates/index.ts and writes its test", () => {
    const run = newAgent("--coe", "marketing", "--role", "seo", "--slug", "seo-local", "--name", "Lena, Local SEO");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("wrote");

    const file = path.join(dir, "templates/seo-local.json");
    const definition = AgentDefinition.parse(JSON.parse(readFileSync(file, "utf8")));
    expect(definition).toMatchObject({
      slug: "seo-local",
      specialization: { coe: "marketing", role: "seo", subscriptions: [{ event: "task.assigned", subject: "seo-local:*" }] },
      personality: { displayName: "Lena, Local SEO" },
      listing: { sampleOutputs: [expect.objectContaining({ body: expect.stringMatching(/^## On-page SEO audit/) })] },
    });
    expect(definition.specialization.rules[0]?.then.skill).toBe("seo.on-page-audit");
    expectItsKindsWork(definition);

    const index = readFileSync(path.join(dir, "templates/index.ts"), "utf8");
    expect(index).toContain('import seoLocal from "./seo-local.json";\n\n');
    expect(index).toContain("  supportSuccess,\n  seoLocal,\n];");

    const test = readFileSync(path.join(dir, "test/templates/seo-local.test.ts"), "utf8");
    expect(test).toContain('import template from "../../templates/seo-local.json";');
    expect(test).toContain("describeTemplate(template);");

    // Laid out as `npm run lint` wants it.
    expect(readFileSync(file, "utf8")).toBe(biomeFormatted(file, "templates/seo-local.json"));
    expect(index).toBe(biomeFormatted(path.join(dir, "templates/index.ts"), "templates/index.ts"));
    expect(test).toBe(biomeFormatted(path.join(dir, "test/templates/seo-local.test.ts"), "test/templates/seo-local.test.ts"));
  });

  it("names the slug after the CoE and role when none is given, and picks that role's skill", () => {
    const run = newAgent("--coe", "support", "--role", "customer-success");
    expect(run.status).toBe(0);
    const definition = AgentDefinition.parse(JSON.parse(readFileSync(path.join(dir, "templates/support-customer-success.json"), "utf8")));
    expect(definition.specialization.rules[0]?.then.skill).toMatch(/^success\./);
    expect(definition.personality.displayName).toBe("New Customer Success agent");
    expectItsKindsWork(definition);
  });

  it.each([
    [["--coe", "finance", "--role", "seo"], 'unknown --coe "finance"'],
    [["--coe", "marketing", "--role", "sdr"], '--role "sdr" is not a marketing role'],
    [["--coe", "sales", "--role", "sdr", "--slug", "Sales_SDR"], '--slug "Sales_SDR": lowercase words joined by -'],
    [["--coe", "marketing", "--role", "seo", "--slug", "seo-local"], 'slug "seo-local" is taken'],
    [["--coe", "sales"], "--coe and --role are required"],
  ])("refuses %j with a clear message and a non-zero exit, writing nothing", (args, message) => {
    const before = readFileSync(path.join(dir, "templates/index.ts"), "utf8");
    const run = newAgent(...args);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(readFileSync(path.join(dir, "templates/index.ts"), "utf8")).toBe(before);
    expect(existsSync(path.join(dir, "templates/sales-sdr.json"))).toBe(false);
  });
});
