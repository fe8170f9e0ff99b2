import {
  isPollingStatus,
  isResponsePollingStatus,
  type Response as ModelResponse,
  pollDelay,
  type ResponseStatus,
  type Run,
  type RunStatus,
  type RunsClient,
} from '@runlens/client'

/**
 * The client's polling rule, for a status that may be missing: a run still moves by itself while
 * queued, in_progress or cancelling; any other status (requires_action, a final one, or one this
 * version does not know) stops polling, so nothing ever spins.
 */
export function isActiveRunStatus(status: RunStatus | null | undefined): boolean {
  return status != null && isPollingStatus(status)
}

/** The same rule for a response: it moves by itself while queued or in_progress, and only then. */
export function isActiveResponseStatus(status: ResponseStatus | null | undefined): boolean {
  return status != null && isResponsePollingStatus(status)
}

const finalResponseStatuses: ReadonlySet<string> = new Set(['completed', 'failed', 'incomplete', 'cancelled'])

/** Whether a response has ended for good (a status this version does not know is not taken as final). */
export function isFinalResponseStatus(status: ResponseStatus | null | undefined): boolean {
  return status != null && finalResponseStatuses.has(status)
}

/**
 * The headers of each object's last retrieve (the newest 500), for their `openai-poll-after-ms`.
 * Runs are kept under `threadId/runId`, responses under their id (`resp_...`, never with a slash).
 */
const hints = new Map<string, Headers>()

/** The `onResponse` of a retrieve: keeps its headers under `id`. */
function keepHint(id: string) {
  return ({ headers }: globalThis.Response) => {
    hints.delete(id)
    hints.set(id, headers)
    if (hints.size > 500) hints.delete(hints.keys().next().value!)
  }
}

/** Retrieves a run, keeping its response's headers so that `pollDelayMs` follows the server's hint. */
export function retrieveRun(
  client: RunsClient,
  threadId: string,
  runId: string,
  signal?: AbortSignal,
): Promise<Run> {
  return client.runs.retrieve(threadId, runId, { signal, onResponse: keepHint(`${threadId}/${runId}`) })
}

/** Retrieves a response, keeping the headers for `responsePollDelayMs`, as `retrieveRun` does. */
export function retrieveResponse(
  client: RunsClient,
  responseId: string,
  signal?: AbortSignal,
): Promise<ModelResponse> {
  return client.responses.retrieve(responseId, undefined, { signal, onResponse: keepHint(responseId) })
}

/**
 * The wait before the next retrieve of `run`, by the client's rule (`pollDelay`): the caller's
 * `pollIntervalMs`, else the server's `openai-poll-after-ms` on the run's last retrieve (by
 * `retrieveRun`), else 1000 ms.
 */
export function pollDelayMs(run: Run | null | undefined, pollIntervalMs?: number): number {
  return pollDelay(pollIntervalMs, run ? hints.get(`${run.thread_id}/${run.id}`) : undefined)
}

/** `pollDelayMs` for a response, by the hint of its last `retrieveResponse`. */
export function responsePollDelayMs(
  response: ModelResponse | null | undefined,
  pollIntervalMs?: number,
): number {
  return pollDelay(pollIntervalMs, response ? hints.get(response.id) : undefined)
}
