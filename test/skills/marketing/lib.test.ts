import { describe, expect, it } from "vitest";
import { CsvError, csvRecords, headerKey, looseNumber, parseCsv } from "../../../src/skills/marketing/lib/csv";
import { esc, num, round } from "../../../src/skills/marketing/lib/format";
import { normalQuantile } from "../../../src/skills/marketing/lib/stats";
import { isPassive, sentences, singular } from "../../../src/skills/marketing/lib/text";
import { formatInstant, parseInstant, weekdayOfDay, dayOfDate } from "../../../src/skills/marketing/lib/time";

describe("the marketing skills' helpers", () => {
  it("reads RFC 4180 CSV: quotes, doubled quotes, line breaks in fields, CRLF, BOM, semicolons", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",2\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["multi\nline", "2"],
    ]);
    expect(parseCsv("Tag;Kosten\nA;1,5")).toEqual([
      ["Tag", "Kosten"],
      ["A", "1,5"],
    ]);
    expect(() => parseCsv('a\n"open')).toThrow(CsvError);
    expect(headerKey("Cost (USD)")).toBe("cost");
    expect(headerKey(" Conv. value ")).toBe("conv_value");
    expect(csvRecords("Day,Cost,Other\n2026-01-01,5,x\n2026-01-02,,y", { date: ["day"], spend: ["cost"] })).toEqual([
      { date: "2026-01-01", spend: "5" },
      { date: "2026-01-02" },
    ]);
    // A report title above the header and a totals row below, as ad platforms export them.
    const exported =
      "Campaign performance report\nNovember 1, 2026 - November 30, 2026\nDay;Campaign;Cost\n2026-11-01;Brand;12,50\nTotal: account;;12,50";
    expect(csvRecords(exported, { date: ["day"], campaign: [], spend: ["cost"] })).toEqual([
      { date: "2026-11-01", campaign: "Brand", spend: "12,50" },
    ]);
    expect(() => csvRecords("Name,Email\nAda,ada@example.com", { date: ["day"] })).toThrow(
      /no known column in the first rows; expected some of date/,
    );
  });

  it("reads numbers as exports write them, US or European", () => {
    expect(["1,234.50", "1.234,50", "12,50", "1,234", "1.234.567", "$12", "3.2%", "€ 1 234,56", "-5"].map(looseNumber)).toEqual([
      1234.5, 1234.5, 12.5, 1234, 1234567, 12, 3.2, 1234.56, -5,
    ]);
    expect(["abc", "", "1,5,5"].map(looseNumber)).toEqual(["abc", "", "1,5,5"]);
    expect(looseNumber(7)).toBe(7);
  });

  it("formats numbers and escapes customer text for Markdown", () => {
    expect(round(2.675, 2)).toBe(2.68);
    expect(round(-0.001, 2)).toBe(0);
    expect(num(1234567.891, 2)).toBe("1,234,567.89");
    expect(num(-1500)).toBe("-1,500");
    expect(esc("<script>alert(1)</script> **bold** | pipe")).toBe("\\<script\\>alert(1)\\</script\\> \\*\\*bold\\*\\* \\| pipe");
    expect(esc("a".repeat(10), 5)).toBe("aaaa…");
  });

  it("computes the normal quantile", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });

  it("splits sentences, spots the passive voice, and singularises keywords", () => {
    expect(sentences("Revenue grew 3.5% in Q1. See example.com, e.g. the pricing page. Done!")).toEqual([
      "Revenue grew 3.5% in Q1.",
      "See example.com, e.g. the pricing page.",
      "Done!",
    ]);
    expect(isPassive("The report was written by the team.")).toBe(true);
    expect(isPassive("The budget is being quickly reviewed.")).toBe(true);
    expect(isPassive("The team wrote the report.")).toBe(false);
    expect(["emails", "businesses", "agencies", "analysis", "status", "boxes"].map(singular)).toEqual([
      "email",
      "business",
      "agency",
      "analysis",
      "status",
      "box",
    ]);
  });

  it("keeps instants in the offset they were written in", () => {
    const t = parseInstant("2026-03-29T01:30:00+05:30");
    expect(t).toEqual({ ms: Date.UTC(2026, 2, 28, 20, 0), offsetMinutes: 330 });
    expect(formatInstant(t.ms + 3_600_000, t.offsetMinutes)).toBe("2026-03-29T02:30:00+05:30");
    expect(formatInstant(t.ms, 0)).toBe("2026-03-28T20:00:00Z");
    expect(weekdayOfDay(dayOfDate("2026-12-02"))).toBe("wed");
  });
});
