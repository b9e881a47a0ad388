import { describe, expect, it } from "vitest";
import { exampleOf } from "../examples";
import { SkillRegistry } from "../../../src/skills/registry";
import { dedupeContacts, hygieneReport } from "../../../src/skills/sales/crm";
import { invalidField, ok } from "./helpers";

const registry = new SkillRegistry([dedupeContacts, hygieneReport]);

const messy = [
  {
    id: "c1",
    firstName: "JANE",
    lastName: "o'neil",
    email: " Jane.ONeil@Acme.co.uk ",
    phone: "020 7946 0958",
    company: "Acme Ltd.",
    title: "Head of Sales",
    updatedAt: "2026-03-01",
  },
  { id: "c2", name: "Jane O'Neil", email: "jane.oneil@acme.co.uk", company: "ACME LIMITED", title: "VP Sales", updatedAt: "2026-09-01" },
  { id: "c3", firstName: "Tom", lastName: "Baker", email: "info@acme.co.uk", phone: "+44 20 7946 0000", company: "Acme" },
  { id: "c4", firstName: "Sue", lastName: "Lee", email: "info@acme.co.uk", phone: "+44 20 7946 0000", company: "Acme" },
  { id: "c5", firstName: "Tom", lastName: "Baker", phone: "02079460000", title: "CFO" },
  { id: "c6", name: "Müller, Hans", email: "hans@mueller.de", phone: "030 901820", country: "DE", company: "Müller GmbH & Co. KG" },
  { id: "c7", firstName: "hans", lastName: "müller", email: "h.mueller@gmial.com", phone: "12", company: "Mueller" },
  { id: "c8", firstName: "Hans", lastName: "Müller", company: "müller gmbh", email: "" },
];

describe("crm.dedupe-contacts", () => {
  it("normalises e-mails, phones (E.164), companies and names, and merges duplicate clusters", () => {
    const { output, deliverable } = ok(registry, dedupeContacts, { kind: "dedupe", defaultCountry: "GB", contacts: messy });
    expect(output).toMatchObject({ total: 8, unique: 4, duplicatesRemoved: 4 });
    expect(output.clusters.map((c) => [c.survivor, c.merged, c.reasons])).toEqual([
      ["c1", ["c2"], ["same e-mail", "same name at the same company"]],
      // info@ is shared: Sue Lee stays apart from Tom Baker although both use it and the switchboard.
      ["c3", ["c5"], ["same phone and name"]],
      ["c6", ["c7", "c8"], ["same name at the same company"]],
    ]);
    // The fuller record survives; the newer title wins, and the conflict is listed.
    expect(output.clusters[0]?.record).toEqual({
      id: "c1",
      firstName: "Jane",
      lastName: "O'Neil",
      email: "jane.oneil@acme.co.uk",
      phone: "+442079460958",
      company: "Acme",
      title: "VP Sales",
      updatedAt: "2026-09-01",
    });
    expect(output.clusters[0]?.conflicts).toEqual(['title: took "VP Sales" (c2) over "Head of Sales" (c1)']);
    expect(output.clusters[2]?.record).toMatchObject({
      firstName: "Hans",
      lastName: "Müller",
      phone: "+4930901820",
      company: "Müller",
      email: "hans@mueller.de",
    });
    expect(output.contacts.map((c) => c.id)).toEqual(["c1", "c3", "c4", "c6"]);
    expect(output.contacts[1]).toMatchObject({ phone: "+442079460000", title: "CFO" });
    expect(output.issues).toEqual([
      { id: "c7", field: "email", problem: "the domain looks like a typo of gmail.com" },
      { id: "c7", field: "phone", problem: "not a valid number for GB" },
    ]);
    expect(deliverable).toContain("## Contact clean-up: 8 contacts → 4 unique");
    expect(deliverable).toContain(
      "| c1 | c2 | same e-mail; same name at the same company | Jane O'Neil | jane.oneil@acme.co.uk | +442079460958 | Acme |",
    );
    expect(deliverable).toContain("- c7: email the domain looks like a typo of gmail.com");
  });

  it("keeps phone extensions, numbers people without ids, and leaves distinct people alone", () => {
    const { output } = ok(registry, dedupeContacts, {
      defaultCountry: "US",
      contacts: [
        { firstName: "Ann", lastName: "Lee", phone: "+1 (415) 555-2671 ext. 12" },
        { firstName: "Bo", lastName: "Chan", phone: "415.555.2671 x 13" },
      ],
    });
    expect(output).toMatchObject({ unique: 2, duplicatesRemoved: 0, clusters: [] });
    expect(output.contacts).toEqual([
      { id: "#1", firstName: "Ann", lastName: "Lee", phone: "+14155552671", extension: "12" },
      { id: "#2", firstName: "Bo", lastName: "Chan", phone: "+14155552671", extension: "13" },
    ]);
  });

  it("on a shared switchboard merges only the same person, an initial only when it is unambiguous", () => {
    const phone = "+1 212 555 0100";
    const { output } = ok(registry, dedupeContacts, {
      defaultCountry: "US",
      contacts: [
        { id: "jane", firstName: "Jane", lastName: "Smith", phone },
        { id: "john", firstName: "John", lastName: "Smith", phone },
        { id: "j", firstName: "J.", lastName: "Smith", phone },
        { id: "ann", firstName: "Ann", lastName: "Lee", phone },
        { id: "a", firstName: "A", lastName: "LEE", phone },
        { id: "nameless", email: "desk@example.com", phone },
      ],
    });
    expect(output.clusters.map((c) => [c.survivor, c.merged])).toEqual([["ann", ["a"]]]);
    expect(output.unique).toBe(5);
  });

  it("reports bad input with the field", () => {
    expect(invalidField(registry, "crm.dedupe-contacts", { defaultCountry: "GB", contacts: [] })).toBe("contacts");
    expect(invalidField(registry, "crm.dedupe-contacts", { contacts: messy })).toBe("defaultCountry");
    expect(invalidField(registry, "crm.dedupe-contacts", { defaultCountry: "UK", contacts: messy })).toBe("defaultCountry");
    expect(
      invalidField(registry, "crm.dedupe-contacts", { defaultCountry: "GB", contacts: [...messy, { company: "Acme", title: "CEO" }] }),
    ).toBe("contacts[8]");
    expect(invalidField(registry, "crm.dedupe-contacts", { defaultCountry: "GB", contacts: [{ email: 42 }] })).toBe("contacts[0].email");
    expect(invalidField(registry, "crm.dedupe-contacts", { defaultCountry: "GB", contacts: [{ email: `${"x".repeat(320)}@a.com` }] })).toBe(
      "contacts[0].email",
    );
    const many = Array.from({ length: 5001 }, (_, i) => ({ email: `p${i}@acme.com` }));
    expect(invalidField(registry, "crm.dedupe-contacts", { defaultCountry: "GB", contacts: many })).toBe("contacts");
  });

  it("de-duplicates 5,000 contacts", () => {
    const contacts = Array.from({ length: 5000 }, (_, i) => ({
      firstName: `Person${i % 2500}`,
      lastName: "Switchboard",
      email: `p${i % 2500}@acme.com`,
      phone: "+44 20 7946 0000",
    }));
    const { output } = ok(registry, dedupeContacts, { defaultCountry: "GB", contacts });
    expect(output).toMatchObject({ unique: 2500, duplicatesRemoved: 2500 });
  });
});

describe("crm.hygiene-report", () => {
  const contacts = exampleOf(hygieneReport).contacts;

  it("finds invalid, missing, stale, shared, personal and duplicate records and scores health", () => {
    const { output, deliverable } = ok(registry, hygieneReport, { now: "2026-12-01T00:00:00Z", defaultCountry: "US", contacts });
    expect(output.findings.map((f) => [f.severity, f.code, f.count, f.ids])).toEqual([
      ["high", "duplicate", 1, ["a5"]],
      ["high", "invalid-email", 1, ["a2"]],
      ["medium", "stale", 2, ["a2", "a5"]],
      ["medium", "invalid-phone", 1, ["a3"]],
      ["medium", "missing-company", 1, ["a4"]],
      ["medium", "missing-title", 1, ["a3"]],
      ["medium", "role-mailbox", 1, ["a3"]],
      ["low", "formatting", 3, ["a1", "a2", "a5"]],
      ["low", "free-mail", 1, ["a4"]],
      ["low", "undated", 1, ["a4"]],
    ]);
    // Only a1 is free of high and medium findings.
    expect(output.health).toBe(20);
    expect(output.completeness.find((c) => c.field === "phone")).toEqual({ field: "phone", filled: 2, share: 0.4 });
    expect(deliverable).toContain("## CRM hygiene: health 20/100 across 5 contacts");
    expect(deliverable).toContain("| medium | no activity or update for over 180 days | 2 | 40% | a2, a5 |");
    expect(deliverable).toContain("| phone | 2 | 40% |");
  });

  it("follows the chosen staleness window and required fields", () => {
    const { output } = ok(registry, hygieneReport, {
      now: "2026-12-01T00:00:00Z",
      defaultCountry: "US",
      staleAfterDays: 365,
      requiredFields: ["email", "phone"],
      contacts,
    });
    expect(output.findings.find((f) => f.code === "stale")?.ids).toEqual(["a2"]);
    expect(output.findings.find((f) => f.code === "missing-phone")).toMatchObject({
      severity: "medium",
      count: 3,
      ids: ["a2", "a4", "a5"],
    });
    expect(output.findings.some((f) => f.code === "missing-title")).toBe(false);
  });

  it("reports bad input with the field", () => {
    const base = { now: "2026-12-01T00:00:00Z", defaultCountry: "US", contacts };
    expect(invalidField(registry, "crm.hygiene-report", { ...base, now: undefined })).toBe("now");
    expect(invalidField(registry, "crm.hygiene-report", { ...base, staleAfterDays: 7 })).toBe("staleAfterDays");
    expect(invalidField(registry, "crm.hygiene-report", { ...base, requiredFields: ["email", "email"] })).toBe("requiredFields");
    expect(invalidField(registry, "crm.hygiene-report", { ...base, requiredFields: ["fax"] })).toBe("requiredFields[0]");
    expect(invalidField(registry, "crm.hygiene-report", { ...base, contacts: [{ id: "x" }] })).toBe("contacts[0]");
    expect(invalidField(registry, "crm.hygiene-report", { ...base, contacts: [{ email: "a@b.co", updatedAt: "yesterday" }] })).toBe(
      "contacts[0].updatedAt",
    );
  });
});
