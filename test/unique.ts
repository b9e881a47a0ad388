let counter = 0;
/** A name unique to this test run, so tests never see each other's agents or events. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}
