import type { ResponseStatus } from './responseTypes.js'
import { pause } from './sleep.js'
import type { JsonResponse } from './transport.js'
import type { RequestOptions, Run, RunStatus, Sleep } from './types.js'

/**
 * The wait between two polls when neither the caller nor the server says otherwise. A run takes
 * seconds to minutes; one retrieve a second shows each change within a second while staying far
 * below the rate limits, and it is what the API's own SDKs do without `openai-poll-after-ms`.
 */
export const DEFAULT_POLL_INTERVAL_MS = 1000

/**
 * True while a run may still change by itself: queued, in_progress, cancelling. Polling stops at
 * any other status, including `requires_action` (it waits for the caller) and a status this
 * version does not know, so a new status can never make a poll loop forever.
 */
export function isPollingStatus(status: RunStatus): boolean {
  return status === 'queued' || status === 'in_progress' || status === 'cancelling'
}

/**
 * True while a response may still change by itself: queued, in_progress. Any other status,
 * including one this version does not know, stops a poll, so a new status never makes it loop.
 */
export function isResponsePollingStatus(status: ResponseStatus): boolean {
  return status === 'queued' || status === 'in_progress'
}

/** The wait before the next poll: the caller's `pollIntervalMs`, else the server's `openai-poll-after-ms`, else 1000 ms. */
export function pollDelay(pollIntervalMs: number | undefined, headers?: Headers): number {
  const hinted = +(headers?.get('openai-poll-after-ms') ?? Number.NaN)
  return pollIntervalMs ?? (Number.isFinite(hinted) && hinted >= 0 ? hinted : DEFAULT_POLL_INTERVAL_MS)
}

/**
 * The one polling loop: from a first fetched object (a run, a response), retrieve it again until
 * it settles: until `moving` (by default the runs' `isPollingStatus`) says false of its status.
 */
export async function pollUntilSettled<T extends { status: string } = Run>(
  first: Promise<JsonResponse<T>>,
  retrieve: (run: T) => Promise<JsonResponse<T>>,
  sleep: Sleep,
  opts: RequestOptions = {},
  moving: (status: string) => boolean = isPollingStatus,
): Promise<T> {
  let { data: run, response } = await first
  while (moving(run.status)) {
    await pause(sleep, pollDelay(opts.pollIntervalMs, response.headers), opts.signal)
    const next = await retrieve(run)
    run = next.data
    response = next.response
  }
  return run
}
