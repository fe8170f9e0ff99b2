import type { RunToolCall, ToolOutput } from '@runlens/client'
import type { RunsError } from '../errors.js'
import type { AnyRun } from '../requiredToolCalls.js'

/**
 * Whether a connection is open for the run: `streaming` while events arrive, `polling` after a
 * stream dropped (or when no stream is open but the run still moves, e.g. after a cancel),
 * `closed` once nothing is open (the run settled, or the stream was aborted), `idle` before start.
 */
export type ConnectionState = 'idle' | 'streaming' | 'polling' | 'closed'

/** Where the automatic tool handling stands. */
export type ToolPhase = 'idle' | 'approving' | 'running' | 'submitting'

/**
 * What every session's state holds, whatever the protocol: the session writes these, its
 * adapter's `view` the rest (the run, its text, its steps...). `RunStreamState` and
 * `ResponseStreamState` extend it.
 */
export interface SessionState {
  /** The status to show: the run's (for a response waiting for its calls' outputs, `requires_action`). */
  status: string | null
  /** The answer's text so far. */
  text: string
  connection: ConnectionState
  /** The error of the last operation (start, submit, cancel, a tool handler, recovery). */
  error: RunsError | null
  /** A cancel was asked for and the run has not settled yet: show "cancelling". */
  cancelling: boolean
  tools: ToolPhase
  /** The tool calls the run waits for, while they are not answered. */
  requiredToolCalls: RunToolCall[]
}

/** What every session's state starts with, before anything is known (each store adds its own fields). */
export function idleSessionState(): SessionState {
  return {
    status: null,
    text: '',
    connection: 'idle',
    error: null,
    cancelling: false,
    tools: 'idle',
    requiredToolCalls: [],
  }
}

/**
 * The types one protocol's session works with: what starts a run, the stream's events, the run
 * (an Assistants run, or a response), the snapshot the events build, and the store's state.
 */
export interface SessionProtocol {
  body: unknown
  event: unknown
  run: AnyRun
  snapshot: unknown
  state: SessionState
}

/**
 * What a session asks of the wire, and all it asks: the one place where a protocol differs. The
 * session (`session.ts`) owns the rest: one connection at a time, a lost create adopted rather
 * than orphaned, recovery after a drop, a cancel joined and sent once, a required action answered
 * once, the commit pacing and the cache. An adapter is made for one session's scope (the
 * Assistants one binds the thread), so its methods name the run alone.
 *
 * The two protocols:
 * - **Assistants v2** (`assistantsAdapter`): `start` is `runs.stream`, `answer` is
 *   `runs.submitToolOutputsStream` on the same run, `cancel` is `runs.cancel` (a 400 means the run
 *   settled first), a lost create is found by `findCreatedRun`, and a dropped stream cannot be read
 *   on: the session follows the run by polling `retrieve`, with the thread's messages and the
 *   run's steps (`readContent`) as the final word. No `resume`.
 * - **Responses in background mode** (`responsesAdapter`): `start` is `responses.stream`, whose
 *   stream resumes a drop by itself from its last sequence number (the session polls only once it
 *   gives up); `resume` joins a response still streaming (after a page reload); `answer` opens the
 *   follow-up response (`previous_response_id` plus `function_call_output` items), so the session's
 *   current response moves along a chain; `cancel` is `responses.cancel`, and a response waiting for
 *   its calls' outputs has nothing to cancel on the server: it is `decline`d. A create is never lost
 *   (the client re-sends it with the same `Idempotency-Key`), so there is no finder.
 */
export interface SessionAdapter<P extends SessionProtocol> {
  /** The store's state before anything is known. */
  initialState(runId: string | null): P['state']
  /** The snapshot before any event. */
  readonly empty: P['snapshot']
  /** Opens the stream of a new run. May throw synchronously on bad arguments (the session reports it). */
  start(body: P['body'], signal: AbortSignal): AsyncIterable<P['event']>
  /**
   * Opens the stream of a run that is still moving, from its first event: a session that joins
   * it (after a page reload) holds none of its events yet. (A stream of the session's own that
   * drops resumes after its last event by itself, in the client.)
   */
  resume?(runId: string, signal: AbortSignal): AsyncIterable<P['event']>
  /**
   * Called as `start` begins: how to find the run this start makes should its stream fail before
   * naming it (the create may have reached the server), not mistaking any of `knownRunIds` for it.
   * `null`: there is no way to find it (or no need), and such a failure is reported as it is.
   */
  lostRunFinder(
    body: P['body'],
    knownRunIds: ReadonlySet<string>,
  ): ((signal: AbortSignal) => Promise<P['run'] | null>) | null
  /** Answers the tool calls `run` waits for, as a stream of the run going on. */
  answer(run: P['run'], outputs: ToolOutput[], signal: AbortSignal): AsyncIterable<P['event']>
  /** The snapshot once `outputs` are sent (a response keeps them to show beside their calls). */
  answered(snapshot: P['snapshot'], outputs: ToolOutput[]): P['snapshot']
  /** Asks the server to cancel; resolves with the run as the server then says it is. */
  cancel(runId: string): Promise<P['run']>
  /** Whether `cancel` failed because the run had already settled (then the session shows what it became). */
  cancelCameTooLate(error: unknown): boolean
  /**
   * For a protocol whose waiting run cannot be cancelled on the server (a response that completed
   * with function calls): the snapshot with the calls left unanswered for good. Absent: a waiting
   * run is cancelled like any other.
   */
  decline?(snapshot: P['snapshot']): P['snapshot']
  /** The run as the server has it now (polling). */
  retrieve(runId: string, signal: AbortSignal): Promise<P['run']>
  /**
   * What the server has of the run besides the run itself, read at each poll (`final`: once it
   * settled; `withSteps`: the session started the run, so the steps are its to show): for
   * Assistants, the messages and, at the end, the steps. Absent: the run carries it all.
   */
  readContent?(
    runId: string,
    final: boolean,
    withSteps: boolean,
    signal: AbortSignal,
  ): Promise<Partial<P['snapshot']>>
  /** The wait before the next `retrieve` of `run` while it moves. */
  pollDelayMs(run: P['run'], pollIntervalMs?: number): number
  /** The pure reducer of the protocol's events. */
  apply(snapshot: P['snapshot'], event: P['event']): P['snapshot']
  /** The snapshot with a run learnt otherwise than by events (a retrieve, a mutation's answer). */
  withRun(snapshot: P['snapshot'], run: P['run']): P['snapshot']
  /** The run the snapshot is at (for a chain of responses, the last one). */
  current(snapshot: P['snapshot']): P['run'] | null
  /** The last event's position, to resume after it (`null` without one, or for a protocol without). */
  position(snapshot: P['snapshot']): number | null
  /** The state a snapshot shows (all but the fields the session writes), reusing `previous`'s values that did not change. */
  view(snapshot: P['snapshot'], previous: P['state']): Partial<P['state']>
  /** The run an event carries (a status change), if it carries one. */
  runOf(event: P['event']): P['run'] | null
  /** Whether the event says the stream is whole (nothing was missed). */
  isEnd(event: P['event']): boolean
  /** Whether the event is the server's own error report (shown at once). */
  isError(event: P['event']): boolean
  /** Whether a run of this status still moves by itself (and is polled). */
  isActive(status: string | null | undefined): boolean
  /** Whether the snapshot's run waits for tool outputs (even when its calls cannot be read). */
  waitsForTools(snapshot: P['snapshot']): boolean
  /** The tool calls the snapshot's run waits for (`null` when it waits for none, or they cannot be read). */
  requiredCalls(snapshot: P['snapshot']): RunToolCall[] | null
}
