'use client'

import type { Response as ModelResponse, ResponseCreateParams } from '@runlens/client'
import type { UseMutationResult } from '@tanstack/react-query'
import { useMutation } from '@tanstack/react-query'
import { writeResponse } from './cache.js'
import { useRunsContext } from './context.js'
import type { RunsError } from './errors.js'

/**
 * Creates a response without a stream (`useResponseStream` streams one). With `background: true`
 * the server answers at once with a queued response, which `useResponse(response.id)` then polls
 * until it ends; it goes into the cache, so every view of it shows it at once.
 */
export function useCreateResponse(): UseMutationResult<ModelResponse, RunsError, ResponseCreateParams> {
  const { client, queryClient } = useRunsContext()
  return useMutation<ModelResponse, RunsError, ResponseCreateParams>({
    mutationFn: (body) => client.responses.create(body),
    onSuccess: (response) => writeResponse(queryClient, response),
  })
}
