import { APIUserAbortError } from './errors.js'
import type { Sleep } from './types.js'

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
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

/**
 * Waits with a sleep that may be injected: whatever it does, an abort during the wait ends as
 * `APIUserAbortError`, and a sleep that ignores the signal still cannot hide the abort.
 */
export async function pause(sleep: Sleep, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) throw new APIUserAbortError()
  try {
    await sleep(ms, signal)
  } catch (error) {
    if (signal?.aborted) throw new APIUserAbortError()
    throw error
  }
  if (signal?.aborted) throw new APIUserAbortError()
}
