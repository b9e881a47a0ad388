/** Reading the Linux process table from /proc: descendants of a pid and their resident memory. */
import { readFileSync, readdirSync } from "node:fs";

interface ProcInfo {
  pid: number;
  ppid: number;
  comm: string;
}

function readProc(pid: number): ProcInfo | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split at the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const ppid = Number(stat.slice(close + 2).split(" ")[1]);
    return { pid, ppid, comm };
  } catch {
    return null; // Exited while we looked.
  }
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
