'use client'

import { useRunsContext } from './context.js'
import { responseKeys } from './queryKeys.js'
import { RESPONSE_SCOPE, type ResponseSession } from './store/responseRegistry.js'
import { useWatchedSession } from './useWatchedSession.js'

/**
 * The session of a Responses run, by any response id of its chain: `useRunSession` for responses.
 * Without an id: an idle session.
 */
export function useResponseSession(responseId: string | null): ResponseSession {
  const { responseStreams } = useRunsContext()
  return useWatchedSession(responseStreams, RESPONSE_SCOPE, responseId, responseKeys.detail(responseId ?? ''))
}
