'use client'

import { hashKey, type QueryKey } from '@tanstack/react-query'
import { useEffect, useState, useSyncExternalStore } from 'react'
import { useRunsContext } from './context.js'
import type { Session } from './store/session.js'
import type { SessionProtocol } from './store/sessionAdapter.js'
import type { SessionRegistry } from './store/sessionRegistry.js'

interface Watched<P extends SessionProtocol> {
  registry: SessionRegistry<P>
  scope: string
  runId: string | null
  session: Session<P>
}

/**
 * The session of a run, by id, for either protocol (`useRunSession`, `useResponseSession`): the
 * one that holds it in the registry (a stream started elsewhere), else an idle one of this
 * component, which can still cancel the run or answer its required action (that opens a
 * connection). Held while mounted; shows the run the cache holds under `queryKey` while no
 * connection of its own is open.
 */
export function useWatchedSession<P extends SessionProtocol>(
  registry: SessionRegistry<P>,
  scope: string,
  runId: string | null,
  queryKey: QueryKey,
): Session<P> {
  const { queryClient } = useRunsContext()
  // Made while rendering, and again in the render where the provider, scope or run changes
  // (React's "adjusting state when a prop changes": no frame shows the previous run). That is safe
  // because `create` is pure, as in useSessionStream: the effect below registers the session.
  const [watch, setWatch] = useState<Watched<P>>(() => ({
    registry,
    scope,
    runId,
    session: registry.create(scope, runId),
  }))
  let now = watch
  if (watch.registry !== registry || watch.scope !== scope || watch.runId !== runId) {
    now = { registry, scope, runId, session: registry.create(scope, runId) }
    setWatch(now)
  }
  const get = () => (runId ? registry.get(scope, runId) : undefined)
  const session = useSyncExternalStore(registry.subscribe, get, get) ?? now.session

  useEffect(() => registry.retain(session), [registry, session])

  // A run the cache knows (a page reload, a run started elsewhere, polled by useRun): shown here
  // while this session has no connection of its own.
  const hash = hashKey(queryKey)
  useEffect(() => {
    if (!runId) return
    const sync = () => {
      const cached = queryClient.getQueryCache().get(hash)?.state.data as P['run'] | undefined
      if (cached) session.seed(cached)
    }
    sync()
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.query.queryHash === hash) sync()
    })
  }, [queryClient, session, runId, hash])

  return session
}
