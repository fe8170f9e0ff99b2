import type { Run } from '@runlens/client'
import { readObject, readString } from './read.js'
import { statusPhase } from './status.js'

/** Why a new run cannot start on a thread now: its run is still going, or waits for tool outputs. */
export type StartBlocker = 'active' | 'waiting'

/**
 * Whether a new run can start on a thread whose runs (any order, repeats and nulls allowed: the
 * session's run and the list's rows, say) are these. The API allows one unfinished run per thread,
 * and a run waiting for tool outputs is unfinished: a second create gets a 400, so a Start button
 * is disabled with the reason instead. `waiting` wins over `active` (the user can act on it).
 */
export function startBlocker(runs: Iterable<Run | null | undefined>): StartBlocker | null {
  let blocker: StartBlocker | null = null
  for (const run of runs) {
    const phase = statusPhase(readString(readObject(run)?.status))
    if (phase === 'waiting') return 'waiting'
    if (phase === 'active') blocker = 'active'
  }
  return blocker
}
