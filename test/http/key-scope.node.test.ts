import { describe, expect, it } from "vitest";
import { ForbiddenError } from "../../src/errors";
import { parseScope, requireScope, scopeText } from "../../src/http/key-scope";

const tasks: Record<string, string> = { tsk_mine: "hir_a", tsk_theirs: "hir_b" };
const taskHire = async (id: string) => tasks[id];
const allowed = (scope: string, method: string, path: string) =>
  requireScope(parseScope(scope), method, path, taskHire).then(
    () => true,
    (e: unknown) => {
      if (!(e instanceof ForbiddenError)) throw e;
      expect(e.code).toBe("key_scope");
      expect(e.message).toContain(`'${scope === "anything" ? "full" : scope}'`);
      return false;
    },
  );

describe("key scopes", () => {
  it("parses and prints the three forms; anything unknown allows nothing", async () => {
    expect(parseScope("read")).toEqual({ kind: "read" });
    expect(parseScope("READ")).toEqual({ kind: "unknown", stored: "READ" });
    expect(await allowed("READ", "GET", "/v1/hires")).toBe(false);
    expect(await allowed("", "GET", "/v1/customers/me")).toBe(false);
    expect(parseScope("hire:hir_a")).toEqual({ kind: "hire", hireId: "hir_a" });
    expect(scopeText(parseScope("hire:hir_a"))).toBe("hire:hir_a");
    expect(parseScope("full")).toEqual({ kind: "full" });
  });

  it("read: GET and HEAD only", async () => {
    expect(await allowed("read", "GET", "/v1/hires")).toBe(true);
    expect(await allowed("read", "HEAD", "/v1/tasks/x")).toBe(true);
    for (const m of ["POST", "PUT", "PATCH", "DELETE"]) expect(await allowed("read", m, "/v1/hires/x")).toBe(false);
  });

  it("hire: its hire's routes and its tasks, nothing else", async () => {
    expect(await allowed("hire:hir_a", "GET", "/v1/hires/hir_a")).toBe(true);
    expect(await allowed("hire:hir_a", "POST", "/v1/hires/hir_a/tasks")).toBe(true);
    expect(await allowed("hire:hir_a", "GET", "/v1/tasks/tsk_mine/chain")).toBe(true);
    expect(await allowed("hire:hir_a", "GET", "/v1/hires/hir_b")).toBe(false);
    expect(await allowed("hire:hir_a", "GET", "/v1/hires/hir_a%2F..")).toBe(false);
    expect(await allowed("hire:hir_a", "GET", "/v1/hires/hir_ab")).toBe(false);
    expect(await allowed("hire:hir_a", "GET", "/v1/tasks/tsk_theirs")).toBe(false);
    expect(await allowed("hire:hir_a", "GET", "/v1/tasks/tsk_unknown")).toBe(false);
    expect(await allowed("hire:hir_a", "GET", "/v1/hires")).toBe(false);
    expect(await allowed("hire:hir_a", "GET", "/v1/customers/me")).toBe(false);
    expect(await allowed("hire:hir_a", "DELETE", "/v1/customers/me")).toBe(false);
    expect(await allowed("hire:hir_a", "GET", "/v1/outputs")).toBe(false);
  });
});
