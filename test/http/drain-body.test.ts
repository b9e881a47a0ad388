import { describe, expect, it } from "vitest";
import { createExecutionContext } from "cloudflare:test";
import { app } from "../../src/app";
import { BODY_LIMITS } from "../../src/http/body-limits";
import { env, TOKEN } from "../helpers";

/**
 * A request body the test hands out one chunk per read, so it can tell whether the Worker read
 * it to its end before answering (behind `wrangler dev`'s proxy, a body left half-sent breaks
 * the client's keep-alive connection: its next request hangs).
 */
function trackedBody(chunks: number, chunkBytes = 1_000) {
  let given = 0;
  let ended = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (given === chunks) {
          ended = true;
          controller.close();
          return;
        }
        given++;
        controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, bytes: chunks * chunkBytes, given: () => given, ended: () => ended };
}

// The app itself, not through the runtime: a request crossing into the Worker has its body pumped
// by the runtime whether the Worker reads it or not, which would hide what the Worker does.
// With its length declared, as clients send a body they hold (without it, the body limits read
// the stream themselves).
const post = (path: string, body: ReturnType<typeof trackedBody>, token?: string) =>
  app.fetch(
    new Request(`http://waooaw.test${path}`, {
      method: "POST",
      body: body.stream,
      headers: { "content-length": String(body.bytes), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }),
    env,
    createExecutionContext(),
  );

describe("request bodies a route leaves unread", () => {
  it("are read to their end before the answer goes out: a route that takes no body, a refusal before the body, no such route", async () => {
    const cases = [
      { path: "/v1/admin/seed", token: TOKEN, status: 200 },
      { path: "/v1/admin/seed", token: undefined, status: 401 },
      { path: "/v1/admin/no-such-route", token: TOKEN, status: 404 },
    ];
    for (const c of cases) {
      const body = trackedBody(8);
      const res = await post(c.path, body, c.token);
      expect(res.status, c.path).toBe(c.status);
      await res.arrayBuffer();
      expect(body.ended(), `${c.path} (${c.status}) read all of its body`).toBe(true);
    }
  });

  it("are read no further than the route's body limit, and not at all when declared larger (refused: 413)", async () => {
    const chunkBytes = 64 * 1024;
    const declaredLarger = trackedBody(Math.ceil((2 * BODY_LIMITS.api) / chunkBytes), chunkBytes);
    const refused = await post("/v1/admin/seed", declaredLarger, TOKEN);
    expect(refused.status).toBe(413);
    await refused.arrayBuffer();
    expect(declaredLarger.given()).toBe(0);

    // Declared within the limit but longer (a client that lies): read up to the limit, then let go.
    const chunks = Math.ceil((2 * BODY_LIMITS.api) / chunkBytes);
    const lying = trackedBody(chunks, chunkBytes);
    const res = await post("/v1/admin/seed", { ...lying, bytes: 1_000 }, TOKEN);
    await res.arrayBuffer();
    expect(lying.ended()).toBe(false);
    expect(lying.given()).toBeLessThan(chunks);
    expect(lying.given() * chunkBytes).toBeGreaterThanOrEqual(BODY_LIMITS.api);
  });
});
