/** A prompt's characters per token, roughly (English and JSON run 3–4; 3 errs on the safe side). */
export const CHARS_PER_TOKEN = 3;

/**
 * The tokens some texts will cost a model, estimated before sending them: the one estimate the
 * LLM tier budgets spend with and the context assembler fits a prompt under its budget with.
 */
export function estimateTokens(...texts: readonly string[]): number {
  let chars = 0;
  for (const text of texts) chars += text.length;
  return Math.ceil(chars / CHARS_PER_TOKEN);
}
