import contentWriter from "./content-writer.json";
import marketingBrand from "./marketing-brand.json";
import marketingEmail from "./marketing-email.json";
import marketingInfluencer from "./marketing-influencer.json";
import marketingPpc from "./marketing-ppc.json";
import marketingSeo from "./marketing-seo.json";
import marketingSocial from "./marketing-social.json";
import salesAe from "./sales-ae.json";
import salesCrm from "./sales-crm.json";
import salesEnablement from "./sales-enablement.json";
import salesLeadgen from "./sales-leadgen.json";
import salesSdr from "./sales-sdr.json";
import supportSuccess from "./support-success.json";
import supportTriage from "./support-triage.json";
import wowvisionPrime from "./wowvision-prime.json";

/**
 * The specialists' roles, by Centre of Excellence: the organisation routes work to these exact
 * strings, and every one of them has a template below.
 */
export const SPECIALIST_ROLES = {
  marketing: [
    "vision-guardian",
    "content-marketing",
    "social-media",
    "seo",
    "email-marketing",
    "ppc-advertising",
    "brand-strategy",
    "influencer-marketing",
  ],
  sales: ["sdr", "account-executive", "sales-enablement", "crm-management", "lead-generation"],
  support: ["customer-success", "technical-support"],
} as const;

/**
 * Every agent template in templates/, as written (validate with `AgentDefinition`): the demo
 * catalogue publishes them all. Static imports, so the Worker's bundle carries them.
 * `npm run new-agent` adds its template to this list.
 */
export const TEMPLATES: readonly unknown[] = [
  // The seed's first agent: the vision guardian of a connected repository.
  wowvisionPrime,
  contentWriter,
  marketingSocial,
  marketingSeo,
  marketingEmail,
  marketingPpc,
  marketingBrand,
  marketingInfluencer,
  salesSdr,
  salesAe,
  salesEnablement,
  salesCrm,
  salesLeadgen,
  supportTriage,
  supportSuccess,
];
