import type { FieldCipher } from "../crypto/field-cipher";
import type { EncryptedTable } from "../crypto/reencrypt";

/**
 * A connected repository's secrets are encrypted at rest like customer content (src/crypto): the
 * customer's GitHub token (write access to their repository) and the webhook secret (whoever
 * holds it can forge webhooks). Each is bound to its column; reads open them where they are used.
 */
export const AAD = {
  token: "connected_repositories.token",
  webhookSecret: "connected_repositories.webhook_secret",
} as const;

export const sealToken = (cipher: FieldCipher, token: string | null | undefined): Promise<string | null> =>
  cipher.sealNullable(token, AAD.token);
export const openToken = (cipher: FieldCipher, stored: string | null): Promise<string | null> => cipher.openNullable(stored, AAD.token);
export const sealWebhookSecret = (cipher: FieldCipher, secret: string): Promise<string> => cipher.seal(secret, AAD.webhookSecret);
export const openWebhookSecret = (cipher: FieldCipher, stored: string): Promise<string> => cipher.open(stored, AAD.webhookSecret);

/** For the background re-encryption (src/crypto/reencrypt.ts). */
export const repositoriesEncryptedTable: EncryptedTable = {
  table: "connected_repositories",
  key: "id",
  columns: [
    { name: "webhook_secret", kind: "text", aad: AAD.webhookSecret },
    { name: "token", kind: "text", aad: AAD.token },
  ],
};
