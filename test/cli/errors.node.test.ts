import { WaooawApiError, WaooawNetworkError } from "@waooaw/client";
import { describe, expect, it } from "vitest";
import { CliError, EXIT, explain, UsageError } from "../../packages/cli/src/errors";

const URL = "http://127.0.0.1:8787";

describe("what the CLI says when something fails", () => {
  it("tells an operator refused with 401 how to log in, with exit code 1", () => {
    const error = explain(new WaooawApiError(401, "unauthorized", "missing or invalid token"), URL);
    expect(error.exitCode).toBe(EXIT.failure);
    expect(error.message).toBe(
      "the platform at http://127.0.0.1:8787 refused the operator token (401 unauthorized): run `waooaw login --url http://127.0.0.1:8787` or set WAOOAW_TOKEN",
    );
  });

  it("gives the API's message, field, status and code, and its issues one per line", () => {
    const error = explain(
      new WaooawApiError(400, "invalid_request", "Invalid definition", "specialization.rules[0].then.skill", [
        { field: "specialization.rules[0].then.skill", message: "unknown skill seo.crawl" },
      ]),
      URL,
    );
    expect(error.message).toBe("Invalid definition (field specialization.rules[0].then.skill) [400 invalid_request]");
    expect(error.details).toEqual(["specialization.rules[0].then.skill: unknown skill seo.crawl"]);
  });

  it("names the reason a platform could not be reached", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8787"), { code: "ECONNREFUSED" });
    const error = explain(
      new WaooawNetworkError("GET /v1/admin/agents: fetch failed", new TypeError("fetch failed", { cause: refused })),
      URL,
    );
    expect(error.message).toBe("cannot reach http://127.0.0.1:8787: GET /v1/admin/agents: fetch failed (ECONNREFUSED)");
  });

  it("keeps its own errors and their exit codes: 2 for misuse", () => {
    const usage = new UsageError("give dead letter ids, or --all (not both)");
    expect(explain(usage, URL)).toBe(usage);
    expect(usage.exitCode).toBe(EXIT.usage);
    expect(explain(new Error("boom"), URL)).toEqual(new CliError("boom"));
  });
});
