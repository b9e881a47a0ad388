// Values test/servers/global-setup.ts provides to every test (`inject("anthropicUrl")` from "vitest").
import "vitest";
import type { JWK } from "jose";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the local Anthropic Messages API server (test/servers/anthropic-server.ts). */
    anthropicUrl: string;
    /** Base URL of the local Upstash Redis REST server (test/servers/upstash-server.ts). */
    upstashUrl: string;
    /** Bearer token the Upstash server accepts. */
    upstashToken: string;
    /** Base URL of the local GitHub REST API server (test/servers/github-server.ts). */
    githubUrl: string;
    /** Base URL of the local Pinecone data-plane and inference server (test/servers/pinecone-server.ts). */
    pineconeUrl: string;
    /** The Api-Key the Pinecone server accepts. */
    pineconeKey: string;
    /** Base URL of the local OTLP/HTTP trace receiver (test/servers/otlp-server.ts); the Worker exports to it. */
    otlpUrl: string;
    /** The local identity provider's key set URL (test/servers/jwks-server.ts): OPERATOR_JWKS_URL in tests. */
    jwksUrl: string;
    /** That provider's private signing keys (RS256, ES256, EdDSA), for tests to sign operator JWTs with. */
    jwksPrivateKeys: Record<"RS256" | "ES256" | "EdDSA", JWK>;
    /** Its RS256 public key as SPKI PEM, for the algorithm-confusion test. */
    jwksRsaPublicPem: string;
    /** Base URL of the local e-mail API speaking Resend's protocol (test/servers/resend-server.ts); verification links go there. */
    resendUrl: string;
    /** The API key the e-mail server accepts. */
    resendKey: string;
  }
}
