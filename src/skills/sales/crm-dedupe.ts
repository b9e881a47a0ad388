import { z } from "zod";
import { defineSkill } from "../skill";
import { type CountryCode, fold } from "./lib/contact";
import { clusters, contactList, country, type NormalContact, type Normalised, normalContact, normalise } from "./lib/contact-record";
import { bullets, cell, table } from "./lib/format";

/**
 * `crm.dedupe-contacts`: a contact list cleaned (e-mails lowercased and checked, phones in
 * E.164, company names without legal forms, names cased) and de-duplicated: each cluster of
 * duplicates gives one surviving record (the most complete, then the most recently updated),
 * each field taken from the newest record that has it, and the conflicting values listed.
 */

const input = z.object({
  defaultCountry: country.describe("how to read phone numbers without a + prefix"),
  contacts: contactList,
});

const output = z.object({
  total: z.number().int(),
  unique: z.number().int(),
  duplicatesRemoved: z.number().int(),
  normalised: z.number().int().describe("contacts with at least one field changed"),
  clusters: z.array(
    z.object({
      survivor: z.string(),
      merged: z.array(z.string()),
      reasons: z.array(z.string()),
      record: normalContact,
      conflicts: z.array(z.string()),
    }),
  ),
  issues: z.array(z.object({ id: z.string(), field: z.enum(["email", "phone"]), problem: z.string() })),
  contacts: z.array(normalContact).describe("the de-duplicated list, survivors merged"),
});

const fields = ["firstName", "lastName", "email", "phone", "company", "title"] as const;
const filled = (n: Normalised) => fields.filter((f) => n.contact[f] && !n.issues.some((i) => i.field === f)).length;

export const dedupeContacts = defineSkill({
  name: "crm.dedupe-contacts",
  title: "Normalise and de-duplicate CRM contacts: E.164 phones, checked e-mails, clean company names, merged duplicates",
  input,
  output,
  run: ({ defaultCountry, contacts }) => {
    const list = contacts.map((c, i) => normalise(c, i, defaultCountry as CountryCode));
    const found = clusters(list);
    const dropped = new Set<number>();
    const replaced = new Map<number, NormalContact>();
    const out = found.map(({ members, reasons }) => {
      // The survivor: most complete, then most recently updated, then first in the list.
      const when = (i: number) => Date.parse((list[i] as Normalised).contact.updatedAt ?? "") || 0;
      const ranked = [...members].sort(
        (a, b) => filled(list[b] as Normalised) - filled(list[a] as Normalised) || when(b) - when(a) || a - b,
      );
      const head = ranked[0] as number;
      const record: NormalContact = { ...(list[head] as Normalised).contact };
      const conflicts: string[] = [];
      // Each field from the most recently updated record that has a valid value for it: a
      // newer title or phone is likelier to be right than the fuller record's old one.
      const newest = [...ranked].sort((a, b) => when(b) - when(a));
      for (const f of fields) {
        const holders = newest.filter(
          (i) => (list[i] as Normalised).contact[f] && !(list[i] as Normalised).issues.some((x) => x.field === f),
        );
        const pick = holders[0];
        if (pick === undefined) continue;
        const chosen = (list[pick] as Normalised).contact;
        // The same value written differently keeps the survivor's spelling.
        if (fold(record[f] ?? "") !== fold(chosen[f] ?? "")) record[f] = chosen[f];
        if (f === "phone") record.extension = chosen.extension;
        for (const i of holders.slice(1)) {
          const other = (list[i] as Normalised).contact;
          if (fold(other[f] ?? "") !== fold(chosen[f] ?? ""))
            conflicts.push(`${f}: took "${chosen[f]}" (${chosen.id}) over "${other[f]}" (${other.id})`);
        }
      }
      if (!record.extension) delete record.extension;
      const latest = (list[newest[0] as number] as Normalised).contact.updatedAt;
      if (latest) record.updatedAt = latest;
      for (const i of ranked.slice(1)) dropped.add(i);
      replaced.set(head, record);
      return { survivor: record.id, merged: ranked.slice(1).map((i) => (list[i] as Normalised).contact.id), reasons, record, conflicts };
    });
    const unique = list.flatMap((n, i) => (dropped.has(i) ? [] : [replaced.get(i) ?? n.contact]));
    return {
      total: list.length,
      unique: unique.length,
      duplicatesRemoved: dropped.size,
      normalised: list.filter((n) => n.changed.length > 0).length,
      clusters: out,
      issues: list.flatMap((n) => n.issues),
      contacts: unique,
    };
  },
  render: (o) =>
    [
      `## Contact clean-up: ${o.total} contacts → ${o.unique} unique`,
      `${o.duplicatesRemoved} duplicates merged in ${o.clusters.length} clusters · ${o.normalised} contacts normalised · ${o.issues.length} invalid values`,
      ...(o.clusters.length
        ? [
            "### Duplicates merged",
            table(
              ["Survivor", "Merged", "Why", "Name", "E-mail", "Phone", "Company"],
              o.clusters
                .slice(0, 30)
                .map((c) => [
                  cell(c.survivor),
                  cell(c.merged.join(", ")),
                  c.reasons.join("; "),
                  cell([c.record.firstName, c.record.lastName].filter(Boolean).join(" ")),
                  cell(c.record.email ?? ""),
                  c.record.phone ?? "",
                  cell(c.record.company ?? ""),
                ]),
            ),
            ...(o.clusters.length > 30 ? [`…and ${o.clusters.length - 30} more clusters.`] : []),
          ]
        : ["No duplicates found."]),
      ...(o.clusters.some((c) => c.conflicts.length)
        ? ["### Conflicting values to check", bullets(o.clusters.flatMap((c) => c.conflicts.map((x) => `${cell(c.survivor)}: ${cell(x)}`)))]
        : []),
      ...(o.issues.length
        ? ["### Invalid values (kept as entered)", bullets(o.issues.map((i) => `${cell(i.id)}: ${i.field} ${cell(i.problem)}`))]
        : []),
    ].join("\n\n"),
});
