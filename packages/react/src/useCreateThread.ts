'use client'

import type { Thread, ThreadCreateParams } from '@runlens/client'
import type { UseMutationResult } from '@tanstack/react-query'
import { useMutation } from '@tanstack/react-query'
import { useRunsContext } from './context.js'
import type { RunsError } from './errors.js'

/**
 * Creates a thread: what a "new conversation" button calls before its first run. `mutate()`
 * makes an empty thread; `mutate({ messages, metadata })` one with its first messages. The
 * thread's id is then what every run hook takes.
 *
 * Nothing goes into the query cache: a new thread has no runs yet, and no hook reads a thread.
 */
export function useCreateThread(): UseMutationResult<Thread, RunsError, ThreadCreateParams | undefined> {
  const { client } = useRunsContext()
  return useMutation<Thread, RunsError, ThreadCreateParams | undefined>({
    mutationFn: (body) => client.threads.create(body),
  })
}
