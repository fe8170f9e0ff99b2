'use client'

import type { Run, RunStep, ToolOutput } from '@runlens/client'
import { useQuery } from '@tanstack/react-query'
import { forwardRef, useCallback, useEffect, useState } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/shallow'
import { listMessages } from './collect.js'
import type { RequestErrorLike } from './components/RunError.js'
import { RunMonitorView, type RunMonitorViewProps } from './components/RunMonitorView.js'
import { useRunsContext } from './context.js'
import { asError } from './errors.js'
import { runKeys } from './queryKeys.js'
import { RunMonitorBoundary } from './RunMonitorBoundary.js'
import type { RunStore, RunStreamState } from './store/runStore.js'
import { useRun } from './useRun.js'
import { useRunSession } from './useRunSession.js'
import { useRunSteps } from './useRunSteps.js'

/** What `RunMonitor` needs of a `useRunStream` handle (any `select`). */
export interface RunMonitorStream {
  store: RunStore
  submitToolOutputs(outputs: ToolOutput[]): Promise<Run>
  cancel(): Promise<void>
}

export interface RunMonitorProps
  extends Omit<
    RunMonitorViewProps,
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
  > {
  /**
   * Called when the user denies the tool calls (`requireApproval`). The monitor cancels the run
   * in any case (no output will come); this only tells the caller.
   */
  onDeny?: () => void
  /** The thread of the run. */
  threadId: string
  /**
   * The run to show, by id: followed through a live session when one holds it (a stream started
   * elsewhere under the provider), else read from the cache and polled while it is active.
   */
  runId?: string | null
  /** A live stream to show instead, as returned by `useRunStream(threadId)`: shown from its first event. */
  stream?: RunMonitorStream | null
  /** Hides the cancel button. Default `false`. */
  readOnly?: boolean
}

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
 * The run monitor, connected: give it a thread and a run (or a live stream from `useRunStream`)
 * and it shows status, connection, steps, live text, the required action, usage and errors, and
 * drives cancel, tool outputs and denial (which cancels the run) through the hooks. Everything it
 * shows is shared with the other hooks under the same `RunsProvider`: a run streamed here updates
 * `useRun` and `useRunList` without a request, and two monitors of one run share one connection.
 * It has an error boundary of its own: should it fail to render, it says so in its place, with a
 * "Try again" button, and the page around it stays.
 */
export const RunMonitor = forwardRef<HTMLElement, RunMonitorProps>(function RunMonitor(props, ref) {
  return (
    <RunMonitorBoundary labels={props.labels} headingLevel={props.headingLevel}>
      <ConnectedRunMonitor {...props} ref={ref} />
    </RunMonitorBoundary>
  )
})

const ConnectedRunMonitor = forwardRef<HTMLElement, RunMonitorProps>(function ConnectedRunMonitor(
  { threadId, runId = null, stream = null, readOnly = false, onDeny: onDenyProp, ...viewProps },
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

  // Denying the tool calls cancels the run: no output will come, and a run left waiting would
  // hold the thread (no other run can start on it) until it expires. The caller hears of it too.
  const onDeny = useCallback(() => {
    onDenyProp?.()
    onCancel()
  }, [onDenyProp, onCancel])

  // An error the stream reported (an `error` event, a broken stream) says less than the run's own
  // `last_error` once the run has failed: show the run's. HTTP errors (a refused cancel) still show.
  const runFailed = Boolean(run?.last_error)
  // Read as the view reads errors: a message, and an HTTP status when a response carried one.
  const sessionError: RequestErrorLike | null = storeError
  const sessionErrorShown = runFailed && sessionError?.status == null ? null : sessionError
  const streamErrorShown = runFailed ? null : streamError
  const error: RequestErrorLike | null =
    actionError ?? sessionErrorShown ?? streamErrorShown ?? runQuery.error

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
