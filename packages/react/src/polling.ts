import { isPollingStatus, pollDelay, type Run, type RunStatus } from '@runlens/client'

/**
 * The client's polling rule, for a status that may be missing: a run still moves by itself while
 * queued, in_progress or cancelling; any other status (requires_action, a final one, or one this
 * version does not know) stops polling, so nothing ever spins.
 */
export function isActiveRunStatus(status: RunStatus | null | undefined): boolean {
  return status != null && isPollingStatus(status)
}

/** The response headers that brought each run object, for the server's `openai-poll-after-ms`. */
const responseHeaders = new WeakMap<Run, Headers>()

/** Remembers the headers of the response a run came in, so the next wait can follow the server. */
export function rememberResponse(run: Run, headers: Headers | null | undefined): void {
  if (headers) responseHeaders.set(run, headers)
}

/**
 * The wait before the next retrieve of `run`, by the client's rule (`pollDelay`): the caller's
 * `pollIntervalMs`, else the server's `openai-poll-after-ms` for this run object, else 1000 ms.
 */
export function pollDelayMs(run: Run | null | undefined, pollIntervalMs?: number): number {
  return pollDelay(pollIntervalMs, run ? responseHeaders.get(run) : undefined)
}
