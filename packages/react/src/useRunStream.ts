'use client'

import type { Run, RunCreateParams, RunToolCall, ToolOutput } from '@runlens/client'
import { useStore } from 'zustand'
import { useRunsContext } from './context.js'
import { isActiveRunStatus } from './polling.js'
import type { RunStore, RunStreamState } from './store/runStore.js'
import type { RunSession } from './store/streamRegistry.js'
import { useRunSession } from './useRunSession.js'
import { type SessionStreamOptions, useSessionStream } from './useSessionStream.js'

export interface UseRunStreamOptions<T> extends SessionStreamOptions<RunStreamState, T> {
  /**
   * Follow this run's session (started by another component) instead of a new one. Without a live
   * session for it, `submitToolOutputs` and `cancel` still work and open one.
   */
  runId?: string | null
}

export interface RunStreamHandle<T> {
  /** What `select` picked (the whole state by default). */
  state: T
  /** The run's id once the server said it. */
  runId: string | null
  /** The session's vanilla store, for `useStore(store, selector)` in children or code outside React. */
  store: RunStore
  /**
   * Streams a new run on the thread. Call it from an event handler or an effect: a second call
   * while the first stream is open returns the same promise (StrictMode's double effect opens one
   * stream). After the previous run ended, it starts another. While the session's run waits for
   * tool outputs (`requires_action`), or still moves with its connection lost, it creates no run:
   * it resolves with that run, which stays in the state (with its required action), and follows a
   * moving one again. Resolves with the run once the connection closes; never rejects (see
   * `state.error`). A stream that fails before naming its run finds the run the create made
   * (`findCreatedRun`) and follows it by polling, so `runId` is set whenever the server made a run.
   */
  start(body: RunCreateParams): Promise<Run | null>
  /** Answers the required action on a stream (once per required action, provider-wide). */
  submitToolOutputs(outputs: ToolOutput[]): Promise<Run>
  /** Asks the server to cancel; the state shows `cancelling` until the server says it is done. */
  cancel(): Promise<void>
  /** Keeps the connection (and the cache updates) after this component unmounts. */
  detach(): void
}

const selectRunId = (state: RunStreamState) => state.runId

/**
 * A closed session's run that still holds the thread: one that waits for tool outputs (its stream
 * closes at requires_action) or one left moving (a recovery that failed). A second run would be
 * refused, so `start` gives that run instead, and follows a moving one again.
 */
function heldRun(session: RunSession): Run | null {
  const { run } = session.store.getState()
  if (!run) return null
  if (isActiveRunStatus(run.status)) {
    session.receiveRun(run)
    return run
  }
  return run.status === 'requires_action' ? run : null
}

/**
 * Starts and follows a streamed run. Its state lives in a vanilla store per run, shared through
 * the provider's registry by every component that asks for the same run (one store, one
 * connection); the component re-renders only for what `select` picks. The connection closes when
 * the last component using it unmounts, unless detached. The package README has the whole behaviour.
 */
export function useRunStream<T = RunStreamState>(
  threadId: string,
  options: UseRunStreamOptions<T> = {},
): RunStreamHandle<T> {
  const { streams } = useRunsContext()
  const runId = options.runId ?? null
  // With `runId`: the session that holds that run, else this hook's own idle one for it.
  const watched = useRunSession(threadId, runId)
  const handle = useSessionStream(streams, threadId, runId ? watched : null, options, heldRun)
  const { state, session, start, submitToolOutputs, cancel, detach } = handle
  const id = useStore(session.store, selectRunId)
  return { state, runId: id, store: session.store, start, submitToolOutputs, cancel, detach }
}

/** The tool calls a required action asks for, typed for handler authors. */
export type { RunToolCall }
