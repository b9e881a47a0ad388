import type { CentreOfExcellence } from "../schemas/identity";
import type { RaciEntry, RaciMatrix } from "../schemas/organisation";

const row = (responsible: string, accountable: string, consulted: string[], informed: string[], kind?: string): RaciEntry => ({
  responsible,
  accountable,
  consulted,
  informed,
  ...(kind ? { kind } : {}),
});

/**
 * Who does what in each Centre of Excellence, as data: for each task type, the role that does
 * the work (Responsible), the role that answers for it (Accountable), the roles asked
 * (Consulted) and told (Informed). A coordinator routes a task to the customer's least loaded
 * agent in the Responsible role.
 */
export const RACI: Record<CentreOfExcellence, RaciMatrix> = {
  marketing: {
    coe: "marketing",
    tasks: {
      "content-review": row("content-marketing", "brand-strategy", ["seo"], ["social-media"], "seo-review"),
      "content-brief": row("content-marketing", "brand-strategy", ["seo"], [], "content-brief"),
      "seo-audit": row("seo", "content-marketing", [], ["content-marketing"], "seo-audit"),
      "social-post": row("social-media", "brand-strategy", ["brand-strategy"], ["content-marketing"], "post-check"),
      "email-campaign": row("email-marketing", "brand-strategy", ["content-marketing"], [], "subject-lines"),
      "ppc-review": row("ppc-advertising", "brand-strategy", [], ["email-marketing"], "budget-pacing"),
      "brand-review": row("brand-strategy", "brand-strategy", ["content-marketing"], ["social-media"], "vocabulary-check"),
      "influencer-shortlist": row("influencer-marketing", "brand-strategy", ["social-media"], [], "creator-shortlist"),
      // Files checked against a repository's vision without a GitHub connection (WowVision Prime).
      "vision-check": row("vision-guardian", "brand-strategy", [], ["content-marketing"], "vision-check"),
    },
  },
  sales: {
    coe: "sales",
    tasks: {
      "inbound-lead": row("sdr", "account-executive", ["lead-generation"], ["crm-management"], "qualify-lead"),
      "deal-review": row("account-executive", "account-executive", ["sales-enablement"], ["crm-management"], "deal-review"),
      battlecard: row("sales-enablement", "account-executive", ["account-executive"], ["sdr"], "battlecard"),
      "crm-cleanup": row("crm-management", "account-executive", [], ["sdr"], "dedupe-contacts"),
      "lead-list": row("lead-generation", "sdr", ["crm-management"], ["sdr"], "lead-list"),
    },
  },
  support: {
    coe: "support",
    tasks: {
      ticket: row("technical-support", "customer-success", [], ["customer-success"], "classify-ticket"),
      "account-health": row("customer-success", "customer-success", ["technical-support"], [], "health-score"),
    },
  },
};

/** The CoE each role of the RACI matrices belongs to. */
const COE_OF_ROLE = new Map<string, CentreOfExcellence>(
  Object.values(RACI).flatMap((m) =>
    Object.values(m.tasks).flatMap((r) =>
      [r.responsible, r.accountable, ...r.consulted, ...r.informed].map((role) => [role, m.coe] as const),
    ),
  ),
);

/** The CoE a role belongs to, when the RACI matrices name it. */
export function coeOfRole(role: string): CentreOfExcellence | undefined {
  return COE_OF_ROLE.get(role);
}
