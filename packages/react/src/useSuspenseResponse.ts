'use client'

import type { Response as ModelResponse } from '@runlens/client'
import type { UseSuspenseQueryResult } from '@tanstack/react-query'
import { useSuspenseQuery } from '@tanstack/react-query'
import { useRunsContext } from './context.js'
import type { RunsError } from './errors.js'
import { responseQueryOptions } from './queryOptions.js'
import { RESPONSE_SCOPE } from './store/responseRegistry.js'
import type { UseResponseOptions } from './useResponse.js'

/** `useResponse` for Suspense: suspends until the response is there, then polls like `useResponse`. Errors go to the error boundary. */
export function useSuspenseResponse(
  responseId: string,
  options: Omit<UseResponseOptions, 'enabled'> = {},
): UseSuspenseQueryResult<ModelResponse, RunsError> {
  const { client, responseStreams } = useRunsContext()
  const { enabled: _enabled, ...base } = responseQueryOptions(client, responseId, {
    ...(options.pollIntervalMs !== undefined && { pollIntervalMs: options.pollIntervalMs }),
    isLive: () => responseStreams.isLive(RESPONSE_SCOPE, responseId),
  })
  return useSuspenseQuery(base)
}
