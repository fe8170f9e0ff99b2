import {
  APIError,
  type AssistantStreamEvent,
  applyRunEvent,
  emptyRunSnapshot,
  findCreatedRun,
  type Run,
  type RunCreateParams,
  type RunSnapshot,
  type RunsClient,
} from '@runlens/client'
import { listMessages, listSteps } from '../collect.js'
import { isActiveRunStatus, pollDelayMs, retrieveRun } from '../polling.js'
import { requiredToolCalls } from '../requiredToolCalls.js'
import { initialRunState, type RunStreamState, snapshotState } from './runStore.js'
import type { SessionAdapter } from './sessionAdapter.js'

/** The types of an Assistants v2 run's session. */
export interface RunsProtocol {
  body: RunCreateParams
  event: AssistantStreamEvent
  run: Run
  snapshot: RunSnapshot
  state: RunStreamState
}

function isRunEvent(event: AssistantStreamEvent): event is Extract<AssistantStreamEvent, { data: Run }> {
  const data = event.data as Partial<Run> | null
  return data?.object === 'thread.run' && typeof data.id === 'string'
}

/** The Assistants v2 runs of one thread, as a session speaks to them (see `SessionAdapter`). */
export function assistantsAdapter(client: RunsClient, threadId: string): SessionAdapter<RunsProtocol> {
  return {
    initialState: (runId) => initialRunState(threadId, runId),
    empty: emptyRunSnapshot,
    start: (body, signal) => client.runs.stream(threadId, body, { signal }),

    lostRunFinder(body, knownRunIds) {
      // The client's rule: the thread's newest run of the same assistant, created since the start
      // began (`findCreatedRun`). Without an assistant there is nothing to know it by.
      const assistantId = (body as Partial<RunCreateParams> | null)?.assistant_id
      if (typeof assistantId !== 'string') return null
      const criteria = { since: Date.now(), assistantId, knownRunIds: new Set(knownRunIds) }
      return (signal) => findCreatedRun(client.runs, threadId, criteria, { signal })
    },

    answer: (run, outputs, signal) =>
      client.runs.submitToolOutputsStream(threadId, run.id, { tool_outputs: outputs }, { signal }),
    // The server puts the outputs in the run's steps.
    answered: (snapshot) => snapshot,

    cancel: (runId) => client.runs.cancel(threadId, runId),
    cancelCameTooLate: (error) => error instanceof APIError && error.status === 400,

    retrieve: (runId, signal) => retrieveRun(client, threadId, runId, signal),
    async readContent(runId, final, withSteps, signal) {
      const [messages, steps] = await Promise.all([
        listMessages(client, threadId, runId, signal),
        final && withSteps ? listSteps(client, threadId, runId, undefined, signal) : null,
      ])
      return steps ? { messages, steps } : { messages }
    },
    pollDelayMs,

    apply: applyRunEvent,
    withRun: (snapshot, run) => ({ ...snapshot, run }),
    current: (snapshot) => snapshot.run,
    // A dropped runs stream cannot be resumed: there is no position to keep.
    position: () => null,
    view: snapshotState,
    runOf: (event) => (isRunEvent(event) ? event.data : null),
    isEnd: (event) => event.event === 'done',
    isError: (event) => event.event === 'error',
    isActive: isActiveRunStatus,
    waitsForTools: (snapshot) => snapshot.run?.status === 'requires_action',
    requiredCalls: (snapshot) => requiredToolCalls(snapshot.run),
  }
}
