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
  thread: (threadId: string) => [...runKeys.all, 'thread', threadId] as const,
  lists: (threadId: string) => [...runKeys.thread(threadId), 'runs'] as const,
  list: (threadId: string, query?: RunListQuery) =>
    // `limit` left undefined is dropped from the hash, so no key needs it spelled out.
    [...runKeys.lists(threadId), { order: query?.order ?? 'desc', limit: query?.limit }] as const,
  detail: (threadId: string, runId: string) => [...runKeys.thread(threadId), 'run', runId] as const,
  steps: (threadId: string, runId: string, query?: RunStepsQuery) =>
    [
      ...runKeys.detail(threadId, runId),
      'steps',
      query?.include && query.include.length > 0 ? { include: [...query.include] } : {},
    ] as const,
}

/** Whether `key` is `['runlens', 'thread', threadId, kind, <one more part>]`. */
function isThreadKey(key: readonly unknown[], kind: 'run' | 'runs'): boolean {
  return key.length === 5 && key[0] === 'runlens' && key[1] === 'thread' && key[3] === kind
}

/** Reads `[threadId, runId]` back from a run's key; `null` for any other key. */
export function parseRunKey(key: readonly unknown[]): { threadId: string; runId: string } | null {
  if (!isThreadKey(key, 'run')) return null
  const [, , threadId, , runId] = key
  return typeof threadId === 'string' && typeof runId === 'string' ? { threadId, runId } : null
}

/** Whether `key` is the key of a run list (infinite query). */
export function isRunListKey(key: readonly unknown[]): boolean {
  return isThreadKey(key, 'runs')
}

/**
 * The query keys of responses (the Responses API), beside the runs' under the same root, so that
 * `runKeys.all` reaches both. Responses belong to no thread: a response is known by its id alone.
 *
 * ```
 * ['runlens', 'response', responseId]
 * ```
 */
export const responseKeys = {
  all: [...runKeys.all, 'response'] as const,
  detail: (responseId: string) => [...responseKeys.all, responseId] as const,
}
