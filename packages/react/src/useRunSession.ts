'use client'

import type { Run } from '@runlens/client'
import { hashKey } from '@tanstack/react-query'
import { useEffect, useState, useSyncExternalStore } from 'react'
import { useRunsContext } from './context.js'
import { runKeys } from './queryKeys.js'
import type { RunSession } from './store/streamRegistry.js'

interface Watched {
  streams: ReturnType<typeof useRunsContext>['streams']
  threadId: string
  runId: string | null
  session: RunSession
}

/**
 * The session of a run, by id: the one that holds it in the provider's registry (a stream started
 * elsewhere), else an idle one of this component, which can still cancel the run or answer its
 * required action (that opens a connection). Held while mounted; shows the run the cache knows
 * while no connection of its own is open. Without a run id: an idle session on the thread.
 * The light path of `useRunStream` (no `start`), all that `RunMonitor` needs.
 */
export function useRunSession(threadId: string, runId: string | null): RunSession {
  const { streams, queryClient } = useRunsContext()
  // Made while rendering, and again in the render where the provider, thread or run changes
  // (React's "adjusting state when a prop changes": no frame shows the previous run). That is safe
  // because `create` is pure, as in useRunStream: the effect below registers the session.
  const [watch, setWatch] = useState<Watched>(() => ({
    streams,
    threadId,
    runId,
    session: streams.create(threadId, runId),
  }))
  let now = watch
  if (watch.streams !== streams || watch.threadId !== threadId || watch.runId !== runId) {
    now = { streams, threadId, runId, session: streams.create(threadId, runId) }
    setWatch(now)
  }
  const get = () => (runId ? streams.get(threadId, runId) : undefined)
  const session = useSyncExternalStore(streams.subscribe, get, get) ?? now.session

  useEffect(() => streams.retain(session), [streams, session])

  // A run the cache knows (a page reload, a run started elsewhere, polled by useRun): shown here
  // while this session has no connection of its own.
  useEffect(() => {
    if (!runId) return
    const key = runKeys.detail(threadId, runId)
    const sync = () => {
      const cached = queryClient.getQueryData<Run>(key)
      if (cached) session.seed(cached)
    }
    sync()
    const hash = hashKey(key)
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.query.queryHash === hash) sync()
    })
  }, [queryClient, session, threadId, runId])

  return session
}
