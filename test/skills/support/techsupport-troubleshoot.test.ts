import { describe, expect, it } from "vitest";
import { SkillRegistry } from "../../../src/skills/registry";
import { PLAYBOOKS } from "../../../src/skills/support/techsupport-playbooks";
import { troubleshootingChecklist } from "../../../src/skills/support/techsupport-troubleshoot";

const registry = new SkillRegistry([troubleshootingChecklist]);

interface Checklist {
  area: string;
  inferred: boolean;
  steps: { id: string; matchedCues: string[]; done: boolean; action: string }[];
  collect: string[];
}

function checklist(input: unknown): Checklist & { deliverable: string } {
  const outcome = registry.run("techsupport.troubleshooting-checklist", input);
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return { ...(outcome.output as Checklist), deliverable: outcome.deliverable };
}

describe("techsupport.troubleshooting-checklist", () => {
  it("infers the area, puts the step the symptoms point at first and what was tried last", () => {
    const c = checklist({
      symptoms: "Since Monday our users get stuck in a redirect loop when they sign in with Okta SSO.",
      stepsTried: ["reset"],
    });
    expect(c).toMatchObject({ area: "login-sso", inferred: true });
    expect(c.steps.map((s) => s.id)).toEqual(["sso-config", "status", "account", "mfa", "logs", "reset"]);
    expect(c.steps[0]?.matchedCues).toEqual(["redirect", "okta", "sso"]);
    expect(c.steps.at(-1)).toMatchObject({ id: "reset", done: true });
    expect(c.deliverable).toContain("## Troubleshooting: Login and SSO (area inferred from the symptoms)");
    expect(c.deliverable).toContain("1. ★ **Check:** Compare the IdP settings with ours");
    expect(c.deliverable).toContain("6. ~~Reset the password from the login page and try a private browser window.~~ (already tried)");
    expect(c.deliverable).toContain("### Escalate when\n- several users or the whole workspace cannot log in");
  });

  it("asks for the update first when the customer's version is behind", () => {
    const c = checklist({
      productArea: "mobile-app",
      symptoms: "The app crashes when I open the camera to scan a receipt",
      appVersion: "4.10.2",
      latestVersion: "4.12.0",
    });
    expect(c).toMatchObject({ area: "mobile-app", inferred: false });
    expect(c.steps.map((s) => s.id)).toEqual(["update", "version", "permissions", "crash-log", "restart", "network"]);
    expect(c.steps[0]?.action).toBe("Update from version 4.10.2 to 4.12.0.");
    expect(c.collect).toContain("device model and OS version");
  });

  it("gives the plain playbook for an area without symptoms", () => {
    const c = checklist({ productArea: "billing-payments" });
    expect(c.steps.map((s) => s.id)).toEqual(PLAYBOOKS["billing-payments"].steps.map((s) => s.id));
    expect(c.deliverable).not.toContain("★");
  });

  it("refuses bad input with the offending field", () => {
    const field = (input: unknown) => {
      const outcome = registry.run("techsupport.troubleshooting-checklist", input);
      expect(outcome).toMatchObject({ ok: false, error: { code: "skill_input_invalid" } });
      return outcome.ok ? undefined : outcome.error.field;
    };
    expect(field({})).toBe("productArea");
    expect(field({ symptoms: "hello, it does not work" })).toBe("productArea");
    expect(field({ productArea: "printers" })).toBe("productArea");
    expect(field({ productArea: "performance", symptoms: "x".repeat(5_001) })).toBe("symptoms");
    expect(field({ productArea: "performance", stepsTried: "status" })).toBe("stepsTried");
  });
});
