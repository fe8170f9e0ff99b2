import type { RequestOptions, Run, RunsResource } from './types.js'

/**
 * How far before the call's start a run may say it was created and still be the call's:
 * `created_at` is in whole seconds (up to 1 s early) and the server's clock may lag ours.
 */
export const CREATED_RUN_CLOCK_SKEW_MS = 2_000

/** What a lost create is known by: when the call began and which assistant it asked for. */
export interface CreatedRunCriteria {
  /** When the create call began, in ms since the epoch (`Date.now()` before sending). */
  since: number
  /** The `assistant_id` the create asked for. */
  assistantId: string
  /**
   * Ids of runs the caller knew before the call began (optional): the search stops at the first
   * of them, since the call's run would be newer. It keeps a run made just before the call, in
   * the same second (`created_at` has whole seconds), from being taken for the call's.
   */
  knownRunIds?: ReadonlySet<string>
}

/**
 * The run a create made when its response was lost (a connection cut before, or inside, the
 * first bytes): the thread's newest run, created since the call began, for the same assistant.
 * A thread has at most one active run, so a newer run of the same assistant is the one the call
 * made, or one another caller made since, which the call's retry would have collided with
 * anyway. Null when there is none: the create did not reach the server.
 */
export async function findCreatedRun(
  runs: Pick<RunsResource, 'list'>,
  threadId: string,
  { since, assistantId, knownRunIds }: CreatedRunCriteria,
  options?: RequestOptions,
): Promise<Run | null> {
  const page = await runs.list(threadId, { order: 'desc', limit: 5 }, options)
  const earliest = since - CREATED_RUN_CLOCK_SKEW_MS
  for (const run of page.data) {
    // Newest first: the first run older than the call ends the search.
    if (run.created_at * 1000 < earliest || knownRunIds?.has(run.id)) break
    if (run.assistant_id === assistantId) return run
  }
  return null
}
