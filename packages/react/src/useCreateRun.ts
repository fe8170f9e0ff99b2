'use client'

import type { Run, RunCreateParams } from '@runlens/client'
import type { UseMutationResult } from '@tanstack/react-query'
import { useMutation } from '@tanstack/react-query'
import { writeRun } from './cache.js'
import { useRunsContext } from './context.js'
import type { RunsError } from './errors.js'

/**
 * Creates a run (no stream; see `useRunStream` for that). The new run goes into the cache, so
 * `useRun(threadId, run.id)` shows it at once and newest-first lists get it on top.
 */
export function useCreateRun(threadId: string): UseMutationResult<Run, RunsError, RunCreateParams> {
  const { client, queryClient } = useRunsContext()
  return useMutation<Run, RunsError, RunCreateParams>({
    mutationFn: (body) => client.runs.create(threadId, body),
    onSuccess: (run) => writeRun(queryClient, run),
  })
}
