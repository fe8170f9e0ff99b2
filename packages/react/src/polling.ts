import { isPollingStatus, pollDelay, type Run, type RunStatus, type RunsClient } from '@runlens/client'

/**
 * The client's polling rule, for a status that may be missing: a run still moves by itself while
 * queued, in_progress or cancelling; any other status (requires_action, a final one, or one this
 * version does not know) stops polling, so nothing ever spins.
 */
export function isActiveRunStatus(status: RunStatus | null | undefined): boolean {
  return status != null && isPollingStatus(status)
}

/** The headers of each run's last retrieve (the newest 500 runs), for their `openai-poll-after-ms`. */
const hints = new Map<string, Headers>()

/** Retrieves a run, keeping its response's headers so that `pollDelayMs` follows the server's hint. */
export function retrieveRun(
  client: RunsClient,
  threadId: string,
  runId: string,
  signal?: AbortSignal,
): Promise<Run> {
  const id = `${threadId}/${runId}`
  return client.runs.retrieve(threadId, runId, {
    signal,
    onResponse: ({ headers }) => {
      hints.delete(id)
      hints.set(id, headers)
      if (hints.size > 500) hints.delete(hints.keys().next().value!)
    },
  })
}

/**
 * The wait before the next retrieve of `run`, by the client's rule (`pollDelay`): the caller's
 * `pollIntervalMs`, else the server's `openai-poll-after-ms` on the run's last retrieve (by
 * `retrieveRun`), else 1000 ms.
 */
export function pollDelayMs(run: Run | null | undefined, pollIntervalMs?: number): number {
  return pollDelay(pollIntervalMs, run ? hints.get(`${run.thread_id}/${run.id}`) : undefined)
}
