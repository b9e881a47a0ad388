import { describe, expect, it } from "vitest";
import { checkEmail, checkPhone, companyKey, normaliseCompany, normalisePersonName } from "../../../src/skills/sales/lib/contact";
import { parseCsv } from "../../../src/skills/sales/lib/csv";
import { zonedToUtc } from "../../../src/skills/sales/lib/dates";
import { cell, money, percent } from "../../../src/skills/sales/lib/format";
import { countriesOf, inRegions } from "../../../src/skills/sales/lib/regions";

describe("parseCsv (RFC 4180)", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, CRLF, a BOM and blank lines", () => {
    const text = '\uFEFFname,note\r\n"Smith, Jo","said ""hi""\non two lines"\r\n\r\nLee,\n';
    expect(parseCsv(text)).toEqual({
      ok: true,
      records: [
        ["name", "note"],
        ["Smith, Jo", 'said "hi"\non two lines'],
        ["Lee", ""],
      ],
    });
    expect(parseCsv("a,b")).toEqual({ ok: true, records: [["a", "b"]] });
  });

  it("reports what RFC 4180 forbids, with the line", () => {
    expect(parseCsv('a,b\n"open,c\n')).toEqual({ ok: false, error: "line 3: a quoted field is never closed" });
    expect(parseCsv('a,b\nx"y,z')).toEqual({ ok: false, error: "line 2: a quote inside an unquoted field" });
    expect(parseCsv('a,"b"c')).toEqual({ ok: false, error: "line 1: a closing quote must end its field" });
  });
});

describe("contact normalisation", () => {
  it("lowercases and checks e-mail addresses, unwrapping mailto: and Name <...>", () => {
    expect(checkEmail("  Jane.Doe@ACME.com ")).toEqual({
      ok: true,
      email: "jane.doe@acme.com",
      domain: "acme.com",
      role: false,
      freeMail: false,
    });
    expect(checkEmail("Jane <mailto:Jane@Gmail.com>")).toMatchObject({ ok: true, email: "jane@gmail.com", freeMail: true });
    expect(checkEmail("info@acme.com")).toMatchObject({ ok: true, role: true });
    expect(checkEmail("jane@@acme.com")).toMatchObject({ ok: false, problem: "needs exactly one @" });
    expect(checkEmail("jane..doe@acme.com")).toMatchObject({ ok: false, problem: "the part before @ is not a valid mailbox" });
    expect(checkEmail("jane@acme")).toMatchObject({ ok: false, problem: "the domain is not valid" });
    expect(checkEmail("jane@-acme.com")).toMatchObject({ ok: false, problem: "the domain is not valid" });
    expect(checkEmail("jane@gmial.com")).toMatchObject({ ok: false, problem: "the domain looks like a typo of gmail.com" });
  });

  it("puts phone numbers in E.164, reading national numbers as the default country's", () => {
    expect(checkPhone("(415) 555-2671", "US")).toEqual({ ok: true, e164: "+14155552671", country: "US" });
    expect(checkPhone("020 7946 0958", "GB")).toEqual({ ok: true, e164: "+442079460958", country: "GB" });
    expect(checkPhone("+49 30 901820", "US")).toMatchObject({ ok: true, e164: "+4930901820", country: "DE" });
    expect(checkPhone("+1 415-555-2671 ext. 12", "US")).toMatchObject({ ok: true, e164: "+14155552671", extension: "12" });
    expect(checkPhone("555-26", "US")).toEqual({ ok: false, problem: "not a valid number for US" });
    expect(checkPhone("n/a", "US")).toEqual({ ok: false, problem: "has no digits" });
  });

  it("strips legal forms from company names and cases people's names", () => {
    expect(normaliseCompany("Acme, Inc.")).toBe("Acme");
    expect(normaliseCompany("Müller GmbH & Co. KG")).toBe("Müller");
    expect(normaliseCompany("Shenzhen Tech Co., Ltd.")).toBe("Shenzhen Tech");
    expect(normaliseCompany("Procter & Gamble")).toBe("Procter & Gamble");
    expect(normaliseCompany("acme corp")).toBe("Acme");
    expect(normaliseCompany("Ltd")).toBe("Ltd");
    expect(companyKey("The Acme Group, Inc.")).toBe(companyKey("ACME GROUP LLC"));
    expect(normalisePersonName("JOHN  o'neil")).toBe("John O'Neil");
    expect(normalisePersonName("mary-kate mcdonald")).toBe("Mary-Kate McDonald");
    expect(normalisePersonName("ludwig VAN beethoven")).toBe("Ludwig van Beethoven");
    expect(normalisePersonName("DeShawn")).toBe("DeShawn");
  });
});

describe("regions", () => {
  it("reads territories, country names and codes", () => {
    expect(countriesOf("DACH")).toEqual(["DE", "AT", "CH"]);
    expect(countriesOf("Germany")).toEqual(["DE"]);
    expect(countriesOf("United Kingdom")).toEqual(["GB"]);
    expect(countriesOf("USA")).toEqual(["US"]);
    expect(countriesOf("fr")).toEqual(["FR"]);
    expect(countriesOf("Atlantis")).toEqual([]);
    expect(inRegions("Germany", ["EMEA"])).toBe(true);
    expect(inRegions("DACH", ["Europe"])).toBe(true);
    expect(inRegions("Brazil", ["NA", "EMEA"])).toBe(false);
    expect(inRegions("Canada", ["North America"])).toBe(true);
    expect(inRegions("Atlantis", ["Atlantis"])).toBe(true);
    expect(inRegions("", ["EMEA"])).toBe(false);
  });
});

describe("format and dates", () => {
  it("formats money, percentages and table cells", () => {
    expect(money(1234567.4, "USD")).toBe("$1,234,567");
    expect(money(500, "EUR")).toBe("€500");
    expect(percent(0.125)).toBe("12.5%");
    expect(cell("a | b\nc*")).toBe("a \\| b c\\*");
  });

  it("converts local wall times to UTC across daylight-saving changes", () => {
    expect(zonedToUtc("2026-07-01", 9 * 60, "Europe/Berlin")).toBe("2026-07-01T07:00:00.000Z");
    expect(zonedToUtc("2026-12-01", 9 * 60, "Europe/Berlin")).toBe("2026-12-01T08:00:00.000Z");
    expect(zonedToUtc("2026-03-08", 9 * 60, "America/New_York")).toBe("2026-03-08T13:00:00.000Z");
    expect(zonedToUtc("2026-03-07", 9 * 60, "America/New_York")).toBe("2026-03-07T14:00:00.000Z");
    expect(zonedToUtc("2026-12-01", 9 * 60 + 30, "Asia/Kolkata")).toBe("2026-12-01T04:00:00.000Z");
  });
});
