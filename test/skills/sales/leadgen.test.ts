import { describe, expect, it } from "vitest";
import { SkillRegistry } from "../../../src/skills/registry";
import { filterLeads, planFunnel } from "../../../src/skills/sales/leadgen";
import { employeeBand } from "../../../src/skills/sales/leadgen-filter";
import { invalidField, ok } from "./helpers";

const registry = new SkillRegistry([filterLeads, planFunnel]);

const csv = [
  "First Name,Last Name,Job Title,Company,Work Email,Industry,Company Size,Country,Website",
  "Ana,Silva,VP of Sales,Initech,ana@initech.com,Computer Software,201-500,Germany,initech.com",
  'Bob,Stone,"Vice President, Sales",Globex,bob@globex.io,Software,"1,000+",United Kingdom,https://www.globex.io/',
  "Cara,Diaz,Sales Intern,Initech,cara@initech.com,Computer Software,201-500,Germany,initech.com",
  "Dev,Rao,Head of Sales,Hooli,dev@hooli,Software,51-200,USA,hooli.com",
  "Eve,Park,VP Sales,Umbrella,eve@umbrella.com,Pharmaceuticals,5000+,France,umbrella.com",
  "Fay,Chen,Senior Director Sales,Stark,fay@stark.com,Software,11-50,Canada,stark.com",
  "Ana,Silva,VP Sales,Initech,ANA@initech.com,Computer Software,201-500,DE,initech.com",
  "Gus,Moe,VP Sales,Vandelay,gus@gmail.com,Software,500,Brazil,vandelay.com",
  "Hal,Ito,Sr. Sales Director,Initech,hal@initech.com,Software,201-500,Austria,initech.com",
  "Ivy,Roe,VP Sales,Acme,,Software,300,Spain,acme.com",
  "broken,row",
].join("\r\n");
const icp = {
  industries: ["Software"],
  employees: { min: 100, max: 2000 },
  regions: ["EMEA", "NA"],
  titleKeywords: ["VP Sales", "Head of Sales", "Sales Director"],
  excludeTitleKeywords: ["intern"],
};

describe("leadgen.filter-leads", () => {
  it("keeps the rows that fit the profile and gives every dropped row its reasons", () => {
    const { output, deliverable } = ok(registry, filterLeads, { kind: "lead-list", csv, icp });
    expect(output).toMatchObject({ rows: 11, kept: 3, dropped: 8 });
    expect(output.columns).toMatchObject({ email: "Work Email", title: "Job Title", employees: "Company Size", country: "Country" });
    expect(output.leads.map((l) => [l.row, l.email, l.title])).toEqual([
      [2, "ana@initech.com", "VP of Sales"],
      [3, "bob@globex.io", "Vice President, Sales"], // a written-out title matches "VP Sales"
      [10, "hal@initech.com", "Sr. Sales Director"],
    ]);
    expect(output.droppedRows).toEqual([
      { row: 4, reasons: ["title Sales Intern is excluded"] },
      { row: 5, reasons: ["e-mail dev@hooli: the domain is not valid"] },
      { row: 6, reasons: ["industry Pharmaceuticals is not targeted", "5000+ employees is outside 100–2000"] },
      { row: 7, reasons: ["11-50 employees is outside 100–2000"] },
      { row: 8, reasons: ["duplicate of row 2 (same e-mail ana@initech.com)"] },
      { row: 9, reasons: ["Brazil is outside EMEA, NA"] },
      { row: 11, reasons: ["no e-mail"] },
      { row: 12, reasons: ["2 fields where the header has 9"] },
    ]);
    expect(output.reasons).toEqual([
      { reason: "company size", rows: 2 },
      { reason: "duplicate", rows: 1 },
      { reason: "excluded title", rows: 1 },
      { reason: "industry", rows: 1 },
      { reason: "invalid e-mail", rows: 1 },
      { reason: "malformed row", rows: 1 },
      { reason: "no e-mail", rows: 1 },
      { reason: "region", rows: 1 },
    ]);
    expect(deliverable).toContain("## Lead list: 3 of 11 rows kept, 8 dropped");
    expect(deliverable).toContain("| 3 | Bob Stone | Vice President, Sales | Globex | bob@globex.io | United Kingdom |");
    expect(deliverable).toContain("- Row 8: duplicate of row 2 (same e-mail ana@initech.com)");
  });

  it("de-duplicates by company domain, from the e-mail or, for free-mail, the website", () => {
    const { output } = ok(registry, filterLeads, { csv, dedupe: "domain", requireEmail: false });
    expect(output.leads.map((l) => l.row)).toEqual([2, 3, 5, 6, 7, 9, 11]);
    expect(output.droppedRows.slice(0, 3)).toEqual([
      { row: 4, reasons: ["duplicate of row 2 (same domain initech.com)"] },
      { row: 8, reasons: ["duplicate of row 2 (same domain initech.com)"] },
      { row: 10, reasons: ["duplicate of row 2 (same domain initech.com)"] },
    ]);
  });

  it("maps columns by name when the headers are unusual", () => {
    const text = 'Contact,Mail,Biz\n"Lee, Ann",ann@acme.com,Retail\nBo,bo@shop.com,Software\n';
    const { output } = ok(registry, filterLeads, {
      csv: text,
      columns: { email: "Mail", industry: "Biz" },
      icp: { excludedIndustries: ["retail"] },
    });
    expect(output.leads).toEqual([{ row: 3, email: "bo@shop.com", industry: "Software" }]);
    expect(output.droppedRows).toEqual([{ row: 2, reasons: ["industry Retail is excluded"] }]);
  });

  it("reads employee bands as vendors write them", () => {
    expect(employeeBand("51-200")).toEqual([51, 200]);
    expect(employeeBand("1,001 to 5,000")).toEqual([1001, 5000]);
    expect(employeeBand("10,001+")).toEqual([10001, Number.POSITIVE_INFINITY]);
    expect(employeeBand("2.5k")).toEqual([2500, 2500]);
    expect(employeeBand("1k-5k")).toEqual([1000, 5000]);
    expect(employeeBand("350 employees")).toEqual([350, 350]);
    expect(employeeBand("lots")).toBeUndefined();
  });

  it("reports bad input with the field", () => {
    expect(invalidField(registry, "leadgen.filter-leads", {})).toBe("csv");
    expect(invalidField(registry, "leadgen.filter-leads", { csv: "" })).toBe("csv");
    expect(invalidField(registry, "leadgen.filter-leads", { csv: "email\n" })).toBe("csv");
    expect(invalidField(registry, "leadgen.filter-leads", { csv: 'email,name\n"ann@acme.com,Ann' })).toBe("csv");
    expect(invalidField(registry, "leadgen.filter-leads", { csv: "x".repeat(200_001) })).toBe("csv");
    const tooMany = `email\n${Array.from({ length: 5001 }, (_, i) => `p${i}@a.co`).join("\n")}`;
    expect(invalidField(registry, "leadgen.filter-leads", { csv: tooMany })).toBe("csv");
    expect(invalidField(registry, "leadgen.filter-leads", { csv: "name,phone\nAnn,1" })).toBe("csv");
    expect(invalidField(registry, "leadgen.filter-leads", { csv, columns: { email: "E-mail" } })).toBe("columns.email");
    expect(invalidField(registry, "leadgen.filter-leads", { csv, columns: { phone: "Tel" } })).toBe("columns");
    expect(invalidField(registry, "leadgen.filter-leads", { csv: "email\na@b.co", icp: { industries: ["Software"] } })).toBe(
      "icp.industries",
    );
    expect(invalidField(registry, "leadgen.filter-leads", { csv, icp: { employees: { min: 500, max: 50 } } })).toBe("icp.employees.max");
    expect(invalidField(registry, "leadgen.filter-leads", { csv, dedupe: "phone" })).toBe("dedupe");
  });

  it("filters 5,000 rows", () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `p${i % 4000}@c${i % 1000}.io,${i % 2 ? "Software" : "Retail"},DE`);
    const text = `Email,Industry,Country\n${rows.join("\n")}`;
    expect(text.length).toBeLessThan(200_000);
    const { output } = ok(registry, filterLeads, { csv: text, icp: { industries: ["Software"], regions: ["DACH"] } });
    expect(output).toMatchObject({ rows: 5000, kept: 2000, dropped: 3000 });
  });
});

describe("leadgen.plan-funnel", () => {
  it("works back from the goal through each stage, net of the pipeline in hand, and finds the levers", () => {
    const { output, deliverable } = ok(registry, planFunnel, {
      revenueGoal: 600_000,
      averageDealSize: 24_000,
      conversionRates: { leadToMql: 0.1, mqlToSql: 0.4, opportunityToWon: 0.2 },
      inPipeline: { opportunities: 20, sqls: 10 },
    });
    // 25 wins, less 20·20% + 10·50%·20% = 5 expected from the pipeline: 20 new wins.
    expect(output).toMatchObject({
      winsNeeded: 20,
      expectedFromPipeline: 5,
      recordsToSource: 6250,
      pipelineValue: 2_400_000,
      leadToWin: 0.004,
    });
    expect(output.stages.map((s) => [s.stage, s.needed, s.perMonth, s.perWeek])).toEqual([
      ["Leads", 5000, 1667, 385],
      ["MQLs", 500, 167, 39],
      ["SQLs", 200, 67, 16],
      ["Opportunities", 100, 34, 8],
      ["Wins", 20, 7, 2],
    ]);
    expect(output.assumed).toEqual(["SQLs → Opportunities 50% (typical B2B rate)"]);
    expect(output.levers).toEqual([
      "Raising Leads → MQLs from 10% to 20% needs 2500 fewer leads.",
      "Raising Opportunities → Wins from 20% to 25% needs 1000 fewer leads.",
    ]);
    expect(deliverable).toContain("## Funnel plan: $600,000 in 3 months needs 5000 leads");
    expect(deliverable).toContain("**source 6250 records**");
    expect(deliverable).toContain("| Opportunities | 100 | 34 | 8 | 20% |");
  });

  it("rounds partial deals up and needs nothing when the pipeline covers the goal", () => {
    const partial = ok(registry, planFunnel, { revenueGoal: 100_000, averageDealSize: 30_000, periodMonths: 12, usableRate: 1 }).output;
    // 3.33 deals → 4 wins → 16 opportunities → 32 SQLs → 107 MQLs → 535 leads at the typical rates.
    expect(partial.stages.map((s) => s.needed)).toEqual([535, 107, 32, 16, 4]);
    expect(partial).toMatchObject({ recordsToSource: 535, levers: [] });
    expect(partial.assumed).toHaveLength(4);
    const covered = ok(registry, planFunnel, { revenueGoal: 100_000, averageDealSize: 25_000, inPipeline: { opportunities: 16 } }).output;
    expect(covered).toMatchObject({ winsNeeded: 0, recordsToSource: 0 });
  });

  it("reports bad input with the field", () => {
    const base = { revenueGoal: 600_000, averageDealSize: 24_000 };
    expect(invalidField(registry, "leadgen.plan-funnel", { averageDealSize: 24_000 })).toBe("revenueGoal");
    expect(invalidField(registry, "leadgen.plan-funnel", { ...base, revenueGoal: -5 })).toBe("revenueGoal");
    expect(invalidField(registry, "leadgen.plan-funnel", { ...base, conversionRates: { leadToMql: 25 } })).toBe(
      "conversionRates.leadToMql",
    );
    expect(invalidField(registry, "leadgen.plan-funnel", { ...base, conversionRates: { mqlToSql: 0 } })).toBe("conversionRates.mqlToSql");
    expect(invalidField(registry, "leadgen.plan-funnel", { ...base, averageDealSize: 1_000_000 })).toBe("averageDealSize");
    expect(invalidField(registry, "leadgen.plan-funnel", { ...base, periodMonths: 0 })).toBe("periodMonths");
    expect(invalidField(registry, "leadgen.plan-funnel", { ...base, inPipeline: { sqls: 2.5 } })).toBe("inPipeline.sqls");
  });
});
