/**
 * Load D's reference trace: customer messages to agents of one definition, deterministic for a
 * seed. About 85% match one of the definition's rules; the rest carry no rule's intent and are
 * either drawn from a pool of situation templates (the same wording with other numbers, order
 * ids, e-mail addresses and URLs: one normalized situation per template) or novel (wording seen
 * nowhere else). Template popularity is Zipf-like, as support traffic is.
 */

export interface DecisionTraceConfig {
  events: number;
  agents: number;
  /** Situation templates unmatched events are drawn from. */
  templates: number;
  seed: number;
  /** Shares of the trace: events matched by a rule, and novel (unmatched, never repeated) ones. */
  ruleShare: number;
  novelShare: number;
}

/** An event as the bench posts it to the platform (its own id, so decisions map back to it). */
export interface TraceEvent {
  id: string;
  type: "customer.message";
  source: "bench";
  subject: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

export type TraceKind = "rule" | "template" | "novel";

export interface TraceItem {
  event: TraceEvent;
  /**
   * What the trace calls the right decision: the rule's action for rule events; for unmatched
   * ones `act` (answer the question), or `escalate` for the topics a person must handle.
   */
  expected: "act" | "escalate" | "ignore" | "delegate";
  /** Index of the addressed agent. */
  agent: number;
  kind: TraceKind;
  /** The rule it should match (`rule`), or its situation label: `t<n>` (template n) or `n<k>` (novel). */
  label: string;
}

export interface DecisionTrace {
  config: DecisionTraceConfig;
  items: TraceItem[];
  counts: Record<TraceKind, number>;
  /** Templates that occur at least once in the trace. */
  templatesUsed: number;
}

/** Small, fast, seedable PRNG (mulberry32); the trace must be identical on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;

/** The entry whose cumulative weight first exceeds `x` (0 ≤ x < total); the first one otherwise. */
function weightedPick<T extends { weight: number }>(entries: readonly [T, ...T[]], x: number): T {
  let left = x;
  for (const entry of entries) {
    left -= entry.weight;
    if (left < 0) return entry;
  }
  return entries[0];
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

const FIRST = ["ann", "bob", "chen", "dana", "eli", "fatima", "gus", "hana", "ivan", "jo", "kofi", "lena", "mo", "nia", "omar", "priya"];
const DOMAINS = ["example.com", "mail.test", "corp.example.org", "inbox.example.net"];
const email = (rng: Rng) => `${pick(rng, FIRST)}.${pick(rng, FIRST)}${int(rng, 1, 999)}@${pick(rng, DOMAINS)}`;
const orderNo = (rng: Rng) => String(int(rng, 10_000, 999_999));
const money = (rng: Rng) => `${int(rng, 5, 900)}.${String(int(rng, 0, 99)).padStart(2, "0")}`;
const url = (rng: Rng) => `https://shop.example.com/orders/${orderNo(rng)}?ref=${int(rng, 1, 99_999)}`;

/**
 * The definition's rules, in priority order, and how the trace produces traffic for each. Every
 * rule-matched event carries one of these intents (or is urgent); unmatched ones say `general`.
 */
type RuleTraffic = { rule: string; weight: number; payload: (rng: Rng) => Record<string, unknown> };
/** Each rule's action in {@link decisionDefinition}: what a rule event should be decided as. */
const RULE_ACTIONS: Record<string, TraceItem["expected"]> = {
  urgent: "escalate",
  spam: "ignore",
  refund: "delegate",
  "order-status": "act",
  password: "act",
  unsubscribe: "act",
  thanks: "ignore",
};
const RULE_TRAFFIC: readonly [RuleTraffic, ...RuleTraffic[]] = [
  {
    rule: "urgent",
    weight: 10,
    payload: (rng) => ({
      intent: pick(rng, ["general", "refund", "order_status"]),
      priority: "urgent",
      text: `URGENT: order ${orderNo(rng)} is blocking our launch, call me`,
    }),
  },
  {
    rule: "refund",
    weight: 15,
    payload: (rng) => ({ intent: "refund", text: `I want my money back for order ${orderNo(rng)} (${money(rng)} USD)` }),
  },
  {
    rule: "order-status",
    weight: 30,
    payload: (rng) => ({ intent: "order_status", text: `Where is my order ${orderNo(rng)}? Tracking: ${url(rng)}` }),
  },
  {
    rule: "password",
    weight: 12,
    payload: (rng) => ({ intent: "password_reset", text: `I cannot log in as ${email(rng)}, please reset my password` }),
  },
  { rule: "unsubscribe", weight: 8, payload: (rng) => ({ intent: "unsubscribe", text: `Stop sending newsletters to ${email(rng)}` }) },
  {
    rule: "thanks",
    weight: 15,
    payload: (rng) => ({ intent: pick(rng, ["thanks", "compliment"]), text: `Thanks a lot, order ${orderNo(rng)} arrived early!` }),
  },
  {
    rule: "spam",
    weight: 10,
    payload: (rng) => ({ intent: "general", spamScore: 0.9 + rng() * 0.1, text: `WIN ${int(rng, 100, 9_999)} FREE COINS at ${url(rng)}` }),
  },
];

/** Questions no rule covers; topic × phrasing × channel gives far more templates than a trace uses. */
const TOPICS = [
  "change the delivery address",
  "add gift wrapping",
  "split the shipment",
  "combine two coupons",
  "get an invoice with our VAT number",
  "pay by bank transfer",
  "swap the colour",
  "add an item",
  "delay the delivery",
  "pick the parcel up in store",
  "change the billing name",
  "get a paper receipt",
  "send it to a locker",
  "remove the insurance",
  "switch to express shipping",
  "use my loyalty points",
  "change the size",
  "reserve a restock",
  "get a bulk discount",
  "ship abroad",
  "cancel one item only",
  "add a gift message",
  "change the payment card",
  "get the safety datasheet",
  "book an installation",
  "recycle the old device",
  "extend the warranty",
  "transfer the order to a colleague",
  "get a price match",
  "order a replacement part",
  "pause my subscription",
  "merge two accounts",
  "get a quote in euros",
  "export my order history",
  "set up a purchase order",
  "change the delivery slot",
  "leave it with a neighbour",
  "add a second address line",
  "request a sample",
  "get a tax exemption",
];
/** Topics a person must handle (money, legal, accounts): the right decision is `escalate`. */
export const ESCALATE_TOPICS: ReadonlySet<string> = new Set([
  "get an invoice with our VAT number",
  "get a tax exemption",
  "merge two accounts",
  "transfer the order to a colleague",
  "get a price match",
  "get a bulk discount",
  "extend the warranty",
  "set up a purchase order",
]);

/**
 * Of those, the ones the bench's model gets wrong (it answers `act`): customers rate those
 * decisions badly, so nothing may be learned from them and no tier may reuse them.
 */
export const MODEL_WRONG_TOPICS: ReadonlySet<string> = new Set(["get a price match", "set up a purchase order"]);

/**
 * What the bench's model answers by topic (the local Anthropic server's `POST /__answers`):
 * `escalate` for the escalation topics it gets right; the default (`act`) for the rest.
 */
export function modelAnswers(): { contains: string; input: { action: string; reason: string } }[] {
  return [...ESCALATE_TOPICS]
    .filter((t) => !MODEL_WRONG_TOPICS.has(t))
    .map((topic) => ({ contains: topic, input: { action: "escalate", reason: `a person must ${topic}` } }));
}

const PHRASINGS: readonly ((topic: string, rng: Rng) => string)[] = [
  (t, rng) => `Can I ${t} for order ${orderNo(rng)}?`,
  (t, rng) => `Is it possible to ${t} on order #${orderNo(rng)}? My email is ${email(rng)}`,
  (t, rng) => `Hi, I'd like to ${t} (order ${orderNo(rng)}, total ${money(rng)} USD).`,
  (t, rng) => `How do I ${t}? I ordered ${int(rng, 1, 12)} items yesterday.`,
  (t, rng) => `Hello team, we need to ${t} for PO ${orderNo(rng)} before ${int(rng, 1, 28)} March.`,
  (t, rng) => `Quick question: could you ${t}? Ref ${orderNo(rng)}, contact ${email(rng)}`,
  (t, rng) => `Would you ${t} if I pay ${money(rng)} extra? Order ${orderNo(rng)}`,
  (t, rng) => `My manager asks whether we can ${t}; see ${url(rng)}`,
  (t, rng) => `Please ${t} for my order ${orderNo(rng)}, thank you`,
  (t, rng) => `Before I confirm order ${orderNo(rng)}: can your shop ${t}?`,
];
const CHANNELS = ["email", "chat", "web_form"] as const;

const WORDS = (
  "amber basalt cedar delta ember fjord garnet harbor indigo juniper kelp lagoon meadow nectar onyx prism quartz raven sable " +
  "tundra umber velvet willow xenon yarrow zephyr anvil beacon canyon dune falcon glacier hollow iris jasper kestrel lantern " +
  "marble nimbus orchid pylon quiver ripple summit thistle upland vortex walnut yonder zenith atlas brook comet dawn estuary " +
  "fern grove heath islet jade knoll larch mesa north oasis pebble quarry reef spruce tide valley wharf"
).split(" ");

interface Template {
  topic: string;
  channel: string;
  render: (rng: Rng) => string;
}

/** `count` distinct templates, chosen reproducibly from the topic × phrasing × channel space. */
function templatePool(count: number, rng: Rng): Template[] {
  const space = TOPICS.length * PHRASINGS.length * CHANNELS.length;
  if (count > space) throw new Error(`at most ${space} situation templates, asked for ${count}`);
  const order = Array.from({ length: space }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order.slice(0, count).map((i) => {
    const topic = TOPICS[i % TOPICS.length] as string;
    const phrasing = PHRASINGS[Math.floor(i / TOPICS.length) % PHRASINGS.length] as (typeof PHRASINGS)[number];
    return { topic, channel: CHANNELS[Math.floor(i / (TOPICS.length * PHRASINGS.length))] as string, render: (r) => phrasing(topic, r) };
  });
}

/** Cumulative Zipf(s = 1) weights: template r is drawn with probability ∝ 1 / (r + 1). */
function zipfSampler(n: number, rng: Rng): () => number {
  const cum: number[] = [];
  let total = 0;
  for (let r = 0; r < n; r++) {
    total += 1 / (r + 1);
    cum.push(total);
  }
  return () => {
    const x = rng() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function agentId(i: number): string {
  return `bench-d-${i}`;
}

/** The subject that routes an event to agent i (agents are bound to no customer, see README). */
export function agentSubject(i: number): string {
  return `desk-${i}`;
}

export function makeDecisionTrace(config: DecisionTraceConfig): DecisionTrace {
  const rng = prng(config.seed);
  const templates = templatePool(config.templates, rng);
  const drawTemplate = zipfSampler(templates.length, rng);
  const ruleWeight = RULE_TRAFFIC.reduce((s, r) => s + r.weight, 0);
  const start = Date.UTC(2026, 0, 5, 9, 0, 0);
  const novelTexts = new Set<string>();
  const used = new Set<number>();
  const counts: Record<TraceKind, number> = { rule: 0, template: 0, novel: 0 };
  const items: TraceItem[] = [];

  for (let n = 0; n < config.events; n++) {
    const agent = Math.floor(rng() * config.agents);
    const occurredAt = new Date(start + n * 3_600).toISOString(); // 1,000 events/hour, the seed's rate
    const common = {
      channel: pick(rng, CHANNELS) as string,
      priority: "normal",
      spamScore: Math.round(rng() * 40) / 100,
      orderId: `ord-${orderNo(rng)}`,
      sentAt: occurredAt,
      replyTo: email(rng),
    };
    const roll = rng();
    let kind: TraceKind;
    let label: string;
    let payload: Record<string, unknown>;
    let expected: TraceItem["expected"] = "act";
    if (roll < config.ruleShare) {
      const traffic = weightedPick(RULE_TRAFFIC, rng() * ruleWeight);
      kind = "rule";
      label = traffic.rule;
      expected = RULE_ACTIONS[traffic.rule] ?? "act";
      payload = { ...common, ...traffic.payload(rng) };
    } else if (roll < config.ruleShare + config.novelShare) {
      let text: string;
      do text = `Question about the ${Array.from({ length: 5 }, () => pick(rng, WORDS)).join(" ")} thing I got`;
      while (novelTexts.has(text));
      novelTexts.add(text);
      kind = "novel";
      label = `n${novelTexts.size - 1}`;
      payload = { ...common, intent: "general", text };
    } else {
      const t = drawTemplate();
      const template = templates[t] as Template;
      used.add(t);
      kind = "template";
      label = `t${t}`;
      if (ESCALATE_TOPICS.has(template.topic)) expected = "escalate";
      // The channel belongs to the template: it is part of the situation.
      payload = { ...common, intent: "general", channel: template.channel, text: template.render(rng) };
    }
    counts[kind]++;
    items.push({
      agent,
      kind,
      label,
      expected,
      event: { id: `d-${config.seed}-${n}`, type: "customer.message", source: "bench", subject: agentSubject(agent), occurredAt, payload },
    });
  }
  return { config, items, counts, templatesUsed: used.size };
}

/** The definition load D's agents are spawned from: the rules above, no catch-all. */
export function decisionDefinition() {
  const intent = (
    rule: string,
    value: string,
    action: "act" | "ignore" | "escalate" | "delegate",
    reason: string,
    delegateTo?: string,
  ) => ({
    id: rule,
    when: { type: "customer.message", conditions: [{ path: "payload.intent", op: "eq", value }] },
    then: { action, reason, ...(delegateTo ? { delegateTo } : {}) },
  });
  return {
    slug: "bench-decisions",
    version: 1,
    specialization: {
      coe: "support",
      role: "support-triage",
      capabilities: ["triage", "order-status", "account"],
      rules: [
        {
          id: "urgent",
          when: { type: "customer.message", conditions: [{ path: "payload.priority", op: "eq", value: "urgent" }] },
          then: { action: "escalate", reason: "urgent customer message" },
        },
        {
          id: "spam",
          when: { type: "customer.message", conditions: [{ path: "payload.spamScore", op: "gte", value: 0.9 }] },
          then: { action: "ignore", reason: "spam" },
        },
        intent("refund", "refund", "delegate", "refunds go to billing", "billing"),
        {
          id: "feedback",
          when: { type: "feedback.received" },
          then: { action: "ignore", reason: "feedback recorded: the agent learns from it before deciding" },
        },
        intent("order-status", "order_status", "act", "send the tracking link"),
        intent("password", "password_reset", "act", "send a password reset link"),
        intent("unsubscribe", "unsubscribe", "act", "remove from the newsletter list"),
        {
          id: "thanks",
          when: { type: "customer.message", conditions: [{ path: "payload.intent", op: "in", value: ["thanks", "compliment"] }] },
          then: { action: "ignore", reason: "nothing to do" },
        },
      ],
      // Agents are routed by an exact-subject subscription given at spawn (desk-<i>). The
      // definition needs one subscription of its own; this one never fires during the bench.
      subscriptions: [{ event: "report.requested", subject: "bench-decisions-report" }],
    },
    personality: {
      displayName: "Bench Support Triage",
      tagline: "answers customer messages for the decisions benchmark",
      tone: "friendly",
      industries: ["retail"],
      languages: ["en"],
    },
    // Budgets far above the trace's spend, so they never shape the measurement.
    defaults: { model: "claude-haiku-4-5", budget: { usdPerMonth: 100_000, tokensPerDay: 100_000_000, llmCallsPerMinute: 10_000 } },
  };
}
