import {
  isTerminalStatus,
  type Response as ModelResponse,
  type Run,
  type RunStep,
  type RunsClient,
} from '@runlens/client'
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import { listSteps } from './collect.js'
import type { RunsError } from './errors.js'
import {
  isActiveResponseStatus,
  isActiveRunStatus,
  isFinalResponseStatus,
  pollDelayMs,
  responsePollDelayMs,
  retrieveResponse,
  retrieveRun,
} from './polling.js'
import { type RunListQuery, type RunStepsQuery, responseKeys, runKeys } from './queryKeys.js'

/** One page of a run list, as plain data (it survives `dehydrate`/`hydrate`). */
export interface RunListPage {
  data: Run[]
  hasMore: boolean
  firstId: string | null
  lastId: string | null
}

export interface RunQueryOptions {
  /** The wait between two retrieves while the run is active. Default: the client's rule (server hint, else 1000 ms). */
  pollIntervalMs?: number
  /**
   * Tells whether something else (a live stream) keeps this run's cache entry current: then it is
   * never stale and is not polled. `useRun` passes the provider's stream registry.
   */
  isLive?: () => boolean
}

/**
 * The options of a run's query: key, fetch, and polling by the client's rule while the run is
 * queued, in_progress or cancelling (stopping at requires_action and final states). Use it with
 * `useQuery`, `useSuspenseQuery`, `queryClient.prefetchQuery` or `fetchQuery`; polling only
 * applies where an observer is mounted.
 */
export function runQueryOptions(
  client: RunsClient,
  threadId: string,
  runId: string,
  options: RunQueryOptions = {},
) {
  const { pollIntervalMs, isLive } = options
  return queryOptions<Run, RunsError, Run, ReturnType<typeof runKeys.detail>>({
    queryKey: runKeys.detail(threadId, runId),
    // The signal is left alone on purpose: React Query cancels a fetch that consumed it when its
    // last observer unmounts, and StrictMode's unmount-remount would then send every GET twice.
    queryFn: () => retrieveRun(client, threadId, runId),
    enabled: threadId !== '' && runId !== '',
    ...pollWhileActive<Run>({
      isActive: (run) => isActiveRunStatus(run.status),
      isFinal: (run) => isTerminalStatus(run.status),
      delayMs: (run) => pollDelayMs(run, pollIntervalMs),
      isLive,
    }),
  })
}

/**
 * The polling and freshness of one object's query (a run, a response), by the object's own rule:
 * polled while it is active, unless a live stream feeds it.
 */
function pollWhileActive<T>(rule: {
  isActive(data: T): boolean
  isFinal(data: T): boolean
  delayMs(data: T): number
  isLive: (() => boolean) | undefined
}) {
  const { isActive, isFinal, delayMs, isLive } = rule
  return {
    refetchInterval: (query: { state: { data: T | undefined } }) => {
      const data = query.state.data
      if (!data || !isActive(data) || isLive?.()) return false
      return delayMs(data)
    },
    // Polling goes on in a background tab: a run that finishes there must show finished on return.
    refetchIntervalInBackground: true,
    // Fresh while a stream feeds it, and once final (a run's metadata may still change, through
    // useUpdateRun, which writes the cache): a hydrated or streamed final object costs no request.
    staleTime: (query: { state: { data: T | undefined } }) =>
      isLive?.() || (query.state.data && isFinal(query.state.data)) ? Number.POSITIVE_INFINITY : 0,
  }
}

/** What `responseQueryOptions` accepts: as for a run. */
export type ResponseQueryOptions = RunQueryOptions

/**
 * The options of a response's query (the Responses API): key, fetch, and polling by the client's
 * rule while the response is queued or in_progress; once completed, failed, incomplete or
 * cancelled it is fresh for good. As `runQueryOptions`, usable outside React.
 */
export function responseQueryOptions(
  client: RunsClient,
  responseId: string,
  options: ResponseQueryOptions = {},
) {
  const { pollIntervalMs, isLive } = options
  return queryOptions<ModelResponse, RunsError, ModelResponse, ReturnType<typeof responseKeys.detail>>({
    queryKey: responseKeys.detail(responseId),
    // The signal is left alone, for the reason given in runQueryOptions.
    queryFn: () => retrieveResponse(client, responseId),
    enabled: responseId !== '',
    ...pollWhileActive<ModelResponse>({
      isActive: (response) => isActiveResponseStatus(response.status),
      isFinal: (response) => isFinalResponseStatus(response.status),
      delayMs: (response) => responsePollDelayMs(response, pollIntervalMs),
      isLive,
    }),
  })
}

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
    queryFn: async ({ pageParam }) => {
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

export interface RunStepsQueryOptions extends RunStepsQuery {
  /** The wait between two refreshes while the run is active. Default: the client's rule. */
  pollIntervalMs?: number
  /** The run's current state, to refresh only while it is active (`useRunSteps` reads the cache). */
  getRun?: () => Run | undefined
  /**
   * When `getRun`'s answer was last written (its query's `dataUpdatedAt`), so that steps read
   * while the run still moved are not taken as final. Without it, any steps of a settled run are.
   */
  getRunUpdatedAt?: () => number | undefined
  isLive?: () => boolean
}

/**
 * The options of a run's steps: every page, oldest first. While the run is active (by `getRun`,
 * or by a step still in progress when the run is unknown) they are refreshed by the polling rule.
 * A settled run's steps never change: read (or written by its stream) once the run was known
 * settled, they are fresh for good, and a thousand mounts cost one request.
 */
export function runStepsQueryOptions(
  client: RunsClient,
  threadId: string,
  runId: string,
  options: RunStepsQueryOptions = {},
) {
  const { include, pollIntervalMs, getRun, getRunUpdatedAt, isLive } = options
  return queryOptions<RunStep[], RunsError, RunStep[], ReturnType<typeof runKeys.steps>>({
    queryKey: runKeys.steps(threadId, runId, include ? { include } : undefined),
    queryFn: () => listSteps(client, threadId, runId, include),
    enabled: threadId !== '' && runId !== '',
    refetchInterval: (query) => {
      if (isLive?.()) return false
      const run = getRun?.()
      const active = run
        ? isActiveRunStatus(run.status)
        : (query.state.data ?? []).some((step) => step.status === 'in_progress')
      return active ? pollDelayMs(run, pollIntervalMs) : false
    },
    refetchIntervalInBackground: true,
    staleTime: (query) => {
      if (isLive?.()) return Number.POSITIVE_INFINITY
      const run = getRun?.()
      if (!run || !isTerminalStatus(run.status)) return 0
      // Final only if read after the settled run was: steps fetched mid-run lack the last ones.
      return query.state.dataUpdatedAt >= (getRunUpdatedAt?.() ?? 0) ? Number.POSITIVE_INFINITY : 0
    },
  })
}
