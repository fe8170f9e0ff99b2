import type { RunsClient, Sleep } from '@runlens/client'
import { assistantsAdapter } from './assistantsAdapter.js'
import { createRunSession, type RunCacheSink, type RunSession, type RunSessionOptions } from './session.js'
import type { SubmissionRegistry } from './submissionRegistry.js'

export type { RunCacheSink, RunSession, RunSessionOptions } from './session.js'

export interface StreamRegistryDeps {
  client: RunsClient
  submissions: SubmissionRegistry
  cache?: RunCacheSink
  /** Waits between retrieves while recovering. Default: `setTimeout`, abortable. */
  sleep?: Sleep
}

export interface StreamRegistry {
  /** A new session, registered under its run once the run is known. */
  create(threadId: string, runId?: string | null, options?: RunSessionOptions): RunSession
  get(threadId: string, runId: string): RunSession | undefined
  /** Whether a live session (streaming or recovering) feeds this run. */
  isLive(threadId: string, runId: string): boolean
  /** Counts a user of the session; the returned function lets go. The last one out aborts, unless detached. */
  retain(session: RunSession): () => void
  /** Called when a session registers or leaves. */
  subscribe(listener: () => void): () => void
}

const keyOf = (threadId: string, runId: string) => `${threadId}\u0000${runId}`

/**
 * `setTimeout`. An abort does not clear it: whoever waits checks the signal once it fires, at most
 * one poll interval later (the client's own sleep does the same). The same line as the client's
 * `defaultSleep` (packages/client/src/sleep.ts), repeated here because the client does not export it.
 */
export const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The provider's sessions, one per run, with who holds them. The session itself (`session.ts`)
 * knows nothing of the registry but what `SessionHost` gives it, and nothing of the wire but what
 * its adapter does (`assistantsAdapter` here).
 */
export function createStreamRegistry(deps: StreamRegistryDeps): StreamRegistry {
  const sessions = new Map<string, RunSession>()
  const listeners = new Set<() => void>()
  const refs = new WeakMap<RunSession, number>()
  const sleep = deps.sleep ?? defaultSleep

  function notify() {
    for (const listener of listeners) listener()
  }

  /** Puts the session under its run, once the run is known, for `get` to find. */
  function register(session: RunSession) {
    if (session.runId === null) return
    const key = keyOf(session.threadId, session.runId)
    if (sessions.get(key) === session) return
    sessions.set(key, session)
    notify()
  }

  function unregister(session: RunSession) {
    if (session.runId === null) return
    const key = keyOf(session.threadId, session.runId)
    if (sessions.get(key) !== session) return
    sessions.delete(key)
    notify()
  }

  /** How many components hold the session (`retain`). */
  const holders = (session: RunSession) => refs.get(session) ?? 0

  // The runs this registry's sessions have known, newest last (the latest 100): none of them can
  // be the run of a later start, whose lost create `findCreatedRun` stops searching at them (a run
  // that ended a moment ago on the same thread and assistant is not taken for the new one).
  const known = new Set<string>()
  function remember(id: string) {
    known.delete(id)
    known.add(id)
    if (known.size > 100) known.delete(known.values().next().value as string)
  }

  function create(threadId: string, runId: string | null = null, options: RunSessionOptions = {}) {
    return createRunSession(threadId, runId, options, {
      adapter: assistantsAdapter(deps.client, threadId),
      submissions: deps.submissions,
      cache: deps.cache,
      sleep,
      knownRunIds: known,
      named(session) {
        if (session.runId !== null) remember(session.runId)
        register(session)
      },
      closed(session) {
        if (holders(session) === 0) unregister(session)
      },
    })
  }

  return {
    create,
    get(threadId, runId) {
      return sessions.get(keyOf(threadId, runId))
    },
    isLive(threadId, runId) {
      return sessions.get(keyOf(threadId, runId))?.live ?? false
    },
    retain(session) {
      refs.set(session, holders(session) + 1)
      if (session.runId !== null) remember(session.runId)
      // A session made for a known run is registered when first held, not when made (`create`
      // stays pure); it never displaces another session that already holds the run.
      if (session.runId !== null && !sessions.has(keyOf(session.threadId, session.runId))) {
        register(session)
      }
      let released = false
      return () => {
        if (released) return
        released = true
        refs.set(session, holders(session) - 1)
        // Deferred: StrictMode lets go and takes hold again in the same task; only a real last
        // release (nobody took hold again) closes the connection.
        queueMicrotask(() => {
          if (holders(session) > 0) return
          if (!session.detached) session.abort()
          if (!session.live) unregister(session)
        })
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
