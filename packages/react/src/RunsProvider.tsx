'use client'

import type { RunsClient, Sleep } from '@runlens/client'
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query'
import type { JSX, ReactNode } from 'react'
import { useContext, useEffect, useMemo, useRef, useState } from 'react'
import { createRunCacheSink, syncRunLists, writeResponse } from './cache.js'
import { RunsContext, type RunsContextValue } from './context.js'
import { createResponseRegistry } from './store/responseRegistry.js'
import { createStreamRegistry, defaultSleep } from './store/streamRegistry.js'
import { createSubmissionRegistry } from './store/submissionRegistry.js'

export interface RunsProviderProps {
  client: RunsClient
  /**
   * The QueryClient the hooks cache into. Default: the one of an enclosing `QueryClientProvider`,
   * else one created for this provider (kept for its lifetime).
   */
  queryClient?: QueryClient
  /** For tests: the wait between retrieves when a stream session recovers by polling. */
  sleep?: Sleep
  children?: ReactNode
}

/**
 * Gives the hooks below it a client, a QueryClient, and the shared registries (one live stream
 * per run or Responses chain, one submission per required action), and keeps the QueryClient's run lists in step
 * with its runs.
 */
export function RunsProvider({ client, queryClient, sleep, children }: RunsProviderProps): JSX.Element {
  const outer = useContext(QueryClientContext)
  const [own] = useState(() => (queryClient || outer ? null : new QueryClient()))
  const qc = queryClient ?? outer ?? own!

  // The registries live as long as the client and the QueryClient; `sleep` is read through a ref,
  // so passing a new arrow on each render does not start over.
  const latest = useRef(sleep)
  latest.current = sleep
  const value = useMemo<RunsContextValue>(() => {
    const submissions = createSubmissionRegistry()
    const wait: Sleep = (ms, signal) => (latest.current ?? defaultSleep)(ms, signal)
    const streams = createStreamRegistry({
      client,
      submissions,
      cache: createRunCacheSink(qc),
      sleep: wait,
    })
    const responseStreams = createResponseRegistry({
      client,
      submissions,
      cache: { writeRun: (response) => writeResponse(qc, response) },
      sleep: wait,
    })
    return { client, queryClient: qc, streams, responseStreams, submissions, sleep: wait }
  }, [client, qc])

  // Every run list in the QueryClient follows the runs' own entries while the provider is mounted
  // (see syncRunLists), whoever writes them.
  useEffect(() => syncRunLists(qc), [qc])

  const content = <RunsContext.Provider value={value}>{children}</RunsContext.Provider>
  // An enclosing QueryClientProvider already gives the hooks this QueryClient.
  return qc === outer ? content : <QueryClientProvider client={qc}>{content}</QueryClientProvider>
}
