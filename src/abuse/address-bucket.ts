/**
 * The part of a client address that a per-address limit counts against. An IPv4 address is one
 * subscriber; an IPv6 subscriber usually holds a whole /64 (often more), so limiting by the full
 * IPv6 address would let one machine rotate through 2^64 fresh buckets. IPv6 addresses are
 * counted by their /64 prefix; anything unparseable is counted as itself.
 */
export function addressBucket(address: string): string {
  if (!address.includes(":")) return address;
  const groups = expandIpv6(address.split("%")[0] ?? address);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : address;
}

/** The eight 16-bit groups of an IPv6 address (lower-case, no leading zeros), or undefined. */
function expandIpv6(address: string): string[] | undefined {
  const halves = address.toLowerCase().split("::");
  if (halves.length > 2) return undefined;
  const parse = (part: string | undefined) => (part ? part.split(":") : []);
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  // An embedded IPv4 tail (::ffff:192.0.2.1) is two groups.
  const last = tail.length ? tail : head;
  const v4 = last.at(-1);
  if (v4?.includes(".")) {
    const octets = v4.split(".").map(Number);
    if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = octets;
    last.splice(-1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.replace(/^0+(?=.)/, ""));
}
