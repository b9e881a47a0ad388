import { drizzle } from "drizzle-orm/d1";

function connect(d1: D1Database) {
  // No schema: every query names its tables (src/db/schema.ts, and each product's own schema
  // file), so the core's client knows nothing of the products' tables.
  return drizzle(d1);
}
export type Database = ReturnType<typeof connect>;

// One drizzle instance per binding, not per request (building it showed up in CPU profiles of
// the queue consumer).
const connections = new WeakMap<D1Database, Database>();

export function database(d1: D1Database): Database {
  let db = connections.get(d1);
  if (!db) {
    db = connect(d1);
    connections.set(d1, db);
  }
  return db;
}

/**
 * A drizzle-built query as a native D1 statement. drizzle cannot batch raw SQL that has
 * parameters, so transactions that mix typed queries with set-based SQL are assembled from
 * native statements and run with `D1Database.batch`.
 */
export function toD1(d1: D1Database, query: { toSQL(): { sql: string; params: unknown[] } }): D1PreparedStatement {
  const { sql, params } = query.toSQL();
  return d1.prepare(sql).bind(...params);
}
