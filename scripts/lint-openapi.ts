// Lints the API's OpenAPI document with Redocly's `recommended` rules (what `npx @redocly/cli
// lint` applies by default), as a customer generating a client from /openapi.json would. Part of
// `npm test`: any error fails, and so does any warning not accepted below with its reason, so the
// document cannot drift back to what generators stumble on.
import { createConfig, formatProblems, getTotals, lintFromString, type NormalizedProblem } from "@redocly/openapi-core";
import { openApiDocument } from "../src/http/openapi";

/** Warnings we keep on purpose: rule, where (a JSON pointer), and why. */
const ACCEPTED: readonly { rule: string; pointer: string; why: string }[] = [
  {
    rule: "no-server-example.com",
    pointer: "#/servers/0/url",
    why: "the first server is the one `npm start` runs (http://localhost:8787); the deployed host is the second",
  },
  {
    rule: "operation-4xx-response",
    pointer: "#/paths/~1v1~1definitions/get/responses",
    why: "public, no parameters: it has no 4xx to answer, and documenting one would be untrue",
  },
  {
    rule: "operation-4xx-response",
    pointer: "#/paths/~1v1~1coordinators/get/responses",
    why: "public, no parameters: it has no 4xx to answer, and documenting one would be untrue",
  },
];

const accepted = (p: NormalizedProblem) =>
  p.severity === "warn" && ACCEPTED.some((a) => a.rule === p.ruleId && p.location.some((l) => l.pointer === a.pointer));

const config = await createConfig({ extends: ["recommended"] });
const all = await lintFromString({ source: JSON.stringify(openApiDocument(), null, 2), absoluteRef: "openapi.json", config });
const problems = all.filter((p) => !accepted(p));
if (problems.length) {
  formatProblems(problems, { format: "codeframe", totals: getTotals(problems), version: "recommended", maxProblems: 200 });
  process.exit(1);
}
console.log(
  `OpenAPI lint (Redocly recommended): no errors, no warnings (${all.length - problems.length} accepted on purpose, see scripts/lint-openapi.ts)`,
);
