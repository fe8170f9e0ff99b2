import type { Run } from '@runlens/client'
import { writeRun } from './cache.js'
import type { RunsContextValue } from './context.js'
import { isActiveRunStatus, pollDelayMs, retrieveRun } from './polling.js'
import { runKeys } from './queryKeys.js'
import { selectRun } from './store/runStore.js'

/**
 * Waits until `run` leaves queued / in_progress / cancelling, by the cheapest source: a live
 * stream session's store, else the query cache when a `useRun` already polls the run, else its own
 * retrieves by the polling rule (written to the cache). Resolves with the settled run.
 */
export async function followRun(
  ctx: RunsContextValue,
  run: Run,
  options: { pollIntervalMs?: number; signal?: AbortSignal } = {},
): Promise<Run> {
  const { client, queryClient, streams, sleep } = ctx
  const threadId = run.thread_id
  const key = runKeys.detail(threadId, run.id)
  let current = run
  while (isActiveRunStatus(current.status)) {
    const delay = pollDelayMs(current, options.pollIntervalMs)
    const session = streams.get(threadId, run.id)
    const observed =
      (queryClient.getQueryCache().find({ queryKey: key, exact: true })?.getObserversCount() ?? 0) > 0
    // Whoever already follows the run is trusted to bring its next state; after a long silence
    // the loop looks again, and polls itself if nobody follows any more.
    if (session?.live) {
      current =
        (await nextChange(
          session.store.subscribe,
          () => selectRun(session.store.getState()),
          current,
          delay * 4,
        )) ?? current
    } else if (observed) {
      const read = () => queryClient.getQueryData<Run>(key)
      current =
        (await nextChange(
          (listener) => queryClient.getQueryCache().subscribe(listener),
          read,
          current,
          delay * 4,
        )) ?? current
    } else {
      await sleep(delay, options.signal)
      current = await retrieveRun(client, threadId, run.id, options.signal)
      writeRun(queryClient, current)
    }
  }
  return current
}

/** The next value of `read()` other than `previous`, or `null` after `timeoutMs` of silence. */
function nextChange(
  subscribe: (listener: () => void) => () => void,
  read: () => Run | null | undefined,
  previous: Run,
  timeoutMs: number,
): Promise<Run | null> {
  const now = read()
  if (now && now !== previous) return Promise.resolve(now)
  return new Promise((resolve) => {
    let unsubscribe = () => {}
    const timer = setTimeout(() => {
      unsubscribe()
      resolve(null)
    }, timeoutMs)
    unsubscribe = subscribe(() => {
      const value = read()
      if (value && value !== previous) {
        clearTimeout(timer)
        unsubscribe()
        resolve(value)
      }
    })
  })
}
