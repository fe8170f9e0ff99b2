'use client'

import type { Run } from '@runlens/client'
import type { ComponentPropsWithoutRef } from 'react'
import { forwardRef } from 'react'
import { cx } from './cx.js'
import { type PartialLabels, type RunListLabels, runListLabels } from './defaultLabels.js'
import { formatDateTime, formatDuration, formatNumber, isoFromUnix } from './format.js'
import { useLabels, useLocale } from './RunlensLabelsProvider.js'
import { RunStatusBadge } from './RunStatusBadge.js'
import { endedAt } from './status.js'

export interface RunListProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'onSelect'> {
  /** The thread's runs, in the order to show (the API's default is newest first). */
  runs: Run[]
  /** The run shown as selected (`aria-current`). Default: none. */
  selectedRunId?: string | null
  /** Makes each run's id a button; called with the run chosen. Default: rows are not selectable. */
  onSelect?: (run: Run) => void
  /** Another page exists: shows the "Load more" button. Default `false`. */
  hasMore?: boolean
  /** Called by the "Load more" button. */
  onLoadMore?: () => void
  /** A page is loading: the button says so and ignores presses. Default `false`. */
  isLoadingMore?: boolean
  /** The first page is loading. Default `false`. */
  isLoading?: boolean
  /** The clock in ms, for the elapsed time of runs still going. Default: no elapsed time shown. */
  now?: () => number
  /** BCP 47 locale for numbers and dates. Default: the provider's, else the runtime's. */
  locale?: string
  /** Replaces any of the list's words. Default: the provider's, else English. */
  labels?: PartialLabels<RunListLabels>
}

function runSeconds(run: Run, now: (() => number) | undefined): number | null {
  const start = run.started_at ?? run.created_at
  // An expired run carries no end time of its own: it ended at its deadline.
  const end = endedAt(run) ?? (run.status === 'expired' ? run.expires_at : null)
  if (end != null) return end - start
  if (run.started_at != null && now) return now() / 1000 - start
  return null
}

/**
 * A thread's runs as a table (status, model, created, duration, tokens), with a "Load more"
 * button for the next page. `data-state` is `loading`, `empty` or `filled`. Styled, it fits
 * narrow columns: below 48rem of its own width each run is a card, id and status on top, the
 * other values (each named by its `data-label`) wrapping below.
 */
export const RunList = forwardRef<HTMLDivElement, RunListProps>(function RunList(
  {
    runs,
    selectedRunId = null,
    onSelect,
    hasMore = false,
    onLoadMore,
    isLoadingMore = false,
    isLoading = false,
    now,
    locale: localeProp,
    labels: labelsProp,
    className,
    ...props
  },
  ref,
) {
  const labels = useLabels('runList', runListLabels, labelsProp)
  const { locale, timeZone } = useLocale(localeProp)
  const state = isLoading && runs.length === 0 ? 'loading' : runs.length === 0 ? 'empty' : 'filled'
  return (
    <div
      ref={ref}
      className={cx('rl-runlist', className)}
      data-state={state}
      aria-busy={isLoading || undefined}
      {...props}
    >
      <table className="rl-runlist__table">
        <caption className="rl-runlist__caption">{labels.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labels.id}</th>
            <th scope="col">{labels.status}</th>
            <th scope="col">{labels.model}</th>
            <th scope="col">{labels.created}</th>
            <th scope="col">{labels.duration}</th>
            <th scope="col" data-numeric="">
              {labels.tokens}
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const selected = run.id === selectedRunId
            const seconds = runSeconds(run, now)
            return (
              <tr
                key={run.id}
                className="rl-runlist__row"
                data-state={run.status}
                data-selected={selected ? '' : undefined}
              >
                <th scope="row">
                  {onSelect ? (
                    <button
                      type="button"
                      className="rl-runlist__select"
                      aria-current={selected ? 'true' : undefined}
                      title={labels.select(run.id)}
                      onClick={() => onSelect(run)}
                    >
                      <code>{run.id}</code>
                    </button>
                  ) : (
                    <code>{run.id}</code>
                  )}
                </th>
                <td>
                  <RunStatusBadge status={run.status} />
                </td>
                {/* data-label: each value's name, shown by the stylesheet where the header row is not. */}
                <td data-label={labels.model}>{run.model}</td>
                <td data-label={labels.created}>
                  <time dateTime={isoFromUnix(run.created_at)}>
                    {formatDateTime(run.created_at, locale, timeZone)}
                  </time>
                </td>
                <td data-label={labels.duration}>
                  {seconds != null && seconds >= 0 ? (
                    <time dateTime={`PT${Math.floor(seconds)}S`}>{formatDuration(seconds, locale)}</time>
                  ) : (
                    '—'
                  )}
                </td>
                <td data-numeric="" data-label={labels.tokens}>
                  {run.usage ? formatNumber(run.usage.total_tokens, locale) : '—'}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {state !== 'filled' && (
        <p className="rl-empty">{state === 'loading' ? labels.loading : labels.empty}</p>
      )}
      {hasMore && (
        <button
          type="button"
          className="rl-button rl-runlist__more"
          data-variant="secondary"
          // aria-disabled, not disabled: the button keeps focus while the page loads.
          aria-disabled={isLoadingMore || undefined}
          aria-busy={isLoadingMore || undefined}
          onClick={() => {
            if (!isLoadingMore) onLoadMore?.()
          }}
        >
          {isLoadingMore ? labels.loadingMore : labels.loadMore}
        </button>
      )}
    </div>
  )
})
