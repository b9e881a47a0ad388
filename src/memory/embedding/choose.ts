import type { EngineSettings } from "../../config/settings";
import { pineconeClient } from "../pinecone/pinecone-client";
import type { Embedder } from "./embedder";
import { LexicalEmbedder } from "./lexical";
import { PineconeEmbedder } from "./pinecone";

/**
 * The embedder this deployment uses: Pinecone's hosted inference when `PINECONE_API_KEY` and
 * `PINECONE_EMBED_MODEL` are set, otherwise the local lexical embedder (offline, no setup).
 * Workers AI is left out: it has no local simulation to develop and test against.
 */
export function chooseEmbedder(settings: EngineSettings): Embedder {
  if (settings.PINECONE_API_KEY && settings.PINECONE_EMBED_MODEL) {
    const client = pineconeClient({
      apiKey: settings.PINECONE_API_KEY,
      controllerUrl: settings.PINECONE_CONTROLLER_URL,
      timeoutMs: settings.PINECONE_TIMEOUT_MS,
    });
    return new PineconeEmbedder(client, settings.PINECONE_EMBED_MODEL, settings.PINECONE_EMBED_DIMENSION);
  }
  return new LexicalEmbedder();
}
