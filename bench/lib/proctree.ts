/** Reading the Linux process table from /proc: descendants of a pid and their resident memory. */
import { readFileSync, readdirSync } from "node:fs";

interface ProcInfo {
  pid: number;
  ppid: number;
  comm: string;
}

/**
 * A /proc `stat` file ("pid (comm) state ppid …", of a process or a thread): the command name
 * and the fields after it (fields[0] is the state). comm may contain spaces, so it is split at
 * the last ')'. null when the process or thread is gone.
 */
export function readStat(path: string): { comm: string; fields: string[] } | null {
  try {
    const stat = readFileSync(path, "utf8");
    const close = stat.lastIndexOf(")");
    return { comm: stat.slice(stat.indexOf("(") + 1, close), fields: stat.slice(close + 2).split(" ") };
  } catch {
    return null; // Exited while we looked.
  }
}

function readProc(pid: number): ProcInfo | null {
  const stat = readStat(`/proc/${pid}/stat`);
  return stat ? { pid, ppid: Number(stat.fields[1]), comm: stat.comm } : null;
}

function allProcs(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProc(Number(name));
    if (info) out.push(info);
  }
  return out;
}

/** Processes on the machine whose command name is `comm` (e.g. other workerd instances). */
export function countProcesses(comm: string): number {
  return allProcs().filter((p) => p.comm === comm).length;
}

/** All descendants of `root` (not including it), deepest last. */
export function descendants(root: number): ProcInfo[] {
  const children = new Map<number, ProcInfo[]>();
  for (const p of allProcs()) {
    const list = children.get(p.ppid) ?? [];
    list.push(p);
    children.set(p.ppid, list);
  }
  const out: ProcInfo[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number; // Non-empty: checked by the loop condition.
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      stack.push(child.pid);
    }
  }
  return out;
}

/** Resident set size of a process in bytes, or 0 if it is gone. */
export function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match?.[1] ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
