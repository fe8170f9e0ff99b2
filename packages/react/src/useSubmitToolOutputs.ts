'use client'

import type { Run, RunSubmitToolOutputsParams, ToolOutput } from '@runlens/client'
import type { UseMutationResult } from '@tanstack/react-query'
import { useMutation } from '@tanstack/react-query'
import { writeRun } from './cache.js'
import { useRunsContext } from './context.js'
import type { RunsError } from './errors.js'
import { runKeys } from './queryKeys.js'
import { requiredToolCalls } from './requiredToolCalls.js'
import { checkToolOutputs, submissionKey } from './store/submissionRegistry.js'

/** The outputs, as an array or as the request body. */
export type SubmitToolOutputsVariables = ToolOutput[] | RunSubmitToolOutputsParams

/**
 * Answers a run's required action. Exactly one POST per required action under the provider: a
 * double click, two components, or tool handlers racing a button share one request and its result.
 * Outputs that do not answer every call exactly once are refused (`IncompleteToolOutputsError`)
 * before anything is sent. When a `useRunStream` session holds the run, the outputs go through it
 * on a stream; otherwise by a plain POST, after which `useRun` polls the resumed run.
 */
export function useSubmitToolOutputs(
  threadId: string,
  runId: string,
): UseMutationResult<Run, RunsError, SubmitToolOutputsVariables> {
  const { client, queryClient, streams, submissions } = useRunsContext()
  return useMutation<Run, RunsError, SubmitToolOutputsVariables>({
    mutationFn: async (variables) => {
      const outputs = Array.isArray(variables) ? variables : variables.tool_outputs
      const session = streams.get(threadId, runId)
      if (session?.store.getState().run) return session.submitToolOutputs(outputs)
      const calls = requiredToolCalls(queryClient.getQueryData<Run>(runKeys.detail(threadId, runId)))
      checkToolOutputs(calls, outputs)
      const ids = calls ? calls.map((call) => call.id) : outputs.map((output) => output.tool_call_id)
      return submissions.submit(submissionKey(threadId, runId, ids), () =>
        client.runs.submitToolOutputs(threadId, runId, { tool_outputs: outputs }),
      )
    },
    onSuccess: (run) => writeRun(queryClient, run),
  })
}
