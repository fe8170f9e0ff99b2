'use client'

import type { ToolOutput } from '@runlens/client'
import { useCallback, useState } from 'react'
import type { RequestErrorLike } from './components/RunError.js'
import { asError } from './errors.js'

/** What the connected monitor drives, whatever the protocol: a session, or a stream hook's handle. */
export interface MonitorSession {
  submitToolOutputs(outputs: ToolOutput[]): Promise<unknown>
  cancel(): Promise<void>
}

/**
 * The connected monitor's actions, for either protocol: submitting tool outputs, cancelling, and
 * denying the calls (which cancels: no output will come). Their failures show in the monitor.
 */
export function useMonitorActions(session: MonitorSession, onDenyProp: (() => void) | undefined) {
  const [submitting, setSubmitting] = useState(false)
  const [actionError, setActionError] = useState<RequestErrorLike | null>(null)

  const onSubmitToolOutputs = useCallback(
    (outputs: ToolOutput[]) => {
      setSubmitting(true)
      setActionError(null)
      session.submitToolOutputs(outputs).then(
        () => setSubmitting(false),
        (failure: unknown) => {
          setSubmitting(false)
          setActionError(asError(failure))
        },
      )
    },
    [session],
  )

  const onCancel = useCallback(() => {
    setActionError(null)
    session.cancel().catch((failure: unknown) => setActionError(asError(failure)))
  }, [session])

  // Denying the tool calls cancels the run: no output will come, and an Assistants run left
  // waiting would hold the thread (no other run can start on it) until it expires; a response
  // waiting for outputs is left as it is. The caller hears of it too.
  const onDeny = useCallback(() => {
    onDenyProp?.()
    onCancel()
  }, [onDenyProp, onCancel])

  return { submitting, actionError, onSubmitToolOutputs, onCancel, onDeny }
}

/**
 * The one error the monitor shows: an action's, else the session's, else the stream's, else the
 * query's. An error the stream reported (an `error` event, a broken stream) says less than the
 * run's own error once the run has failed: the run's shows instead. HTTP errors (a refused
 * cancel) still show.
 */
export function monitorError(parts: {
  runFailed: boolean
  action: RequestErrorLike | null
  session: RequestErrorLike | null
  stream: RequestErrorLike | null
  query: RequestErrorLike | null
}): RequestErrorLike | null {
  const { runFailed, action, session, stream, query } = parts
  const sessionShown = runFailed && session?.status == null ? null : session
  return action ?? sessionShown ?? (runFailed ? null : stream) ?? query
}
