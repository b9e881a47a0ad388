import type { FieldCipher } from "./field-cipher";

/**
 * Values sealed ahead of a synchronous write. A Durable Object writes a decision and its effects
 * without an `await` between them (so they commit together), while WebCrypto only answers with
 * promises: the values are sealed first (`prepare`, once per value), then taken synchronously.
 * A value nobody prepared is written plain (the background re-encryption seals it later) and
 * reported once per isolate, so a missed call site shows in the logs.
 */
export class PreparedSeals {
  private readonly sealed = new Map<string, string>();
  private static warned = false;

  constructor(private readonly cipher: FieldCipher) {}

  /** Whether values are sealed at all (encryption at rest is on). */
  get enabled(): boolean {
    return this.cipher.enabled;
  }

  /** Seals every value (skipping empty ones) for its field `aad`. */
  async prepare(values: readonly (readonly [aad: string, plain: string | null | undefined])[]): Promise<this> {
    if (!this.cipher.enabled) return this;
    await Promise.all(
      values.map(async ([aad, plain]) => {
        if (plain) this.sealed.set(`${aad}\n${plain}`, await this.cipher.seal(plain, aad));
      }),
    );
    return this;
  }

  /** The sealed value prepared for `plain` in field `aad`; `plain` itself when encryption is off (or it was not prepared). */
  take(aad: string, plain: string): string {
    if (!this.cipher.enabled) return plain;
    const sealed = this.sealed.get(`${aad}\n${plain}`);
    if (sealed) return sealed;
    if (!PreparedSeals.warned) {
      PreparedSeals.warned = true;
      console.warn("a value was written before it was sealed; the re-encryption job seals it", { field: aad });
    }
    return plain;
  }
}
