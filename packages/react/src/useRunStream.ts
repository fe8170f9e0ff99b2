'use client'

import type { Run, RunCreateParams, RunToolCall, ToolOutput } from '@runlens/client'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useStore } from 'zustand'
import { type RunsContextValue, useRunsContext } from './context.js'
import { isActiveRunStatus } from './polling.js'
import type { RunStore, RunStreamState } from './store/runStore.js'
import type { CommitEvery, CommitScheduler } from './store/scheduler.js'
import type { RunSession } from './store/streamRegistry.js'
import type { ToolAnswerer } from './store/toolHandlers.js'
import { useRunSession } from './useRunSession.js'

export interface UseRunStreamOptions<T> {
  /**
   * Follow this run's session (started by another component) instead of a new one. Without a live
   * session for it, `submitToolOutputs` and `cancel` still work and open one.
   */
  runId?: string | null
  /**
   * Picks what this component renders; it re-renders only when the picked value changes
   * (`Object.is`). Default: the whole state (a re-render per commit). Return a stable value: wrap
   * an object-returning selector in zustand's `useShallow`.
   */
  select?: (state: RunStreamState) => T
  /**
   * Answer required actions automatically: `toolHandlers({ functionName: async (args, call) => output },
   * { approve })`. Default: none (the calls wait in `state.requiredToolCalls` for a form).
   */
  tools?: ToolAnswerer
  /** How often streamed text is committed: `'frame'` (default), a number of ms, or `'event'`. */
  commitEvery?: CommitEvery
  /** Replaces the scheduler of `commitEvery` (tests). */
  scheduler?: CommitScheduler
  /** The wait between retrieves if the stream drops and the session polls. Default: the client's rule. */
  pollIntervalMs?: number
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

interface Held {
  streams: RunsContextValue['streams']
  threadId: string
  session: RunSession
}

const whole = (state: RunStreamState) => state as unknown
const selectRunId = (state: RunStreamState) => state.runId

/** Settled for good (completed, failed...), or a status this version does not know: a new run may start. */
const isSettledRun = (run: Run) => run.status !== 'requires_action' && !isActiveRunStatus(run.status)

// Called while rendering: `create` only allocates (a store, an abort controller); `retain`, in an
// effect, registers the session and only its actions (start, submit, cancel) connect. A session
// from a render React throws away (StrictMode's second call, an abandoned concurrent render) is
// mere garbage. test/dom/sessions.test.tsx pins this.
const held = (streams: Held['streams'], threadId: string): Held => ({
  streams,
  threadId,
  session: streams.create(threadId),
})

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

  // The session `start()` drives (a new run each time the previous one ended). A new provider or
  // thread means a new session, derived in this very render (React's "adjusting state when a prop
  // changes"): the new thread never shows the old one's run, and no effect has to catch up.
  const [own, setOwn] = useState(() => held(streams, threadId))
  let ownNow = own
  if (own.streams !== streams || own.threadId !== threadId) {
    ownNow = held(streams, threadId)
    setOwn(ownNow)
  }
  const ownSession = ownNow.session
  // With `runId`: the session that holds that run, else this hook's own idle one for it.
  const watched = useRunSession(threadId, runId)
  const session = runId ? watched : ownSession

  // The options of the component that drives the run, read when a required action comes: handed
  // over whenever they change (inline `tools` do on every render). `start` reads the latest too.
  const latest = useRef(options)
  latest.current = options
  useEffect(() => {
    ownSession.configure(options)
    if (session !== ownSession && !session.started) session.configure(options)
  }, [options, ownSession, session])

  useEffect(() => streams.retain(ownSession), [streams, ownSession])

  const ownRef = useRef(ownNow)
  ownRef.current = ownNow
  const sessionRef = useRef(session)
  sessionRef.current = session

  const start = useCallback(
    (body: RunCreateParams) => {
      let target = ownRef.current.session
      const { connection, run } = target.store.getState()
      if (target.started && connection === 'closed' && run && !isSettledRun(run)) {
        // A closed connection is not the end of the run: one that waits for tool outputs (its
        // stream closes at requires_action) or one left moving (a recovery that failed) still
        // holds the thread, and a second run would be refused. The caller gets that run; one
        // still moving is followed again.
        if (isActiveRunStatus(run.status)) target.receiveRun(run)
        return Promise.resolve(run)
      }
      if (target.started && connection === 'closed') {
        // The previous run ended: a new run, a new session.
        const next = held(ownRef.current.streams, ownRef.current.threadId)
        target = next.session
        ownRef.current = next
        if (!runId) sessionRef.current = target
        setOwn(next)
      }
      target.configure(latest.current)
      return target.start(body)
    },
    [runId],
  )

  const submitToolOutputs = useCallback(
    (outputs: ToolOutput[]) => sessionRef.current.submitToolOutputs(outputs),
    [],
  )
  const cancel = useCallback(() => sessionRef.current.cancel(), [])
  const detach = useCallback(() => sessionRef.current.detach(), [])

  const state = useStore(session.store, (options.select ?? whole) as (state: RunStreamState) => T)
  const id = useStore(session.store, selectRunId)
  return { state, runId: id, store: session.store, start, submitToolOutputs, cancel, detach }
}

/** The tool calls a required action asks for, typed for handler authors. */
export type { RunToolCall }
