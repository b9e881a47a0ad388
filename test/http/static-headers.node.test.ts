import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.join(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const PAGES = ["public/index.html", "public/admin/index.html", "public/docs/index.html"];

/** The `public/_headers` rule for every asset (`/*`): header name (lower case) to value. */
function headersOfAllAssets(): Map<string, string> {
  const lines = read("public/_headers").split("\n");
  const start = lines.indexOf("/*");
  const headers = new Map<string, string>();
  for (const line of lines.slice(start + 1)) {
    const match = /^\s+([\w-]+):\s*(.+)$/.exec(line);
    if (!match?.[1] || !match[2]) break;
    headers.set(match[1].toLowerCase(), match[2]);
  }
  return headers;
}

describe("the static pages' headers (public/_headers)", () => {
  const headers = headersOfAllAssets();
  const csp = headers.get("content-security-policy") ?? "";
  const directive = (name: string) =>
    csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith(`${name} `)) ?? "";

  it("send HSTS, nosniff, no framing and no referrer", () => {
    expect(headers.get("strict-transport-security")).toMatch(/max-age=\d{8}; includeSubDomains/);
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("x-frame-options")).toBe("DENY");
    expect(headers.get("referrer-policy")).toBe("no-referrer");
    expect(directive("frame-ancestors")).toBe("frame-ancestors 'none'");
  });

  it("allow no inline script or style, and no other origin", () => {
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/https?:|\*/);
    expect(directive("style-src")).toBe("style-src 'self'");
    expect(directive("object-src")).toBe("object-src 'none'");
  });

  it("allow exactly the pages' inline scripts (their import maps) by hash", () => {
    const hashes = PAGES.flatMap((page) =>
      [...read(page).matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)]
        .map((m) => m[1] ?? "")
        .filter((body) => body.length > 0)
        .map((body) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`),
    );
    expect(hashes).toHaveLength(2);
    expect(directive("script-src"), "paste these hashes into public/_headers").toBe(`script-src 'self' ${hashes.join(" ")}`);
  });

  it("leave no inline style element or attribute in the pages", () => {
    for (const page of PAGES) expect(read(page), page).not.toMatch(/<style|\sstyle=/);
  });
});
