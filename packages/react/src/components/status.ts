import type { KnownRunStatus, RunStatus } from '@runlens/client'

/** How a status reads at a glance: work going on, waiting for the user, or over. */
export type StatusPhase = 'active' | 'waiting' | 'finished' | 'unknown'

/** How a finished status ended. */
export type StatusOutcome = 'success' | 'failure' | 'neutral' | 'none'

/**
 * Each status of the spec at a glance. Keyed by `KnownRunStatus`, so a status added to the client's
 * types does not compile until it is placed here. The phases agree with the client's polling rule
 * (`isPollingStatus`: active) and `isTerminalStatus` (finished); a test holds them to it.
 */
const statuses: Record<KnownRunStatus, { phase: StatusPhase; outcome: StatusOutcome }> = {
  queued: { phase: 'active', outcome: 'none' },
  in_progress: { phase: 'active', outcome: 'none' },
  cancelling: { phase: 'active', outcome: 'none' },
  requires_action: { phase: 'waiting', outcome: 'none' },
  completed: { phase: 'finished', outcome: 'success' },
  failed: { phase: 'finished', outcome: 'failure' },
  expired: { phase: 'finished', outcome: 'failure' },
  incomplete: { phase: 'finished', outcome: 'neutral' },
  cancelled: { phase: 'finished', outcome: 'neutral' },
}

/** True for the nine statuses of the spec; a newer server's status is "unknown" to the components. */
export function isKnownStatus(status: RunStatus | null | undefined): status is KnownRunStatus {
  return typeof status === 'string' && Object.hasOwn(statuses, status)
}

export function statusPhase(status: RunStatus | null | undefined): StatusPhase {
  return isKnownStatus(status) ? statuses[status].phase : 'unknown'
}

export function statusOutcome(status: RunStatus | null | undefined): StatusOutcome {
  return isKnownStatus(status) ? statuses[status].outcome : 'none'
}

/** Statuses after which the run can no longer change (cancel makes no sense any more). */
export function isFinishedStatus(status: RunStatus | null | undefined): boolean {
  return statusPhase(status) === 'finished'
}
