import type { AgentDefinitionInput } from "../../src/schemas/identity";
import { unique } from "../unique";

// Small specialists for the organisation's tests and its bench (load F), free of workerd imports:
// an SDR that scores a lead and hands a qualified one to an account executive, who plans the close; a content marketer that asks SEO
// to audit a draft and finishes when the audit comes back.

const listing = (description: string) => ({
  description,
  priceUsdPerMonth: 49,
  trial: { days: 7, budgetUsd: 1, maxTasks: 20 },
  sampleOutputs: [],
});

const when = (kind: string) => ({ conditions: [{ path: "payload.inputs.kind", op: "eq" as const, value: kind }] });

function definition(slug: string, coe: "sales" | "marketing", role: string, rules: AgentDefinitionInput["specialization"]["rules"]) {
  return {
    slug,
    specialization: {
      coe,
      role,
      capabilities: [role],
      rules,
      subscriptions: [{ event: "schedule.tick" as const, subject: `never:${slug}` }],
    },
    personality: { displayName: `${role} ${slug}`, tagline: `A ${role}`, tone: "plain", languages: ["en"] },
    listing: listing(`A ${role} for the organisation's tests.`),
  } satisfies AgentDefinitionInput;
}

export function sdr(slug = unique("org-sdr")) {
  return definition(slug, "sales", "sdr", [
    {
      id: "qualify-and-hand-on",
      when: when("qualify-lead"),
      then: {
        action: "delegate",
        reason: "a sales-qualified lead goes to an account executive",
        skill: "sdr.score-lead",
        delegateTo: "account-executive",
        delegateWhen: [{ path: "output.verdict", op: "eq", value: "SQL" }],
        handoff: { kind: "plan-close" },
      },
    },
  ]);
}

export function accountExecutive(slug = unique("org-ae")) {
  return definition(slug, "sales", "account-executive", [
    { id: "plan-close", when: when("plan-close"), then: { action: "act", reason: "plan the close", skill: "ae.plan-close" } },
    { id: "too-big", when: when("escalate-me"), then: { action: "escalate", reason: "a deal this size needs the sales director" } },
  ]);
}

export function contentMarketer(slug = unique("org-content")) {
  return definition(slug, "marketing", "content-marketing", [
    // First: the audit coming back also carries the task's inputs (kind review-draft).
    { id: "audit-back", when: { type: "handoff.completed" }, then: { action: "act", reason: "the draft is reviewed, with SEO's audit" } },
    {
      id: "review-with-seo",
      when: when("review-draft"),
      then: {
        action: "delegate",
        reason: "check the draft's readability and ask SEO for an audit",
        skill: "content.readability-check",
        delegateTo: "seo",
        handoff: { type: "request", kind: "seo-audit" },
      },
    },
  ]);
}

export function seoSpecialist(slug = unique("org-seo")) {
  return definition(slug, "marketing", "seo", [
    { id: "audit", when: when("seo-audit"), then: { action: "act", reason: "audit the page", skill: "seo.on-page-audit" } },
  ]);
}

/** A qualified lead, and the deal the account executive plans if it is passed on. */
export const QUALIFIED_LEAD = {
  kind: "qualify-lead",
  lead: { company: "Nordwind GmbH", authority: "economic-buyer", need: "critical", timelineMonths: 2, budget: 80_000 },
  now: "2026-12-01T09:00:00Z",
  deal: "Nordwind GmbH platform",
  closeDate: "2027-03-31",
};

export const DRAFT = [
  "# Remote onboarding checklist",
  "",
  "Remote onboarding works when new hires know what to do on day one. This remote onboarding checklist covers accounts, people and the first project.",
  "",
  "Send the laptop a week early. Book a call with the manager. Give them one small task they can finish in a day.",
].join("\n");
