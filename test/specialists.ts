/** The platform's own 14 specialists (templates/), in catalogue order. */
export const SPECIALIST_SLUGS: readonly string[] = [
  "content-writer",
  "marketing-social",
  "marketing-seo",
  "marketing-email",
  "marketing-ppc",
  "marketing-brand",
  "marketing-influencer",
  "sales-sdr",
  "sales-ae",
  "sales-enablement",
  "sales-crm",
  "sales-leadgen",
  "support-triage",
  "support-success",
];
