'use client'

import type { RunsClient, Sleep } from '@runlens/client'
import type { QueryClient } from '@tanstack/react-query'
import { createContext, useContext } from 'react'
import type { ResponseRegistry } from './store/responseRegistry.js'
import type { StreamRegistry } from './store/streamRegistry.js'
import type { SubmissionRegistry } from './store/submissionRegistry.js'

/** What a `RunsProvider` shares with the hooks below it. */
export interface RunsContextValue {
  client: RunsClient
  queryClient: QueryClient
  /** One live session per run, shared by every `useRunStream` of the run. */
  streams: StreamRegistry
  /** One live session per Responses run (a chain of responses), shared by every `useResponseStream` of it. */
  responseStreams: ResponseRegistry
  /** One submission per required action. */
  submissions: SubmissionRegistry
  /** The wait between retrieves when a hook follows a run itself (a cancel nobody else watches). */
  sleep: Sleep
}

export const RunsContext = createContext<RunsContextValue | null>(null)

/** The provider's value; throws a message that names the fix when there is no provider. */
export function useRunsContext(): RunsContextValue {
  const value = useContext(RunsContext)
  if (!value) throw new Error('runlens hooks need a <RunsProvider client={...}> above them.')
  return value
}
