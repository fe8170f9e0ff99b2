/** What the retry policy looks at after a failed attempt. */
export interface RetryInput {
  /** Retries made so far: 0 after the first attempt. */
  retries: number
  maxRetries: number
  /** The response status; undefined when no response came (network error, timeout). */
  status?: number
  headers?: Headers
  /** Now, in ms since the epoch, to read an HTTP-date `retry-after`. */
  now: number
  /** In [0, 1), for the jitter. */
  random: number
}

/** Longer than this, a `retry-after` is a "come back later" the caller should see, not a wait. */
export const MAX_RETRY_AFTER_MS = 60_000

/**
 * The retry policy: how long to wait before the next attempt, or null not to retry.
 *
 * - `x-should-retry: true|false` is the server's explicit word and overrides the status.
 * - Otherwise only what may succeed unchanged is retried: 408, 409 (lock contention), 429, 5xx,
 *   and no response at all.
 * - The server's `retry-after-ms` / `retry-after` wins when it is at most a minute; a longer one
 *   gives the error to the caller rather than blocking it for minutes.
 * - Else exponential backoff, 0.5 s doubling to 8 s, minus up to 25% jitter so that clients
 *   failing together do not retry together.
 */
export function retryDelay({ retries, maxRetries, status, headers, now, random }: RetryInput): number | null {
  const said = headers?.get('x-should-retry')
  if (retries >= maxRetries || said === 'false' || (said !== 'true' && status && !isRetryableStatus(status)))
    return null
  const hinted = retryAfterMs(headers, now)
  if (hinted === undefined) return Math.min(500 * 2 ** retries, 8000) * (1 - 0.25 * random)
  return hinted <= MAX_RETRY_AFTER_MS ? Math.max(0, hinted) : null
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500
}

/** The wait the server asks for, in ms, from `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now: number): number | undefined {
  const ms = headers?.get('retry-after-ms')
  const value = headers?.get('retry-after')
  const wait =
    ms && Number.isFinite(+ms)
      ? +ms
      : value
        ? Number.isFinite(+value)
          ? +value * 1000
          : Date.parse(value) - now
        : Number.NaN
  return Number.isNaN(wait) ? undefined : wait
}
