'use client'

import type { Response as ModelResponse, ResponseCreateParams, ToolOutput } from '@runlens/client'
import { useEffect } from 'react'
import { useStore } from 'zustand'
import { useRunsContext } from './context.js'
import { isActiveResponseStatus } from './polling.js'
import { RESPONSE_SCOPE } from './store/responseRegistry.js'
import type { ResponseStore, ResponseStreamState } from './store/responseStore.js'
import {
  clearResumePoint,
  defaultResumeStorage,
  loadResumePoint,
  type ResumeStorage,
  saveResumePoint,
} from './store/resumePoint.js'
import { useResponseSession } from './useResponseSession.js'
import { type SessionStreamOptions, useSessionStream } from './useSessionStream.js'

export interface UseResponseStreamOptions<T> extends SessionStreamOptions<ResponseStreamState, T> {
  /**
   * Follow the session of this response's chain (started by another component) instead of a new
   * one: any response id of the chain.
   */
  responseId?: string | null
  /**
   * Keeps the run in flight under this key (its response ids and the last sequence number shown),
   * and resumes it when a component with the same key mounts again, e.g. after a page reload: the
   * stream is joined again, and the text shows whole, once. Cleared when the run ends. Default: not kept.
   */
  resumeKey?: string
  /**
   * Where `resumeKey` keeps the run. Default: `sessionStorage` (per tab, survives a reload). Give
   * a stable object (defined outside the component): a new one each render subscribes again.
   */
  resumeStorage?: ResumeStorage
}

export interface ResponseStreamHandle<T> {
  /** What `select` picked (the whole state by default). */
  state: T
  /** The chain's current response id, once the server said it. */
  responseId: string | null
  /** The session's vanilla store, for `useStore(store, selector)` in children or code outside React. */
  store: ResponseStore
  /**
   * Streams a new response in background mode (`background: true` unless the body says otherwise:
   * only a background response can be resumed and cancelled). Like `useRunStream`'s `start`: one
   * stream for a second call while it is open, a new run once the previous one ended; resolves
   * with the chain's last response once the connection closes; never rejects (see `state.error`).
   * A dropped stream resumes by itself after its last event; polling is the last resort.
   */
  start(body: ResponseCreateParams): Promise<ModelResponse | null>
  /**
   * Joins a background response that is still moving (or waits for tool outputs), by id: its
   * events replayed from the first, then live. Resolves as `start` does.
   */
  resume(responseId: string): Promise<ModelResponse | null>
  /**
   * Answers the function calls the current response waits for with a follow-up response
   * (`previous_response_id` plus `function_call_output` items), once per set of calls across the
   * provider; the chain goes on in the same state. Resolves with the follow-up as it starts.
   */
  submitToolOutputs(outputs: ToolOutput[]): Promise<ModelResponse>
  /**
   * Cancels the current response (the server's cancel) and follows it until it settles. While it
   * waits for tool outputs nothing moves on the server: its calls are declined, and it shows as it is.
   */
  cancel(): Promise<void>
  /** Keeps the connection (and the cache updates) after this component unmounts. */
  detach(): void
}

const selectResponseId = (state: ResponseStreamState) => state.responseId
// A new start always starts a new chain: unlike a thread's runs, responses never block one another.
const nothingHeld = () => null

/** Whether the run is still to be resumed after a reload: moving, or waiting for tool outputs. */
const inFlight = (state: ResponseStreamState) =>
  isActiveResponseStatus(state.response?.status) || state.requiredToolCalls.length > 0

/**
 * Starts and follows a Responses run in background mode, as `useRunStream` does a run: one store
 * and one connection per run, shared by every component that asks for it (StrictMode-safe),
 * selectors, text committed at most once per frame, tool handlers with approval. A run is a chain:
 * a response that stops at function calls goes on in the follow-up that answers them, and the
 * state follows the chain as one run (its responses, output, text and summed usage).
 */
export function useResponseStream<T = ResponseStreamState>(
  options: UseResponseStreamOptions<T> = {},
): ResponseStreamHandle<T> {
  const { responseStreams } = useRunsContext()
  const responseId = options.responseId ?? null
  const watched = useResponseSession(responseId)
  const handle = useSessionStream(
    responseStreams,
    RESPONSE_SCOPE,
    responseId ? watched : null,
    options,
    nothingHeld,
  )
  const { state, session, start, resume, submitToolOutputs, cancel, detach } = handle

  // Keeping and resuming the run in flight (`resumeKey`): this component's own runs only.
  const { resumeKey } = options
  const storage = resumeKey && !responseId ? (options.resumeStorage ?? defaultResumeStorage()) : null
  useEffect(() => {
    if (!storage || !resumeKey || session.started) return
    const point = loadResumePoint(storage, resumeKey)
    if (!point) return
    const ids = point.responseIds
    void resume(ids[ids.length - 1]!, { earlier: ids.slice(0, -1), catchUpTo: point.sequenceNumber })
  }, [storage, resumeKey, session, resume])
  useEffect(() => {
    if (!storage || !resumeKey) return
    // What was kept last: the chain's ids and how far it had been shown. A resume starts from an
    // empty state and replays: until its events pass the kept point, the point stays as it is.
    let kept = loadResumePoint(storage, resumeKey)
    return session.store.subscribe((now) => {
      // Nothing is known yet (a start or a resume before its first event): nothing to keep or drop.
      if (!session.started || now.response === null) return
      if (!inFlight(now)) {
        if (kept) clearResumePoint(storage, resumeKey)
        kept = null
        return
      }
      const sameChain = kept !== null && kept.responseIds.join() === now.responseIds.join()
      const shown = now.sequenceNumber ?? -1
      if (sameChain && (kept!.sequenceNumber ?? -1) >= shown) return
      kept = { responseIds: now.responseIds, sequenceNumber: now.sequenceNumber }
      saveResumePoint(storage, resumeKey, kept)
    })
  }, [storage, resumeKey, session])

  const id = useStore(session.store, selectResponseId)
  return { state, responseId: id, store: session.store, start, resume, submitToolOutputs, cancel, detach }
}
