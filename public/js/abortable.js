// Work a newer route or search can cancel: every fetch and wait takes an AbortSignal, and an
// aborted one ends with an AbortError that callers drop silently (see isAbort).

/**
 * Whether an error only says the work was cancelled (fetch, sleep), which is nothing to show.
 * @param {unknown} error
 */
export function isAbort(error) {
  return typeof error === "object" && error !== null && "name" in error && error.name === "AbortError";
}

/**
 * Resolves after `ms`, or rejects with an AbortError as soon as `signal` aborts.
 * @param {number} ms
 * @param {AbortSignal} [signal]
 * @returns {Promise<void>}
 */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(new DOMException("aborted", "AbortError"));
      },
      { once: true },
    );
  });
}
