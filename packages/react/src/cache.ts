import { isTerminalStatus, type Response as ModelResponse, type Run, type RunStep } from '@runlens/client'
import type { InfiniteData, QueryCacheNotifyEvent, QueryClient } from '@tanstack/react-query'
import { isRunListKey, parseRunKey, type RunListQuery, responseKeys, runKeys } from './queryKeys.js'
import type { RunListPage } from './queryOptions.js'
import type { RunCacheSink } from './store/streamRegistry.js'

type RunListData = InfiniteData<RunListPage, string | undefined>

/** Writes a run where `useRun` reads it; the list pages follow through `syncRunLists`. */
export function writeRun(queryClient: QueryClient, run: Run): void {
  queryClient.setQueryData(runKeys.detail(run.thread_id, run.id), run)
}

/** Writes a response where `useResponse` reads it. */
export function writeResponse(queryClient: QueryClient, response: ModelResponse): void {
  queryClient.setQueryData(responseKeys.detail(response.id), response)
}

/** The query cache as a sink for live sessions: runs on their own key, steps on the plain steps key. */
export function createRunCacheSink(queryClient: QueryClient): RunCacheSink {
  return {
    writeRun: (run) => writeRun(queryClient, run),
    writeSteps(threadId: string, runId: string, steps: RunStep[]) {
      queryClient.setQueryData(runKeys.steps(threadId, runId), steps)
    },
  }
}

/**
 * Puts `run` into one list's pages: replaces its row where it is; a run newer than every row of a
 * newest-first list (one just created) goes on top of the first page. Returns the same data when
 * nothing changes, so no observer is notified for nothing.
 */
export function patchRunList(
  data: RunListData | undefined,
  run: Run,
  query: RunListQuery,
): RunListData | undefined {
  if (!data || data.pages.length === 0) return data
  for (let p = 0; p < data.pages.length; p++) {
    const page = data.pages[p]!
    const index = page.data.findIndex((row) => row.id === run.id)
    if (index === -1) continue
    if (page.data[index] === run) return data
    const rows = page.data.slice()
    rows[index] = run
    const pages = data.pages.slice()
    pages[p] = { ...page, data: rows }
    return { ...data, pages }
  }
  const first = data.pages[0]!
  const top = first.data[0]
  if ((query.order ?? 'desc') === 'desc' && (!top || run.created_at >= top.created_at)) {
    const pages = data.pages.slice()
    pages[0] = { ...first, data: [run, ...first.data], firstId: run.id }
    return { ...data, pages }
  }
  return data
}

/**
 * Keeps every cached run list of a thread in step with the runs' own keys, whoever writes them
 * (a `useRun` poll, a stream, a mutation, `setQueryData` by the app): rows update in place and a
 * new run appears on top of newest-first lists. The other way, a fetched list seeds the keys of
 * runs not cached yet, so opening a row shows it at once. Returns the unsubscribe function.
 */
export function syncRunLists(queryClient: QueryClient): () => void {
  const cache = queryClient.getQueryCache()
  return cache.subscribe((event: QueryCacheNotifyEvent) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return
    const key = event.query.queryKey
    const ids = parseRunKey(key)
    if (ids) {
      const run = event.query.state.data as Run | undefined
      if (!run) return
      // Only list keys extend `lists(threadId)`.
      for (const list of cache.findAll({ queryKey: runKeys.lists(ids.threadId) })) {
        const query = list.queryKey[4] as RunListQuery
        const before = list.state.data as RunListData | undefined
        const after = patchRunList(before, run, query)
        if (after !== before) queryClient.setQueryData(list.queryKey, after)
      }
      return
    }
    if (isRunListKey(key)) {
      let data = event.query.state.data as RunListData | undefined
      const query = key[4] as RunListQuery
      for (const page of data?.pages ?? []) {
        for (const run of page.data) {
          const detail = runKeys.detail(run.thread_id, run.id)
          const cached = queryClient.getQueryData<Run>(detail)
          if (cached === undefined) {
            queryClient.setQueryData(detail, run, { updatedAt: event.query.state.dataUpdatedAt })
          } else if (cached !== run && isTerminalStatus(cached.status) && cached.status !== run.status) {
            // A page answered while the run was going, but read after its stream settled it: the
            // row is older than the run's key, and no later write would correct it. A settled run
            // never changes again, so its key wins.
            data = patchRunList(data, cached, query)
          }
        }
      }
      if (data !== event.query.state.data) queryClient.setQueryData(key, data)
    }
  })
}
