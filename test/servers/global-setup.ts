// Vitest globalSetup (runs in Node, once per `vitest run`): starts the local Anthropic, Upstash, GitHub,
// Pinecone, OTLP, JWKS and Resend (e-mail) servers and hands their addresses to the tests, which run inside workerd and read them with
// `inject("anthropicUrl")` etc. (types in ./provided.d.ts). workerd reaches them over plain
// `fetch("http://127.0.0.1:<port>")`: miniflare's default outbound is the real network, so no
// extra configuration is needed.
import type { TestProject } from "vitest/node";
import { startAnthropicServer } from "./anthropic-server";
import { startGithubServer } from "./github-server";
import { startJwksServer } from "./jwks-server";
import { startOtlpServer } from "./otlp-server";
import { startPineconeServer } from "./pinecone-server";
import { startResendServer } from "./resend-server";
import { startUpstashServer } from "./upstash-server";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [anthropic, upstash, github, pinecone, otlp, jwks, resend] = await Promise.all([
    startAnthropicServer(),
    startUpstashServer(),
    startGithubServer(),
    startPineconeServer(),
    startOtlpServer(),
    startJwksServer(),
    startResendServer(),
  ]);
  project.provide("anthropicUrl", anthropic.url);
  project.provide("upstashUrl", upstash.url);
  project.provide("upstashToken", upstash.token);
  project.provide("githubUrl", github.url);
  project.provide("pineconeUrl", pinecone.url);
  project.provide("pineconeKey", pinecone.key);
  project.provide("otlpUrl", otlp.url);
  project.provide("jwksUrl", jwks.url);
  project.provide("jwksPrivateKeys", jwks.privateKeys);
  project.provide("jwksRsaPublicPem", jwks.rsaPublicPem);
  project.provide("resendUrl", resend.url);
  project.provide("resendKey", resend.key);
  return async () => {
    await Promise.all([anthropic.close(), upstash.close(), github.close(), pinecone.close(), otlp.close(), jwks.close(), resend.close()]);
  };
}
