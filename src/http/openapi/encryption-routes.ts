import { EncryptionStatus, ReencryptReport, ReencryptRequest } from "../../schemas/encryption-views";
import { describeRoute } from "./registry";

// Encryption at rest, as routed in src/routes/admin/encryption.ts.

describeRoute({
  method: "get",
  path: "/v1/admin/encryption",
  operationId: "adminGetEncryption",
  summary: "Encryption at rest: the current key, the key ring, values by key per table",
  description: "Counts scan the tables: call it to check that no value is left under a key before removing that key.",
  tags: ["admin"],
  auth: "operator",
  responses: { 200: { description: "The status", schema: EncryptionStatus } },
});

describeRoute({
  method: "post",
  path: "/v1/admin/encryption/reencrypt",
  operationId: "adminReencrypt",
  summary: "Run one bounded re-encryption pass",
  description:
    "Rewrites up to `limit` rows per table, and the storage of up to `agents` agents after `agentCursor`, that are plain or under an " +
    "older key, under the current key (`ENCRYPTION_KEY_ID`). Idempotent; the cron runs the same pass. Repeat until every `remaining` is 0 " +
    "and `agents.nextCursor` is null.",
  tags: ["admin"],
  auth: "operator",
  body: ReencryptRequest,
  bodyOptional: true,
  example: { limit: 100, agents: 25 },
  responses: { 200: { description: "What this pass rewrote and what remains", schema: ReencryptReport } },
});
