import { type CountryCode, getCountries, parsePhoneNumberFromString } from "libphonenumber-js/min";

/**
 * Contact-field normalisation shared by the CRM and lead-generation skills: e-mail addresses,
 * phone numbers (E.164, by libphonenumber-js with its minimal metadata, which checks a number's
 * length for its country but not its digit patterns), company names and people's names.
 */

export type { CountryCode };

const countries = new Set<string>(getCountries());

/** Whether a two-letter code is a country libphonenumber knows (`GB`, `DE`, `US`). */
export function isCountryCode(code: string): code is CountryCode {
  return countries.has(code);
}

export function countryCodes(): readonly string[] {
  return getCountries();
}

// Free-mail providers: an address there says nothing about the company, so it is neither a B2B
// lead's domain nor a de-duplication key for a company.
const freeMail = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "yahoo.co.uk",
  "hotmail.com",
  "hotmail.co.uk",
  "outlook.com",
  "live.com",
  "msn.com",
  "aol.com",
  "icloud.com",
  "me.com",
  "proton.me",
  "protonmail.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "yandex.ru",
  "mail.ru",
  "qq.com",
  "163.com",
]);

export function isFreeMailDomain(domain: string): boolean {
  return freeMail.has(domain);
}

// Shared mailboxes reach a team, not a buyer; sequences to them rarely convert.
const roleMailboxes = new Set([
  "info",
  "sales",
  "contact",
  "hello",
  "admin",
  "support",
  "office",
  "team",
  "marketing",
  "noreply",
  "no-reply",
]);

// The most common domain typos, so a bounce can be fixed rather than deleted.
const domainTypos: Record<string, string> = {
  "gmial.com": "gmail.com",
  "gmai.com": "gmail.com",
  "gmail.co": "gmail.com",
  "gmail.con": "gmail.com",
  "hotmial.com": "hotmail.com",
  "hotmail.con": "hotmail.com",
  "outlok.com": "outlook.com",
  "yahooo.com": "yahoo.com",
  "yaho.com": "yahoo.com",
};

export type EmailCheck =
  | { ok: true; email: string; domain: string; role: boolean; freeMail: boolean }
  | { ok: false; email: string; problem: string };

/**
 * Trims an address (and a `mailto:` or `Name <...>` wrapper), lowercases it (mail systems treat
 * the local part case-insensitively in practice, though RFC 5321 allows otherwise) and checks
 * its shape: one `@`, a local part of at most 64 characters without leading, trailing or double
 * dots, a domain of LDH labels with a top-level domain of letters (RFC 5321/1035 limits).
 */
export function checkEmail(raw: string): EmailCheck {
  let email = raw.trim();
  const angled = /<([^<>]*)>\s*$/.exec(email);
  if (angled) email = (angled[1] as string).trim();
  email = email.replace(/^mailto:/i, "").toLowerCase();
  const at = email.lastIndexOf("@");
  if (at < 0 || email.indexOf("@") !== at) return { ok: false, email, problem: "needs exactly one @" };
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (email.length > 254) return { ok: false, email, problem: "longer than 254 characters" };
  if (!local || local.length > 64 || !/^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local) || /^\.|\.$|\.\./.test(local)) {
    return { ok: false, email, problem: "the part before @ is not a valid mailbox" };
  }
  const labels = domain.split(".");
  const tld = labels[labels.length - 1] ?? "";
  const labelOk = (l: string) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l);
  if (labels.length < 2 || !labels.every(labelOk) || !/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld)) {
    return { ok: false, email, problem: "the domain is not valid" };
  }
  const typo = domainTypos[domain];
  if (typo) return { ok: false, email, problem: `the domain looks like a typo of ${typo}` };
  return { ok: true, email, domain, role: roleMailboxes.has(local.replace(/\+.*$/, "")), freeMail: freeMail.has(domain) };
}

export type PhoneCheck = { ok: true; e164: string; extension?: string; country?: string } | { ok: false; problem: string };

/** A phone number in E.164 (`+442079460000`); numbers without a `+` are read as `defaultCountry`'s. */
export function checkPhone(raw: string, defaultCountry: CountryCode): PhoneCheck {
  const text = raw.trim();
  if (!/\d/.test(text)) return { ok: false, problem: "has no digits" };
  const phone = parsePhoneNumberFromString(text, defaultCountry);
  // With the minimal metadata isValid() checks the length allowed for the number's country.
  if (!phone?.isValid()) return { ok: false, problem: `not a valid number for ${phone?.country ?? defaultCountry}` };
  return {
    ok: true,
    e164: phone.number,
    ...(phone.ext ? { extension: phone.ext } : {}),
    ...(phone.country ? { country: phone.country } : {}),
  };
}

// Legal-form designators, compared without dots and case: they say how a company is registered,
// not who it is, so "Acme Inc." and "ACME, Ltd" are one company.
const legalForms = new Set(
  (
    "inc incorporated llc llp lp ltd ltda limited plc corp corporation gmbh mbh ag kg kgaa ohg ug ev sa sas sarl srl spa sl " +
    "bv nv oy oyj ab as asa aps pty pvt pte kk se"
  ).split(" "),
);

/** A company name without its legal form: `Müller GmbH & Co. KG` → `Müller`; `acme corp.` → `Acme`. */
export function normaliseCompany(raw: string): string {
  const tokens = raw
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean);
  let stripped = false;
  while (tokens.length > 1) {
    const last = (tokens[tokens.length - 1] as string).toLowerCase().replace(/[.()]/g, "");
    // "& Co." and "Co., Ltd." only go with a legal form already stripped ("Foo & Co" may be the name).
    if (legalForms.has(last) || (stripped && (last === "co" || last === "&" || last === "and"))) {
      tokens.pop();
      stripped = true;
    } else break;
  }
  const name = tokens.join(" ").replace(/[\s,&-]+$/, "");
  return name === name.toLowerCase() ? titleCase(name) : name;
}

/**
 * Text as compared for matching: lowercase, German umlauts spelt out as people type them
 * without the keys (`Müller` = `Mueller`), other accents dropped, only letters and digits.
 */
export function fold(text: string): string {
  // Most names are plain ASCII: skip the Unicode work for them (it dominates large lists).
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, "");
  return text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** How two company names are compared: `The Acme Group, Inc.` and `acme group` match. */
export function companyKey(raw: string): string {
  return fold(
    normaliseCompany(raw)
      .toLowerCase()
      .replace(/&/g, " and ")
      .replace(/^the\s+/, ""),
  );
}

function titleCase(text: string): string {
  return text.replace(/(^|[\s'’-])(\p{Ll})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

const particles = new Set(["van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "dos", "das", "la", "le", "ter", "ten"]);

/**
 * A person's name cased as people write it, only when it was typed all in one case (a mixed
 * case like `DeShawn` is deliberate): `JOHN o'neil` → `John O'Neil`, `mcdonald` → `McDonald`,
 * `ludwig VAN beethoven` → `Ludwig van Beethoven`.
 */
export function normalisePersonName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, " ");
  const words = name.split(" ");
  return words
    .map((word, i) => {
      if (word !== word.toLowerCase() && word !== word.toUpperCase()) return word;
      const lower = word.toLowerCase();
      if (i > 0 && i < words.length - 1 && particles.has(lower)) return lower;
      return titleCase(lower).replace(/^(Mc)(\p{Ll})/u, (_m, mc: string, c: string) => mc + c.toUpperCase());
    })
    .join(" ");
}
