'use client'

import type { Run, RunUpdateParams } from '@runlens/client'
import type { UseMutationResult } from '@tanstack/react-query'
import { useMutation } from '@tanstack/react-query'
import { writeRun } from './cache.js'
import { useRunsContext } from './context.js'
import type { RunsError } from './errors.js'

/** Updates a run's metadata; the server's run replaces the cached one everywhere. */
export function useUpdateRun(
  threadId: string,
  runId: string,
): UseMutationResult<Run, RunsError, RunUpdateParams> {
  const { client, queryClient } = useRunsContext()
  return useMutation<Run, RunsError, RunUpdateParams>({
    mutationFn: (body) => client.runs.update(threadId, runId, body),
    onSuccess: (run) => writeRun(queryClient, run),
  })
}
