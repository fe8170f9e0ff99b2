import {
  APIConnectionError,
  type APIError,
  APITimeoutError,
  APIUserAbortError,
  apiErrorFor,
  StreamError,
} from './errors.js'
import { retryDelay } from './retry.js'
import { defaultSleep, pause, untilAborted } from './sleep.js'
import type { ClientOptions, ErrorObject, FetchLike, QueryRecord, RequestOptions, Sleep } from './types.js'

export interface HttpRequest {
  method: 'GET' | 'POST'
  /** Already encoded, from the base URL: `/threads/thread_1/runs`. */
  path: string
  query?: QueryRecord
  body?: unknown
  /** Asks for `text/event-stream`. */
  stream?: boolean
}

export interface Transport {
  /** Sends with retries until a 2xx response; throws the typed error otherwise. */
  send(request: HttpRequest, opts?: RequestOptions): Promise<Response>
  /** `send`, then the body parsed as JSON. */
  json<T>(request: HttpRequest, opts?: RequestOptions): Promise<{ data: T; response: Response }>
  sleep: Sleep
}

export function createTransport(options: ClientOptions): Transport {
  const {
    apiKey,
    baseURL = 'https://api.openai.com/v1',
    maxRetries = 2,
    timeoutMs = 600_000,
    sleep = defaultSleep,
    now = Date.now,
    random = Math.random,
  } = options
  // Called through a wrapper: a bare `globalThis.fetch` kept in a field throws "Illegal invocation" in browsers.
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => fetch(url, init))
  const [basePath = '', baseQuery] = baseURL.split('?')
  const base = basePath.replace(/\/+$/, '')

  async function send(request: HttpRequest, opts: RequestOptions = {}): Promise<Response> {
    const url = buildURL(base, request.path, baseQuery, [options.query, request.query, opts.query])
    const headers = new Headers({
      accept: request.stream ? 'text/event-stream' : 'application/json',
      'openai-beta': 'assistants=v2',
    })
    if (apiKey) headers.set('authorization', `Bearer ${apiKey}`)
    let body: string | undefined
    if (request.body !== undefined) {
      body = JSON.stringify(request.body)
      headers.set('content-type', 'application/json')
    }
    for (const extra of [options.headers, opts.headers]) {
      for (const [name, value] of Object.entries(extra ?? {})) {
        if (value == null) headers.delete(name)
        else headers.set(name, value)
      }
    }
    const { signal } = opts
    const limit = opts.maxRetries ?? maxRetries
    const wait = opts.timeoutMs ?? timeoutMs

    for (let retries = 0; ; retries++) {
      if (signal?.aborted) throw new APIUserAbortError()
      // A timeout per attempt, up to the headers only; the caller's signal stays in the combined
      // one, so that it can still cut a stream's body. (setTimeout cannot wait past 2^31 - 1 ms.)
      const timeout = new AbortController()
      const timer = setTimeout(() => timeout.abort(), Math.min(wait, 2 ** 31 - 1))
      const attempt = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal
      let response: Response | undefined
      let failure: APIError
      try {
        response = await untilAborted(
          fetchImpl(url, { method: request.method, headers, body, signal: attempt }),
          attempt,
        )
      } catch (cause) {
        if (signal?.aborted) throw new APIUserAbortError()
        failure = timeout.signal.aborted ? new APITimeoutError() : new APIConnectionError(undefined, cause)
      } finally {
        clearTimeout(timer)
      }
      if (response) {
        if (response.ok) return response
        failure = await errorFrom(response)
      }
      const delay = retryDelay({
        retries,
        maxRetries: limit,
        status: response?.status,
        headers: response?.headers,
        now: now(),
        random: random(),
      })
      if (delay === null) throw failure!
      await pause(sleep, delay, signal)
    }
  }

  async function json<T>(request: HttpRequest, opts?: RequestOptions) {
    const response = await send(request, opts)
    let text: string
    try {
      text = await untilAborted(response.text(), opts?.signal)
    } catch (cause) {
      throw cause instanceof APIUserAbortError
        ? cause
        : new APIConnectionError('The body was cut off.', cause)
    }
    try {
      return { data: JSON.parse(text) as T, response }
    } catch (cause) {
      throw new StreamError('invalid_json', 'The body is not JSON', cause)
    }
  }

  return { send, json, sleep }
}

/** The typed error of a non-2xx response, with the message the server gave. */
async function errorFrom(response: Response): Promise<APIError> {
  let text = ''
  try {
    text = await response.text()
  } catch {
    // A body that cannot be read leaves the status as the only information.
  }
  let error: ErrorObject | undefined
  try {
    const parsed = JSON.parse(text)
    const candidate = parsed?.error ?? parsed
    if (typeof candidate?.message === 'string') error = candidate
  } catch {
    // Not JSON: proxies answer with HTML or plain text; the text becomes the message.
  }
  return apiErrorFor(response.status, error, text.trim().slice(0, 500) || undefined, response.headers)
}

function buildURL(
  base: string,
  path: string,
  baseQuery: string | undefined,
  queries: Array<QueryRecord | undefined>,
): string {
  const params = new URLSearchParams(baseQuery)
  for (const query of queries) {
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue
      // A later level replaces a key entirely, so that a call can override the client's value.
      params.delete(key)
      if (value === null) continue
      for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item))
    }
  }
  const search = params.toString()
  return search ? `${base}${path}?${search}` : `${base}${path}`
}
