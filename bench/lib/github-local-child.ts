/**
 * `node --import tsx bench/lib/github-local-child.ts --port N`: the tests' local GitHub REST
 * server, plus one repository (HEALTH_REPOSITORY) whose `/__state` tells the bench it is up.
 */
import { startGithubServer } from "../../test/servers/github-server";
import { HEALTH_REPOSITORY } from "./github-local";

const portArg = process.argv.indexOf("--port");
const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : 0;
const server = await startGithubServer({ port });
const res = await fetch(`${server.url}/__repos`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ repository: HEALTH_REPOSITORY, token: "health" }),
});
if (!res.ok) throw new Error(`creating ${HEALTH_REPOSITORY}: HTTP ${res.status}`);
console.log(`local GitHub REST server on ${server.url}`);
const stop = () => void server.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
