import type { RunStepInclude } from '@runlens/client'

/** What `useRunList` and `runListInfiniteQueryOptions` accept: the cursor is theirs to manage. */
export interface RunListQuery {
  /** Runs per page, 1 to 100. Default: the server's (20). */
  limit?: number
  /** By `created_at`. Default: `'desc'`, newest first. */
  order?: 'asc' | 'desc'
}

/** What `useRunSteps` and `runStepsQueryOptions` accept. */
export interface RunStepsQuery {
  /** Extra step fields to ask for, sent as `include[]`. */
  include?: RunStepInclude[]
}

// The two keys a run monitor needs, as functions of their own used by this package's modules: a
// module that uses only these leaves the rest of `runKeys` out of its bundle (an object is kept
// whole once anything reads it).

/** `runKeys.detail`: a run. */
export const runDetailKey = (threadId: string, runId: string) =>
  ['runlens', 'thread', threadId, 'run', runId] as const

/** `runKeys.steps`: a run's steps, under the run's key. */
export const runStepsKey = (threadId: string, runId: string, query?: RunStepsQuery) =>
  [
    ...runDetailKey(threadId, runId),
    'steps',
    query?.include && query.include.length > 0 ? { include: [...query.include] } : {},
  ] as const

/**
 * The query keys of runlens, as a key factory (the TanStack convention): each key extends its
 * parent, so `invalidateQueries({ queryKey: runKeys.thread(id) })` reaches every run, list and
 * step list of a thread. A run's steps sit under the run's key.
 *
 * ```
 * ['runlens', 'thread', threadId]
 * ['runlens', 'thread', threadId, 'runs', { order, limit? }]       a list (infinite)
 * ['runlens', 'thread', threadId, 'run', runId]                    a run
 * ['runlens', 'thread', threadId, 'run', runId, 'steps', { include? }]
 * ```
 */
export const runKeys = {
  all: ['runlens'] as const,
  thread: (threadId: string) => ['runlens', 'thread', threadId] as const,
  lists: (threadId: string) => ['runlens', 'thread', threadId, 'runs'] as const,
  list: (threadId: string, query?: RunListQuery) =>
    // `limit` left undefined is dropped from the hash, so no key needs it spelled out.
    ['runlens', 'thread', threadId, 'runs', { order: query?.order ?? 'desc', limit: query?.limit }] as const,
  detail: runDetailKey,
  steps: runStepsKey,
}

/** Reads `[threadId, runId]` back from a run's key; `null` for any other key. */
export function parseRunKey(key: readonly unknown[]): { threadId: string; runId: string } | null {
  return isKey(key, 'run') ? { threadId: key[2] as string, runId: key[4] as string } : null
}

/** Whether `key` is the key of a run list (infinite query). */
export const isRunListKey = (key: readonly unknown[]): boolean => isKey(key, 'runs')

const isKey = (key: readonly unknown[], kind: string) =>
  key.length === 5 && key[0] === 'runlens' && key[1] === 'thread' && key[3] === kind
