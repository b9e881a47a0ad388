import { describe, expect, it } from "vitest";
import { exampleOf } from "../examples";
import { SkillRegistry } from "../../../src/skills/registry";
import { matchKnownIssue } from "../../../src/skills/support/techsupport-known-issues";

const registry = new SkillRegistry([matchKnownIssue]);

const knownIssues = exampleOf(matchKnownIssue).knownIssues;

interface Match {
  verdict: string;
  best: { id: string; confidence: number; matchedTerms: string[]; status: string; workaround: string | null } | null;
  ambiguous: boolean;
  candidates: { id: string; confidence: number }[];
  advice: string;
}

function match(input: Record<string, unknown>): Match & { deliverable: string } {
  const outcome = registry.run("techsupport.match-known-issue", { knownIssues, ...input });
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return { ...(outcome.output as Match), deliverable: outcome.deliverable };
}

describe("techsupport.match-known-issue", () => {
  it("recognises a known issue in the customer's own words and hands over the workaround", () => {
    const m = match({
      subject: "Export keeps failing",
      text: "Hi, when I try to export our quarterly report to CSV it spins and then shows a 504 gateway timeout error.",
    });
    expect(m).toMatchObject({ verdict: "known-issue", ambiguous: false, best: { id: "KI-101", confidence: 0.87, status: "open" } });
    // "times out" in the title and "timeout" in the ticket are one term.
    expect(m.best?.matchedTerms).toEqual(["csv", "export", "timeout", "report", "504", "spins", "failing", "gateway"]);
    expect(m.advice).toBe("Link the ticket to KI-101 and send the workaround; tell the customer the fix is tracked.");
    expect(m.deliverable).toContain("## Known issue: KI-101 (confidence 0.87)");
    expect(m.deliverable).toContain("### Workaround\nFilter the report to under 50,000 rows");
  });

  it("joins 'log in' to 'login' and says when the fix is being monitored", () => {
    const m = match({ text: "Our users get stuck in a redirect loop when they log in through Okta SSO." });
    expect(m).toMatchObject({ verdict: "known-issue", best: { id: "KI-102", confidence: 0.83 } });
    expect(m.advice).toContain("(a fix is out and being monitored)");
  });

  it("points at the release of a fixed issue: the customer may be on an old version, or it regressed", () => {
    const m = match({ text: "The invoice PDF for November shows VAT twice." });
    expect(m).toMatchObject({ verdict: "known-issue", best: { id: "KI-103", confidence: 1, workaround: null } });
    expect(m.advice).toBe("KI-103 is marked fixed in 4.12: check the customer's version; if they have the fix, reopen it as a regression.");
    expect(m.deliverable).toContain("status: fixed (fixed in 4.12)");
  });

  it("calls a close pair ambiguous, and a partial match possible", () => {
    const azure = {
      id: "KI-106",
      title: "SSO login fails with Azure AD",
      keywords: ["sso", "azure", "saml"],
      symptoms: "Users signing in through Azure AD see 'SAML response invalid'.",
    };
    const m = match({ knownIssues: [...knownIssues, azure], text: "SSO login is broken for our team since this morning, SAML error." });
    expect(m).toMatchObject({ verdict: "possible-match", ambiguous: true, best: { id: "KI-106", confidence: 0.43 } });
    expect(m.candidates).toEqual([
      expect.objectContaining({ id: "KI-106", confidence: 0.43 }),
      expect.objectContaining({ id: "KI-102", confidence: 0.4 }),
    ]);
    expect(m.advice).toBe("Two known issues fit about as well (KI-106, KI-102): ask the customer which symptoms they see before linking.");
    expect(match({ text: "Charts on the dashboard are blank." })).toMatchObject({
      verdict: "possible-match",
      best: { id: "KI-105", confidence: 0.56 },
    });
  });

  it("answers 'no known issue' for a new problem, one shared word is not enough", () => {
    const weak = match({ text: "The login page is slow today." });
    expect(weak).toMatchObject({ verdict: "no-known-issue", best: null, candidates: [{ id: "KI-102", confidence: 0.24 }] });
    const none = match({ text: "Mobile app crashes when I open the camera to scan a receipt." });
    expect(none).toMatchObject({ verdict: "no-known-issue", best: null, candidates: [] });
    expect(none.deliverable).toBe(
      "## No known issue matches\n\n**Next step:** No known issue matches: treat it as new (reproduce it, then file it).",
    );
  });

  it("refuses bad input with the offending field", () => {
    const field = (input: Record<string, unknown>) => {
      const outcome = registry.run("techsupport.match-known-issue", { knownIssues, text: "export fails", ...input });
      expect(outcome).toMatchObject({ ok: false, error: { code: "skill_input_invalid" } });
      return outcome.ok ? undefined : outcome.error.field;
    };
    expect(field({ text: undefined })).toBe("text");
    expect(field({ knownIssues: [] })).toBe("knownIssues");
    expect(field({ knownIssues: "KI-101" })).toBe("knownIssues");
    expect(field({ knownIssues: [{ id: "KI-1" }] })).toBe("knownIssues[0].title");
    expect(field({ knownIssues: [...knownIssues, { id: "KI-101", title: "again" }] })).toBe("knownIssues[5].id");
    expect(field({ knownIssues: [{ id: "KI-1", title: "x", status: "closed" }] })).toBe("knownIssues[0].status");
    expect(field({ knownIssues: Array.from({ length: 1_001 }, (_, i) => ({ id: `KI-${i}`, title: "x" })) })).toBe("knownIssues");
    expect(field({ top: 11 })).toBe("top");
  });
});
