/**
 * GitHub is rate limiting us for longer than the caller is willing to wait: come back at
 * `retryAt` (epoch ms). The cron picks the work up again then; an isolate must not sleep for minutes.
 */
export class GithubRateLimited extends Error {
  override readonly name = "GithubRateLimited";
  readonly code = "github_rate_limited";
  constructor(
    readonly retryAt: number,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** GitHub refused the request (4xx other than a rate limit): retrying the same request will not help. */
export class GithubRequestFailed extends Error {
  override readonly name = "GithubRequestFailed";
  readonly code = "github_request_failed";
  constructor(
    readonly status: number,
    /** GitHub's own `message` (`Bad credentials`, `Not Found`, `Validation Failed`). */
    readonly githubMessage: string,
    readonly request: string,
  ) {
    super(`GitHub answered ${status} ${githubMessage} to ${request}`);
  }
}

/** GitHub could not be reached or kept failing (network errors, 5xx) after our retries. */
export class GithubUnavailable extends Error {
  override readonly name = "GithubUnavailable";
  readonly code = "github_unavailable";
  constructor(
    readonly status: number | null,
    readonly request: string,
    options?: ErrorOptions,
  ) {
    super(`GitHub ${status === null ? "could not be reached" : `answered ${status}`} to ${request}`, options);
  }
}
