import { z } from "zod";
import { defineSkill } from "../skill";
import { checkEmail } from "./lib/contact";
import { headerKey, parseCsv } from "./lib/csv";
import { bullets, cell, table, wordsMatch } from "./lib/format";
import { inRegions } from "./lib/regions";

/**
 * `leadgen.filter-leads`: a lead list (CSV with a header row) filtered by the ideal-customer
 * profile (industry, employee range, region, title keywords), with every dropped row's reasons
 * and duplicates removed by e-mail or by company domain. Columns are found by their names
 * (`Work Email`, `Company Size`...) or mapped explicitly.
 */

const fieldNames = ["email", "firstName", "lastName", "company", "title", "industry", "employees", "country", "website"] as const;
type Field = (typeof fieldNames)[number];
// Header names as exports from CRMs, LinkedIn and data vendors spell them (compared by headerKey).
const synonyms: Record<Field, string[]> = {
  email: ["email", "emailaddress", "workemail", "businessemail", "mail"],
  firstName: ["firstname", "first", "givenname"],
  lastName: ["lastname", "last", "surname", "familyname"],
  company: ["company", "companyname", "account", "accountname", "organization", "organisation", "employer"],
  title: ["title", "jobtitle", "position", "role"],
  industry: ["industry", "sector", "vertical"],
  employees: ["employees", "employeecount", "numberofemployees", "noofemployees", "companysize", "headcount", "size"],
  country: ["country", "region", "countryregion", "hqcountry", "location"],
  website: ["website", "domain", "companydomain", "companywebsite", "url", "web"],
};

const MAX_ROWS = 5000;
const csv = z
  .string()
  .min(1)
  .max(200_000, { message: "at most 200,000 characters of CSV" })
  .transform((text, ctx) => {
    const parsed = parseCsv(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: `not valid CSV: ${parsed.error}` });
      return z.NEVER;
    }
    const [header, ...rows] = parsed.records;
    if (!header || rows.length === 0) {
      ctx.addIssue({ code: "custom", message: "needs a header row and at least one lead" });
      return z.NEVER;
    }
    if (rows.length > MAX_ROWS || header.length > 100) {
      ctx.addIssue({ code: "custom", message: `at most ${MAX_ROWS} rows and 100 columns` });
      return z.NEVER;
    }
    return { header: header.map((h) => h.trim()), rows };
  });
const terms = z.array(z.string().trim().min(1).max(100)).max(50).default([]);

const input = z
  .object({
    csv,
    columns: z
      .partialRecord(z.enum(fieldNames), z.string().trim().min(1).max(100))
      .default({})
      .describe("header names, when not the usual ones"),
    icp: z
      .object({
        industries: terms,
        excludedIndustries: terms,
        employees: z
          .object({ min: z.number().int().min(0).default(0), max: z.number().int().min(1).optional() })
          .refine((e) => e.max === undefined || e.min <= e.max, { message: "min must not exceed max", path: ["max"] })
          .optional(),
        regions: terms,
        titleKeywords: terms,
        excludeTitleKeywords: terms,
      })
      .default({ industries: [], excludedIndustries: [], regions: [], titleKeywords: [], excludeTitleKeywords: [] }),
    dedupe: z.enum(["email", "domain"]).default("email").describe("one lead per person, or one per company domain"),
    requireEmail: z.boolean().default(true),
  })
  .transform((i, ctx) => {
    const keys = i.csv.header.map(headerKey);
    const index = {} as Partial<Record<Field, number>>;
    for (const f of fieldNames) {
      const named = i.columns[f];
      const at = named ? keys.indexOf(headerKey(named)) : keys.findIndex((k) => synonyms[f].includes(k));
      if (named && at < 0) ctx.addIssue({ code: "custom", message: `no column named "${named}" in the CSV header`, path: ["columns", f] });
      if (at >= 0) index[f] = at;
    }
    // A filter on a column the list does not have would silently drop every row.
    const needs: [boolean, Field, (string | number)[]][] = [
      [i.icp.industries.length + i.icp.excludedIndustries.length > 0, "industry", ["icp", "industries"]],
      [i.icp.employees !== undefined, "employees", ["icp", "employees"]],
      [i.icp.regions.length > 0, "country", ["icp", "regions"]],
      [i.icp.titleKeywords.length + i.icp.excludeTitleKeywords.length > 0, "title", ["icp", "titleKeywords"]],
      [i.requireEmail || i.dedupe === "email", "email", ["csv"]],
    ];
    for (const [needed, f, path] of needs) {
      if (needed && index[f] === undefined)
        ctx.addIssue({
          code: "custom",
          message: `the CSV has no ${f} column (looked for: ${synonyms[f].join(", ")}); map it in columns.${f}`,
          path,
        });
    }
    return { ...i, index };
  });

const lead = z.object({
  row: z.number().int(),
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  company: z.string().optional(),
  title: z.string().optional(),
  industry: z.string().optional(),
  employees: z.string().optional(),
  country: z.string().optional(),
});
const output = z.object({
  rows: z.number().int(),
  kept: z.number().int(),
  dropped: z.number().int(),
  columns: z.record(z.string(), z.string()),
  reasons: z.array(z.object({ reason: z.string(), rows: z.number().int() })),
  leads: z.array(lead),
  droppedRows: z.array(z.object({ row: z.number().int(), reasons: z.array(z.string()) })),
});

/** "51-200" → [51, 200]; "1,000+" → [1000, ∞]; "2.5k" → [2500, 2500]; unreadable → undefined. */
export function employeeBand(text: string): [number, number] | undefined {
  const t = text
    .toLowerCase()
    .replace(/[,\s]/g, "")
    .replace(/employees?$/, "");
  const n = (s: string) => (s.endsWith("k") ? Number.parseFloat(s) * 1000 : Number(s));
  const range = /^(\d+(?:\.\d+)?k?)(?:-|–|to)(\d+(?:\.\d+)?k?)$/.exec(t);
  if (range) return [n(range[1] as string), n(range[2] as string)];
  const open = /^(\d+(?:\.\d+)?k?)\+$/.exec(t);
  if (open) return [n(open[1] as string), Number.POSITIVE_INFINITY];
  return /^\d+(?:\.\d+)?k?$/.test(t) ? [n(t), n(t)] : undefined;
}

// Titles as written and as abbreviated compare alike: "Vice President, Sales" matches "VP Sales".
const titleWords: [RegExp, string][] = [
  [/\bvice[- ]president\b/g, "vp"],
  [/\bchief executive officer\b/g, "ceo"],
  [/\bchief technology officer\b/g, "cto"],
  [/\bchief financial officer\b/g, "cfo"],
  [/\bchief marketing officer\b/g, "cmo"],
  [/\bchief revenue officer\b/g, "cro"],
  [/\bchief operating officer\b/g, "coo"],
  [/\bsr\b\.?/g, "senior"],
  [/\bmgr\b\.?/g, "manager"],
  [/\bdir\b\.?/g, "director"],
];
const title = (t: string) => titleWords.reduce((s, [re, to]) => s.replace(re, to), t.toLowerCase());

function domainOf(email: string | undefined, website: string | undefined): string | undefined {
  const e = email ? checkEmail(email) : undefined;
  if (e?.ok && !e.freeMail) return e.domain;
  const w = website
    ?.trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/^www\./, "")
    .split(/[/?#:]/)[0];
  return w?.includes(".") ? w : undefined;
}

export const filterLeads = defineSkill({
  name: "leadgen.filter-leads",
  title: "Filter a CSV lead list by the ideal-customer profile, with reasons for every dropped row, and de-duplicate it",
  input,
  output,
  run: ({ csv: { header, rows }, index, icp, dedupe, requireEmail }) => {
    const leads: z.input<typeof lead>[] = [];
    const droppedRows: { row: number; reasons: string[] }[] = [];
    const counts = new Map<string, number>();
    const seen = new Map<string, number>();
    rows.forEach((cells, i) => {
      const row = i + 2; // as a spreadsheet numbers it, the header being row 1
      const get = (f: Field) => {
        const at = index[f];
        const v = at === undefined ? undefined : cells[at]?.trim();
        return v ? v : undefined;
      };
      if (cells.length !== header.length) {
        // A row with fields missing or extra has its values in the wrong columns: judge nothing.
        droppedRows.push({ row, reasons: [`${cells.length} fields where the header has ${header.length}`] });
        counts.set("malformed row", (counts.get("malformed row") ?? 0) + 1);
        return;
      }
      const why: [string, string][] = [];
      const industry = get("industry");
      if (icp.excludedIndustries.length && industry && icp.excludedIndustries.some((t) => wordsMatch(industry, t)))
        why.push(["excluded industry", `industry ${industry} is excluded`]);
      else if (icp.industries.length && !(industry && icp.industries.some((t) => wordsMatch(industry, t))))
        why.push(["industry", `industry ${industry ?? "missing"} is not targeted`]);
      const size = get("employees");
      if (icp.employees) {
        const band = size ? employeeBand(size) : undefined;
        const { min, max = Number.POSITIVE_INFINITY } = icp.employees;
        // A size band counts when it overlaps the range: vendors bucket sizes coarsely.
        if (!band) why.push(["company size", `employee count ${size ? `"${size}" unreadable` : "missing"}`]);
        else if (band[1] < min || band[0] > max)
          why.push(["company size", `${size} employees is outside ${min}–${Number.isFinite(max) ? max : "any"}`]);
      }
      const country = get("country");
      if (icp.regions.length && !(country && inRegions(country, icp.regions)))
        why.push(["region", `${country ?? "no country"} is outside ${icp.regions.join(", ")}`]);
      const jobTitle = get("title");
      const t = jobTitle ? title(jobTitle) : "";
      if (icp.excludeTitleKeywords.length && jobTitle && icp.excludeTitleKeywords.some((k) => wordsMatch(t, title(k))))
        why.push(["excluded title", `title ${jobTitle} is excluded`]);
      else if (icp.titleKeywords.length && !(jobTitle && icp.titleKeywords.some((k) => wordsMatch(t, title(k)))))
        why.push(["title", `title ${jobTitle ?? "missing"} matches no keyword`]);
      const rawEmail = get("email");
      const email = rawEmail ? checkEmail(rawEmail) : undefined;
      if (requireEmail && !email) why.push(["no e-mail", "no e-mail"]);
      else if (requireEmail && email && !email.ok) why.push(["invalid e-mail", `e-mail ${email.email}: ${email.problem}`]);
      if (why.length === 0) {
        // Only rows that pass take a key, so a dropped row never hides a later good one.
        const key = dedupe === "email" ? (email?.ok ? email.email : undefined) : domainOf(rawEmail, get("website"));
        const first = key ? seen.get(key) : undefined;
        if (first !== undefined)
          why.push(["duplicate", `duplicate of row ${first} (same ${dedupe === "email" ? "e-mail" : "domain"} ${key})`]);
        else if (key) seen.set(key, row);
      }
      if (why.length) {
        droppedRows.push({ row, reasons: why.map(([, detail]) => detail) });
        for (const [reason] of why) counts.set(reason, (counts.get(reason) ?? 0) + 1);
        return;
      }
      leads.push({
        row,
        ...(email?.ok ? { email: email.email } : {}),
        ...Object.fromEntries(
          (["firstName", "lastName", "company", "title", "industry", "employees", "country"] as const).flatMap((f) =>
            get(f) ? [[f, get(f)]] : [],
          ),
        ),
      });
    });
    return {
      rows: rows.length,
      kept: leads.length,
      dropped: droppedRows.length,
      columns: Object.fromEntries(Object.entries(index).map(([f, at]) => [f, header[at as number] as string])),
      reasons: [...counts.entries()]
        .map(([reason, n]) => ({ reason, rows: n }))
        .sort((a, b) => b.rows - a.rows || a.reason.localeCompare(b.reason)),
      leads,
      droppedRows,
    };
  },
  render: (o) =>
    [
      `## Lead list: ${o.kept} of ${o.rows} rows kept, ${o.dropped} dropped`,
      `Columns used: ${Object.entries(o.columns)
        .map(([f, h]) => `${f} = "${cell(h)}"`)
        .join(", ")}`,
      ...(o.reasons.length
        ? [
            "### Why rows were dropped",
            table(
              ["Reason", "Rows"],
              o.reasons.map((r) => [r.reason, r.rows]),
            ),
          ]
        : []),
      "### Kept leads",
      o.leads.length
        ? table(
            ["Row", "Name", "Title", "Company", "E-mail", "Country"],
            o.leads
              .slice(0, 50)
              .map((l) => [
                l.row,
                cell([l.firstName, l.lastName].filter(Boolean).join(" ")),
                cell(l.title ?? ""),
                cell(l.company ?? ""),
                cell(l.email ?? ""),
                cell(l.country ?? ""),
              ]),
          ) + (o.leads.length > 50 ? `\n\n…and ${o.leads.length - 50} more.` : "")
        : "None.",
      ...(o.droppedRows.length
        ? ["### Dropped rows", bullets(o.droppedRows.map((d) => `Row ${d.row}: ${cell(d.reasons.join("; "))}`))]
        : []),
    ].join("\n\n"),
});
