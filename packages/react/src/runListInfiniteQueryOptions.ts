import type { RunsClient } from '@runlens/client'
import { infiniteQueryOptions } from '@tanstack/react-query'
import { followRunLists } from './cache.js'
import type { RunsError } from './errors.js'
import { type RunListQuery, runKeys } from './queryKeys.js'
import type { RunListPage } from './queryOptions.js'

/**
 * The options of a thread's run list as an infinite query: pages follow the `after` cursor,
 * newest first unless `order: 'asc'`.
 */
export function runListInfiniteQueryOptions(client: RunsClient, threadId: string, query: RunListQuery = {}) {
  const order = query.order ?? 'desc'
  return infiniteQueryOptions<
    RunListPage,
    RunsError,
    { pages: RunListPage[]; pageParams: Array<string | undefined> },
    ReturnType<typeof runKeys.list>,
    string | undefined
  >({
    queryKey: runKeys.list(threadId, query),
    queryFn: async ({ pageParam, client: queryClient }) => {
      followRunLists(queryClient)
      const page = await client.runs.list(threadId, {
        order,
        ...(query.limit !== undefined && { limit: query.limit }),
        ...(pageParam && { after: pageParam }),
      })
      return {
        data: page.data,
        hasMore: page.hasMore,
        firstId: page.body.first_id ?? null,
        lastId: page.body.last_id ?? null,
      }
    },
    initialPageParam: undefined,
    getNextPageParam: (last) =>
      last.hasMore ? (last.lastId ?? last.data[last.data.length - 1]?.id) : undefined,
    enabled: threadId !== '',
  })
}
