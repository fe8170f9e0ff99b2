import { APIError, type Sleep, type ToolOutput } from '@runlens/client'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { asError, StreamInterruptedError } from '../errors.js'
import { type CommitEvery, type CommitScheduler, schedulerFor } from './scheduler.js'
import type { SessionAdapter, SessionProtocol, SessionState } from './sessionAdapter.js'
import { checkToolOutputs, type SubmissionRegistry, submissionKey } from './submissionRegistry.js'
import type { ToolAnswerer } from './toolHandlers.js'
import { CHECK_EVERY, SLICE_MS, sliceClock, yieldToMain } from './yieldToMain.js'

export interface SessionOptions {
  /** Answers required actions automatically: `toolHandlers({ fn: async (args, call) => output }, { approve })`. */
  tools?: ToolAnswerer
  /** Default `'frame'`. */
  commitEvery?: CommitEvery
  /** Replaces the scheduler `commitEvery` picks (tests, or a custom frame loop). */
  scheduler?: CommitScheduler
  /** The wait between two retrieves while recovering. Default: the client's rule. */
  pollIntervalMs?: number
}

/**
 * Where a session writes what it learns, so that queries agree with it (the React layer's cache):
 * each run it hears of, and (for a run it started) what else the snapshot holds, e.g. the steps.
 */
export interface SessionCacheSink<P extends SessionProtocol> {
  writeRun(run: P['run']): void
  writeSnapshot?(runId: string, snapshot: P['snapshot']): void
}

/** One run's live state and its one connection, shared by every component that asks for the run. */
export interface Session<P extends SessionProtocol> {
  /** What the run ids are unique within: the thread of an Assistants run; `''` for responses. */
  readonly scope: string
  readonly store: StoreApi<P['state']>
  /**
   * Known from the first event that names the run (or given when watching an existing run). For
   * a chain of responses, the first one's id: the session's name, whatever the chain's length.
   */
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
   * but an HTTP error response) does not orphan it: the run the create made is found (the
   * adapter's `lostRunFinder`) and followed by polling.
   */
  start(body: P['body']): Promise<P['run'] | null>
  /**
   * Joins a run still moving or waiting (after a page reload): its stream from its first event
   * where the protocol can (`adapter.resume`), else by polling. Like `start`: once, never rejects.
   */
  resume(runId: string, options?: SessionResumeOptions): Promise<P['run'] | null>
  /**
   * Answers the required action on a stream; exactly once per required action across the
   * provider. Resolves with the run as the answer's stream first names it (for a response, the
   * follow-up).
   */
  submitToolOutputs(outputs: ToolOutput[]): Promise<P['run']>
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
  configure(options: SessionOptions): void
  /** A run learnt elsewhere (a mutation's response): shown here too, and followed if it moves. */
  receiveRun(run: P['run']): void
  /** Shows a run known elsewhere (the query cache) while no connection is open here; follows nothing. */
  seed(run: P['run']): void
}

export interface SessionResumeOptions {
  /** The chain's runs before `runId` (earlier responses), read first so that the chain shows whole. */
  earlier?: readonly string[]
  /**
   * How far the page had shown the run before (the position of its last event): the replay up to
   * there is shown in one commit, not paced out again frame by frame.
   */
  catchUpTo?: number | null
}

/** What a session needs from the registry that holds it. */
export interface SessionHost<P extends SessionProtocol> {
  /** The protocol, bound to the session's scope. */
  adapter: SessionAdapter<P>
  submissions: SubmissionRegistry
  cache?: SessionCacheSink<P>
  sleep: Sleep
  /** The runs the registry's sessions have known: none of them is a later start's lost run. */
  knownRunIds: ReadonlySet<string>
  /**
   * The session's run became known under `id` (the run, or the next response of its chain):
   * remember it and register the session under it.
   */
  named(session: Session<P>, id: string): void
  /** The session's connection closed: it leaves the registry if nobody holds it. */
  closed(session: Session<P>): void
}

/**
 * Where the session's own connection stands. One value, so that a reader sees every transition:
 *
 *     from                          on                                              to
 *     idle, closed                  start(), a submission opens its stream          streaming
 *     idle                          resume() (the protocol reads a run's stream     streaming
 *                                     again: a response)
 *     idle                          resume() (it cannot: an Assistants run)         recovering
 *     idle, closed                  a moving run received, a cancel that came late  recovering
 *     streaming                     failed before naming its run (no HTTP error)    adopting
 *     streaming                     dropped, or ended with the run still moving     recovering
 *     adopting                      the lost run found                              recovering
 *     streaming, recovering         a submission opens its stream meanwhile         streaming
 *     streaming, adopting,          settled, failed, aborted, nothing found         closed
 *       recovering
 *
 * It is not `state.connection`: an abort shows `closed` at once, while the phase stays until the
 * stream or the poll in flight notices the abort and closes (`busy` until then: no second
 * recovery starts, a seed is ignored).
 */
type Phase = 'idle' | 'streaming' | 'adopting' | 'recovering' | 'closed'

/**
 * Where a cancel stands: `whenKnown` was asked while the run had no id yet (the stream names it
 * soon, and the cancel is sent then); `requested` was sent (or is being sent): the run shows as
 * cancelling while it still moves, and tool handlers stop. A failed cancel goes back to `none`.
 */
type CancelPhase = 'none' | 'whenKnown' | 'requested'

export function createSession<P extends SessionProtocol>(
  scope: string,
  initialRunId: string | null,
  initial: SessionOptions,
  host: SessionHost<P>,
): Session<P> {
  type Run = P['run']
  type Event = P['event']
  const { adapter, submissions, cache, sleep } = host
  let options = initial
  let scheduler = options.scheduler ?? schedulerFor(options.commitEvery)
  const store = createStore<P['state']>()(() => adapter.initialState(initialRunId))
  const controller = new AbortController()
  const signal = controller.signal
  let runId = initialRunId
  // Every id the session's run has had (one for a run; each response of a chain).
  const ids = new Set<string>()
  let pending: P['snapshot'] = adapter.empty
  let committed: P['snapshot'] = adapter.empty
  let cancelScheduled: (() => void) | null = null
  let phase: Phase = 'idle'
  let cancelPhase: CancelPhase = 'none'
  // These stay apart from `phase`, as they are not where the connection stands:
  // - `started`: this session opened a connection for the run (start, a submission, following a
  //   moved run); `abort` has nothing to close otherwise. A recovery after a late cancel on a
  //   watched run does not set it: it only reads the settled run once.
  // - `detached`: a choice of the caller, kept across every phase.
  // - `ownsSteps`: `start` was called here, so the steps this session reads are the cache's.
  // - `startPromise`, `cancelInFlight`: what a second call joins (one start, one cancel POST).
  let started = false
  let detached = false
  let ownsSteps = false
  // The run's calls were declined (a protocol with `decline`): no answer goes out any more.
  let declined = false
  let startPromise: Promise<Run | null> | null = null
  let resumePromise: Promise<Run | null> | null = null
  // While a resume replays what the page had already shown: the position it had reached.
  let replayUntil: number | null = null
  let cancelInFlight: Promise<void> | null = null
  // How to find the run `start` asked for, should its stream fail before naming it.
  let findLostRun: ((signal: AbortSignal) => Promise<Run | null>) | null = null
  const handled = new Set<string>()

  const busy = () => phase === 'streaming' || phase === 'adopting' || phase === 'recovering'
  const cancelRequested = () => cancelPhase !== 'none' || declined

  // The session writes only the fields every protocol's state has (SessionState); the cast says
  // that a part of those is a part of the protocol's state, which TypeScript cannot see generically.
  const set = (partial: Partial<SessionState>) => store.setState(partial as Partial<P['state']>)
  /** The run the session is at: for a chain of responses, the last one (where a cancel or a poll goes). */
  const current = (): Run | null => adapter.current(pending)
  const currentId = () => current()?.id ?? runId

  function commit() {
    if (cancelScheduled) {
      cancelScheduled()
      cancelScheduled = null
    }
    if (pending === committed) return
    const previous = store.getState()
    const next = adapter.view(pending, previous)
    const status = next.status ?? previous.status
    // The calls are read again only when they may have changed: another run, or no longer waited for.
    const same =
      adapter.current(pending) === adapter.current(committed) &&
      adapter.waitsForTools(pending) === adapter.waitsForTools(committed)
    const calls = same ? previous.requiredToolCalls : (adapter.requiredCalls(pending) ?? [])
    committed = pending
    store.setState({
      ...next,
      cancelling: status === 'cancelling' || (cancelRequested() && adapter.isActive(status)),
      requiredToolCalls: calls,
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
    if (ids.has(id)) return
    ids.add(id)
    runId ??= id
    host.named(session, id)
    if (cancelPhase === 'whenKnown') void session.cancel()
  }

  function writeCache(run: Run) {
    cache?.writeRun(run)
    if (ownsSteps && runId) cache?.writeSnapshot?.(runId, pending)
  }

  function close() {
    phase = 'closed'
    commit()
    set({ connection: 'closed' })
    // Written once more now that the session is no longer live, so that queries watching the run
    // recompute their polling (a run aborted mid-way is polled by useRun from here on).
    const run = current()
    if (run) writeCache(run)
    // A detached session that finished with nobody watching leaves the registry.
    host.closed(session)
  }

  function fail(error: unknown) {
    set({ error: asError(error) })
  }

  function refuse(error: unknown): Promise<never> {
    fail(error)
    return Promise.reject(error)
  }

  /** Applies one event. A run event (status) and an error show at once; deltas wait for the scheduler. */
  function handleEvent(event: Event) {
    pending = adapter.apply(pending, event)
    // A replay of what the page had shown before (a resume after a reload) is not paced out
    // again: its deltas are committed with the first event past that point, or a run event.
    const replaying = replayUntil !== null && (adapter.position(pending) ?? 0) < replayUntil
    if (!replaying) replayUntil = null
    const run = adapter.runOf(event)
    if (run) {
      learnRunId(run.id)
      commit()
      writeCache(run)
    } else if (adapter.isError(event)) {
      commit()
    } else if (!replaying) {
      scheduleCommit()
    }
  }

  /**
   * Reads one stream to its end, then settles, recovers, or reports. `onFirstRun` hears the
   * stream's first run event (a submission resolves with it).
   */
  async function drive(
    stream: AsyncIterable<Event>,
    onFirstRun?: (run: Run) => void,
    replay: number | null = null,
  ): Promise<void> {
    // Only a resume's stream replays what was shown; any other (a follow-up) starts afresh.
    replayUntil = replay
    phase = 'streaming'
    set({ connection: 'streaming', error: null })
    let failure: unknown = null
    let whole = false
    try {
      let sliceStart = sliceClock()
      let sinceCheck = 0
      for await (const event of stream) {
        if (adapter.isEnd(event)) whole = true
        handleEvent(event)
        const run = onFirstRun ? adapter.runOf(event) : null
        if (onFirstRun && run) {
          onFirstRun(run)
          onFirstRun = undefined
        }
        // A burst of events is handled in slices, the main thread given back between them (the
        // clock read every few events: an event takes microseconds, a slice milliseconds).
        sinceCheck++
        if (sinceCheck === CHECK_EVERY) {
          sinceCheck = 0
          if (sliceClock() - sliceStart > SLICE_MS) {
            await yieldToMain()
            sliceStart = sliceClock()
          }
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
    const run = current()
    if (!run) {
      // Nothing says which run the server made. An HTTP error response means it made none; any
      // other failure (a cut before or inside the first event, a timeout) may have come after the
      // server made one, which goes on without us: find it and follow it.
      if (findLostRun && !httpError) return adopt(findLostRun, failure)
      fail(failure ?? new StreamInterruptedError('The stream ended before naming its run.'))
      return close()
    }
    // Only a stream read to its end said everything. One cut or ended early may have missed
    // events, even after a settled run: the client, adopting the run of a lost answer (a create,
    // a submission), gives one event naming it, and a submission whose connection broke before
    // any event may or may not have been taken. So anything else is followed by polling to the
    // server's state, whose messages are final.
    if (adapter.isActive(run.status) || (!httpError && !whole)) return recover()
    if (httpError && !(failure as APIError).error) fail(failure)
    settle(run)
  }

  /**
   * Finds the run a start whose stream failed before naming it made (the adapter's rule) and
   * follows it by polling. None found: the create never reached the server, and the failure is
   * the answer.
   */
  async function adopt(find: (signal: AbortSignal) => Promise<Run | null>, failure: unknown): Promise<void> {
    phase = 'adopting'
    set({ connection: 'polling' })
    let found: Run | null
    try {
      found = await find(signal)
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
    if (adapter.waitsForTools(pending)) void answer(run)
  }

  /** What the server has besides the run (the adapter's `readContent`), into the snapshot. */
  async function readContent(id: string, final: boolean) {
    if (!adapter.readContent) return
    const content = await adapter.readContent(id, final, ownsSteps, signal)
    pending = { ...(pending as object), ...content } as P['snapshot']
    commit()
  }

  /** Polls the run until it settles, then takes what the server has of it as final. */
  async function recover(): Promise<void> {
    const id = currentId()
    if (!id) return close()
    phase = 'recovering'
    set({ connection: 'polling' })
    try {
      for (;;) {
        const run = await adapter.retrieve(id, signal)
        receive(run)
        if (!adapter.isActive(run.status)) break
        // The text goes on growing on the server while we poll: each poll of a moving run takes
        // its content too, so that the text advances at the polling pace, not only at the end.
        await readContent(id, false)
        await sleep(adapter.pollDelayMs(run, options.pollIntervalMs), signal)
        if (signal.aborted) return close()
      }
      await readContent(id, true)
    } catch (error) {
      if (!signal.aborted) fail(error)
      return close()
    }
    const run = current()
    if (run) settle(run)
    else close()
  }

  function receive(run: Run) {
    learnRunId(run.id)
    pending = adapter.withRun(pending, run)
    commit()
    cache?.writeRun(run)
  }

  /** Takes a required action for the tool handlers, unless it is already being answered. */
  function claim(key: string): boolean {
    if (handled.has(key) || submissions.has(key)) return false
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
      await options.tools?.(run, session, claim, () => cancelRequested() || signal.aborted)
    } catch (error) {
      fail(error)
    }
  }

  /** Asks the server to cancel the run (once it is known), then follows it. Never rejects. */
  async function requestCancel(): Promise<void> {
    const id = currentId()
    if (!id) {
      // Sent once the stream names the run; with no stream open, there is nothing to cancel.
      cancelPhase = busy() ? 'whenKnown' : 'none'
      return
    }
    const run = current()
    if (adapter.decline && run && !adapter.isActive(run.status)) {
      // Nothing moves on the server (a response waiting for its calls' outputs has ended there):
      // cancelling it is not answering, for good. A tool handler under way stops (`stopped()`),
      // and a submission is refused from here on.
      if (adapter.waitsForTools(pending)) {
        declined = true
        pending = adapter.decline(pending)
        commit()
      }
      return
    }
    cancelPhase = 'requested'
    set({ cancelling: true })
    try {
      const run = await adapter.cancel(id)
      session.receiveRun(run)
    } catch (error) {
      cancelPhase = 'none'
      set({ cancelling: false })
      if (adapter.cancelCameTooLate(error)) {
        // Too late: the run settled first. Show what the server says it is.
        if (!busy() && !signal.aborted) void recover()
      } else {
        fail(error)
      }
    }
  }

  /** Opens a stream of the session's own (start, resume) and drives it; never rejects. */
  function open(makeStream: () => AsyncIterable<Event>, replay: number | null = null): Promise<Run | null> {
    started = true
    return (async () => {
      // A synchronous throw of the client (bad arguments) lands in the catch below.
      await drive(makeStream(), undefined, replay)
      return current()
    })().catch((error: unknown) => {
      // Nothing above should throw, but a promise documented never to reject must not: the
      // error shows in the store, and the connection is closed without another commit.
      phase = 'closed'
      set({ error: asError(error), connection: 'closed' })
      return current()
    })
  }

  const session: Session<P> = {
    scope,
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
      // A resume in flight is this session's run: a start joins it rather than stream a second.
      if (resumePromise) return resumePromise
      ownsSteps = true
      findLostRun = adapter.lostRunFinder(body, host.knownRunIds)
      startPromise = open(() => adapter.start(body, signal))
      return startPromise
    },

    resume(id, { earlier = [], catchUpTo = null } = {}) {
      if (startPromise) return startPromise
      if (resumePromise) return resumePromise
      started = true
      ownsSteps = true
      resumePromise = (async () => {
        // Shown as they are, never answered: an earlier run of a chain was answered already.
        for (const earlierId of earlier) {
          const run = await adapter.retrieve(earlierId, signal)
          learnRunId(run.id)
          pending = adapter.withRun(pending, run)
        }
        learnRunId(id)
        const { resume } = adapter
        if (resume) return open(() => resume(id, signal), catchUpTo)
        await recover()
        return current()
      })().catch((error: unknown) => {
        if (!signal.aborted) fail(error)
        close()
        return current()
      })
      return resumePromise
    },

    submitToolOutputs(outputs) {
      const run = current()
      if (!run || !runId) {
        return refuse(new StreamInterruptedError('No run to submit tool outputs to yet.'))
      }
      if (declined) {
        return refuse(new StreamInterruptedError('The tool calls were declined: no output is sent for them.'))
      }
      const calls = adapter.requiredCalls(pending)
      try {
        checkToolOutputs(calls, outputs)
      } catch (error) {
        return refuse(error)
      }
      const callIds = calls ? calls.map((call) => call.id) : outputs.map((output) => output.tool_call_id)
      const key = submissionKey(scope, run.id, callIds)
      handled.add(key)
      let opened = false
      const accepted = submissions.submit(key, () => {
        opened = true
        started = true
        // A synchronous throw of the client (bad arguments) rejects this promise, as the executor's.
        return new Promise<Run>((resolve, reject) => {
          const stream = adapter.answer(run, outputs, signal)
          pending = adapter.answered(pending, outputs)
          void drive(stream, resolve).then(() => {
            // No run event came back on the stream. If the run moved on, the server took the
            // outputs; otherwise the submission is forgotten, so it can be tried again.
            const now = current()
            if (now && !adapter.waitsForTools(pending)) return resolve(now)
            const error = store.getState().error
            reject(error ?? new StreamInterruptedError('The submission stream ended before naming its run.'))
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
      if (!busy()) return
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
      if (busy() || current() === run || (runId !== null && run.id !== currentId())) return
      if (runId === null) learnRunId(run.id)
      pending = adapter.withRun(pending, run)
      commit()
    },

    receiveRun(run) {
      receive(run)
      if (busy() || signal.aborted) return
      if (adapter.isActive(run.status)) {
        started = true
        void recover()
      } else if (adapter.waitsForTools(pending)) {
        void answer(run)
      }
    },
  }

  return session
}
