'use client'

import type { Run } from '@runlens/client'
import type { UseMutationResult } from '@tanstack/react-query'
import { useMutation } from '@tanstack/react-query'
import { writeRun } from './cache.js'
import { useRunsContext } from './context.js'
import type { RunsError } from './errors.js'
import { followRun } from './followRun.js'

export interface UseCancelRunOptions {
  /** The wait between retrieves while the run is cancelling and nobody else follows it. Default: the client's rule. */
  pollIntervalMs?: number
}

export type UseCancelRunResult = UseMutationResult<Run, RunsError, void> & {
  /** True from the click until the server says the run is cancelled (or it finished first). */
  cancelling: boolean
}

/**
 * Asks the server to cancel a run. Cancelling is the server's action, not a closed socket: the
 * mutation stays pending (`cancelling`) until the run leaves `cancelling`, following it through a
 * live stream, a mounted `useRun`, or its own polling; it resolves with the settled run.
 */
export function useCancelRun(
  threadId: string,
  runId: string,
  options: UseCancelRunOptions = {},
): UseCancelRunResult {
  const ctx = useRunsContext()
  const mutation = useMutation<Run, RunsError, void>({
    mutationFn: async () => {
      const session = ctx.streams.get(threadId, runId)
      let run: Run
      if (session?.live) {
        // The session sends the cancel and keeps its stream (or polling) until the run settles.
        await session.cancel()
        const error = session.store.getState().error
        const current = session.store.getState().run
        if (!current) throw error ?? new Error('The run is not known yet.')
        run = current
      } else {
        run = await ctx.client.runs.cancel(threadId, runId)
        writeRun(ctx.queryClient, run)
        ctx.streams.get(threadId, runId)?.receiveRun(run)
      }
      return followRun(
        ctx,
        run,
        options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {},
      )
    },
  })
  return { ...mutation, cancelling: mutation.isPending }
}
