/** The platform's own 15 specialists (templates/), in catalogue order: WowVision Prime, the seed's first agent, leads. */
export const SPECIALIST_SLUGS: readonly string[] = [
  "wowvision-prime",
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
