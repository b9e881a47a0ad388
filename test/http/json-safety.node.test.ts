import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors";
import { MAX_JSON_DEPTH, MAX_JSON_NODES, decodeUtf8, parseSafeJson } from "../../src/http/json-safety";

function refusal(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

describe("JSON bodies before any schema sees them", () => {
  it("accepts ordinary bodies, including every kind of legitimate Unicode", () => {
    const body = { name: "Zoë 🤖 مرحبا", notes: "line one\nline two\ttabbed", list: [1, "two", null, { ok: true }] };
    expect(parseSafeJson(JSON.stringify(body))).toEqual(body);
    expect(parseSafeJson(nested(MAX_JSON_DEPTH))).toBeTruthy();
  });

  it("names the field that nests too deep, and survives a body far deeper than the stack", () => {
    const error = refusal(() => parseSafeJson(nested(MAX_JSON_DEPTH + 1)));
    expect(error.code).toBe("payload_too_complex");
    expect(error.field).toMatch(/^a(\.a)+$/);
    expect(refusal(() => parseSafeJson(nested(200_000))).code).toBe("payload_too_complex");
    expect(refusal(() => parseSafeJson(`${"[".repeat(100_000)}${"]".repeat(100_000)}`)).code).toBe("payload_too_complex");
  });

  it("refuses a body with too many values even when it is flat", () => {
    const error = refusal(() => parseSafeJson(JSON.stringify(Array.from({ length: MAX_JSON_NODES + 1 }, () => 0))));
    expect(error.code).toBe("payload_too_complex");
  });

  it("refuses lone surrogates and control characters, in values and in keys, naming where", () => {
    const surrogate = refusal(() => parseSafeJson('{"task":{"title":"ok","notes":["fine","bad \\ud800"]}}'));
    expect(surrogate).toMatchObject({ code: "invalid_unicode", field: "task.notes[1]" });
    expect(refusal(() => parseSafeJson('{"name":"a\\u0000b"}'))).toMatchObject({ code: "invalid_unicode", field: "name" });
    expect(refusal(() => parseSafeJson('{"bell\\u0007":1}'))).toMatchObject({ code: "invalid_unicode", field: "bell\u0007" });
    expect(refusal(() => parseSafeJson('"\\u001b[31m"'))).toMatchObject({ code: "invalid_unicode", field: "body" });
  });

  it("says plainly that text is not JSON", () => {
    expect(refusal(() => parseSafeJson("{'single': quotes}"))).toMatchObject({ code: "invalid_json", field: "body" });
  });

  it("refuses malformed UTF-8 instead of replacing it", () => {
    expect(decodeUtf8(new TextEncoder().encode('{"a":"é"}').buffer as ArrayBuffer)).toBe('{"a":"é"}');
    const overlong = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]);
    expect(refusal(() => decodeUtf8(overlong.buffer))).toMatchObject({ code: "invalid_encoding", field: "body" });
  });
});
