'use client'

import { useRunsContext } from './context.js'
import { runKeys } from './queryKeys.js'
import type { RunSession } from './store/streamRegistry.js'
import { useWatchedSession } from './useWatchedSession.js'

/**
 * The session of a run, by id: the one that holds it in the provider's registry (a stream started
 * elsewhere), else an idle one of this component, which can still cancel the run or answer its
 * required action (that opens a connection). Held while mounted; shows the run the cache knows
 * while no connection of its own is open. Without a run id: an idle session on the thread.
 * The light path of `useRunStream` (no `start`), all that `RunMonitor` needs.
 */
export function useRunSession(threadId: string, runId: string | null): RunSession {
  const { streams } = useRunsContext()
  return useWatchedSession(streams, threadId, runId, runKeys.detail(threadId, runId ?? ''))
}
