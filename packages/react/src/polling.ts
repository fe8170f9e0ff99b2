import { type FetchLike, isPollingStatus, pollDelay, type Run, type RunStatus } from '@runlens/client'

/**
 * The client's polling rule, for a status that may be missing: a run still moves by itself while
 * queued, in_progress or cancelling; any other status (requires_action, a final one, or one this
 * version does not know) stops polling, so nothing ever spins.
 */
export function isActiveRunStatus(status: RunStatus | null | undefined): boolean {
  return status != null && isPollingStatus(status)
}

/** The server's last `openai-poll-after-ms` per thread and run, as seen by `withPollHints`. */
const hints = new Map<string, string>()
const maxHints = 500
const runPath = /\/threads\/([^/]+)\/runs\/([^/?#]+)(?:\/(?:cancel|submit_tool_outputs))?\/?(?:[?#]|$)/

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * Wraps the `fetch` given to `createRunsClient` so that the hooks can follow the server's
 * `openai-poll-after-ms`: the client's methods return runs, not their response headers, so the
 * hint is read here, on the way, for the run the URL names.
 *
 * ```ts
 * const client = createRunsClient({ baseURL, fetch: withPollHints() })
 * ```
 */
export function withPollHints(fetchImpl?: FetchLike): FetchLike {
  const send: FetchLike = fetchImpl ?? ((url, init) => fetch(url, init))
  return async (url, init) => {
    const response = await send(url, init)
    const hint = response.headers.get('openai-poll-after-ms')
    const match = hint === null ? null : runPath.exec(url)
    if (hint !== null && match) {
      const id = `${decode(match[1]!)}/${decode(match[2]!)}`
      hints.delete(id)
      hints.set(id, hint)
      if (hints.size > maxHints) {
        const oldest = hints.keys().next().value
        if (oldest !== undefined) hints.delete(oldest)
      }
    }
    return response
  }
}

/**
 * The wait before the next retrieve of `run`, by the client's rule (`pollDelay`): the caller's
 * `pollIntervalMs`, else the server's `openai-poll-after-ms` for this run (with `withPollHints`),
 * else 1000 ms.
 */
export function pollDelayMs(run: Run | null | undefined, pollIntervalMs?: number): number {
  if (pollIntervalMs !== undefined) return pollIntervalMs
  const hint = run ? hints.get(`${run.thread_id}/${run.id}`) : undefined
  return pollDelay(undefined, hint === undefined ? undefined : new Headers({ 'openai-poll-after-ms': hint }))
}
