import { isPollingStatus, isTerminalStatus, type KnownRunStatus, type RunStatus } from '@runlens/client'

/** How a status reads at a glance: work going on, waiting for the user, or over. */
export type StatusPhase = 'active' | 'waiting' | 'finished' | 'unknown'

/** How a finished status ended. */
export type StatusOutcome = 'success' | 'failure' | 'neutral' | 'none'

// How each finished status ended; whether a status is active or finished is the client's rule.
const outcomes: Partial<Record<KnownRunStatus, StatusOutcome>> = {
  completed: 'success',
  failed: 'failure',
  expired: 'failure',
  incomplete: 'neutral',
  cancelled: 'neutral',
}

/** True for the nine statuses of the spec; a newer server's status is "unknown" to the components. */
export function isKnownStatus(status: RunStatus | null | undefined): status is KnownRunStatus {
  return (
    status === 'requires_action' || (status != null && (isPollingStatus(status) || isTerminalStatus(status)))
  )
}

export function statusPhase(status: RunStatus | null | undefined): StatusPhase {
  if (!isKnownStatus(status)) return 'unknown'
  return isPollingStatus(status) ? 'active' : isTerminalStatus(status) ? 'finished' : 'waiting'
}

export function statusOutcome(status: RunStatus | null | undefined): StatusOutcome {
  return (isKnownStatus(status) && outcomes[status]) || 'none'
}

/** Statuses after which the run can no longer change (cancel makes no sense any more). */
export function isFinishedStatus(status: RunStatus | null | undefined): boolean {
  return status != null && isTerminalStatus(status)
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
