'use client'

import type { RunsClient } from '@runlens/client'
import { useRunsContext } from './context.js'

/** The client given to the nearest `RunsProvider`. */
export function useRunsClient(): RunsClient {
  return useRunsContext().client
}
