import { APIUserAbortError } from './errors.js'
import type { Sleep } from './types.js'

/**
 * Settles as `promise` does, or rejects with `APIUserAbortError` as soon as `signal` aborts,
 * even when what it waits for (an injected fetch or sleep) ignores the signal.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new APIUserAbortError())
    if (signal.aborted) onAbort()
    signal.addEventListener('abort', onAbort)
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

// An aborted wait leaves its timer to run out (at most a retry or poll interval) rather than
// carry the code to clear it; nothing happens when it fires.
export const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits with a sleep that may be injected; an abort before or during the wait is `APIUserAbortError`. */
export const pause = (sleep: Sleep, ms: number, signal: AbortSignal | undefined): Promise<void> =>
  untilAborted(sleep(ms, signal), signal)
