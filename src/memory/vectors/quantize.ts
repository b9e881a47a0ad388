/**
 * int8 quantization of unit vectors for the local index: each vector is stored as 8-bit
 * integers and one float scale (its largest magnitude / 127), so 50,000 memories of 512
 * dimensions take 25 MB of memory instead of 100 MB as Float32 (a Durable Object has 128 MB).
 * Each component is off by at most scale / 2, so a dot product with a unit query is off by at
 * most (scale / 2) · ‖query‖₁ ≤ (scale / 2) · √dimension; in practice far less (errors cancel),
 * as test/memory/vector-matrix.node.test.ts measures.
 */
export interface Quantized {
  values: Int8Array;
  scale: number;
}

export function quantize(vector: Float32Array): Quantized {
  let max = 0;
  for (const v of vector) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 127 : 1;
  const values = new Int8Array(vector.length);
  for (let i = 0; i < vector.length; i++) values[i] = Math.round((vector[i] as number) / scale);
  return { values, scale };
}

export function dequantize({ values, scale }: Quantized): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (values[i] as number) * scale;
  return out;
}

/** The bytes stored in SQLite: the int8 values (the scale is a column of its own). */
export function toBlob(values: Int8Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

export function fromBlob(blob: ArrayBuffer | Uint8Array): Int8Array {
  const bytes = blob instanceof Uint8Array ? blob : new Uint8Array(blob);
  return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
