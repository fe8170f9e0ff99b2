import {
  APIError,
  type AssistantStreamEvent,
  applyRunEvent,
  findCreatedRun,
  type Run,
  type RunCreateParams,
  type RunsClient,
} from '@runlens/client'
import { listMessages, listSteps } from '../collect.js'
import { isActiveRunStatus, pollDelayMs, retrieveRun } from '../polling.js'
import { requiredToolCalls } from '../requiredToolCalls.js'
import type { SessionAdapter } from './sessionAdapter.js'

function isRunEvent(event: AssistantStreamEvent): event is Extract<AssistantStreamEvent, { data: Run }> {
  const data = event.data as Partial<Run> | null
  return data?.object === 'thread.run' && typeof data.id === 'string'
}

/** The Assistants v2 runs of one thread, as a session speaks to them (see `SessionAdapter`). */
export function assistantsAdapter(client: RunsClient, threadId: string): SessionAdapter {
  return {
    start: (body, signal) => client.runs.stream(threadId, body, { signal }),

    lostRunFinder(body, knownRunIds) {
      // The client's rule: the thread's newest run of the same assistant, created since the start
      // began (`findCreatedRun`). Without an assistant there is nothing to know it by.
      const assistantId = (body as Partial<RunCreateParams> | null)?.assistant_id
      if (typeof assistantId !== 'string') return null
      const criteria = { since: Date.now(), assistantId, knownRunIds: new Set(knownRunIds) }
      return (signal) => findCreatedRun(client.runs, threadId, criteria, { signal })
    },

    answer: (runId, outputs, signal) =>
      client.runs.submitToolOutputsStream(threadId, runId, { tool_outputs: outputs }, { signal }),

    cancel: (runId) => client.runs.cancel(threadId, runId),
    cancelCameTooLate: (error) => error instanceof APIError && error.status === 400,

    retrieve: (runId, signal) => retrieveRun(client, threadId, runId, signal),
    messages: (runId, signal) => listMessages(client, threadId, runId, signal),
    steps: (runId, signal) => listSteps(client, threadId, runId, undefined, signal),
    pollDelayMs,

    apply: applyRunEvent,
    runOf: (event) => (isRunEvent(event) ? event.data : null),
    isEnd: (event) => event.event === 'done',
    isError: (event) => event.event === 'error',
    isActive: isActiveRunStatus,
    waitsForTools: (run) => run.status === 'requires_action',
    requiredCalls: requiredToolCalls,
  }
}
