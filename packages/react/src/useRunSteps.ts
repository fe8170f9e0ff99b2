'use client'

import type { Run, RunStep } from '@runlens/client'
import type { UseQueryResult } from '@tanstack/react-query'
import { useQuery } from '@tanstack/react-query'
import { useRunsContext } from './context.js'
import type { RunsError } from './errors.js'
import { type RunStepsQuery, runKeys } from './queryKeys.js'
import { runStepsQueryOptions } from './queryOptions.js'

export interface UseRunStepsOptions extends RunStepsQuery {
  /** The wait between two refreshes while the run is active. Default: the client's rule. */
  pollIntervalMs?: number
  enabled?: boolean
}

/**
 * A run's steps, oldest first, refreshed while the run is active (as the cache knows it; a step
 * in progress when the run is not cached). A run streamed by `useRunStream` writes its steps here.
 * Once the cache knows the run settled, its steps are read once more at most, then kept for good.
 */
export function useRunSteps(
  threadId: string | null | undefined,
  runId: string | null | undefined,
  options: UseRunStepsOptions = {},
): UseQueryResult<RunStep[], RunsError> {
  const { client, queryClient, streams } = useRunsContext()
  const thread = threadId ?? ''
  const run = runId ?? ''
  const key = runKeys.detail(thread, run)
  const base = runStepsQueryOptions(client, thread, run, {
    ...options,
    getRun: () => queryClient.getQueryData<Run>(key),
    getRunUpdatedAt: () => queryClient.getQueryState(key)?.dataUpdatedAt,
    isLive: () => streams.isLive(thread, run),
  })
  return useQuery({ ...base, enabled: base.enabled && options.enabled !== false })
}
