'use client'

import type { Run } from '@runlens/client'
import type { UseQueryResult } from '@tanstack/react-query'
import { useQuery } from '@tanstack/react-query'
import { useRunsContext } from './context.js'
import type { RunsError } from './errors.js'
import { runQueryOptions } from './queryOptions.js'

export interface UseRunOptions {
  /** The wait between two retrieves while the run is active. Default: the server's `openai-poll-after-ms`, else 1000 ms. */
  pollIntervalMs?: number
  /** Default `true` (when both ids are non-empty). */
  enabled?: boolean
}

/**
 * A run from the cache, fetched if missing, polled while it is queued, in_progress or cancelling
 * (not at requires_action, not once final). While a `useRunStream` session streams the run, the
 * stream keeps this entry current and no request is made.
 */
export function useRun(
  threadId: string | null | undefined,
  runId: string | null | undefined,
  options: UseRunOptions = {},
): UseQueryResult<Run, RunsError> {
  const { client, streams } = useRunsContext()
  const thread = threadId ?? ''
  const run = runId ?? ''
  const base = runQueryOptions(client, thread, run, {
    pollIntervalMs: options.pollIntervalMs,
    isLive: () => streams.isLive(thread, run),
  })
  return useQuery({ ...base, enabled: base.enabled && options.enabled !== false })
}
