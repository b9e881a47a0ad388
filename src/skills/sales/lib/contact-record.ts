import { z } from "zod";
import {
  type CountryCode,
  checkEmail,
  checkPhone,
  companyKey,
  fold,
  isCountryCode,
  normaliseCompany,
  normalisePersonName,
} from "./contact";
import { dateOrTime } from "./stages";

/**
 * A CRM contact as exported (any field may be empty), its normalised form, and duplicate
 * clusters. Shared by crm.dedupe-contacts and crm.hygiene-report.
 */

const field = (max: number) => z.string().trim().max(max).optional();
export const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { message: "an ISO 3166 two-letter country code such as US, GB or DE" });

export const contactInput = z
  .object({
    id: z.string().trim().min(1).max(64).optional(),
    firstName: field(100),
    lastName: field(100),
    name: field(200).describe("the full name, when there are no separate first and last names"),
    email: field(320),
    phone: field(50),
    country: country.optional().describe("overrides the default country for this contact's phone"),
    company: field(200),
    title: field(200),
    updatedAt: dateOrTime.optional(),
    lastActivityAt: dateOrTime.optional(),
  })
  .refine((c) => c.firstName || c.lastName || c.name || c.email || c.phone, {
    message: "a contact needs at least a name, an e-mail or a phone number",
  });
export type ContactInput = z.infer<typeof contactInput>;

/** Every contact list skill takes at most this many: 5,000 rows normalise in a few milliseconds. */
export const contactList = z.array(contactInput).min(1).max(5000);

export const normalContact = z.object({
  id: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  extension: z.string().optional(),
  company: z.string().optional(),
  title: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type NormalContact = z.infer<typeof normalContact>;
export type Issue = { id: string; field: "email" | "phone"; problem: string };

export interface Normalised {
  contact: NormalContact;
  issues: Issue[];
  changed: string[];
  role: boolean;
  freeMail: boolean;
  raw: ContactInput;
}

export function normalise(raw: ContactInput, index: number, defaultCountry: CountryCode): Normalised {
  const id = raw.id ?? `#${index + 1}`;
  const contact: NormalContact = { id };
  const issues: Issue[] = [];
  const changed: string[] = [];
  const set = (k: keyof NormalContact, before: string | undefined, after: string | undefined) => {
    if (!after) return;
    contact[k] = after;
    if (before !== after) changed.push(k);
  };
  let first = raw.firstName;
  let last = raw.lastName;
  if (!first && !last && raw.name) {
    // "Smith, Jane" is last-name first; otherwise the first word is the given name.
    const comma = raw.name.split(",").map((s) => s.trim());
    const words = raw.name.split(/\s+/);
    [first, last] = comma.length === 2 ? [comma[1], comma[0]] : [words[0], words.slice(1).join(" ") || undefined];
  }
  set("firstName", raw.firstName, first ? normalisePersonName(first) : undefined);
  set("lastName", raw.lastName, last ? normalisePersonName(last) : undefined);
  let role = false;
  let freeMail = false;
  if (raw.email) {
    const e = checkEmail(raw.email);
    set("email", raw.email, e.email);
    if (e.ok) ({ role, freeMail } = e);
    else issues.push({ id, field: "email", problem: e.problem });
  }
  if (raw.phone) {
    const p = checkPhone(raw.phone, (raw.country as CountryCode | undefined) ?? defaultCountry);
    if (p.ok) {
      set("phone", raw.phone, p.e164);
      if (p.extension) contact.extension = p.extension;
    } else {
      contact.phone = raw.phone;
      issues.push({ id, field: "phone", problem: p.problem });
    }
  }
  if (raw.company) set("company", raw.company, normaliseCompany(raw.company));
  if (raw.title) set("title", raw.title, raw.title.replace(/\s+/g, " "));
  if (raw.updatedAt) contact.updatedAt = raw.updatedAt;
  return { contact, issues, changed, role, freeMail, raw };
}

export type Cluster = { members: number[]; reasons: string[] };

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/**
 * Duplicate clusters (indexes into `list`), linked by: the same personal e-mail; the same phone
 * or shared mailbox with a matching name (a switchboard or info@ is shared by colleagues); the
 * same full name at the same company. Nameless records sharing a phone join only when one
 * person owns that number. Linear in the number of contacts.
 */
export function clusters(list: readonly Normalised[]): Cluster[] {
  const parent = list.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const links: { a: number; b: number; reason: string }[] = [];
  const link = (a: number, b: number, reason: string) => {
    links.push({ a, b, reason });
    parent[find(b)] = find(a);
  };
  const groups = (keyOf: (n: Normalised) => string | undefined) => {
    const m = new Map<string, number[]>();
    for (const [i, n] of list.entries()) {
      const k = keyOf(n);
      if (k) push(m, k, i);
    }
    return m;
  };
  // Within a shared e-mail or phone, people match by name: the same last name and first name,
  // or a first initial ("J.") that fits exactly one first name. Nameless records join only
  // when one person holds the number.
  const byPerson = (members: number[], reason: string) => {
    const people = new Map<string, number[]>();
    const initials = new Map<string, number[]>();
    const nameless: number[] = [];
    for (const i of members) {
      const c = (list[i] as Normalised).contact;
      const first = fold(c.firstName ?? "");
      if (!c.lastName) nameless.push(i);
      else push(first.length > 1 ? people : initials, `${fold(c.lastName)}|${first}`, i);
    }
    const fullByInitial = new Map<string, string[]>();
    for (const k of people.keys()) push(fullByInitial, k.slice(0, k.indexOf("|") + 2), k);
    for (const [k, same] of initials) {
      const full = fullByInitial.get(k);
      if (full?.length === 1) (people.get(full[0] as string) as number[]).push(...same);
      else if (!full) people.set(k, same);
    }
    for (const same of people.values()) for (const i of same.slice(1)) link(same[0] as number, i, reason);
    const only = people.size === 1 ? [...people.values()][0]?.[0] : people.size === 0 ? nameless[0] : undefined;
    if (only !== undefined) for (const i of nameless) if (i !== only) link(only, i, reason);
  };
  for (const [, m] of groups((n) => (n.issues.some((x) => x.field === "email") ? undefined : n.contact.email))) {
    if ((list[m[0] as number] as Normalised).role) byPerson(m, "same shared mailbox and name");
    else for (const i of m.slice(1)) link(m[0] as number, i, "same e-mail");
  }
  const phoneKey = (n: Normalised) =>
    n.contact.phone && !n.issues.some((x) => x.field === "phone") ? `${n.contact.phone}x${n.contact.extension ?? ""}` : undefined;
  for (const [, m] of groups(phoneKey)) byPerson(m, "same phone and name");
  const nameCompany = (n: Normalised) =>
    n.contact.firstName && n.contact.lastName && n.contact.company
      ? `${fold(n.contact.firstName)}|${fold(n.contact.lastName)}|${companyKey(n.contact.company)}`
      : undefined;
  for (const [, m] of groups(nameCompany)) for (const i of m.slice(1)) link(m[0] as number, i, "same name at the same company");

  const out = new Map<number, Cluster>();
  for (const { a, reason } of links) {
    const root = find(a);
    const c = out.get(root) ?? { members: [], reasons: [] };
    if (!c.reasons.includes(reason)) c.reasons.push(reason);
    out.set(root, c);
  }
  for (const i of list.keys()) out.get(find(i))?.members.push(i);
  return [...out.values()].filter((c) => c.members.length > 1).sort((x, y) => (x.members[0] as number) - (y.members[0] as number));
}
