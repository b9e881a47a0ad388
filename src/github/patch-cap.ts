import type { ChangedFile } from "../schemas/github";

/** Most patch text handed to a decision (UTF-8 bytes): a change is checked, not archived. */
export const MAX_PATCH_BYTES = 256 * 1024;

const encoder = new TextEncoder();

/**
 * Keeps the change's patches under `maxBytes` by leaving out the largest whole patches first
 * (a cut patch would be misread as the file's content), and says which were left out.
 */
export function capPatches(files: readonly ChangedFile[], maxBytes = MAX_PATCH_BYTES): { files: ChangedFile[]; note?: string } {
  const sizes = files.map((f) => (f.patch === undefined ? 0 : encoder.encode(f.patch).byteLength));
  let total = sizes.reduce((a, b) => a + b, 0);
  if (total <= maxBytes) return { files: [...files] };
  const largestFirst = files.map((_, i) => i).sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0));
  const dropped = new Set<number>();
  for (const i of largestFirst) {
    if (total <= maxBytes) break;
    dropped.add(i);
    total -= sizes[i] ?? 0;
  }
  const kept = files.map((f, i) => {
    if (!dropped.has(i)) return f;
    const { patch: _patch, ...rest } = f;
    return rest;
  });
  const names = [...dropped].map((i) => files[i]?.path ?? "");
  const listed = names.length > 5 ? `${names.slice(0, 5).join(", ")} and ${names.length - 5} more` : names.join(", ");
  return {
    files: kept,
    note: `the patches of ${dropped.size} file(s) were left out to keep the change under ${Math.round(maxBytes / 1024)} KB (largest first): ${listed}`,
  };
}
