import { engineSettings } from "../config/settings";
import { fieldCipher } from "../crypto/env-cipher";
import { AgentMemory, type AgentMemoryOptions } from "./agent-memory";
import { chooseEmbedder } from "./embedding/choose";
import { pineconeClient } from "./pinecone/pinecone-client";
import { PineconeVectorIndex } from "./pinecone/pinecone-index";
import { LocalVectorIndex } from "./vectors/local-index";
import type { VectorIndex } from "./vectors/vector-index";

/**
 * An agent's memory as this deployment configures it: vectors in Pinecone when
 * `PINECONE_API_KEY` and `PINECONE_INDEX_HOST` are set, else in the agent's own SQLite; the
 * embedder from ./embedding/choose.ts. Nothing configured: local and lexical, fully offline.
 */
export function buildAgentMemory(sql: SqlStorage, env: object, owner: AgentMemoryOptions["owner"]): AgentMemory {
  const settings = engineSettings(env);
  let index: VectorIndex;
  if (settings.PINECONE_API_KEY && settings.PINECONE_INDEX_HOST) {
    const client = pineconeClient({
      apiKey: settings.PINECONE_API_KEY,
      controllerUrl: settings.PINECONE_CONTROLLER_URL,
      timeoutMs: settings.PINECONE_TIMEOUT_MS,
    });
    index = new PineconeVectorIndex(client, settings.PINECONE_INDEX_HOST);
  } else {
    index = new LocalVectorIndex(sql);
  }
  return new AgentMemory(sql, {
    embedder: chooseEmbedder(settings),
    index,
    owner,
    batch: settings.MEMORY_EMBED_BATCH,
    cipher: fieldCipher(env),
  });
}
