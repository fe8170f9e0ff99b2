'use client'

import type { Response as ModelResponse } from '@runlens/client'
import type { UseQueryResult } from '@tanstack/react-query'
import { useQuery } from '@tanstack/react-query'
import { useRunsContext } from './context.js'
import type { RunsError } from './errors.js'
import { responseQueryOptions } from './queryOptions.js'
import { RESPONSE_SCOPE } from './store/responseRegistry.js'

export interface UseResponseOptions {
  /** The wait between two retrieves while the response is queued or in_progress. Default: the server's `openai-poll-after-ms`, else 1000 ms. */
  pollIntervalMs?: number
  /** Default `true` (when the id is non-empty). */
  enabled?: boolean
}

/**
 * A response (the Responses API) from the cache, fetched if missing, polled while it is queued or
 * in_progress, never once it has ended: `useRun` for a response. While a `useResponseStream`
 * session streams it, the stream keeps this entry current and no request is made.
 */
export function useResponse(
  responseId: string | null | undefined,
  options: UseResponseOptions = {},
): UseQueryResult<ModelResponse, RunsError> {
  const { client, responseStreams } = useRunsContext()
  const id = responseId ?? ''
  const base = responseQueryOptions(client, id, {
    pollIntervalMs: options.pollIntervalMs,
    isLive: () => responseStreams.isLive(RESPONSE_SCOPE, id),
  })
  return useQuery({ ...base, enabled: base.enabled && options.enabled !== false })
}
