'use client'

import type { Run, RunStep, ToolOutput } from '@runlens/client'
import { useQuery } from '@tanstack/react-query'
import { forwardRef, useEffect } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/shallow'
import { ConnectedResponseMonitor, type ResponseMonitorStream } from './ConnectedResponseMonitor.js'
import { listMessages } from './collect.js'
import { RunMonitorView, type RunMonitorViewProps } from './components/RunMonitorView.js'
import { useRunsContext } from './context.js'
import { runKeys } from './queryKeys.js'
import { RunMonitorBoundary } from './RunMonitorBoundary.js'
import type { RunStore, RunStreamState } from './store/runStore.js'
import { monitorError, useMonitorActions } from './useMonitorActions.js'
import { useRun } from './useRun.js'
import { useRunSession } from './useRunSession.js'
import { useRunSteps } from './useRunSteps.js'

export type { ResponseMonitorStream } from './ConnectedResponseMonitor.js'

/** What `RunMonitor` needs of a `useRunStream` handle (any `select`). */
export interface RunMonitorStream {
  store: RunStore
  submitToolOutputs(outputs: ToolOutput[]): Promise<Run>
  cancel(): Promise<void>
}

/** What the connected monitor feeds the view itself; the rest of the view's props pass through. */
type FedProps =
  | 'run'
  | 'runId'
  | 'loading'
  | 'steps'
  | 'messages'
  | 'text'
  | 'streaming'
  | 'error'
  | 'connection'
  | 'onCancel'
  | 'cancelling'
  | 'onSubmitToolOutputs'
  | 'submitting'
  | 'onDeny'
  | 'usage'
  | 'status'

/** The props of the connected monitor whatever the protocol. */
export interface RunMonitorBaseProps extends Omit<RunMonitorViewProps, FedProps> {
  /**
   * Called when the user denies the tool calls (`requireApproval`). The monitor cancels the run
   * in any case (no output will come); this only tells the caller.
   */
  onDeny?: () => void
  /** Hides the cancel button. Default `false`. */
  readOnly?: boolean
}

/** An Assistants v2 run (the default protocol). */
export interface AssistantsRunMonitorProps extends RunMonitorBaseProps {
  protocol?: 'assistants'
  /** The thread of the run. */
  threadId: string
  /**
   * The run to show, by id: followed through a live session when one holds it (a stream started
   * elsewhere under the provider), else read from the cache and polled while it is active.
   */
  runId?: string | null
  /** A live stream to show instead, as returned by `useRunStream(threadId)`: shown from its first event. */
  stream?: RunMonitorStream | null
}

/** A Responses run in background mode: a response and the follow-ups that answered its calls. */
export interface ResponsesRunMonitorProps extends RunMonitorBaseProps {
  protocol: 'responses'
  /**
   * The response to show, by id (any of its chain's): followed through a live session when one
   * holds it, else read from the cache and polled while it is queued or in progress.
   */
  responseId?: string | null
  /** A live stream to show instead, as returned by `useResponseStream()`: shown from its first event. */
  stream?: ResponseMonitorStream | null
}

export type RunMonitorProps = AssistantsRunMonitorProps | ResponsesRunMonitorProps

/**
 * How long after `expires_at` to ask the server (its clock and ours differ a little); a deadline
 * passed longer ago is asked about at once.
 */
const EXPIRY_GRACE_MS = 500
/** setTimeout's largest delay: above it (a deadline ~25 days away) browsers and Node fire at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1
const noSteps: RunStep[] = []

/**
 * What the monitor shows of the session, compared field by field (useShallow): a commit that
 * changes none of these (the messages array, the approval phase) does not re-render the monitor.
 */
const selectShown = (state: RunStreamState) => ({
  connection: state.connection,
  run: state.run,
  runId: state.runId,
  steps: state.steps,
  text: state.text,
  error: state.error,
  streamError: state.streamError,
  cancelling: state.cancelling,
  handlersBusy: state.tools === 'running' || state.tools === 'submitting',
})

/**
 * The run monitor, connected: give it a thread and a run (or a live stream from `useRunStream`),
 * or with `protocol="responses"` a response (or a stream from `useResponseStream`), and it shows
 * status, connection, steps, live text, the required action, usage and errors, and drives cancel,
 * tool outputs and denial (which cancels the run) through the hooks. Everything it shows is
 * shared with the other hooks under the same `RunsProvider`: a run streamed here updates `useRun`
 * (`useResponse`) and `useRunList` without a request, and two monitors of one run share one
 * connection. It has an error boundary of its own: should it fail to render, it says so in its
 * place, with a "Try again" button, and the page around it stays.
 */
export const RunMonitor = forwardRef<HTMLElement, RunMonitorProps>(function RunMonitor(props, ref) {
  return (
    <RunMonitorBoundary labels={props.labels} headingLevel={props.headingLevel}>
      {props.protocol === 'responses' ? (
        <ConnectedResponseMonitor {...props} ref={ref} />
      ) : (
        <ConnectedRunMonitor {...props} ref={ref} />
      )}
    </RunMonitorBoundary>
  )
})

const ConnectedRunMonitor = forwardRef<HTMLElement, AssistantsRunMonitorProps>(function ConnectedRunMonitor(
  {
    protocol: _protocol,
    threadId,
    runId = null,
    stream = null,
    readOnly = false,
    onDeny: onDenyProp,
    ...viewProps
  },
  ref,
) {
  // Following by id: this joins the session that holds the run, if any, and can open one to
  // cancel or answer a required action. With a `stream`, its session is the one shown.
  const own = useRunSession(threadId, stream ? null : runId)
  const session: RunMonitorStream = stream ?? own
  const { client, queryClient } = useRunsContext()

  const {
    connection,
    run: storeRun,
    runId: storeRunId,
    steps: storeSteps,
    text,
    error: storeError,
    streamError,
    cancelling,
    handlersBusy,
  } = useStore(session.store, useShallow(selectShown))
  const live = connection === 'streaming' || connection === 'polling'
  const started = connection !== 'idle'

  const id = (stream ? storeRunId : runId) ?? storeRunId
  // While a session streams the run, these read the cache it writes and send no request.
  const runQuery = useRun(threadId, id)
  const stepsQuery = useRunSteps(threadId, id)

  // The session's copy is the freshest while it is live; the cache otherwise (polled, listed).
  const run = (live ? storeRun : null) ?? runQuery.data ?? storeRun
  // On its way: a run given by id on its first fetch, or a stream opened before its first event.
  // Without a run id nothing is coming: the view says "No run yet.".
  const loading = !run && (runQuery.isLoading || live)
  const steps =
    live && storeSteps.length > 0
      ? storeSteps
      : (stepsQuery.data ?? (storeSteps.length ? storeSteps : noSteps))

  // Messages of a run that is not streaming here (opened from a list, or settled). Refetched when
  // the status changes, so the final answer replaces a partial one.
  const status = run?.status
  const showStreamedText = started && text !== ''
  const messagesQuery = useQuery({
    queryKey: [...runKeys.detail(threadId, id ?? ''), 'messages', status ?? null],
    queryFn: ({ signal }) => listMessages(client, threadId, id!, signal),
    enabled: Boolean(id && status) && !live && !showStreamedText,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: (previous) => previous,
  })

  // Nothing is polled while a run waits for tool outputs, and no stream tells when it expires: look
  // again once its deadline has passed, so the monitor says "expired" instead of waiting forever.
  // On the countdown's clock (`now`), so that the form reaching zero and this look agree.
  const expiresAt = status === 'requires_action' ? (run?.expires_at ?? null) : null
  const now = viewProps.now ?? Date.now
  useEffect(() => {
    if (expiresAt === null || !id) return
    const delay = Math.min(Math.max(expiresAt * 1000 + EXPIRY_GRACE_MS - now(), 0), MAX_TIMEOUT_MS)
    const timer = setTimeout(() => {
      void queryClient.invalidateQueries({ queryKey: runKeys.detail(threadId, id) })
    }, delay)
    return () => clearTimeout(timer)
  }, [expiresAt, id, threadId, queryClient, now])

  const { submitting, actionError, onSubmitToolOutputs, onCancel, onDeny } = useMonitorActions(
    session,
    onDenyProp,
  )
  const error = monitorError({
    runFailed: Boolean(run?.last_error),
    action: actionError,
    session: storeError,
    stream: streamError,
    query: runQuery.error,
  })

  const textProps = showStreamedText
    ? { text, streaming: connection === 'streaming' }
    : messagesQuery.data
      ? { messages: messagesQuery.data }
      : {}

  return (
    <RunMonitorView
      ref={ref}
      run={run ?? null}
      runId={id}
      loading={loading}
      steps={steps}
      {...textProps}
      error={error}
      connection={started ? connection : undefined}
      onCancel={readOnly ? undefined : onCancel}
      cancelling={cancelling}
      onSubmitToolOutputs={onSubmitToolOutputs}
      submitting={submitting || handlersBusy}
      {...viewProps}
      onDeny={onDeny}
    />
  )
})
