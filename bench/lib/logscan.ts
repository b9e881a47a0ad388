/** Counts runtime errors a system logged during a phase (e.g. SQLITE_NOMEM from the local cap). */
import { closeSync, openSync, readSync, statSync } from "node:fs";

export class LogScanner {
  private offset = 0;

  constructor(private readonly file: string) {
    this.offset = this.size();
  }

  /** Occurrences of `pattern` appended to the log since the previous call (or construction). */
  countNew(pattern: RegExp): number {
    const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
    return this.readNew().match(global)?.length ?? 0;
  }

  /** The text appended to the log since the previous call (or construction). */
  readNew(): string {
    const end = this.size();
    if (end <= this.offset) return "";
    const fd = openSync(this.file, "r");
    try {
      const buf = Buffer.alloc(end - this.offset);
      readSync(fd, buf, 0, buf.length, this.offset);
      this.offset = end;
      return buf.toString("utf8");
    } finally {
      closeSync(fd);
    }
  }

  private size(): number {
    try {
      return statSync(this.file).size;
    } catch {
      return 0;
    }
  }
}
