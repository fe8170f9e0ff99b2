import type { KnownRunStatus, RunStatus } from '@runlens/client'

/** How a status reads at a glance: work going on, waiting for the user, or over. */
export type StatusPhase = 'active' | 'waiting' | 'finished' | 'unknown'

/** How a finished status ended. */
export type StatusOutcome = 'success' | 'failure' | 'neutral' | 'none'

// Each known status: its phase, and for finished ones how it ended.
const statuses: Record<KnownRunStatus, string> = {
  queued: 'active',
  in_progress: 'active',
  cancelling: 'active',
  requires_action: 'waiting',
  completed: 'finished success',
  failed: 'finished failure',
  expired: 'finished failure',
  incomplete: 'finished neutral',
  cancelled: 'finished neutral',
}

/** True for the nine statuses of the spec; a newer server's status is "unknown" to the components. */
export function isKnownStatus(status: RunStatus | null | undefined): status is KnownRunStatus {
  return typeof status === 'string' && Object.hasOwn(statuses, status)
}

const describe = (status: RunStatus | null | undefined) =>
  (isKnownStatus(status) ? statuses[status] : 'unknown').split(' ')

export function statusPhase(status: RunStatus | null | undefined): StatusPhase {
  return describe(status)[0] as StatusPhase
}

export function statusOutcome(status: RunStatus | null | undefined): StatusOutcome {
  return (describe(status)[1] ?? 'none') as StatusOutcome
}

/** Statuses after which the run can no longer change (cancel makes no sense any more). */
export function isFinishedStatus(status: RunStatus | null | undefined): boolean {
  return statusPhase(status) === 'finished'
}

/** The time a run (or step) stopped, whichever way it stopped. */
export function endedAt(o: {
  completed_at: number | null
  failed_at: number | null
  cancelled_at: number | null
  expired_at?: number | null
}): number | null {
  return o.completed_at ?? o.failed_at ?? o.cancelled_at ?? o.expired_at ?? null
}
