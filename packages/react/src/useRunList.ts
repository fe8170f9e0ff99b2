'use client'

import type { Run } from '@runlens/client'
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useRunsContext } from './context.js'
import type { RunsError } from './errors.js'
import type { RunListQuery } from './queryKeys.js'
import { type RunListPage, runListInfiniteQueryOptions } from './queryOptions.js'

export type UseRunListResult = UseInfiniteQueryResult<
  InfiniteData<RunListPage, string | undefined>,
  RunsError
> & {
  /** Every run of the pages fetched so far, in list order (newest first by default). */
  runs: Run[]
}

/**
 * A thread's runs as an infinite query: `runs` flattened, `fetchNextPage()` while `hasNextPage`.
 * Rows follow the runs' own cache entries: a run polled by `useRun`, streamed, cancelled or
 * created anywhere under the provider shows here with no request.
 */
export function useRunList(threadId: string | null | undefined, query: RunListQuery = {}): UseRunListResult {
  const { client } = useRunsContext()
  const result = useInfiniteQuery(runListInfiniteQueryOptions(client, threadId ?? '', query))
  const pages = result.data?.pages
  const runs = useMemo(() => pages?.flatMap((page) => page.data) ?? [], [pages])
  return { ...result, runs }
}
