-- Full-text search over the catalogue (persona, specialization, listing text). Written by hand:
-- drizzle-kit does not model FTS5 virtual tables. Rows are kept in step with `listings` by
-- src/marketplace/listings.ts (delete + insert on every listing upsert).
CREATE VIRTUAL TABLE `listings_fts` USING fts5(slug UNINDEXED, name, tagline, body, tokenize = 'porter unicode61');
