import { describe, expect, it } from "vitest";
import { trialIdentity } from "../../src/marketplace/trial-identity";

describe("the identity a trial counts against", () => {
  it("is the domain for a company address, whoever sends it", () => {
    expect(trialIdentity("ada@Acme.com")).toBe("domain:acme.com");
    expect(trialIdentity("grace@acme.com")).toBe("domain:acme.com");
  });

  it("is the whole address at a public provider, so unrelated people never share a trial", () => {
    expect(trialIdentity("ada@gmail.com")).not.toBe(trialIdentity("grace@gmail.com"));
    expect(trialIdentity("ada@outlook.com")).toBe("address:ada@outlook.com");
  });

  it("sees through sub-addresses and Gmail's dots, which reach one mailbox", () => {
    expect(trialIdentity("a.da+trial2@gmail.com")).toBe(trialIdentity("ada@googlemail.com"));
    expect(trialIdentity("ada+x@outlook.com")).toBe("address:ada@outlook.com");
  });
});
