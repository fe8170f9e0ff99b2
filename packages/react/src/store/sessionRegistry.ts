import type { Sleep } from '@runlens/client'
import { createSession, type Session, type SessionCacheSink, type SessionOptions } from './session.js'
import type { SessionAdapter, SessionProtocol } from './sessionAdapter.js'
import type { SubmissionRegistry } from './submissionRegistry.js'

export interface SessionRegistryDeps<P extends SessionProtocol> {
  /** The protocol for the sessions of one scope (a thread, for Assistants runs). */
  adapterFor(scope: string): SessionAdapter<P>
  submissions: SubmissionRegistry
  /** Where the sessions of one scope write what they learn. */
  cacheFor?(scope: string): SessionCacheSink<P>
  sleep: Sleep
}

/** The provider's sessions of one protocol, one per run, with who holds them. */
export interface SessionRegistry<P extends SessionProtocol> {
  /** A new session, registered under its run once the run is known. */
  create(scope: string, runId?: string | null, options?: SessionOptions): Session<P>
  /** The session that holds the run (for a chain of responses: any of its ids). */
  get(scope: string, runId: string): Session<P> | undefined
  /** Whether a live session (streaming or recovering) feeds this run. */
  isLive(scope: string, runId: string): boolean
  /** Counts a user of the session; the returned function lets go. The last one out aborts, unless detached. */
  retain(session: Session<P>): () => void
  /** Called when a session registers or leaves. */
  subscribe(listener: () => void): () => void
}

const keyOf = (scope: string, runId: string) => `${scope}\u0000${runId}`

/**
 * The sessions of one protocol, by run. The session itself (`session.ts`) knows nothing of the
 * registry but what `SessionHost` gives it, and nothing of the wire but what its adapter does.
 */
export function createSessionRegistry<P extends SessionProtocol>(
  deps: SessionRegistryDeps<P>,
): SessionRegistry<P> {
  const sessions = new Map<string, Session<P>>()
  // The keys each session is registered under: one per id its run has had.
  const keys = new WeakMap<Session<P>, Set<string>>()
  const listeners = new Set<() => void>()
  const refs = new WeakMap<Session<P>, number>()

  function notify() {
    for (const listener of listeners) listener()
  }

  /** Puts the session under one of its run's ids, for `get` to find; never over another session. */
  function register(session: Session<P>, id: string) {
    const key = keyOf(session.scope, id)
    if (sessions.has(key)) return
    sessions.set(key, session)
    const own = keys.get(session) ?? new Set<string>()
    own.add(key)
    keys.set(session, own)
    notify()
  }

  function unregister(session: Session<P>) {
    const own = keys.get(session)
    if (!own) return
    for (const key of own) if (sessions.get(key) === session) sessions.delete(key)
    keys.delete(session)
    notify()
  }

  /** How many components hold the session (`retain`). */
  const holders = (session: Session<P>) => refs.get(session) ?? 0

  // The runs this registry's sessions have known, newest last (the latest 100): none of them can
  // be the run of a later start, whose lost create the adapter's finder stops searching at (a run
  // that ended a moment ago on the same thread and assistant is not taken for the new one).
  const known = new Set<string>()
  function remember(id: string) {
    known.delete(id)
    known.add(id)
    if (known.size > 100) known.delete(known.values().next().value as string)
  }

  function create(scope: string, runId: string | null = null, options: SessionOptions = {}) {
    return createSession<P>(scope, runId, options, {
      adapter: deps.adapterFor(scope),
      submissions: deps.submissions,
      cache: deps.cacheFor?.(scope),
      sleep: deps.sleep,
      knownRunIds: known,
      named(session, id) {
        remember(id)
        register(session, id)
      },
      closed(session) {
        if (holders(session) === 0) unregister(session)
      },
    })
  }

  return {
    create,
    get(scope, runId) {
      return sessions.get(keyOf(scope, runId))
    },
    isLive(scope, runId) {
      return sessions.get(keyOf(scope, runId))?.live ?? false
    },
    retain(session) {
      refs.set(session, holders(session) + 1)
      // A session made for a known run is registered when first held, not when made (`create`
      // stays pure); it never displaces another session that already holds the run.
      if (session.runId !== null) {
        remember(session.runId)
        register(session, session.runId)
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
