import { describe, expect, it } from "vitest";
import { addressBucket } from "../../src/abuse/address-bucket";

describe("the address a per-address limit counts against", () => {
  it("keeps an IPv4 address whole", () => {
    expect(addressBucket("203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts IPv6 addresses by their /64, however they are written", () => {
    const bucket = "2001:db8:85a3:8d3::/64";
    for (const address of [
      "2001:db8:85a3:8d3:1319:8a2e:370:7348",
      "2001:0db8:85a3:08d3:ffff:ffff:ffff:ffff",
      "2001:DB8:85A3:8D3::1",
      "2001:db8:85a3:8d3::",
      "2001:db8:85a3:8d3::1%eth0",
    ])
      expect(addressBucket(address), address).toBe(bucket);
    expect(addressBucket("2001:db8:85a3:8d4::1")).not.toBe(bucket);
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(addressBucket("::ffff:192.0.2.1")).toBe("0:0:0:0::/64");
  });

  it("counts what it cannot parse as itself", () => {
    for (const odd of ["2001:db8::1::2", "gggg::1", "1:2:3:4:5:6:7:8:9", "unknown"]) expect(addressBucket(odd)).toBe(odd);
  });
});
