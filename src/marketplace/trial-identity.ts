/**
 * Who a trial counts against: one trial per agent per verified e-mail domain, so a company's
 * colleagues (or one person's throwaway addresses at their own domain) share it. At a public
 * mail provider a domain is millions of unrelated people, so there the whole address counts.
 *
 * The providers below are the large public ones (hand-kept: the npm lists are either fetched
 * from the network at install time or 2 MB of mostly dead domains). A provider missing here is
 * treated as a company domain: stricter (its users share one trial per agent), never looser.
 */
// biome-ignore format: the list reads better grouped by provider
export const PUBLIC_EMAIL_PROVIDERS: ReadonlySet<string> = new Set([
  "gmail.com", "googlemail.com",
  "outlook.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "live.com", "live.co.uk", "msn.com",
  "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.co.in", "yahoo.co.jp", "ymail.com", "rocketmail.com",
  "icloud.com", "me.com", "mac.com",
  "aol.com", "proton.me", "protonmail.com", "pm.me", "tutanota.com", "tuta.io",
  "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "zoho.com", "yandex.com", "yandex.ru", "mail.ru",
  "fastmail.com", "hey.com", "qq.com", "163.com", "126.com", "naver.com", "rediffmail.com",
]);

/** The identity a trial of this e-mail counts against: `domain` or, at a public provider, the address. */
export function trialIdentity(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf("@");
  const domain = address.slice(at + 1);
  if (!PUBLIC_EMAIL_PROVIDERS.has(domain)) return `domain:${domain}`;
  // Sub-addresses (name+anything) reach one mailbox; Gmail also ignores dots: all those are one person.
  const local = address.slice(0, at).replace(/\+.*$/, "");
  if (domain === "gmail.com" || domain === "googlemail.com") return `address:${local.replace(/\./g, "")}@gmail.com`;
  return `address:${local}@${domain}`;
}
