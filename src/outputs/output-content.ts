import type { FieldCipher } from "../crypto/field-cipher";
import type { EncryptedTable } from "../crypto/reencrypt";

/**
 * What agents post is customer content, encrypted at rest (src/crypto): an output's title and
 * body, each bound to its column. Everything SQL reads stays plain (kind, key, subject, target,
 * state, status). The threads' titles (`output_threads.title`) stay plain: SQL writes the closing
 * output of a fixed violation from them.
 */
export const AAD = { title: "outputs.title", body: "outputs.body" } as const;

/** An output's text, as stored (sealed) or as read (plain). */
export interface OutputText {
  title: string;
  body: string;
}

/** Seals the text of many outputs at once (one Promise.all, two values a row). */
export function sealOutputTexts(cipher: FieldCipher, texts: readonly OutputText[]): Promise<OutputText[]> {
  return Promise.all(
    texts.map(async (t) => {
      const [title, body] = await Promise.all([cipher.seal(t.title, AAD.title), cipher.seal(t.body, AAD.body)]);
      return { title, body };
    }),
  );
}

/** The row with its title and body decrypted (legacy plain ones are read as they are). */
export async function openOutputText<T extends OutputText>(cipher: FieldCipher, row: T): Promise<T> {
  const [title, body] = await Promise.all([cipher.open(row.title, AAD.title), cipher.open(row.body, AAD.body)]);
  return { ...row, title, body };
}

/** For the background re-encryption (src/crypto/reencrypt.ts). */
export const outputsEncryptedTable: EncryptedTable = {
  table: "outputs",
  key: "id",
  columns: [
    { name: "body", kind: "text", aad: AAD.body },
    { name: "title", kind: "text", aad: AAD.title },
  ],
};
