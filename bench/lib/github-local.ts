/**
 * The local GitHub REST server (test/servers/github-server.ts) as a child of the bench, for load
 * G: the platform reads pull request files and compares from it and posts issues and comments to it
 * (`GITHUB_API_URL`). Its own process, so its answers do not wait on the bench's client.
 */
import { join } from "node:path";
import type { GithubState, WireFile } from "../../test/servers/github-server";
import { requestJson } from "./http";
import { freePort, REPO_ROOT, startNodeService, type ChildService } from "./proc";

const CHILD_SCRIPT = join(REPO_ROOT, "bench", "lib", "github-local-child.ts");

/** The repository the child creates at start: its `/__state` answering 200 says the server is up. */
export const HEALTH_REPOSITORY = "bench/health";

export interface LocalGithub {
  readonly url: string;
  readonly pid: number;
  /** Creates `repository` (forgetting what it had); it accepts only `token`. */
  repository(repository: string, token: string): Promise<void>;
  /** A pull request `number` whose files endpoint lists `files`. */
  pull(repository: string, number: number, files: WireFile[]): Promise<void>;
  /** The files `compare/base...head` lists (a push from `base` to `head`). */
  compare(repository: string, base: string, head: string, files: WireFile[]): Promise<void>;
  /** What the repository holds: issues, comments, hits per endpoint, requests. */
  state(repository: string): Promise<GithubState>;
  stop(): Promise<void>;
}

/** Starts the server on `port` (a free one when not given). */
export async function startLocalGithub(logFile: string, port?: number): Promise<LocalGithub> {
  port ??= await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // `--import tsx` runs the TypeScript server with the bench's own loader, without npx in between.
  const service: ChildService = await startNodeService({
    nodeArgs: ["--import", "tsx", CHILD_SCRIPT, "--port", String(port)],
    baseUrl,
    healthPath: `/__state?repository=${encodeURIComponent(HEALTH_REPOSITORY)}`,
    logFile,
  });
  return {
    url: baseUrl,
    pid: service.pid,
    async repository(repository, token) {
      await requestJson(`${baseUrl}/__repos`, { body: { repository, token } });
    },
    async pull(repository, number, files) {
      await requestJson(`${baseUrl}/__pulls`, { body: { repository, number, files } });
    },
    async compare(repository, base, head, files) {
      await requestJson(`${baseUrl}/__compares`, { body: { repository, base, head, files } });
    },
    async state(repository) {
      return (await requestJson(`${baseUrl}/__state?repository=${encodeURIComponent(repository)}`)) as GithubState;
    },
    stop: () => service.stop(),
  };
}
