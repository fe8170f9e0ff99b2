import type {
  AssistantStreamEvent,
  Message,
  Run,
  RunCreateParams,
  RunSnapshot,
  RunStep,
  RunToolCall,
  ToolOutput,
} from '@runlens/client'

/**
 * What a session asks of the wire, and all it asks: the one place where a protocol differs. The
 * session (`session.ts`) owns the rest: one connection at a time, a lost create adopted rather
 * than orphaned, recovery after a drop, a cancel joined and sent once, a required action answered
 * once, the commit pacing and the cache. An adapter is made for one session (`assistantsAdapter`
 * binds the thread), so its methods name the run alone.
 *
 * The two protocols it is written for:
 * - **Assistants v2** (`assistantsAdapter`): `start` is `runs.stream`, `answer` is
 *   `runs.submitToolOutputsStream` on the same run, `cancel` is `runs.cancel` (a 400 means the run
 *   settled first), a lost create is found by `findCreatedRun`, and a dropped stream cannot be read
 *   on: the session follows the run by polling `retrieve`, with the thread's `messages` and the
 *   run's `steps` as the final word.
 * - **Responses in background mode** (to come, over `client.responses`): `start` is
 *   `responses.stream(body)` with `background: true`, whose stream already resumes a drop by
 *   itself from its last sequence number; so the session's polling stays the fallback of both
 *   protocols, over `responses.retrieve`, with the response's output items as `messages` and
 *   `steps`. `cancel` is `responses.cancel`; `answer` opens the follow-up response
 *   (`previous_response_id` plus `function_call_output` items), whose first event names the next
 *   response of the chain; `waitsForTools` is "completed with `function_call` items". It adds one
 *   method, `resume(id, startingAfter)` (`responses.resume`), for the session's entry that joins a
 *   response still streaming after a page reload, where Assistants can only poll (`receiveRun`).
 *   The event, snapshot and run types then become the adapter's type parameters (or a neutral view
 *   the components share): today they are the runs API's.
 */
export interface SessionAdapter {
  /** Opens the stream of a new run. May throw synchronously on bad arguments (the session reports it). */
  start(body: RunCreateParams, signal: AbortSignal): AsyncIterable<AssistantStreamEvent>
  /**
   * Called as `start` begins: how to find the run this start makes should its stream fail before
   * naming it (the create may have reached the server), not mistaking any of `knownRunIds` for it.
   * `null`: the body gives no way to find it, and such a failure is reported as it is.
   */
  lostRunFinder(
    body: RunCreateParams,
    knownRunIds: ReadonlySet<string>,
  ): ((signal: AbortSignal) => Promise<Run | null>) | null
  /** Answers the required action with the tool outputs, as a stream of the run going on. */
  answer(runId: string, outputs: ToolOutput[], signal: AbortSignal): AsyncIterable<AssistantStreamEvent>
  /** Asks the server to cancel; resolves with the run as the server then says it is. */
  cancel(runId: string): Promise<Run>
  /** Whether `cancel` failed because the run had already settled (then the session shows what it became). */
  cancelCameTooLate(error: unknown): boolean
  /** The run as the server has it now (polling). */
  retrieve(runId: string, signal: AbortSignal): Promise<Run>
  /** The run's messages as the server has them: the final text once the run settled. */
  messages(runId: string, signal: AbortSignal): Promise<Message[]>
  /** The run's steps as the server has them. */
  steps(runId: string, signal: AbortSignal): Promise<RunStep[]>
  /** The wait before the next `retrieve` of `run` while it moves. */
  pollDelayMs(run: Run, pollIntervalMs?: number): number
  /** The pure reducer of the protocol's events. */
  apply(snapshot: RunSnapshot, event: AssistantStreamEvent): RunSnapshot
  /** The run an event carries (a status change), if it carries one. */
  runOf(event: AssistantStreamEvent): Run | null
  /** Whether the event says the stream is whole (nothing was missed). */
  isEnd(event: AssistantStreamEvent): boolean
  /** Whether the event is the server's own error report (shown at once). */
  isError(event: AssistantStreamEvent): boolean
  /** Whether a run of this status still moves by itself (and is polled). */
  isActive(status: Run['status'] | null | undefined): boolean
  /** Whether the run waits for tool outputs. */
  waitsForTools(run: Run): boolean
  /** The tool calls the run waits for (`null` when it waits for none, or they cannot be read). */
  requiredCalls(run: Run | null): RunToolCall[] | null
}
