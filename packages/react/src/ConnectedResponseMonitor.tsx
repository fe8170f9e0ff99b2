'use client'

import type { Response as ModelResponse, ToolOutput } from '@runlens/client'
import { forwardRef } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/shallow'
import { RunMonitorView } from './components/RunMonitorView.js'
import type { ResponsesRunMonitorProps } from './RunMonitor.js'
import type { ResponseStore, ResponseStreamState } from './store/responseStore.js'
import { monitorError, useMonitorActions } from './useMonitorActions.js'
import { useResponse } from './useResponse.js'
import { useResponseSession } from './useResponseSession.js'

/** What `RunMonitor protocol="responses"` needs of a `useResponseStream` handle (any `select`). */
export interface ResponseMonitorStream {
  store: ResponseStore
  submitToolOutputs(outputs: ToolOutput[]): Promise<ModelResponse>
  cancel(): Promise<void>
}

/** What the monitor shows of the chain, compared field by field (useShallow), as for a run. */
const selectShown = (state: ResponseStreamState) => ({
  connection: state.connection,
  response: state.response,
  status: state.status,
  responseId: state.responseId,
  steps: state.steps,
  messages: state.messages,
  text: state.text,
  usage: state.usage,
  error: state.error,
  streamError: state.streamError,
  cancelling: state.cancelling,
  handlersBusy: state.tools === 'running' || state.tools === 'submitting',
})

/**
 * `RunMonitor` for a Responses run: the chain's session (a stream given, or the one that holds the
 * response, or an idle one that can still answer or cancel it) and the response's query, shown
 * through the same `RunMonitorView` as an Assistants run.
 */
export const ConnectedResponseMonitor = forwardRef<HTMLElement, ResponsesRunMonitorProps>(
  function ConnectedResponseMonitor(
    {
      protocol: _protocol,
      responseId = null,
      stream = null,
      readOnly = false,
      onDeny: onDenyProp,
      ...viewProps
    },
    ref,
  ) {
    const own = useResponseSession(stream ? null : responseId)
    const session: ResponseMonitorStream = stream ?? own
    const shown = useStore(session.store, useShallow(selectShown))
    const { connection, text } = shown
    const live = connection === 'streaming' || connection === 'polling'
    const started = connection !== 'idle'

    const id = (stream ? shown.responseId : responseId) ?? shown.responseId
    // While a session streams the chain, this reads the cache it writes and sends no request;
    // otherwise it fetches the response and polls it while it moves (the session shows it).
    const query = useResponse(id)
    // The chain's current response, as the session has it (live, or seeded from the cache that
    // the query polls); the query's own answer until the session has one.
    const response = shown.response ?? query.data ?? null

    const { submitting, actionError, onSubmitToolOutputs, onCancel, onDeny } = useMonitorActions(
      session,
      onDenyProp,
    )
    const error = monitorError({
      runFailed: Boolean(response?.error),
      action: actionError,
      session: shown.error,
      stream: shown.streamError,
      query: query.error,
    })
    const textProps =
      started && text !== ''
        ? { text, streaming: connection === 'streaming' }
        : shown.messages.length > 0
          ? { messages: shown.messages }
          : {}

    return (
      <RunMonitorView
        ref={ref}
        run={response}
        // The chain's status: the session knows what the response alone cannot (declined calls).
        status={shown.response ? shown.status : undefined}
        runId={id}
        loading={!response && (query.isLoading || live)}
        steps={shown.steps}
        usage={shown.usage ?? response?.usage ?? null}
        {...textProps}
        error={error}
        connection={started ? connection : undefined}
        onCancel={readOnly ? undefined : onCancel}
        cancelling={shown.cancelling}
        onSubmitToolOutputs={onSubmitToolOutputs}
        submitting={submitting || shown.handlersBusy}
        {...viewProps}
        onDeny={onDeny}
      />
    )
  },
)
