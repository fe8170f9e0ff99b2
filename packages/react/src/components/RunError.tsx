'use client'

import type { IncompleteDetails, RunError as RunErrorData } from '@runlens/client'
import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import { forwardRef } from 'react'
import { cx } from './cx.js'
import { type ErrorLabels, errorLabels, type PartialLabels } from './defaultLabels.js'
import { Item } from './parts.js'
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

/** One error: its kind, a title, the message, and details below. */
function Entry(props: {
  kind: string
  title: string
  message: ReactNode
  reason?: string | undefined
  children?: ReactNode
}) {
  return (
    <div className="rl-error__item" data-kind={props.kind}>
      <p className="rl-error__title">{props.title}</p>
      <p className="rl-error__message" data-reason={props.reason}>
        {props.message}
      </p>
      {props.children}
    </div>
  )
}

/** Errors of a run and of requests about it. Renders nothing when there is none. */
export const RunError = forwardRef<HTMLDivElement, RunErrorProps>(function RunError(
  { lastError, incompleteDetails, error, live = true, labels: labelsProp, className, ...props },
  ref,
) {
  const labels = useLabels('error', errorLabels, labelsProp)
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
        <Entry kind="run" title={labels.runFailed} message={lastError.message}>
          <dl className="rl-error__meta">
            <Item label={labels.code}>
              <code>{lastError.code}</code>
            </Item>
          </dl>
        </Entry>
      )}
      {incompleteDetails && (
        <Entry
          kind="incomplete"
          title={labels.incomplete}
          message={
            reason && Object.hasOwn(labels.incompleteReasons, reason)
              ? labels.incompleteReasons[reason]
              : labels.incompleteOther(String(reason))
          }
          reason={reason}
        />
      )}
      {error && (
        <Entry kind="request" title={labels.requestFailed} message={error.message}>
          {(error.status != null || error.code || error.requestId) && (
            <dl className="rl-error__meta">
              {error.status != null && <Item label={labels.status}>{error.status}</Item>}
              {error.code && (
                <Item label={labels.code}>
                  <code>{error.code}</code>
                </Item>
              )}
              {error.requestId && (
                <Item label={labels.requestId}>
                  <code>{error.requestId}</code>
                </Item>
              )}
            </dl>
          )}
        </Entry>
      )}
    </div>
  )
})
