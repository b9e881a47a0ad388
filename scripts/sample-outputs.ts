// Rewrites the `listing.sampleOutputs` of every template in templates/ with the real output of
// its first skills on their example inputs (templates/examples.ts). Run after changing a
// template's rules, a skill or an example, then `npm run format`:
//
//   npx tsx scripts/sample-outputs.ts
//
// test/templates/templates.test.ts fails while a template's samples differ from what its skills
// deliver.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sampleOutputsFor } from "../templates/samples";

const dir = path.join(import.meta.dirname, "..", "templates");
for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
  const at = path.join(dir, file);
  const template = JSON.parse(readFileSync(at, "utf8"));
  const samples = sampleOutputsFor(template);
  if (!template.listing || samples.length === 0) continue;
  template.listing.sampleOutputs = samples;
  writeFileSync(at, `${JSON.stringify(template, null, 2)}\n`);
  console.log(`${file}: ${samples.map((s) => `${s.title} (${s.body.length} chars)`).join("; ")}`);
}
