'use client'

import type { Run } from '@runlens/client'
import type { UseSuspenseQueryResult } from '@tanstack/react-query'
import { useSuspenseQuery } from '@tanstack/react-query'
import { useRunsContext } from './context.js'
import type { RunsError } from './errors.js'
import { runQueryOptions } from './queryOptions.js'
import type { UseRunOptions } from './useRun.js'

/** `useRun` for Suspense: suspends until the run is there, then polls like `useRun`. Errors go to the error boundary. */
export function useSuspenseRun(
  threadId: string,
  runId: string,
  options: Omit<UseRunOptions, 'enabled'> = {},
): UseSuspenseQueryResult<Run, RunsError> {
  const { client, streams } = useRunsContext()
  const { enabled: _enabled, ...base } = runQueryOptions(client, threadId, runId, {
    ...(options.pollIntervalMs !== undefined && { pollIntervalMs: options.pollIntervalMs }),
    isLive: () => streams.isLive(threadId, runId),
  })
  return useSuspenseQuery(base)
}
