'use client'

import { APIError, type Response as ModelResponse } from '@runlens/client'
import type { UseMutationResult } from '@tanstack/react-query'
import { useMutation } from '@tanstack/react-query'
import { writeResponse } from './cache.js'
import { useRunsContext } from './context.js'
import type { RunsError } from './errors.js'
import { StreamInterruptedError } from './errors.js'
import { isActiveResponseStatus } from './polling.js'
import { RESPONSE_SCOPE } from './store/responseRegistry.js'

export type UseCancelResponseResult = UseMutationResult<ModelResponse, RunsError, void> & {
  /** True from the click until the server says the response is cancelled (or it ended first). */
  cancelling: boolean
}

/**
 * Cancels a background response (`useCancelRun` for a response). A live session of its chain
 * sends the cancel itself (once, however many ask) and shows it; otherwise the cancel is sent
 * here and written to the cache, and a response still moving is polled until it settles.
 * Resolves with the settled response.
 */
export function useCancelResponse(responseId: string): UseCancelResponseResult {
  const { client, queryClient, responseStreams } = useRunsContext()
  const mutation = useMutation<ModelResponse, RunsError, void>({
    mutationFn: async () => {
      const session = responseStreams.get(RESPONSE_SCOPE, responseId)
      // A live session sends the cancel itself; one whose response waits for its calls' outputs
      // declines them (nothing to cancel on the server).
      if (session && (session.live || session.store.getState().requiredToolCalls.length > 0)) {
        await session.cancel()
        const { response, error } = session.store.getState()
        if (!response) throw error ?? new StreamInterruptedError('The response is not known yet.')
        // Still moving with an error: the cancel was refused (the session shows it too).
        if (isActiveResponseStatus(response.status) && error) throw error
        return response
      }
      let response: ModelResponse
      try {
        response = await client.responses.cancel(responseId)
      } catch (error) {
        // A 400: the response had ended first; what it became is the answer.
        if (!(error instanceof APIError && error.status === 400)) throw error
        response = await client.responses.retrieve(responseId)
      }
      if (isActiveResponseStatus(response.status)) {
        writeResponse(queryClient, response)
        response = await client.responses.poll(responseId)
      }
      writeResponse(queryClient, response)
      // Settled: shown by a session of the chain too, which has nothing to follow.
      session?.receiveRun(response)
      return response
    },
  })
  return { ...mutation, cancelling: mutation.isPending }
}
