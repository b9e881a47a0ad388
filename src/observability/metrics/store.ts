import { addSeries, type Series, seriesKey } from "./series";

/**
 * A metrics shard's totals in its SQLite: one row per series. `add` folds isolates' deltas in
 * (one transaction per flush), `all` returns the totals for a scrape.
 */
const SCHEMA = `CREATE TABLE IF NOT EXISTS series (
  key TEXT PRIMARY KEY, name TEXT NOT NULL, labels TEXT NOT NULL, value REAL NOT NULL, counts TEXT, sum REAL
)`;

interface SeriesRow extends Record<string, SqlStorageValue> {
  key: string;
  name: string;
  labels: string;
  value: number;
  counts: string | null;
  sum: number | null;
}

export class MetricsStore {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(SCHEMA);
  }

  add(deltas: readonly Series[]): void {
    for (const delta of deltas) {
      const key = seriesKey(delta.name, delta.labels);
      const row = this.sql.exec<SeriesRow>("SELECT * FROM series WHERE key = ?", key).toArray()[0];
      const total = row ? fromRow(row) : { name: delta.name, labels: delta.labels, value: 0 };
      addSeries(total, delta);
      this.sql.exec(
        `INSERT INTO series (key, name, labels, value, counts, sum) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, counts = excluded.counts, sum = excluded.sum`,
        key,
        total.name,
        JSON.stringify(total.labels),
        total.value,
        total.counts ? JSON.stringify(total.counts) : null,
        total.counts ? (total.sum ?? 0) : null,
      );
    }
  }

  all(): Series[] {
    return this.sql.exec<SeriesRow>("SELECT * FROM series").toArray().map(fromRow);
  }
}

function fromRow(row: SeriesRow): Series {
  return {
    name: row.name,
    labels: JSON.parse(row.labels) as string[],
    value: row.value,
    ...(row.counts ? { counts: JSON.parse(row.counts) as number[], sum: row.sum ?? 0 } : {}),
  };
}
