'use client'

import type { RunStatus } from '@runlens/client'
import type { ComponentPropsWithoutRef } from 'react'
import { forwardRef } from 'react'
import { cx } from './cx.js'
import { type PartialLabels, type StatusLabels, statusLabels } from './defaultLabels.js'
import { useLabels } from './RunlensLabelsProvider.js'
import { isKnownStatus, statusOutcome, statusPhase } from './status.js'
import { VisuallyHidden } from './VisuallyHidden.js'

export interface RunStatusBadgeProps extends Omit<ComponentPropsWithoutRef<'span'>, 'children'> {
  /**
   * The status of a run, a step or a response (whose six statuses are runs' too). Any string: one
   * the library does not know shows as "Unknown".
   * `null` or `undefined`: no status, "Unknown", unless `loading`.
   */
  status: RunStatus | null | undefined
  /**
   * The status is on its way (e.g. `useRun(...).isLoading`): while `status` is null or undefined,
   * the badge says "Loading…", with `data-state="loading"` and `aria-busy`. A status, once known,
   * is shown whatever this says. Default `false`.
   */
  loading?: boolean
  /**
   * Make the badge a polite live region (`role="status"`), so a screen reader announces changes.
   * Default `false`: inside RunMonitorView one announcer speaks for the whole monitor instead.
   */
  live?: boolean
  /** Replaces any of the badge's words. Default: the provider's, else English. */
  labels?: PartialLabels<StatusLabels>
}

/** Text for a status; exported so other components (and apps) say it the same way. */
export function statusText(status: RunStatus | null | undefined, labels: StatusLabels): string {
  if (isKnownStatus(status)) return labels.statuses[status]
  // Only a string is shown raw: a status of another type (a broken server) is just unknown.
  return typeof status === 'string' && status ? `${labels.unknown} (${status})` : labels.unknown
}

/**
 * A run's status as a badge: `data-state` is the status (or `unknown`, or `loading`), `data-phase`
 * says whether work is going on (`active`), the user is awaited (`waiting`) or the run is over
 * (`finished`), and `data-outcome` how it ended. The visible text is the status; screen readers
 * hear a prefix too.
 */
export const RunStatusBadge = forwardRef<HTMLSpanElement, RunStatusBadgeProps>(function RunStatusBadge(
  { status, loading = false, live = false, labels: labelsProp, className, ...props },
  ref,
) {
  const labels = useLabels('status', statusLabels, labelsProp)
  const waiting = loading && status == null
  const state = waiting ? 'loading' : isKnownStatus(status) ? status : 'unknown'
  return (
    <span
      ref={ref}
      className={cx('rl-badge', className)}
      data-state={state}
      data-phase={waiting ? 'loading' : statusPhase(status)}
      data-outcome={statusOutcome(status)}
      aria-busy={waiting || undefined}
      role={live ? 'status' : undefined}
      aria-live={live ? 'polite' : undefined}
      {...props}
    >
      <span className="rl-badge__indicator" aria-hidden="true" />
      <VisuallyHidden>{`${labels.prefix} `}</VisuallyHidden>
      <span className="rl-badge__label">{waiting ? labels.loading : statusText(status, labels)}</span>
    </span>
  )
})
