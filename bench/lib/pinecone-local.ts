/**
 * The tests' local Pinecone protocol server (test/servers/pinecone-server.ts) as a child of the
 * bench, for load H: the platform's Pinecone client upserts and queries against it
 * (`PINECONE_INDEX_HOST`). Its own process, so its answers do not wait on the bench's client.
 * It measures our client and a local server, not Pinecone's service.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { requestJson } from "./http";
import { freePort, REPO_ROOT, startNodeService } from "./proc";

const SERVER_SCRIPT = join(REPO_ROOT, "test", "servers", "pinecone-server.ts");

export interface LocalPinecone {
  readonly url: string;
  readonly key: string;
  readonly pid: number;
  /** Vectors the server holds, over every namespace of its default index. */
  vectorCount(): Promise<number>;
  stop(): Promise<void>;
}

export async function startLocalPinecone(logFile: string): Promise<LocalPinecone> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const key = randomBytes(12).toString("hex");
  const service = await startNodeService({
    nodeArgs: ["--import", "tsx", SERVER_SCRIPT, "--port", String(port), "--key", key],
    baseUrl: url,
    // A control endpoint (no auth): 200 once the server listens.
    healthPath: "/__stats",
    logFile,
  });
  return {
    url,
    key,
    pid: service.pid,
    async vectorCount() {
      const stats = (await requestJson(`${url}/__stats`)) as { namespaces?: Record<string, number> } | null;
      return Object.values(stats?.namespaces ?? {}).reduce((sum, n) => sum + (typeof n === "number" ? n : 0), 0);
    },
    stop: () => service.stop(),
  };
}
