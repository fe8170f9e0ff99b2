import {
  APIConnectionError,
  type APIError,
  APITimeoutError,
  APIUserAbortError,
  apiErrorFor,
  StreamError,
} from './errors.js'
import { idempotencyKey } from './idempotencyKey.js'
import { DEFAULT_IDLE_TIMEOUT_MS, withIdleTimeout } from './idleTimeout.js'
import { isObject } from './isObject.js'
import { retryDelay } from './retry.js'
import { defaultSleep, pause, untilAborted } from './sleep.js'
import { DEFAULT_MAX_EVENT_SIZE } from './sse/sseDecoder.js'
import type { ClientOptions, FetchLike, QueryRecord, RequestOptions, Sleep } from './types.js'

export type Method = 'GET' | 'POST' | 'DELETE'

/** One API call, as the resources describe it. */
export interface TransportRequest {
  method: Method
  /** From the base URL, its parameters already checked and encoded: `/threads/thread_1/runs`. */
  path: string
  /** The endpoint's own query; the client's and the call's (`options.query`) are merged in. */
  query?: QueryRecord
  /** Sent as JSON. */
  body?: object
  /** Asks for `text/event-stream` and, for a write, sends `stream: true` in the body. */
  stream?: boolean
  /** Sends `OpenAI-Beta: assistants=v2` (default true): the Responses API has no beta header. */
  assistantsBeta?: boolean
  /** The caller's options for this call. */
  options?: RequestOptions
  /**
   * For a write that must happen once even where the server ignores `Idempotency-Key`: called
   * when an attempt got no response (the request may have taken effect), and on any later failed
   * attempt of the same call, before the call retries or throws. It finds out what the lost
   * attempt did and gives the response that stands for it (the call then returns it, as if the
   * server had answered so), or undefined to go on as usual. What it throws counts as undefined,
   * but for an abort. The context says which kind of response the call returns, and gives the
   * call's options (its signal, headers...) for the requests that find out.
   */
  recover?: (failure: APIError, context: RecoverContext) => Promise<Response | undefined>
}

export interface RecoverContext {
  stream: boolean
  options: RequestOptions
}

/** A 2xx JSON response: its parsed body, and the response itself for its headers. */
export interface JsonResponse<T> {
  data: T
  response: Response
}

/** What the resources send with: the base URL, headers, retries and timeouts of one client. */
export interface Transport {
  /** Sends with retries until a 2xx response, which it returns unread; throws the typed error otherwise. */
  request(request: TransportRequest): Promise<Response>
  /** `request`, then the body read and parsed as JSON. */
  requestJson<T>(request: TransportRequest): Promise<JsonResponse<T>>
  /** The client's sleep, for the waits between polls. */
  sleep: Sleep
  /** The client's `maxEventSize`, for the stream decoder. */
  maxEventSize: number
  /**
   * The retry policy's wait before retry number `retries + 1` of something that got no answer
   * (a stream to resume), or null when the call's `maxRetries` are spent.
   */
  backoff(retries: number, options?: RequestOptions): number | null
}

export function createTransport(options: ClientOptions): Transport {
  const {
    apiKey,
    baseURL = 'https://api.openai.com/v1',
    maxRetries = 2,
    timeoutMs = 600_000,
    idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS,
    maxEventSize = DEFAULT_MAX_EVENT_SIZE,
    sleep = defaultSleep,
    now = Date.now,
    random = Math.random,
  } = options
  // Called through a wrapper: a bare `globalThis.fetch` kept in a field throws "Illegal invocation" in browsers.
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => fetch(url, init))
  const [basePath = '', baseQuery] = baseURL.split('?')
  const base = basePath.replace(/\/+$/, '')

  /**
   * The one loop of attempts, until `read` accepts a 2xx response. A body `read` finds cut off
   * (it throws BodyCut) counts as an attempt without an answer: retried, and recovered, like one.
   */
  async function send<T>(input: TransportRequest, read: (response: Response) => Promise<T>): Promise<T> {
    const {
      method,
      path,
      query,
      body,
      stream = false,
      assistantsBeta = true,
      options: call = {},
      recover,
    } = input
    const url = buildURL(base + path, baseQuery, [options.query, query, call.query])
    const headers = new Headers({ accept: stream ? 'text/event-stream' : 'application/json' })
    if (assistantsBeta) headers.set('openai-beta', 'assistants=v2')
    if (apiKey) headers.set('authorization', `Bearer ${apiKey}`)
    // A GET (a resumed stream) asks for its stream in the query: it has no body.
    const payload = stream && method !== 'GET' ? { ...body, stream: true } : body
    if (payload) headers.set('content-type', 'application/json')
    // One key per call, the same on every retry: a server that honours it does the write once.
    if (method !== 'GET') headers.set('idempotency-key', idempotencyKey())
    // The client's headers, then the call's, replace ours whatever their case; null removes one.
    for (const extra of [options.headers, call.headers]) {
      for (const [name, value] of Object.entries(extra ?? {})) {
        if (value == null) headers.delete(name)
        else headers.set(name, value)
      }
    }
    const init = { method, headers, body: payload && JSON.stringify(payload) }
    const { signal } = call
    const attemptTimeoutMs = call.timeoutMs ?? timeoutMs
    const retryLimit = call.maxRetries ?? maxRetries
    const bodyIdleMs = call.idleTimeoutMs ?? idleTimeoutMs
    // Whether an attempt went without an answer: from then on, what the call did is unknown.
    let lost = false

    for (let retries = 0; ; retries++) {
      if (signal?.aborted) throw new APIUserAbortError()
      // A timeout per attempt, up to the headers only; the caller's signal stays in the combined
      // one, so that it can still cut a stream's body. (setTimeout cannot wait past 2^31 - 1 ms.)
      const timeout = new AbortController()
      const timer = setTimeout(() => timeout.abort(), Math.min(attemptTimeoutMs, 2 ** 31 - 1))
      const attemptSignal = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal
      let response: Response | undefined
      let failure: APIError | undefined
      // The status to retry by: none when no answer came, or when its body was cut off.
      let status: number | undefined
      try {
        response = await untilAborted(fetchImpl(url, { ...init, signal: attemptSignal }), attemptSignal)
      } catch (cause) {
        if (signal?.aborted) throw new APIUserAbortError()
        failure = timeout.signal.aborted
          ? new APITimeoutError()
          : new APIConnectionError('Connection error: no response from the server.', { cause })
      } finally {
        clearTimeout(timer)
      }
      if (response?.ok) {
        // Outside the try: what the callback throws is the caller's, never a retried connection error.
        call.onResponse?.(response)
        try {
          return await read(guardBody(response, bodyIdleMs))
        } catch (error) {
          if (!(error instanceof BodyCut)) throw error
          failure = error.failure
        }
      } else if (response) {
        failure = await apiErrorFor(response)
        status = response.status
      }
      if (status === undefined) lost = true
      if (recover && lost && failure) {
        const recovered = await recover(failure, { stream, options: call }).catch((error: unknown) => {
          if (error instanceof APIUserAbortError || signal?.aborted) throw new APIUserAbortError()
          return undefined
        })
        if (recovered) return read(guardBody(recovered, bodyIdleMs))
      }
      const delay = retryDelay({
        retries,
        maxRetries: retryLimit,
        status,
        headers: response?.headers,
        now: now(),
        random: random(),
      })
      if (delay === null) throw failure
      await pause(sleep, delay, signal)
    }
  }

  // A stream's body is read by its RunStream, after this returns: a cut there is never retried.
  const request = (input: TransportRequest): Promise<Response> => send(input, async (response) => response)

  const requestJson = <T>(input: TransportRequest): Promise<JsonResponse<T>> =>
    send(input, (response) => readJson<T>(input, response))

  const backoff = (retries: number, call: RequestOptions = {}): number | null =>
    retryDelay({ retries, maxRetries: call.maxRetries ?? maxRetries, now: now(), random: random() })

  return { request, requestJson, sleep, maxEventSize, backoff }
}

/** A JSON body cut off before its end: the attempt got no whole answer, and is retried. */
class BodyCut extends Error {
  constructor(readonly failure: APIConnectionError) {
    super(failure.message)
  }
}

async function readJson<T>(input: TransportRequest, response: Response): Promise<JsonResponse<T>> {
  let text: string
  try {
    text = await untilAborted(response.text(), input.options?.signal)
  } catch (cause) {
    // A silence past idleTimeoutMs ends the call: the server answered, and is stuck.
    if (cause instanceof APIUserAbortError || cause instanceof APITimeoutError) throw cause
    throw new BodyCut(
      new APIConnectionError(
        `The body of the ${input.method} ${input.path} response was cut off before its end.`,
        { cause },
      ),
    )
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (cause) {
    throw new StreamError(
      'invalid_json',
      `The body of the ${input.method} ${input.path} response (status ${response.status}) is not JSON.`,
      { cause },
    )
  }
  // Every endpoint answers an object: `null`, `"ok"` or `[]` would reach the caller as a Run.
  if (!isObject(data)) {
    throw new StreamError(
      'invalid_body',
      `The body of the ${input.method} ${input.path} response (status ${response.status}) is ${describeJson(data)}, not an object.`,
    )
  }
  return { data: data as T, response }
}

/** The response with its body failing after `ms` of silence (APITimeoutError). */
function guardBody(response: Response, ms: number): Response {
  if (!response.body) return response
  const { status, statusText, headers } = response
  return new Response(withIdleTimeout(response.body, ms), { status, statusText, headers })
}

function describeJson(data: unknown): string {
  return data === null ? 'null' : Array.isArray(data) ? 'an array' : `a ${typeof data}`
}

function buildURL(
  base: string,
  baseQuery: string | undefined,
  queries: Array<QueryRecord | undefined>,
): string {
  const params = new URLSearchParams(baseQuery)
  for (const query of queries) {
    for (const [key, value] of Object.entries(query ?? {})) {
      // A later level replaces a key entirely, so that a call can override the client's value;
      // null removes it, an array repeats it.
      if (value === undefined) continue
      params.delete(key)
      const values = Array.isArray(value) ? value : value === null ? [] : [value]
      for (const item of values) params.append(key, String(item))
    }
  }
  const search = params.toString()
  return search ? `${base}?${search}` : base
}
