'use client'

import type { IncompleteDetails, Response, ResponseError, RunError as RunErrorData } from '@runlens/client'
import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import { forwardRef } from 'react'
import { cx } from './cx.js'
import { type ErrorLabels, errorLabels, type PartialLabels } from './defaultLabels.js'
import { Item, Unreadable } from './parts.js'
import { useLabels } from './RunlensLabelsProvider.js'
import { readNumber, readObject, readString } from './read.js'

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
  /** `run.last_error`, or a response's `error` (the same code and message): why it failed. */
  lastError?: RunErrorData | ResponseError | null
  /** `run.incomplete_details` or `response.incomplete_details`: why it ended incomplete. */
  incompleteDetails?: IncompleteDetails | Response['incomplete_details']
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

/** Errors of a run (or a response) and of requests about it. Renders nothing when there is none. */
export const RunError = forwardRef<HTMLDivElement, RunErrorProps>(function RunError(
  { lastError, incompleteDetails, error, live = true, labels: labelsProp, className, ...props },
  ref,
) {
  const labels = useLabels('error', errorLabels, labelsProp)
  if (!lastError && !incompleteDetails && !error) return null
  const kinds = [lastError && 'run', incompleteDetails && 'incomplete', error && 'request'].filter(Boolean)
  // Each field read for what it should be: a server may send an error that is not the wire's shape.
  const run = readObject(lastError)
  const runCode = readString(run?.code)
  const request = readObject(error)
  const status = readNumber(request?.status)
  const code = readString(request?.code)
  const requestId = readString(request?.requestId)
  const reasonValue = readObject(incompleteDetails)?.reason
  const reason = readString(reasonValue) ?? undefined
  const message = (value: unknown) => readString(value) || <Unreadable>{labels.noMessage}</Unreadable>
  return (
    <div
      ref={ref}
      className={cx('rl-error', className)}
      data-state={kinds.join(' ')}
      role={live ? 'alert' : undefined}
      {...props}
    >
      {lastError && (
        <Entry kind="run" title={labels.runFailed} message={message(run?.message)}>
          {runCode && (
            <dl className="rl-error__meta">
              <Item label={labels.code}>
                <code>{runCode}</code>
              </Item>
            </dl>
          )}
        </Entry>
      )}
      {incompleteDetails && (
        <Entry
          kind="incomplete"
          title={labels.incomplete}
          message={
            reason && Object.hasOwn(labels.incompleteReasons, reason)
              ? labels.incompleteReasons[reason]
              : labels.incompleteOther(reason ?? JSON.stringify(reasonValue) ?? String(reasonValue))
          }
          reason={reason}
        />
      )}
      {error && (
        <Entry kind="request" title={labels.requestFailed} message={message(request?.message)}>
          {(status !== null || code || requestId) && (
            <dl className="rl-error__meta">
              {status !== null && <Item label={labels.status}>{status}</Item>}
              {code && (
                <Item label={labels.code}>
                  <code>{code}</code>
                </Item>
              )}
              {requestId && (
                <Item label={labels.requestId}>
                  <code>{requestId}</code>
                </Item>
              )}
            </dl>
          )}
        </Entry>
      )}
    </div>
  )
})
