import { z } from "zod";
import { defineSkill } from "../skill";
import { cell, clamp, round } from "./lib/text";
import { calendarDay, dayNumber, dayString, instant } from "./lib/time";

/**
 * `success.health-score`: the customer-success manager's account health check. From periodic
 * usage rows (daily or weekly snapshots) it scores six weighted components, gives a
 * red/amber/green verdict and raises renewal-risk alerts with their reasons.
 */

const featureName = z.string().trim().min(1).max(80);

const usageRow = z.object({
  /** The day the row's period ends (a daily row: that day). */
  date: calendarDay,
  logins: z.number().int().min(0).max(10_000_000),
  /** Distinct seats active during the row's period. */
  activeSeats: z.number().int().min(0).max(1_000_000),
  featuresUsed: z.array(featureName).max(200).default([]),
  ticketsOpened: z.number().int().min(0).max(100_000).default(0),
  ticketsEscalated: z.number().int().min(0).max(100_000).default(0),
});

const input = z
  .object({
    account: z.string().trim().min(1).max(200).default("The account"),
    now: instant,
    purchasedSeats: z.number().int().min(1).max(1_000_000),
    renewalDate: calendarDay.optional(),
    /** The features that define a healthy deployment; adoption is measured against them. */
    keyFeatures: z.array(featureName).min(1).max(100),
    /** Survey answers, 0–10 ("How likely are you to recommend us?"). */
    npsResponses: z.array(z.number().int().min(0).max(10)).max(5_000).default([]),
    /** An NPS already computed (−100…100), when the survey answers are not at hand. */
    npsScore: z.number().int().min(-100).max(100).optional(),
    /** The period scored; the one before it is the baseline for the trend. */
    windowDays: z.number().int().min(7).max(180).default(30),
    rows: z.array(usageRow).min(1, "send at least one usage row").max(5_000),
  })
  .superRefine((v, ctx) => {
    const today = dayNumber(v.now);
    const future = v.rows.findIndex((r) => dayNumber(r.date) > today);
    if (future >= 0) ctx.addIssue({ code: "custom", message: "is after now", path: ["rows", future, "date"] });
    else if (!v.rows.some((r) => dayNumber(r.date) > today - v.windowDays))
      ctx.addIssue({ code: "custom", message: `no row falls in the ${v.windowDays} days before now`, path: ["rows"] });
  });

const severity = z.enum(["critical", "high", "medium", "low", "info"]);
type Severity = z.infer<typeof severity>;
const SEVERITY_ORDER: Severity[] = ["critical", "high", "medium", "low", "info"];

const output = z.object({
  account: z.string(),
  asOf: z.string(),
  score: z.number().int().min(0).max(100),
  verdict: z.enum(["green", "amber", "red"]),
  renewalRisk: z.enum(["low", "medium", "high"]),
  daysToRenewal: z.number().int().nullable(),
  components: z.array(
    z.object({ key: z.string(), label: z.string(), weight: z.number(), score: z.number().int().min(0).max(100), measure: z.string() }),
  ),
  alerts: z.array(z.object({ severity, code: z.string(), message: z.string() })),
  metrics: z.object({
    seatUtilisation: z.number(),
    averageActiveSeats: z.number(),
    loginsPerSeatPerWeek: z.number(),
    loginChangePct: z.number().nullable(),
    featureAdoption: z.number(),
    unusedFeatures: z.array(z.string()),
    ticketsPer10SeatsPerMonth: z.number(),
    escalations: z.number().int(),
    nps: z.number().int().nullable(),
    npsResponses: z.number().int(),
    daysSinceLastLogin: z.number().int().nullable(),
  }),
});
type Output = z.input<typeof output>;

/**
 * Component weights (sum 100). Seat utilisation and adoption weigh most: unused seats and
 * unused features are what gets cut at renewal. NPS is the customer's own voice; logins, their
 * trend and support friction are leading indicators. A component without data (no NPS answers,
 * no previous period) is left out and the others are re-weighted.
 */
const WEIGHTS = { seats: 25, adoption: 20, nps: 20, logins: 15, trend: 10, support: 10 } as const;

/** Verdict bands: 70+ is healthy, under 40 needs a save plan (the usual CS tiering). */
const GREEN_FROM = 70;
const AMBER_FROM = 40;
/** Renewal conversations start about a quarter out; risk inside that window is urgent. */
const RENEWAL_WINDOW_DAYS = 90;
/** Two weeks without a login: the account has gone dark. */
const DARK_AFTER_DAYS = 14;

function nps(answers: readonly number[]): number | null {
  if (answers.length === 0) return null;
  const promoters = answers.filter((a) => a >= 9).length;
  const detractors = answers.filter((a) => a <= 6).length;
  return Math.round(((promoters - detractors) / answers.length) * 100);
}

function run(v: z.output<typeof input>): Output {
  const today = dayNumber(v.now);
  const w = v.windowDays;
  const current = v.rows.filter((r) => dayNumber(r.date) > today - w);
  const previous = v.rows.filter((r) => dayNumber(r.date) <= today - w && dayNumber(r.date) > today - 2 * w);
  const sum = (rows: typeof v.rows, f: (r: (typeof v.rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0);

  const averageActiveSeats = sum(current, (r) => r.activeSeats) / current.length;
  const utilisation = averageActiveSeats / v.purchasedSeats;
  const logins = sum(current, (r) => r.logins);
  // Missing days count as days without logins: the rate is over the whole window.
  const loginsPerSeatPerWeek = logins / v.purchasedSeats / (w / 7);
  const previousLogins = sum(previous, (r) => r.logins);
  const loginChange = previous.length > 0 && previousLogins > 0 ? (logins - previousLogins) / previousLogins : null;
  const used = new Set(current.flatMap((r) => r.featuresUsed.map((f) => f.toLowerCase())));
  const keyFeatures = [...new Map(v.keyFeatures.map((f) => [f.toLowerCase(), f])).values()];
  const unusedFeatures = keyFeatures.filter((f) => !used.has(f.toLowerCase()));
  const adoption = 1 - unusedFeatures.length / keyFeatures.length;
  const tickets = sum(current, (r) => r.ticketsOpened);
  const escalations = sum(current, (r) => r.ticketsEscalated);
  const ticketRate = ((tickets * 10) / v.purchasedSeats) * (30 / w);
  const score = nps(v.npsResponses) ?? v.npsScore ?? null;
  const lastLogin = Math.max(...v.rows.filter((r) => r.logins > 0).map((r) => dayNumber(r.date)));
  const daysSinceLastLogin = Number.isFinite(lastLogin) ? today - lastLogin : null;
  const daysToRenewal = v.renewalDate ? dayNumber(v.renewalDate) - today : null;

  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const parts: { key: keyof typeof WEIGHTS; label: string; score: number; measure: string }[] = [
    {
      key: "seats",
      label: "Seat utilisation",
      // 20% active is shelfware (0), 80% is a full deployment (100).
      score: clamp((utilisation - 0.2) / 0.6) * 100,
      measure: `${round(averageActiveSeats, 1)} of ${v.purchasedSeats} seats active on average (${pct(utilisation)})`,
    },
    {
      key: "adoption",
      label: "Key-feature adoption",
      // Using 80% of the key features is a mature deployment: full marks.
      score: clamp(adoption / 0.8) * 100,
      measure: `${keyFeatures.length - unusedFeatures.length} of ${keyFeatures.length} key features used`,
    },
    {
      key: "logins",
      label: "Login activity",
      // About three sessions a seat a week means the product is a working tool (full marks).
      score: clamp(loginsPerSeatPerWeek / 3) * 100,
      measure: `${round(loginsPerSeatPerWeek, 1)} logins per seat per week`,
    },
    {
      key: "support",
      label: "Support friction",
      // Up to 1 ticket per 10 seats a month is normal; 5 is a struggling account. Each
      // escalation costs 10 points: it is a relationship event, not just a ticket.
      score: clamp(1 - (ticketRate - 1) / 4) * 100 - 10 * escalations,
      measure: `${round(ticketRate, 1)} tickets per 10 seats per month, ${escalations} escalated`,
    },
  ];
  if (loginChange !== null)
    parts.push({
      key: "trend",
      label: "Usage trend",
      // Against the previous period: a 40% fall scores 0, flat scores 80, +10% or more 100.
      score: clamp((loginChange + 0.4) / 0.5) * 100,
      measure: `logins ${loginChange >= 0 ? "+" : ""}${pct(loginChange)} on the previous ${w} days`,
    });
  if (score !== null)
    parts.push({
      key: "nps",
      label: "NPS",
      score: (score + 100) / 2,
      measure: v.npsResponses.length ? `NPS ${score} from ${v.npsResponses.length} responses` : `NPS ${score}`,
    });
  const totalWeight = parts.reduce((n, p) => n + WEIGHTS[p.key], 0);
  const components = parts.map((p) => ({
    ...p,
    score: Math.round(clamp(p.score, 0, 100)),
    weight: round(WEIGHTS[p.key] / totalWeight, 2),
  }));
  const total = Math.round(parts.reduce((n, p) => n + clamp(p.score, 0, 100) * WEIGHTS[p.key], 0) / totalWeight);
  const verdict = total >= GREEN_FROM ? "green" : total >= AMBER_FROM ? "amber" : "red";

  const alerts: Output["alerts"] = [];
  const alert = (s: Severity, code: string, message: string) => alerts.push({ severity: s, code, message });
  if (daysSinceLastLogin === null) alert("critical", "no-logins", "No logins recorded at all: the account never went live.");
  else if (daysSinceLastLogin >= DARK_AFTER_DAYS) alert("critical", "gone-dark", `No logins for ${daysSinceLastLogin} days.`);
  // Under half the seats in use: the buyer will right-size at renewal.
  if (utilisation < 0.5)
    alert(
      "high",
      "low-seat-utilisation",
      `Only ${pct(utilisation)} of ${v.purchasedSeats} purchased seats are active: expect a down-sell.`,
    );
  else if (utilisation > 1)
    alert("info", "seat-overage", `Active seats exceed the purchase (${pct(utilisation)}): an expansion opportunity.`);
  if (loginChange !== null && loginChange <= -0.1)
    alert(loginChange <= -0.25 ? "high" : "medium", "usage-decline", `Logins fell ${pct(-loginChange)} on the previous ${w} days.`);
  if (adoption < 0.5) alert("medium", "low-adoption", `Key features not in use: ${unusedFeatures.join(", ")}.`);
  if (score !== null && score < 0) alert("high", "detractors", `NPS is ${score}: more detractors than promoters.`);
  if (escalations > 0) alert("medium", "escalations", `${escalations} support ticket(s) escalated in the last ${w} days.`);
  if (ticketRate > 3) alert("medium", "support-load", `${round(ticketRate, 1)} tickets per 10 seats per month: heavy support load.`);
  if (daysToRenewal !== null) {
    const when = `Renewal in ${daysToRenewal} days (${v.renewalDate})`;
    if (daysToRenewal < 0)
      alert("medium", "renewal-passed", `The renewal date passed ${-daysToRenewal} days ago: update the contract record.`);
    else if (daysToRenewal <= RENEWAL_WINDOW_DAYS && verdict === "red")
      alert("critical", "renewal-at-risk", `${when} with a red health score.`);
    else if (daysToRenewal <= RENEWAL_WINDOW_DAYS && verdict === "amber")
      alert("high", "renewal-at-risk", `${when} with an amber health score.`);
    else if (daysToRenewal <= RENEWAL_WINDOW_DAYS) alert("info", "renewal-due", `${when}: healthy, time to open the renewal conversation.`);
  }
  alerts.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const urgent = alerts.some((a) => a.severity === "critical");
  const inWindow = daysToRenewal !== null && daysToRenewal >= 0 && daysToRenewal <= RENEWAL_WINDOW_DAYS;
  const renewalRisk =
    verdict === "red" || urgent || (verdict === "amber" && inWindow)
      ? "high"
      : verdict === "amber" || alerts.some((a) => a.severity === "high")
        ? "medium"
        : "low";

  return {
    account: v.account,
    asOf: dayString(today),
    score: total,
    verdict,
    renewalRisk,
    daysToRenewal,
    components,
    alerts,
    metrics: {
      seatUtilisation: round(utilisation, 3),
      averageActiveSeats: round(averageActiveSeats, 1),
      loginsPerSeatPerWeek: round(loginsPerSeatPerWeek, 2),
      loginChangePct: loginChange === null ? null : round(loginChange * 100, 1),
      featureAdoption: round(adoption, 3),
      unusedFeatures,
      ticketsPer10SeatsPerMonth: round(ticketRate, 2),
      escalations,
      nps: score,
      npsResponses: v.npsResponses.length,
      daysSinceLastLogin,
    },
  };
}

function render(o: z.output<typeof output>): string {
  const renewal = o.daysToRenewal === null ? "no renewal date given" : `renewal in ${o.daysToRenewal} days`;
  const lines = [
    `## Customer health: ${o.account} (as of ${o.asOf})`,
    "",
    `**${o.score}/100, ${o.verdict.toUpperCase()}** · ${renewal} · renewal risk: **${o.renewalRisk}**`,
    "",
    "| Component | Weight | Score | Measure |",
    "| --- | ---: | ---: | --- |",
    ...o.components.map((c) => `| ${c.label} | ${Math.round(c.weight * 100)}% | ${c.score} | ${cell(c.measure)} |`),
    "",
    "### Alerts",
    ...(o.alerts.length ? o.alerts.map((a) => `- **${a.severity.toUpperCase()}**: ${a.message}`) : ["- None: no risk signals."]),
  ];
  return lines.join("\n");
}

export const healthScore = defineSkill({
  name: "success.health-score",
  title: "Score a customer's health from usage, adoption, support and NPS, with renewal-risk alerts",
  input,
  output,
  run,
  render,
});
