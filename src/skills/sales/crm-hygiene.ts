import { z } from "zod";
import { defineSkill } from "../skill";
import type { CountryCode } from "./lib/contact";
import { clusters, contactList, country, type Normalised, normalise } from "./lib/contact-record";
import { cell, daysBetween, percent, round, severity, severityRank, table } from "./lib/format";

/**
 * `crm.hygiene-report`: the state of a contact database: invalid and missing values, stale
 * records (no activity or update within `staleAfterDays` of `now`), duplicates, shared and
 * personal mailboxes, and values that only need reformatting, with how complete each field is
 * and a health score (the share of records free of high and medium findings).
 */

const fieldNames = ["firstName", "lastName", "email", "phone", "company", "title"] as const;
type Field = (typeof fieldNames)[number];

const input = z.object({
  now: z.iso.datetime({ offset: true }),
  defaultCountry: country.describe("how to read phone numbers without a + prefix"),
  // B2B contact data decays by roughly a quarter a year (people change jobs), so a record
  // untouched for six months is as likely wrong as right.
  staleAfterDays: z.number().int().min(30).max(1095).default(180),
  requiredFields: z
    .array(z.enum(fieldNames))
    .max(fieldNames.length)
    .refine((f) => new Set(f).size === f.length, { message: "list each field once" })
    .default(["firstName", "lastName", "email", "company", "title"]),
  contacts: contactList,
});

const MAX_IDS = 500;
const output = z.object({
  total: z.number().int(),
  health: z.number().int().min(0).max(100),
  completeness: z.array(z.object({ field: z.enum(fieldNames), filled: z.number().int(), share: z.number() })),
  findings: z.array(
    z.object({
      severity,
      code: z.string(),
      finding: z.string(),
      count: z.number().int(),
      share: z.number(),
      ids: z.array(z.string()).max(MAX_IDS),
    }),
  ),
});

const labels: Record<Field, string> = {
  firstName: "first name",
  lastName: "last name",
  email: "e-mail",
  phone: "phone",
  company: "company",
  title: "job title",
};

export const hygieneReport = defineSkill({
  name: "crm.hygiene-report",
  title: "Report on CRM data hygiene: invalid and missing fields, stale records, duplicates and a health score",
  input,
  output,
  run: ({ now, defaultCountry, staleAfterDays, requiredFields, contacts }) => {
    const list = contacts.map((c, i) => normalise(c, i, defaultCountry as CountryCode));
    const found = new Map<string, { severity: z.infer<typeof severity>; finding: string; hits: Set<number> }>();
    const flag = (code: string, s: z.infer<typeof severity>, finding: string, i: number) => {
      const f = found.get(code) ?? { severity: s, finding, hits: new Set<number>() };
      f.hits.add(i);
      found.set(code, f);
    };
    const has = (n: Normalised, f: Field) => Boolean(n.contact[f]);
    list.forEach((n, i) => {
      for (const issue of n.issues) {
        if (issue.field === "email") flag("invalid-email", "high", "invalid e-mail addresses (they bounce and hurt sender reputation)", i);
        else flag("invalid-phone", "medium", "phone numbers that are not valid for their country", i);
      }
      for (const f of requiredFields) {
        // Without an e-mail a contact cannot be sequenced at all.
        if (!has(n, f)) flag(`missing-${f}`, f === "email" ? "high" : "medium", `missing ${labels[f]}`, i);
      }
      const last = n.raw.lastActivityAt ?? n.raw.updatedAt;
      if (!last) flag("undated", "low", "no activity or update date", i);
      else if (daysBetween(last, now) > staleAfterDays) flag("stale", "medium", `no activity or update for over ${staleAfterDays} days`, i);
      if (n.role) flag("role-mailbox", "medium", "shared mailboxes (info@, sales@) instead of a person", i);
      if (n.freeMail) flag("free-mail", "low", "personal free-mail addresses (gmail, outlook...) on business contacts", i);
      if (n.changed.length > 0) flag("formatting", "low", "values that only need reformatting (casing, phone format, legal suffixes)", i);
    });
    for (const c of clusters(list))
      for (const i of c.members.slice(1)) flag("duplicate", "high", "duplicates of another contact (merge them)", i);

    const total = list.length;
    const serious = new Set<number>();
    for (const f of found.values()) if (f.severity !== "low") for (const i of f.hits) serious.add(i);
    const findings = [...found.entries()]
      .map(([code, f]) => ({
        severity: f.severity,
        code,
        finding: f.finding,
        count: f.hits.size,
        share: round(f.hits.size / total, 3),
        ids: [...f.hits].slice(0, MAX_IDS).map((i) => (list[i] as Normalised).contact.id),
      }))
      .sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || b.count - a.count || a.code.localeCompare(b.code));
    return {
      total,
      health: Math.round(((total - serious.size) / total) * 100),
      completeness: fieldNames.map((field) => {
        const filled = list.filter((n) => has(n, field)).length;
        return { field, filled, share: round(filled / total, 3) };
      }),
      findings,
    };
  },
  render: (o) =>
    [
      `## CRM hygiene: health ${o.health}/100 across ${o.total} contacts`,
      o.findings.length
        ? table(
            ["Severity", "Finding", "Records", "Share", "Examples"],
            o.findings.map((f) => [
              f.severity,
              f.finding,
              f.count,
              percent(f.share),
              cell(f.ids.slice(0, 5).join(", ") + (f.count > 5 ? ", …" : "")),
            ]),
          )
        : "No findings: the data is clean.",
      "### Field completeness",
      table(
        ["Field", "Filled", "Share"],
        o.completeness.map((c) => [labels[c.field], c.filled, percent(c.share)]),
      ),
    ].join("\n\n"),
});
