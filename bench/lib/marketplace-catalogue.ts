/**
 * Load E's catalogue and query mix, deterministic for a seed: listed definitions with varied
 * CoE, role, industries, languages, skills, prices and descriptive text, and the catalogue
 * searches a browsing customer makes (text, filters, sorts, a second page). The bench also
 * models the non-text queries client-side (filters, sort, keyset page) to check what the
 * platform answers.
 */
import { prng } from "./decisions-trace";

export type Coe = "marketing" | "sales" | "support";

/** A listed definition as `POST /v1/admin/definitions` takes it (the fields the bench sets). */
export interface ListedDefinition {
  slug: string;
  version: number;
  specialization: {
    coe: Coe;
    role: string;
    capabilities: string[];
    rules: { id: string; when: { type: string }; then: { action: "act"; reason: string } }[];
    subscriptions: { event: string; subject?: string }[];
  };
  personality: { displayName: string; tagline: string; tone: string; industries: string[]; languages: string[] };
  defaults: { model: string; budget: { usdPerMonth: number } };
  listing: {
    description: string;
    priceUsdPerMonth: number;
    trial: { days: number; budgetUsd: number; maxTasks: number };
    responseTargetSeconds: number;
    sampleOutputs: { title: string; body: string }[];
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

/** `count` distinct items of `items` (all of them when count ≥ length), in draw order. */
function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0] as T);
  return out;
}

export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

interface RoleSpec {
  coe: Coe;
  role: string;
  title: string;
  skills: readonly string[];
  /** What the agent does, for the description ("drafts …"). */
  does: string;
  prices: readonly number[];
}

const ROLES: readonly RoleSpec[] = [
  {
    coe: "marketing",
    role: "content-writer",
    title: "Content Writer",
    skills: ["blog posts", "release notes", "newsletters", "case studies", "landing pages"],
    does: "drafts articles, release notes and newsletters in your brand voice",
    prices: [29, 39, 49, 59],
  },
  {
    coe: "marketing",
    role: "seo",
    title: "SEO Specialist",
    skills: ["keyword research", "technical seo", "content audits", "link building"],
    does: "finds the searches your buyers make and fixes the pages that should rank for them",
    prices: [59, 79, 99],
  },
  {
    coe: "marketing",
    role: "social-media",
    title: "Social Media Manager",
    skills: ["social copy", "community replies", "campaign calendars", "trend monitoring"],
    does: "plans campaigns, writes posts and answers your community every day",
    prices: [29, 39, 49],
  },
  {
    coe: "marketing",
    role: "email-marketing",
    title: "Email Marketer",
    skills: ["drip campaigns", "a/b tests", "segmentation", "newsletters"],
    does: "builds drip campaigns, segments lists and tests subject lines",
    prices: [39, 49, 69],
  },
  {
    coe: "sales",
    role: "sdr",
    title: "Sales Development Rep",
    skills: ["cold outreach", "lead qualification", "meeting booking", "follow-ups"],
    does: "researches accounts, writes personal outreach and books qualified meetings",
    prices: [99, 129, 149],
  },
  {
    coe: "sales",
    role: "account-executive",
    title: "Account Executive",
    skills: ["negotiation", "proposals", "product demos", "renewals"],
    does: "runs discovery, writes proposals and keeps deals moving to signature",
    prices: [149, 199, 249],
  },
  {
    coe: "sales",
    role: "sales-ops",
    title: "Sales Operations Analyst",
    skills: ["crm hygiene", "pipeline reports", "forecasting", "territory planning"],
    does: "keeps the CRM clean and sends the pipeline report before every forecast call",
    prices: [79, 99, 129],
  },
  {
    coe: "sales",
    role: "lead-research",
    title: "Lead Researcher",
    skills: ["prospect lists", "data enrichment", "market mapping"],
    does: "maps your market and delivers enriched prospect lists every week",
    prices: [49, 69, 89],
  },
  {
    coe: "support",
    role: "triage",
    title: "Support Triage",
    skills: ["ticket triage", "routing", "sla tracking", "spam filtering"],
    does: "reads every ticket, routes it to the right queue and flags SLA risks",
    prices: [19, 29, 39],
  },
  {
    coe: "support",
    role: "billing",
    title: "Billing Specialist",
    skills: ["refunds", "invoices", "dunning", "subscription changes"],
    does: "answers billing questions, issues refunds within policy and chases failed payments",
    prices: [39, 49, 59],
  },
  {
    coe: "support",
    role: "technical-support",
    title: "Technical Support Engineer",
    skills: ["bug reproduction", "log analysis", "api troubleshooting", "workarounds"],
    does: "reproduces bugs, reads logs and answers API questions with working examples",
    prices: [79, 99, 149],
  },
  {
    coe: "support",
    role: "onboarding",
    title: "Onboarding Guide",
    skills: ["setup guides", "account setup", "training sessions", "data imports"],
    does: "walks new customers through setup, imports their data and trains their team",
    prices: [49, 59, 79],
  },
  {
    coe: "support",
    role: "returns",
    title: "Returns Coordinator",
    skills: ["returns", "exchanges", "shipping claims", "order status"],
    does: "handles returns, exchanges and carrier claims so refunds go out on time",
    prices: [29, 39, 49],
  },
];

const NAMES = [
  "Maya",
  "Sam",
  "Sid",
  "Ada",
  "Tia",
  "Bea",
  "Noah",
  "Lina",
  "Omar",
  "Priya",
  "Kofi",
  "Hana",
  "Ivan",
  "Jonas",
  "Elena",
  "Rafael",
  "Sofia",
  "Mateo",
  "Aiko",
  "Lars",
  "Zara",
  "Felix",
  "Nora",
  "Tomas",
  "Ines",
  "Yusuf",
  "Greta",
  "Diego",
  "Mila",
  "Arjun",
  "Chloe",
  "Emil",
  "Leila",
  "Bruno",
  "Freya",
  "Kenji",
  "Olga",
  "Pablo",
  "Rosa",
  "Theo",
  "Uma",
  "Viktor",
  "Wren",
  "Ximena",
  "Yara",
  "Anton",
  "Celia",
  "Dmitri",
  "Esme",
  "Farid",
  "Gia",
  "Hugo",
];
const INDUSTRIES = [
  "saas",
  "ecommerce",
  "fintech",
  "healthcare",
  "education",
  "logistics",
  "developer tools",
  "retail",
  "travel",
  "real estate",
  "gaming",
  "nonprofit",
  "media",
  "manufacturing",
];
const LANGUAGES = ["en", "es", "de", "fr", "pt", "it", "nl", "ja", "pl"];
const TONES = ["warm, clear, concise", "direct and practical", "friendly", "formal", "upbeat", "calm and precise"];
const STYLE = [
  "Every answer cites where it came from, and anything uncertain is escalated to your team instead of guessed.",
  "It keeps a running log of what it learned about your product and customers, so week two is better than week one.",
  "It works in your tools, follows your playbook and asks before it does anything irreversible.",
  "Weekly summaries show what it did, what it skipped and why.",
  "It adapts its wording to each customer's language and history.",
];

/** The fields of a listing the catalogue search reads, as the bench knows them. */
export interface CatalogueEntry {
  slug: string;
  coe: Coe;
  role: string;
  price: number;
  industries: string[];
  languages: string[];
  skills: string[];
  /** The words of its full-text row (name, role, tagline, description, skills, industries, CoE, tone), lowercased. */
  tokens: Set<string>;
}

export interface MarketplaceCatalogue {
  definitions: ListedDefinition[];
  entries: CatalogueEntry[];
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

export function makeCatalogue(listings: number, seed: number): MarketplaceCatalogue {
  const rng = prng(seed * 7_919 + 17);
  const definitions: ListedDefinition[] = [];
  const entries: CatalogueEntry[] = [];
  const used = new Set<string>();
  for (let i = 0; i < listings; i++) {
    const spec = ROLES[i % ROLES.length] as RoleSpec; // every role appears before any repeats
    const name = NAMES[i % NAMES.length] as string;
    let slug = `${spec.role}-${name.toLowerCase()}`;
    for (let n = 2; used.has(slug); n++) slug = `${spec.role}-${name.toLowerCase()}-${n}`;
    used.add(slug);
    const industries = sample(rng, INDUSTRIES, 1 + Math.floor(rng() * 3));
    const languages =
      rng() < 0.85
        ? ["en", ...sample(rng, LANGUAGES.slice(1), Math.floor(rng() * 3))]
        : sample(rng, LANGUAGES.slice(1), 1 + Math.floor(rng() * 2));
    const skills = sample(rng, spec.skills, 2 + Math.floor(rng() * (spec.skills.length - 1)));
    const price = pick(rng, spec.prices);
    const tone = pick(rng, TONES);
    const displayName = `${name}, ${spec.title}`;
    const tagline = `${spec.title} for ${industries.join(" and ")} teams: ${skills.slice(0, 2).join(" and ")}`;
    const description = `${name} ${spec.does}. Built for ${industries.join(", ")} companies, ${name} works in ${languages.join(", ")}. ${pick(rng, STYLE)}`;
    const definition: ListedDefinition = {
      slug,
      version: 1,
      specialization: {
        coe: spec.coe,
        role: spec.role,
        capabilities: skills,
        rules: [
          { id: "acknowledge", when: { type: "customer.message" }, then: { action: "act", reason: "acknowledge the customer's message" } },
        ],
        subscriptions: [{ event: "task.assigned", subject: `bench-e:${slug}:*` }],
      },
      personality: { displayName, tagline, tone, industries, languages },
      defaults: { model: "claude-haiku-4-5", budget: { usdPerMonth: 5 } },
      listing: {
        description,
        priceUsdPerMonth: price,
        trial: { days: 7, budgetUsd: 2, maxTasks: 5 + Math.floor(rng() * 16) },
        responseTargetSeconds: pick(rng, [600, 1_800, 3_600, 14_400]),
        sampleOutputs: [
          {
            title: `${spec.title}: a sample`,
            body: `${name} ${spec.does}; here is one piece of that work for a ${industries[0] ?? "saas"} company.`,
          },
        ],
      },
    };
    definitions.push(definition);
    // The platform's FTS row: name = displayName + role; tagline; body = description, skills, industries, CoE, tone.
    const text = [displayName, spec.role, tagline, description, skills.join(", "), industries.join(", "), spec.coe, tone].join("\n");
    entries.push({ slug, coe: spec.coe, role: spec.role, price, industries, languages, skills, tokens: new Set(words(text)) });
  }
  return { definitions, entries };
}

/** What a catalogue query exercises; `page2` follows the cursor of a first page. */
export type QueryKind = "text" | "filter" | "sort" | "page2";
export const QUERY_KINDS: readonly QueryKind[] = ["text", "filter", "sort", "page2"];

export interface CatalogueQuery {
  kind: QueryKind;
  /** URL parameters, without the cursor (a page-2 query gets its cursor at run time). */
  params: Record<string, string>;
  /** For page2: the first page whose nextCursor it follows. */
  firstPage?: Record<string, string>;
}

export const queryString = (params: Record<string, string>) => new URLSearchParams(params).toString();

/**
 * A browsing customer's searches: free text (with and without a filter, one that finds
 * nothing), filters (CoE, role, industry, language, skill, price, a minimum rating no listing
 * has yet), sorts by price, rating and trust, and second pages.
 */
export function makeQueries(cat: MarketplaceCatalogue, seed: number): CatalogueQuery[] {
  const rng = prng(seed * 104_729 + 3);
  const present = <T>(values: Iterable<T>) => [...new Set(values)].sort();
  const industries = present(cat.entries.flatMap((e) => e.industries));
  const languages = present(cat.entries.flatMap((e) => e.languages)).filter((l) => l !== "en");
  const skills = present(cat.entries.flatMap((e) => e.skills));
  const roles = present(cat.entries.map((e) => e.role));
  const names = cat.definitions.map((d) => d.personality.displayName.split(",")[0] as string);
  const q: CatalogueQuery[] = [];
  const text = (params: Record<string, string>) => q.push({ kind: "text", params });
  const filter = (params: Record<string, string>) => q.push({ kind: "filter", params });
  const sort = (params: Record<string, string>) => q.push({ kind: "sort", params });

  for (const s of sample(rng, skills, 6)) text({ q: s });
  for (const i of sample(rng, industries, 2)) text({ q: i });
  text({ q: pick(rng, names) });
  text({ q: "writer" });
  text({ q: "refund" });
  text({ q: "negot" }); // a word being typed: prefix match
  text({ q: "invoices", language: pick(rng, languages) });
  text({ q: "reports", coe: "sales" });
  text({ q: "newsletters", sort: "price" });
  text({ q: "blockchain quantum" }); // finds nothing

  for (const coe of ["marketing", "sales", "support"]) filter({ coe });
  for (const role of sample(rng, roles, 3)) filter({ role });
  for (const industry of sample(rng, industries, 4)) filter({ industry });
  for (const language of sample(rng, languages, 3)) filter({ language });
  for (const skill of sample(rng, skills, 3)) filter({ skill });
  filter({ maxPrice: "50" });
  filter({ minPrice: "50", maxPrice: "150" });
  filter({ coe: "support", language: pick(rng, languages), maxPrice: "100" });
  filter({ coe: "marketing", industry: pick(rng, industries), sort: "price" });
  filter({ minRating: "4" });

  sort({ sort: "price" });
  sort({ sort: "price", order: "desc", limit: "10" });
  sort({ sort: "rating", limit: "10" });
  sort({ sort: "trust", limit: "50" });
  sort({ sort: "price", coe: "sales", limit: "5" });

  const page2 = (firstPage: Record<string, string>) => q.push({ kind: "page2", params: firstPage, firstPage });
  page2({ sort: "price", limit: "10" });
  page2({ sort: "price", order: "desc", limit: "12" });
  page2({ sort: "trust", limit: "10" });
  page2({ coe: "support", sort: "price", limit: "8" });
  page2({ q: "teams", limit: "10" });
  return q;
}

/**
 * The listings a non-text query should return, in order (the platform's SQL, modelled): every
 * listing has the same trust and rating score until it gets ratings, so those sorts order by slug.
 */
export function expectedSlugs(cat: MarketplaceCatalogue, params: Record<string, string>, after?: number): string[] | undefined {
  if (params["q"] !== undefined) return undefined; // FTS5 ranking is not modelled
  const lower = (s: string | undefined) => s?.toLowerCase();
  const num = (k: string) => (params[k] === undefined ? undefined : Number(params[k]));
  const [minPrice, maxPrice, minRating] = [num("minPrice"), num("maxPrice"), num("minRating")];
  const rows = cat.entries.filter(
    (e) =>
      (params["coe"] === undefined || e.coe === params["coe"]) &&
      (params["role"] === undefined || e.role.toLowerCase() === lower(params["role"])) &&
      (params["industry"] === undefined || e.industries.some((i) => i.toLowerCase() === lower(params["industry"]))) &&
      (params["language"] === undefined || e.languages.some((l) => l.toLowerCase() === lower(params["language"]))) &&
      (params["skill"] === undefined || e.skills.some((s) => s.toLowerCase().includes(lower(params["skill"]) as string))) &&
      (minPrice === undefined || e.price >= minPrice) &&
      (maxPrice === undefined || e.price <= maxPrice) &&
      minRating === undefined, // no listing has a rating yet: rating_avg is NULL
  );
  const bySlug = (a: CatalogueEntry, b: CatalogueEntry) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
  if (params["sort"] === "price") {
    const dir = params["order"] === "desc" ? -1 : 1;
    rows.sort((a, b) => dir * (a.price - b.price) || bySlug(a, b));
  } else rows.sort(bySlug);
  const limit = Number(params["limit"] ?? 20);
  const from = after ?? 0;
  return rows.slice(from, from + limit).map((e) => e.slug);
}

/**
 * For a text query: listings that contain every query word verbatim (so FTS5 must find them,
 * whatever it ranks first) and satisfy the query's other filters. A lower bound of the answer.
 */
export function mustMatch(cat: MarketplaceCatalogue, params: Record<string, string>): string[] | undefined {
  const text = params["q"];
  if (text === undefined) return undefined;
  const { q: _q, sort: _s, order: _o, limit: _l, ...filters } = params;
  const filtered = new Set(expectedSlugs(cat, { ...filters, limit: "1000" }) ?? []);
  const need = words(text);
  return cat.entries.filter((e) => filtered.has(e.slug) && need.every((w) => e.tokens.has(w))).map((e) => e.slug);
}
