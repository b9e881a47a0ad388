// Scaffolds a new agent template:
//
//   npm run new-agent -- --coe marketing --role seo --slug seo-local --name "Lena, Local SEO"
//
// writes templates/<slug>.json (a valid definition for the role, with a rule that runs one of
// the role's skills on a task `kind` and a listing whose samples are that skill's real output),
// adds it to templates/index.ts (so the demo catalogue publishes it) and writes
// test/templates/<slug>.test.ts, which validates it and runs its rules. `--dir` scaffolds into
// another checkout (default: this one). Refuses an unknown CoE, a role that is not one of the
// CoE's specialist roles, a malformed slug, and a slug that is taken.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { AgentDefinition, CENTRES_OF_EXCELLENCE, type CentreOfExcellence } from "../src/schemas/identity";
import { allSkills } from "../src/skills/catalogue";
import { SPECIALIST_ROLES } from "../templates/index";
import { sampleOutputsFor } from "../templates/samples";

/** Each specialist role's skills are named `<area>.<skill>`. */
const SKILL_AREA: Record<string, string> = {
  "vision-guardian": "vision",
  "content-marketing": "content",
  "social-media": "social",
  seo: "seo",
  "email-marketing": "email",
  "ppc-advertising": "ppc",
  "brand-strategy": "brand",
  "influencer-marketing": "influencer",
  sdr: "sdr",
  "account-executive": "ae",
  "sales-enablement": "enablement",
  "crm-management": "crm",
  "lead-generation": "leadgen",
  "customer-success": "success",
  "technical-support": "techsupport",
};

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LINE_WIDTH = 140;

class Refusal extends Error {}

const words = (s: string) => s.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1));
const camel = (slug: string) => slug.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/^(\d)/, "t$1");

/** JSON laid out as Biome lays it out (objects open, arrays of scalars on one line when they fit), so `npm run lint` passes. */
function formatJson(value: unknown, indent = "", column = 0, trailing = 0): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((v) => v === null || typeof v !== "object")) {
      const flat = `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
      if (column + flat.length + trailing <= LINE_WIDTH) return flat;
    }
    const items = value.map((v, i) => `${inner}${formatJson(v, inner, inner.length, i < value.length - 1 ? 1 : 0)}`);
    return `[\n${items.join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const items = entries.map(([k, v], i) => {
      const key = `${JSON.stringify(k)}: `;
      return `${inner}${key}${formatJson(v, inner, inner.length + key.length, i < entries.length - 1 ? 1 : 0)}`;
    });
    return `{\n${items.join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

interface Options {
  coe: string;
  role: string;
  slug?: string;
  name?: string;
  dir: string;
}

/** Writes the template, its entry in templates/index.ts and its test; returns the paths written. */
function scaffold(options: Options): string[] {
  if (!(CENTRES_OF_EXCELLENCE as readonly string[]).includes(options.coe)) {
    throw new Refusal(`unknown --coe "${options.coe}": one of ${CENTRES_OF_EXCELLENCE.join(", ")}`);
  }
  const coe = options.coe as CentreOfExcellence;
  const roles: readonly string[] = SPECIALIST_ROLES[coe];
  if (!roles.includes(options.role)) {
    throw new Refusal(`--role "${options.role}" is not a ${coe} role: one of ${roles.join(", ")}`);
  }
  const role = options.role;
  const slug = options.slug ?? `${coe}-${role}`;
  if (!SLUG.test(slug) || slug.length > 64) throw new Refusal(`--slug "${slug}": lowercase words joined by -, at most 64 characters`);

  const dir = path.resolve(options.dir);
  const jsonPath = path.join(dir, "templates", `${slug}.json`);
  const indexPath = path.join(dir, "templates", "index.ts");
  const testPath = path.join(dir, "test", "templates", `${slug}.test.ts`);
  if (!existsSync(indexPath)) throw new Refusal(`no ${indexPath}: --dir must be a checkout of this repository`);
  const index = readFileSync(indexPath, "utf8");
  const ident = camel(slug);
  if (existsSync(jsonPath) || index.includes(`"./${slug}.json"`))
    throw new Refusal(`slug "${slug}" is taken: templates/${slug}.json exists`);
  if (new RegExp(`^import ${ident} from`, "m").test(index)) throw new Refusal(`templates/index.ts already imports a template as ${ident}`);
  if (existsSync(testPath)) throw new Refusal(`${testPath} exists`);

  const area = SKILL_AREA[role];
  const skill = allSkills.find((s) => s.name.startsWith(`${area}.`));
  if (!skill) throw new Refusal(`no skill for the ${role} role`);
  const kind = `${slug}-${skill.name.split(".")[1]}`;
  const title = words(role).join(" ");
  const name = options.name ?? `New ${title} agent`;

  const template = {
    slug,
    version: 1,
    specialization: {
      coe,
      role,
      capabilities: [(skill.name.split(".")[1] ?? skill.name).replaceAll("-", " ")],
      rules: [
        {
          id: `${kind}-task`,
          when: { conditions: [{ path: "payload.inputs.kind", op: "eq", value: kind }] },
          then: { action: "act", reason: skill.title, skill: skill.name },
        },
      ],
      subscriptions: [{ event: "task.assigned", subject: `${slug}:*` }],
    },
    personality: {
      displayName: name,
      tagline: `${title}: say in a line what ${name} does for a customer`,
      tone: "clear, friendly",
      industries: [],
      languages: ["en"],
    },
    defaults: { model: "claude-haiku-4-5", budget: { usdPerMonth: 5, tokensPerDay: 200_000 } },
    listing: {
      description: `${name} (${coe}, ${role}). Describe for customers what this agent does and how: this paragraph is searched together with the persona and capabilities.`,
      priceUsdPerMonth: 49,
      trial: { days: 7, budgetUsd: 2, maxTasks: 10 },
      responseTargetSeconds: 3600,
      sampleOutputs: [] as { title: string; body: string }[],
    },
  };
  template.listing.sampleOutputs = sampleOutputsFor(template);
  AgentDefinition.parse(template);

  const lines = index.split("\n");
  const lastImport = lines.reduce((at, line, i) => (/^import \w+ from "\.\/[a-z0-9-]+\.json";$/.test(line) ? i : at), -1);
  const listStart = lines.findIndex((line) => line.startsWith("export const TEMPLATES"));
  const listEnd = lines.findIndex((line, i) => i > listStart && line === "];");
  if (lastImport < 0 || listStart < 0 || listEnd < 0) {
    throw new Refusal(
      'templates/index.ts is not as expected: one `import x from "./x.json";` a line and `export const TEMPLATES = [` … `];`',
    );
  }
  lines.splice(listEnd, 0, `  ${ident},`);
  lines.splice(lastImport + 1, 0, `import ${ident} from "./${slug}.json";`);

  const test = `import template from "../../templates/${slug}.json";
import { describeTemplate } from "./helpers";

// Generated by \`npm run new-agent\`: ${slug} is a valid definition for its role, each of its
// kinds does its work on a realistic input (templates/examples.ts) and refuses unusable input,
// and its sample outputs are its skills' output. Test its other rules here.
describeTemplate(template);
`;

  writeFileSync(jsonPath, `${formatJson(template)}\n`);
  writeFileSync(indexPath, lines.join("\n"));
  mkdirSync(path.dirname(testPath), { recursive: true });
  writeFileSync(testPath, test);
  return [jsonPath, indexPath, testPath];
}

function main(): void {
  const { values } = parseArgs({
    options: {
      coe: { type: "string" },
      role: { type: "string" },
      slug: { type: "string" },
      name: { type: "string" },
      dir: { type: "string", default: "." },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  const usage =
    'usage: npm run new-agent -- --coe <marketing|sales|support> --role <role> [--slug <slug>] [--name "Display Name"] [--dir .]';
  if (values.help) {
    console.log(usage);
    return;
  }
  if (!values.coe || !values.role) throw new Refusal(`--coe and --role are required\n${usage}`);
  const written = scaffold({ coe: values.coe, role: values.role, slug: values.slug, name: values.name, dir: values.dir });
  for (const file of written) console.log(`wrote ${path.relative(process.cwd(), file) || file}`);
  console.log(
    "next: edit the persona, rules and listing, run `npx tsx scripts/sample-outputs.ts` if you change the rules, then `npm test`.",
  );
}

try {
  main();
} catch (error) {
  if (!(error instanceof Refusal) && !(error instanceof TypeError && "code" in error)) throw error;
  console.error(`new-agent: ${error.message}`);
  process.exit(1);
}
