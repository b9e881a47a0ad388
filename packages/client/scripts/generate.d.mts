/** The generated files (path relative to the package → text) for an OpenAPI 3.1 document. */
export function generateSources(document: unknown): Promise<Record<string, string>>;
/** Writes them from the package's committed openapi.json; resolves with the files written. */
export function writeSources(): Promise<string[]>;
