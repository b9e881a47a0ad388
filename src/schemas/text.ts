/**
 * `text` cut to `max` characters with an ellipsis, never splitting a surrogate pair. Shared by
 * the webhook slimming (src/github) and the skills' publications, which may not import it.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
