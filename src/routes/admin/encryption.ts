import { Hono } from "hono";
import { reencryptPass } from "../../agents/reencrypt-pass";
import { encryptionAtRest, fieldCipher } from "../../crypto/env-cipher";
import { countByKid } from "../../crypto/reencrypt";
import { audit } from "../../http/audit";
import { jsonBody } from "../../http/validate";
import { encryptedTables } from "../../platform";
import { type EncryptionStatus, type ReencryptReport, ReencryptRequest } from "../../schemas/encryption-views";
import type { AppEnv } from "../../types";

/** Encryption at rest: which key writes, how values are stored by key, and a re-encryption pass on demand. */
export const adminEncryptionRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const cipher = fieldCipher(c.env);
    const tables: Record<string, Record<string, number>> = {};
    for (const t of encryptedTables) {
      const counts = await countByKid(c.env.DB, t);
      if (Object.keys(counts).length) tables[t.table] = counts;
    }
    return c.json({
      encryptionAtRest: encryptionAtRest(c.env),
      currentKeyId: cipher.currentKid,
      keyIds: cipher.ring?.ids ?? [],
      tables,
    } satisfies EncryptionStatus);
  })
  .post("/reencrypt", async (c) => {
    const body = await jsonBody(c, ReencryptRequest, { optional: true });
    const cipher = fieldCipher(c.env);
    const report = await reencryptPass(c.env, cipher, encryptedTables, body);
    // Rewriting data at rest is an admin change: the log keeps the key it went to and the counts.
    await audit(c, { action: "encryption.reencrypt", target: { type: "key", id: cipher.currentKid ?? "none" }, after: report });
    return c.json(report satisfies ReencryptReport);
  });
