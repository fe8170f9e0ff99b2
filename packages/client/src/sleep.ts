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

/** `setTimeout` as a promise; an abort clears the timer and rejects with `APIUserAbortError`. */
export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(new APIUserAbortError())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    if (signal?.aborted) onAbort()
    else signal?.addEventListener('abort', onAbort, { once: true })
  })

/** Waits with a sleep that may be injected; an abort before or during the wait is `APIUserAbortError`. */
export const pause = (sleep: Sleep, ms: number, signal: AbortSignal | undefined): Promise<void> =>
  untilAborted(sleep(ms, signal), signal)
