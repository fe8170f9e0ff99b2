'use client'

import type { Run } from '@runlens/client'
import type { ComponentPropsWithoutRef } from 'react'
import { forwardRef } from 'react'
import { cx } from './cx.js'
import { type PartialLabels, type RunListLabels, runListLabels } from './defaultLabels.js'
import { formatDateTime, formatDuration, formatNumber, isoFromUnix } from './format.js'
import { Unreadable } from './parts.js'
import { useLabels, useLocale } from './RunlensLabelsProvider.js'
import { RunStatusBadge } from './RunStatusBadge.js'
import { readArray, readNumber, readObject, readString, readUnixTime } from './read.js'

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

/** A row as the table reads it: each field null when it is not of the wire's type. */
interface Row {
  id: string | null
  status: string | null
  model: string | null
  createdAt: number | null
  seconds: number | null
  tokens: number | null
}

function readRow(value: unknown, now: (() => number) | undefined): Row {
  const run = readObject(value) ?? {}
  const createdAt = readUnixTime(run.created_at)
  const startedAt = readNumber(run.started_at)
  const start = startedAt ?? createdAt
  // An expired run carries no end time of its own: it ended at its deadline.
  const end =
    readNumber(run.completed_at) ??
    readNumber(run.failed_at) ??
    readNumber(run.cancelled_at) ??
    (run.status === 'expired' ? readNumber(run.expires_at) : null)
  let seconds: number | null = null
  if (start !== null && end !== null) seconds = end - start
  else if (start !== null && startedAt !== null && now) seconds = now() / 1000 - start
  return {
    id: readString(run.id),
    status: readString(run.status),
    model: readString(run.model),
    createdAt,
    seconds,
    tokens: readNumber(readObject(run.usage)?.total_tokens),
  }
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
  const list = readArray(runs) ?? []
  const state = isLoading && list.length === 0 ? 'loading' : list.length === 0 ? 'empty' : 'filled'
  const unreadable = <Unreadable>{labels.unreadable}</Unreadable>
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
          {list.map((run, index) => {
            const row = readRow(run, now)
            const selected = row.id !== null && row.id === selectedRunId
            const seconds = row.seconds
            return (
              <tr
                // biome-ignore lint/suspicious/noArrayIndexKey: with the index, rows without an id (or with one twice) must not share a React key.
                key={`${index} ${row.id}`}
                className="rl-runlist__row"
                data-state={row.status ?? undefined}
                data-selected={selected ? '' : undefined}
              >
                <th scope="row">
                  {row.id === null ? (
                    unreadable
                  ) : onSelect ? (
                    <button
                      type="button"
                      className="rl-runlist__select"
                      aria-current={selected ? 'true' : undefined}
                      title={labels.select(row.id)}
                      // A row is the server's Run; one that is not shaped like it was still listed so.
                      onClick={() => onSelect(run as Run)}
                    >
                      <code>{row.id}</code>
                    </button>
                  ) : (
                    <code>{row.id}</code>
                  )}
                </th>
                <td>
                  <RunStatusBadge status={row.status} />
                </td>
                {/* data-label: each value's name, shown by the stylesheet where the header row is not. */}
                <td data-label={labels.model}>{row.model ?? unreadable}</td>
                <td data-label={labels.created}>
                  {row.createdAt !== null ? (
                    <time dateTime={isoFromUnix(row.createdAt)}>
                      {formatDateTime(row.createdAt, locale, timeZone)}
                    </time>
                  ) : (
                    unreadable
                  )}
                </td>
                <td data-label={labels.duration}>
                  {seconds != null && seconds >= 0 ? (
                    <time dateTime={`PT${Math.floor(seconds)}S`}>{formatDuration(seconds, locale)}</time>
                  ) : (
                    '—'
                  )}
                </td>
                <td data-numeric="" data-label={labels.tokens}>
                  {row.tokens !== null ? formatNumber(row.tokens, locale) : '—'}
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
