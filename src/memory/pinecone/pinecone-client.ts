import { Pinecone } from "@pinecone-database/pinecone";

export interface PineconeConnection {
  apiKey: string;
  /** Inference and control calls go here (Pinecone's API host unless overridden). */
  controllerUrl?: string;
  timeoutMs: number;
}

/**
 * The real `@pinecone-database/pinecone` client (8.x; it runs in Workers with `nodejs_compat`).
 * Every request gets a time limit through the client's `fetchApi` hook, and at most one retry
 * of a 5xx: memory work happens in the agent's alarm, which retries on its next run anyway.
 */
export function pineconeClient(connection: PineconeConnection): Pinecone {
  const fetchWithTimeout = (input: RequestInfo | URL, init?: RequestInit) =>
    fetch(input, { ...init, signal: AbortSignal.timeout(connection.timeoutMs) });
  return new Pinecone({
    apiKey: connection.apiKey,
    ...(connection.controllerUrl ? { controllerHostUrl: connection.controllerUrl } : {}),
    fetchApi: fetchWithTimeout as typeof fetch,
    maxRetries: 1,
  });
}
