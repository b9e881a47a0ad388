import { generateDocument } from "./registry";
// Each of these describes its routes when imported; a new routes file is one more line here.
import "./audit-routes";
import "./github-routes";
import "./learning-routes";
import "./marketplace-routes";
import "./operator-routes";
import "./organisation-routes";
import "./outputs-routes";
import "./cron-routes";
import "./encryption-routes";

let document: ReturnType<typeof generateDocument> | undefined;

/** The OpenAPI 3.1 document of the whole API (`GET /openapi.json`), built once per isolate. */
export function openApiDocument(): ReturnType<typeof generateDocument> {
  document ??= generateDocument();
  return document;
}
