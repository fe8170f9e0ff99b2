'use client'

import type { ToolOutput } from '@runlens/client'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useStore } from 'zustand'
import type { CommitEvery, CommitScheduler } from './store/scheduler.js'
import type { Session, SessionResumeOptions } from './store/session.js'
import type { SessionProtocol } from './store/sessionAdapter.js'
import type { SessionRegistry } from './store/sessionRegistry.js'
import type { ToolAnswerer } from './store/toolHandlers.js'

/** The options `useRunStream` and `useResponseStream` share. */
export interface SessionStreamOptions<S, T> {
  /**
   * Picks what this component renders; it re-renders only when the picked value changes
   * (`Object.is`). Default: the whole state (a re-render per commit). Return a stable value: wrap
   * an object-returning selector in zustand's `useShallow`.
   */
  select?: (state: S) => T
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

/** What both stream hooks give, over their protocol's session. */
export interface SessionStreamHandle<P extends SessionProtocol, T> {
  state: T
  /** The session shown: the one of the followed run, else this component's own. */
  session: Session<P>
  start(body: P['body']): Promise<P['run'] | null>
  resume(runId: string, options?: SessionResumeOptions): Promise<P['run'] | null>
  submitToolOutputs(outputs: ToolOutput[]): Promise<P['run']>
  cancel(): Promise<void>
  detach(): void
}

interface Held<P extends SessionProtocol> {
  registry: SessionRegistry<P>
  scope: string
  session: Session<P>
}

const whole = (state: unknown) => state

// Called while rendering: `create` only allocates (a store, an abort controller); `retain`, in an
// effect, registers the session and only its actions (start, submit, cancel) connect. A session
// from a render React throws away (StrictMode's second call, an abandoned concurrent render) is
// mere garbage. test/dom/sessions.test.tsx pins this.
const held = <P extends SessionProtocol>(registry: SessionRegistry<P>, scope: string): Held<P> => ({
  registry,
  scope,
  session: registry.create(scope),
})

/**
 * The one implementation of `useRunStream` and `useResponseStream`: a session of this component's
 * own (a new one for each start once the previous run ended), or the `watched` one of a run
 * followed by id, held while mounted. `holds` says whether a closed session still holds a run
 * that a new start must not replace (it gives that run instead).
 */
export function useSessionStream<P extends SessionProtocol, T>(
  registry: SessionRegistry<P>,
  scope: string,
  watched: Session<P> | null,
  options: SessionStreamOptions<P['state'], T>,
  holds: (session: Session<P>) => P['run'] | null,
): SessionStreamHandle<P, T> {
  // The session `start()` drives. A new provider or scope means a new session, derived in this
  // very render (React's "adjusting state when a prop changes"): the new thread never shows the
  // old one's run, and no effect has to catch up.
  const [own, setOwn] = useState(() => held(registry, scope))
  let ownNow = own
  if (own.registry !== registry || own.scope !== scope) {
    ownNow = held(registry, scope)
    setOwn(ownNow)
  }
  const ownSession = ownNow.session
  const session = watched ?? ownSession
  const watching = watched !== null

  // The options of the component that drives the run, read when a required action comes: handed
  // over whenever they change (inline `tools` do on every render). `start` reads the latest too.
  const latest = useRef(options)
  latest.current = options
  useEffect(() => {
    ownSession.configure(options)
    if (session !== ownSession && !session.started) session.configure(options)
  }, [options, ownSession, session])

  useEffect(() => registry.retain(ownSession), [registry, ownSession])

  const ownRef = useRef(ownNow)
  ownRef.current = ownNow
  const sessionRef = useRef(session)
  sessionRef.current = session

  /** This component's session for a new connection: the current one, or a fresh one once it was used. */
  const fresh = useCallback(() => {
    let target = ownRef.current.session
    if (target.started && target.store.getState().connection === 'closed') {
      // The previous run ended: a new run, a new session.
      const next = held(ownRef.current.registry, ownRef.current.scope)
      target = next.session
      ownRef.current = next
      if (!watching) sessionRef.current = target
      setOwn(next)
    }
    target.configure(latest.current)
    return target
  }, [watching])

  const start = useCallback(
    (body: P['body']) => {
      const current = ownRef.current.session
      const kept = current.started && current.store.getState().connection === 'closed' ? holds(current) : null
      if (kept) return Promise.resolve(kept)
      return fresh().start(body)
    },
    [fresh, holds],
  )
  const resume = useCallback(
    (runId: string, resumeOptions?: SessionResumeOptions) => fresh().resume(runId, resumeOptions),
    [fresh],
  )
  const submitToolOutputs = useCallback(
    (outputs: ToolOutput[]) => sessionRef.current.submitToolOutputs(outputs),
    [],
  )
  const cancel = useCallback(() => sessionRef.current.cancel(), [])
  const detach = useCallback(() => sessionRef.current.detach(), [])

  const state = useStore(session.store, (options.select ?? whole) as (state: P['state']) => T)
  return { state, session, start, resume, submitToolOutputs, cancel, detach }
}
