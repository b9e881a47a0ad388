import { SingleBar } from "cli-progress";

/**
 * A progress bar on stderr (cli-progress redraws it in place on a terminal); where stderr is not
 * a terminal it prints nothing, and the command's summary says what happened.
 */
export function progressBar(label: string, total: number): { update(done: number, detail?: string): void; stop(): void } {
  const bar = new SingleBar({
    format: `${label} [{bar}] {value}/{total} {detail}`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: false,
    barsize: 30,
  });
  bar.start(total, 0, { detail: "" });
  return {
    update: (done, detail = "") => bar.update(done, { detail }),
    stop: () => bar.stop(),
  };
}
