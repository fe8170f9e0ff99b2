'use client'

import { useEffect, useState, useSyncExternalStore } from 'react'
import { useStore } from 'zustand'
import { useRunsContext } from './context.js'
import { createRunStore, type RunStreamState } from './store/runStore.js'

/**
 * Reads a slice of a streamed run's live state, by thread and run id, from whichever
 * `useRunStream` session holds it; re-renders only when the slice changes. It holds the session
 * too (the connection stays open while any reader is mounted). Before any session holds the run,
 * the selector sees an empty, idle state.
 */
export function useRunStreamState<T>(
  threadId: string,
  runId: string | null | undefined,
  select: (state: RunStreamState) => T,
): T {
  const { streams } = useRunsContext()
  const [empty] = useState(() => createRunStore(threadId, runId ?? null))
  const session = useSyncExternalStore(
    streams.subscribe,
    () => (runId ? streams.get(threadId, runId) : undefined),
    () => (runId ? streams.get(threadId, runId) : undefined),
  )
  useEffect(() => (session ? streams.retain(session) : undefined), [streams, session])
  return useStore(session?.store ?? empty, select)
}
