'use client'

import type { IncompleteDetails, RunError as RunErrorData } from '@runlens/client'
import { type ComponentPropsWithoutRef, forwardRef } from 'react'
import { cx } from './cx.js'
import type { ErrorLabels, PartialLabels } from './defaultLabels.js'
import { useLabels } from './RunlensLabelsProvider.js'

/**
 * Any error with a message: the client's APIError (status, code, requestId), a stream's `error`
 * event, a thrown Error. Structural, so the component never imports the client's classes.
 */
export interface RequestErrorLike {
  message: string
  status?: number | null
  code?: string | null
  type?: string | null
  requestId?: string | null
}

export interface RunErrorProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** `run.last_error`: why a run failed. */
  lastError?: RunErrorData | null
  /** `run.incomplete_details`: why a run ended incomplete. */
  incompleteDetails?: IncompleteDetails | null
  /** An error of a request or a stream, from the client. */
  error?: RequestErrorLike | null
  /**
   * Announce the error when it appears (`role="alert"`). Default `true`; set `false` when the error
   * is shown among others, e.g. in a list of past runs.
   */
  live?: boolean
  /** Replaces any of the panel's words. Default: the provider's, else English. */
  labels?: PartialLabels<ErrorLabels>
}

/** Errors of a run and of requests about it. Renders nothing when there is none. */
export const RunError = forwardRef<HTMLDivElement, RunErrorProps>(function RunError(
  { lastError, incompleteDetails, error, live = true, labels: labelsProp, className, ...props },
  ref,
) {
  const labels = useLabels('error', labelsProp)
  if (!lastError && !incompleteDetails && !error) return null
  const kinds = [lastError && 'run', incompleteDetails && 'incomplete', error && 'request'].filter(Boolean)
  const reason = incompleteDetails?.reason
  return (
    <div
      ref={ref}
      className={cx('rl-error', className)}
      data-state={kinds.join(' ')}
      role={live ? 'alert' : undefined}
      {...props}
    >
      {lastError && (
        <div className="rl-error__item" data-kind="run">
          <p className="rl-error__title">{labels.runFailed}</p>
          <p className="rl-error__message">{lastError.message}</p>
          <dl className="rl-error__meta">
            <div>
              <dt>{labels.code}</dt>
              <dd>
                <code>{lastError.code}</code>
              </dd>
            </div>
          </dl>
        </div>
      )}
      {incompleteDetails && (
        <div className="rl-error__item" data-kind="incomplete">
          <p className="rl-error__title">{labels.incomplete}</p>
          <p className="rl-error__message" data-reason={reason}>
            {reason && Object.hasOwn(labels.incompleteReasons, reason)
              ? labels.incompleteReasons[reason]
              : labels.incompleteOther(String(reason))}
          </p>
        </div>
      )}
      {error && (
        <div className="rl-error__item" data-kind="request">
          <p className="rl-error__title">{labels.requestFailed}</p>
          <p className="rl-error__message">{error.message}</p>
          {(error.status != null || error.code || error.requestId) && (
            <dl className="rl-error__meta">
              {error.status != null && (
                <div>
                  <dt>{labels.status}</dt>
                  <dd>{error.status}</dd>
                </div>
              )}
              {error.code && (
                <div>
                  <dt>{labels.code}</dt>
                  <dd>
                    <code>{error.code}</code>
                  </dd>
                </div>
              )}
              {error.requestId && (
                <div>
                  <dt>{labels.requestId}</dt>
                  <dd>
                    <code>{error.requestId}</code>
                  </dd>
                </div>
              )}
            </dl>
          )}
        </div>
      )}
    </div>
  )
})
