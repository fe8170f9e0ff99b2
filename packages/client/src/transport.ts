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
  /** Asks for `text/event-stream` and sends `stream: true` in the body. */
  stream?: boolean
  /** The caller's options for this call. */
  options?: RequestOptions
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

  async function request({ method, path, query, body, stream, options: call = {} }: TransportRequest) {
    const url = buildURL(base + path, baseQuery, [options.query, query, call.query])
    const headers = new Headers({
      accept: stream ? 'text/event-stream' : 'application/json',
      'openai-beta': 'assistants=v2',
    })
    if (apiKey) headers.set('authorization', `Bearer ${apiKey}`)
    const payload = stream ? { ...body, stream: true } : body
    if (payload) headers.set('content-type', 'application/json')
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

    for (let retries = 0; ; retries++) {
      if (signal?.aborted) throw new APIUserAbortError()
      // A timeout per attempt, up to the headers only; the caller's signal stays in the combined
      // one, so that it can still cut a stream's body. (setTimeout cannot wait past 2^31 - 1 ms.)
      const timeout = new AbortController()
      const timer = setTimeout(() => timeout.abort(), Math.min(attemptTimeoutMs, 2 ** 31 - 1))
      const attemptSignal = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal
      let response: Response | undefined
      let failure: APIError | undefined
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
        return response
      }
      if (response) failure = await apiErrorFor(response)
      const delay = retryDelay({
        retries,
        maxRetries: retryLimit,
        status: response?.status,
        headers: response?.headers,
        now: now(),
        random: random(),
      })
      if (delay === null) throw failure
      await pause(sleep, delay, signal)
    }
  }

  async function requestJson<T>(input: TransportRequest): Promise<JsonResponse<T>> {
    const response = await request(input)
    let text: string
    try {
      text = await untilAborted(response.text(), input.options?.signal)
    } catch (cause) {
      if (cause instanceof APIUserAbortError) throw cause
      throw new APIConnectionError(
        `The body of the ${input.method} ${input.path} response was cut off before its end.`,
        { cause },
      )
    }
    try {
      return { data: JSON.parse(text) as T, response }
    } catch (cause) {
      throw new StreamError(
        'invalid_json',
        `The body of the ${input.method} ${input.path} response (status ${response.status}) is not JSON.`,
        { cause },
      )
    }
  }

  return { request, requestJson, sleep }
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
