import { describe, expect, it } from "vitest";
import { allSkills } from "../../../src/skills/catalogue";
import { SkillRegistry } from "../../../src/skills/registry";
import { supportSkills } from "../../../src/skills/support";
import { compileLexicon, findPhrases, stems, topicStems, words } from "../../../src/skills/support/lib/text";
import { span } from "../../../src/skills/support/lib/time";

describe("the support catalogue", () => {
  it("holds every support skill, named in its two areas and unique platform-wide", () => {
    expect(new SkillRegistry(supportSkills).list().map((s) => s.name)).toEqual([
      "success.health-score",
      "success.qbr-summary",
      "success.onboarding-progress",
      "techsupport.classify-ticket",
      "techsupport.match-known-issue",
      "techsupport.sla-timers",
      "techsupport.troubleshooting-checklist",
    ]);
    expect(() => new SkillRegistry(allSkills)).not.toThrow();
  });
});

describe("support text helpers", () => {
  it("spells out contractions so a negation is a word of its own", () => {
    expect(words("I can't log in, it WON'T load and I cannot reset it")).toEqual([
      "i",
      "can",
      "not",
      "log",
      "in",
      "it",
      "will",
      "not",
      "load",
      "and",
      "i",
      "can",
      "not",
      "reset",
      "it",
    ]);
    expect(stems("crashes crashing crashed")).toEqual(["crash", "crash", "crash"]);
  });

  it("joins two-word verbs and drops stop words for matching", () => {
    expect([...topicStems("The export timed out after I logged in")]).toEqual(["export", "timeout", "after", "login"]);
  });

  it("finds lexicon phrases in text order and refuses two entries with one stem sequence", () => {
    const lexicon = compileLexicon([
      { phrase: "log in", weight: 2 },
      { phrase: "locked out", weight: 3 },
    ]);
    expect(findPhrases(stems("Locked out again: I cannot log in"), lexicon)).toEqual([
      { phrase: "locked out", weight: 3, at: 0 },
      { phrase: "log in", weight: 2, at: 6 },
    ]);
    expect(() =>
      compileLexicon([
        { phrase: "billing", weight: 1 },
        { phrase: "bill", weight: 1 },
      ]),
    ).toThrow(/same stems/);
  });

  it("writes spans as people say them", () => {
    expect([span(45), span(190), span(-390), span(3_000)]).toEqual(["45 min", "3 h 10 min", "6 h 30 min", "2 d 2 h"]);
  });
});
