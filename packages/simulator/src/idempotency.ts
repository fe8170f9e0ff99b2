import { SimulatorError } from './errors.js'
import { recordStream, type StreamRecording } from './recordStream.js'

export const IDEMPOTENCY_HEADER = 'idempotency-key'

/** How long a key is remembered, on the simulator's clock: a day, as common API servers keep them. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000
/** How many keys are remembered at most; the oldest are forgotten first. */
export const IDEMPOTENCY_MAX_KEYS = 1000
const MAX_KEY_LENGTH = 255

/** The first response to a key: the status, the handler's headers and the body (or its recording). */
interface Outcome {
  status: number
  headers: Array<[string, string]>
  body: string | StreamRecording
}

interface Entry {
  /** Method, path with query, and body: what a reuse must repeat. */
  fingerprint: string
  /** `POST /v1/threads/runs`, for the error of a reuse. */
  target: string
  storedAt: number
  /** null while the first request is being handled. */
  outcome: Outcome | null
  /** Settles when the first request is handled (successfully or not). */
  handled: Promise<void>
}

export interface IdempotencyStore {
  /**
   * Handles a keyed request once: the first time through `handle`, later with the same method,
   * path and body as a replay of the first response (only a 2xx is kept: an error changed nothing,
   * so a retry is simply handled again). A request that reuses a key for something else is a 422.
   */
  handleOnce(
    key: string,
    request: Request,
    target: string,
    handle: () => Promise<Response>,
  ): Promise<Response>
  /** Forgets every key and stops recording their streams (the simulator's reset()). */
  clear(): void
}

function checkKey(key: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new SimulatorError(
      400,
      `Invalid 'Idempotency-Key' header: expected 1 to ${MAX_KEY_LENGTH} characters, got ${key.length}.`,
      { param: IDEMPOTENCY_HEADER, code: 'invalid_idempotency_key' },
    )
  }
}

function answer(outcome: Outcome, replayed: boolean): Response {
  const body = typeof outcome.body === 'string' ? outcome.body : outcome.body.replay()
  const response = new Response(body, { status: outcome.status, headers: outcome.headers })
  if (replayed) response.headers.set('idempotent-replayed', 'true')
  return response
}

/** Keeps the response: its text, or for an SSE stream a recording that goes on in the background. */
async function keep(response: Response): Promise<Outcome> {
  const headers = [...response.headers]
  const isStream = response.headers.get('content-type')?.startsWith('text/event-stream') ?? false
  const body = isStream && response.body ? recordStream(response.body) : await response.text()
  return { status: response.status, headers, body }
}

export function createIdempotencyStore(now: () => number): IdempotencyStore {
  const entries = new Map<string, Entry>()

  /** Map order is first-use order, so the oldest keys come first. */
  const evict = () => {
    for (const [key, entry] of entries) {
      if (now() - entry.storedAt < IDEMPOTENCY_TTL_MS) break
      entries.delete(key)
    }
    for (const [key, entry] of entries) {
      if (entries.size <= IDEMPOTENCY_MAX_KEYS) break
      // A request still being handled stays, so a concurrent retry of it still waits for it.
      if (entry.outcome) entries.delete(key)
    }
  }

  return {
    async handleOnce(key, request, target, handle) {
      checkKey(key)
      evict()
      const fingerprint = JSON.stringify([request.method.toUpperCase(), target, await request.clone().text()])
      for (let entry = entries.get(key); entry; entry = entries.get(key)) {
        if (entry.fingerprint !== fingerprint) {
          throw new SimulatorError(
            422,
            `The Idempotency-Key '${key}' was already used for another request (${entry.target}); a key can only be sent again with the same method, path and body.`,
            { param: IDEMPOTENCY_HEADER, code: 'idempotency_key_reused' },
          )
        }
        if (entry.outcome) return answer(entry.outcome, true)
        // The same request is still being handled: wait for it, then replay it or try again.
        await entry.handled
      }
      let settle = () => {}
      const entry: Entry = {
        fingerprint,
        target,
        storedAt: now(),
        outcome: null,
        handled: new Promise<void>((resolve) => {
          settle = resolve
        }),
      }
      entries.set(key, entry)
      // Unless reset() came meanwhile and the key is another request's now.
      const forget = () => {
        if (entries.get(key) === entry) entries.delete(key)
      }
      try {
        const response = await handle()
        if (!response.ok) {
          forget()
          return response
        }
        entry.outcome = await keep(response)
        evict()
        return answer(entry.outcome, false)
      } catch (error) {
        forget()
        throw error
      } finally {
        settle()
      }
    },
    clear() {
      for (const entry of entries.values()) {
        if (entry.outcome && typeof entry.outcome.body !== 'string') entry.outcome.body.stop()
      }
      entries.clear()
    },
  }
}
