import {
  APIError,
  type AssistantStreamEvent,
  applyRunEvent,
  type CreatedRunCriteria,
  emptyRunSnapshot,
  findCreatedRun,
  type Run,
  type RunCreateParams,
  type RunSnapshot,
  type RunStep,
  type RunStream,
  type RunsClient,
  type Sleep,
  type ToolOutput,
} from '@runlens/client'
import { listMessages, listSteps } from '../collect.js'
import { asError, StreamInterruptedError } from '../errors.js'
import { isActiveRunStatus, pollDelayMs, retrieveRun } from '../polling.js'
import { requiredToolCalls } from '../requiredToolCalls.js'
import { createRunStore, type RunStore, type RunStreamState, snapshotState } from './runStore.js'
import { type CommitEvery, type CommitScheduler, schedulerFor } from './scheduler.js'
import { checkToolOutputs, type SubmissionRegistry, submissionKey } from './submissionRegistry.js'
import type { ToolAnswerer } from './toolHandlers.js'

export interface RunSessionOptions {
  /** Answers required actions automatically: `toolHandlers({ fn: async (args, call) => output }, { approve })`. */
  tools?: ToolAnswerer
  /** Default `'frame'`. */
  commitEvery?: CommitEvery
  /** Replaces the scheduler `commitEvery` picks (tests, or a custom frame loop). */
  scheduler?: CommitScheduler
  /** The wait between two retrieves while recovering. Default: the client's rule. */
  pollIntervalMs?: number
}

/** Where a session writes what it learns, so that queries agree with it (the React layer's cache). */
export interface RunCacheSink {
  writeRun(run: Run): void
  writeSteps?(threadId: string, runId: string, steps: RunStep[]): void
}

export interface StreamRegistryDeps {
  client: RunsClient
  submissions: SubmissionRegistry
  cache?: RunCacheSink
  /** Waits between retrieves while recovering. Default: `setTimeout`, abortable. */
  sleep?: Sleep
}

/** One run's live state and its one connection, shared by every component that asks for the run. */
export interface RunSession {
  readonly threadId: string
  readonly store: RunStore
  /** Known from the first `thread.run.*` event (or given when watching an existing run). */
  readonly runId: string | null
  /** `start` was called (or a submission opened a stream). */
  readonly started: boolean
  /** A stream is open or a recovery polls: the session is the run's source of truth. */
  readonly live: boolean
  /** `detach()` was called: the connection outlives its components. */
  readonly detached: boolean
  /**
   * Streams a new run. Idempotent: a second call gives the first call's promise. Resolves with the
   * run once nothing is open any more (settled, waiting for tool outputs, or aborted); never
   * rejects: errors land in `state.error`. A stream that fails before naming its run (anything
   * but an HTTP error response) does not orphan it: the run the create made is found
   * (`findCreatedRun`) and followed by polling.
   */
  start(body: RunCreateParams): Promise<Run | null>
  /** Answers the required action on a stream; exactly once per required action across the provider. */
  submitToolOutputs(outputs: ToolOutput[]): Promise<Run>
  /**
   * Asks the server to cancel, then follows the run (stream or polling) until it settles. A call
   * while a cancel is in flight joins it: one POST. Never rejects (see `state.error`).
   */
  cancel(): Promise<void>
  /** Keeps the connection open after the last component lets go. */
  detach(): void
  /** Closes the connection (the run goes on on the server). */
  abort(): void
  /** The handlers, approval and pacing of the component that drives the run. */
  configure(options: RunSessionOptions): void
  /** A run learnt elsewhere (a mutation's response): shown here too, and followed if it moves. */
  receiveRun(run: Run): void
  /** Shows a run known elsewhere (the query cache) while no connection is open here; follows nothing. */
  seed(run: Run): void
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

function isRunEvent(event: AssistantStreamEvent): event is Extract<AssistantStreamEvent, { data: Run }> {
  const data = event.data as Partial<Run> | null
  return data?.object === 'thread.run' && typeof data.id === 'string'
}

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

  function create(threadId: string, initialRunId: string | null = null, initial: RunSessionOptions = {}) {
    let options = initial
    let scheduler = options.scheduler ?? schedulerFor(options.commitEvery)
    const store = createRunStore(threadId, initialRunId)
    const controller = new AbortController()
    const signal = controller.signal
    let runId = initialRunId
    let pending: RunSnapshot = emptyRunSnapshot
    let committed: RunSnapshot = emptyRunSnapshot
    let cancelScheduled: (() => void) | null = null
    let startPromise: Promise<Run | null> | null = null
    let started = false
    let busy = false
    let detached = false
    let cancelRequested = false
    let cancelWhenKnown = false
    let cancelInFlight: Promise<void> | null = null
    // What the run `start` asked for is known by, should its stream fail before naming it.
    let created: CreatedRunCriteria | null = null
    let ownsSteps = false
    const handled = new Set<string>()

    const set = (partial: Partial<RunStreamState>) => store.setState(partial)

    function commit() {
      if (cancelScheduled) {
        cancelScheduled()
        cancelScheduled = null
      }
      if (pending === committed) return
      const previous = store.getState()
      const next = snapshotState(pending, previous)
      const status = next.status
      committed = pending
      store.setState({
        ...next,
        cancelling: status === 'cancelling' || (cancelRequested && isActiveRunStatus(status)),
        requiredToolCalls:
          next.run === previous.run ? previous.requiredToolCalls : (requiredToolCalls(next.run) ?? []),
      })
    }

    function scheduleCommit() {
      if (!scheduler) return commit()
      if (cancelScheduled) return
      cancelScheduled = scheduler(() => {
        cancelScheduled = null
        commit()
      })
    }

    function learnRunId(id: string) {
      if (runId !== null) return
      runId = id
      remember(id)
      register(session)
      if (cancelWhenKnown) void session.cancel()
    }

    function writeCache(run: Run) {
      deps.cache?.writeRun(run)
      if (ownsSteps && runId) deps.cache?.writeSteps?.(threadId, runId, pending.steps)
    }

    function close() {
      busy = false
      commit()
      set({ connection: 'closed' })
      // Written once more now that the session is no longer live, so that queries watching the run
      // recompute their polling (a run aborted mid-way is polled by useRun from here on).
      if (pending.run) writeCache(pending.run)
      // A detached session that finished with nobody watching leaves the registry.
      if (holders(session) === 0) unregister(session)
    }

    function fail(error: unknown) {
      set({ error: asError(error) })
    }

    function refuse(error: unknown): Promise<never> {
      fail(error)
      return Promise.reject(error)
    }

    /** Applies one event. A run event (status) and an error show at once; deltas wait for the scheduler. */
    function handleEvent(event: AssistantStreamEvent) {
      pending = applyRunEvent(pending, event)
      if (isRunEvent(event)) {
        learnRunId(event.data.id)
        commit()
        writeCache(event.data)
      } else if (event.event === 'error') {
        commit()
      } else {
        scheduleCommit()
      }
    }

    /**
     * Reads one stream to its end, then settles, recovers, or reports. `onFirstRun` hears the
     * stream's first run event (a submission resolves with it).
     */
    async function drive(stream: RunStream, onFirstRun?: (run: Run) => void): Promise<void> {
      busy = true
      set({ connection: 'streaming', error: null })
      let failure: unknown = null
      let whole = false
      try {
        for await (const event of stream) {
          if (event.event === 'done') whole = true
          handleEvent(event)
          if (onFirstRun && isRunEvent(event)) {
            onFirstRun(event.data)
            onFirstRun = undefined
          }
        }
      } catch (error) {
        failure = error
      }
      commit()
      if (signal.aborted) return close()
      // The server's own `error` event is an error to show; a cut connection is not (it is recovered).
      if (failure instanceof APIError && failure.error) fail(failure)
      const httpError = failure instanceof APIError && failure.status !== undefined
      const run = pending.run
      if (!run) {
        // Nothing says which run the server made. An HTTP error response means it made none; any
        // other failure (a cut before or inside the first event, a timeout) may have come after the
        // server made one, which goes on without us: find it and follow it.
        if (created && !httpError) return adopt(created, failure)
        fail(failure ?? new StreamInterruptedError('The stream ended before naming its run.'))
        return close()
      }
      // Only a stream read to its `[DONE]` said everything. One cut or ended early may have missed
      // events, even after a settled run: the client, adopting the run of a lost answer (a create,
      // a submission), gives one event naming it, and a submission whose connection broke before
      // any event may or may not have been taken. So anything else is followed by polling to the
      // server's state, whose messages are final.
      if (isActiveRunStatus(run.status) || (!httpError && !whole)) return recover()
      if (httpError && !(failure as APIError).error) fail(failure)
      settle(run)
    }

    /**
     * Finds the run a start whose stream failed before naming it made, by the client's rule (the
     * thread's newest run of the same assistant, created since the start began), and follows it
     * by polling. None found: the create never reached the server, and the failure is the answer.
     */
    async function adopt(criteria: CreatedRunCriteria, failure: unknown): Promise<void> {
      set({ connection: 'polling' })
      let found: Run | null
      try {
        found = await findCreatedRun(deps.client.runs, threadId, criteria, { signal })
      } catch (error) {
        if (!signal.aborted) fail(error)
        return close()
      }
      if (signal.aborted) return close()
      if (!found) {
        fail(failure ?? new StreamInterruptedError('The stream ended before naming its run.'))
        return close()
      }
      receive(found)
      return recover()
    }

    function settle(run: Run) {
      close()
      if (run.status === 'requires_action') void answer(run)
    }

    /** Polls the run until it settles, then takes the server's messages and steps as final. */
    async function recover(): Promise<void> {
      if (!runId) return close()
      busy = true
      set({ connection: 'polling' })
      try {
        for (;;) {
          const run = await retrieveRun(deps.client, threadId, runId, signal)
          receive(run)
          if (!isActiveRunStatus(run.status)) break
          // The text goes on growing on the server while we poll: each poll of a moving run takes
          // its messages too, so that the text advances at the polling pace, not only at the end.
          pending = { ...pending, messages: await listMessages(deps.client, threadId, runId, signal) }
          commit()
          await sleep(pollDelayMs(run, options.pollIntervalMs), signal)
          if (signal.aborted) return close()
        }
        const [messages, steps] = await Promise.all([
          listMessages(deps.client, threadId, runId, signal),
          ownsSteps ? listSteps(deps.client, threadId, runId, undefined, signal) : null,
        ])
        pending = { ...pending, messages }
        if (steps) pending = { ...pending, steps }
        commit()
      } catch (error) {
        if (!signal.aborted) fail(error)
        return close()
      }
      if (pending.run) settle(pending.run)
      else close()
    }

    function receive(run: Run) {
      learnRunId(run.id)
      pending = { ...pending, run }
      commit()
      deps.cache?.writeRun(run)
    }

    /** Takes a required action for the tool handlers, unless it is already being answered. */
    function claim(key: string): boolean {
      if (handled.has(key) || deps.submissions.has(key)) return false
      handled.add(key)
      return true
    }

    /**
     * Hands a required action to the tool handlers, if any: once per required action. Whatever
     * the answerer throws (an odd `required_action` included) becomes `state.error`, never an
     * unhandled rejection.
     */
    async function answer(run: Run) {
      try {
        await options.tools?.(run, session, claim, () => cancelRequested || signal.aborted)
      } catch (error) {
        fail(error)
      }
    }

    /** Asks the server to cancel the run (once it is known), then follows it. Never rejects. */
    async function requestCancel(): Promise<void> {
      cancelRequested = true
      if (!runId) {
        if (busy) cancelWhenKnown = true
        else cancelRequested = false
        return
      }
      cancelWhenKnown = false
      set({ cancelling: true })
      try {
        const run = await deps.client.runs.cancel(threadId, runId)
        session.receiveRun(run)
      } catch (error) {
        cancelRequested = false
        set({ cancelling: false })
        if (error instanceof APIError && error.status === 400) {
          // Too late: the run settled first. Show what the server says it is.
          if (!busy && !signal.aborted) void recover()
        } else {
          fail(error)
        }
      }
    }

    const session: RunSession = {
      threadId,
      store,
      get runId() {
        return runId
      },
      get started() {
        return started
      },
      get detached() {
        return detached
      },
      get live() {
        const connection = store.getState().connection
        return connection === 'streaming' || connection === 'polling'
      },

      start(body) {
        if (startPromise) return startPromise
        started = true
        ownsSteps = true
        const assistantId = (body as Partial<RunCreateParams> | null)?.assistant_id
        if (typeof assistantId === 'string') {
          created = { since: Date.now(), assistantId, knownRunIds: new Set(known) }
        }
        startPromise = (async () => {
          // A synchronous throw of the client (bad arguments) lands in the catch below.
          const stream: RunStream = deps.client.runs.stream(threadId, body, { signal })
          await drive(stream)
          return pending.run
        })().catch((error: unknown) => {
          // Nothing above should throw, but a promise documented never to reject must not: the
          // error shows in the store, and the connection is closed without another commit.
          busy = false
          set({ error: asError(error), connection: 'closed' })
          return pending.run
        })
        return startPromise
      },

      submitToolOutputs(outputs) {
        const run = pending.run ?? store.getState().run
        if (!run || !runId) {
          return refuse(new StreamInterruptedError('No run to submit tool outputs to yet.'))
        }
        const calls = requiredToolCalls(run)
        try {
          checkToolOutputs(calls, outputs)
        } catch (error) {
          return refuse(error)
        }
        const ids = calls ? calls.map((call) => call.id) : outputs.map((output) => output.tool_call_id)
        const key = submissionKey(threadId, run.id, ids)
        handled.add(key)
        let opened = false
        const id = runId
        const accepted = deps.submissions.submit(key, () => {
          opened = true
          started = true
          // A synchronous throw of the client (bad arguments) rejects this promise, as the executor's.
          return new Promise<Run>((resolve, reject) => {
            const stream = deps.client.runs.submitToolOutputsStream(
              threadId,
              id,
              { tool_outputs: outputs },
              { signal },
            )
            void drive(stream, resolve).then(() => {
              // No run event came back on the stream. If the run moved on, the server took the
              // outputs; otherwise the submission is forgotten, so it can be tried again.
              const now = pending.run
              if (now && now.status !== 'requires_action') return resolve(now)
              const error = store.getState().error
              reject(
                error ?? new StreamInterruptedError('The submission stream ended before naming its run.'),
              )
            })
          })
        })
        if (!opened) {
          // Someone else (another component, a plain POST) sent it: follow the run they moved.
          void accepted.then(
            (moved) => {
              session.receiveRun(moved)
            },
            () => {},
          )
        }
        accepted.catch(fail)
        return accepted
      },

      cancel() {
        // A second cancel while one is in flight (a double click, three components) joins it:
        // one POST.
        cancelInFlight ??= requestCancel().finally(() => {
          cancelInFlight = null
        })
        return cancelInFlight
      },

      detach() {
        detached = true
      },

      abort() {
        if (!started || signal.aborted) return
        controller.abort()
        if (!busy) return
        // drive() and recover() notice the abort and close; make it visible at once too.
        commit()
        set({ connection: 'closed' })
      },

      configure(next) {
        if (next.commitEvery !== options.commitEvery || next.scheduler !== options.scheduler) {
          scheduler = next.scheduler ?? schedulerFor(next.commitEvery)
        }
        options = next
      },

      seed(run) {
        if (busy || pending.run === run || (runId !== null && run.id !== runId)) return
        if (runId === null) learnRunId(run.id)
        pending = { ...pending, run }
        commit()
      },

      receiveRun(run) {
        receive(run)
        if (busy || signal.aborted) return
        if (isActiveRunStatus(run.status)) {
          started = true
          void recover()
        } else if (run.status === 'requires_action') {
          void answer(run)
        }
      },
    }

    return session
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
