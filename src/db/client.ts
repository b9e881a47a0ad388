import { drizzle } from "drizzle-orm/d1";
import * as marketplace from "./marketplace-schema";
import * as platform from "./schema";

export function database(d1: D1Database) {
  return drizzle(d1, { schema: { ...platform, ...marketplace } });
}
export type Database = ReturnType<typeof database>;

/**
 * A drizzle-built query as a native D1 statement. drizzle cannot batch raw SQL that has
 * parameters, so transactions that mix typed queries with set-based SQL are assembled from
 * native statements and run with `D1Database.batch`.
 */
export function toD1(d1: D1Database, query: { toSQL(): { sql: string; params: unknown[] } }): D1PreparedStatement {
  const { sql, params } = query.toSQL();
  return d1.prepare(sql).bind(...params);
}
