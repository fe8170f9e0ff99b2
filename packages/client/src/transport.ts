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

export type Method = 'GET' | 'POST'

/** The response of a 2xx JSON request: its parsed body, and the response for its headers. */
export type JsonResult<T> = [data: T, response: Response]

/**
 * Sends with retries until a 2xx response; throws the typed error otherwise. `path` is already
 * encoded, from the base URL; a body with `stream: true` asks for `text/event-stream`.
 */
export type Send = (
  method: Method,
  path: string,
  opts?: RequestOptions,
  query?: QueryRecord,
  body?: object,
) => Promise<Response>

/** `send`, then the body parsed as JSON. */
export type Json = <T>(...args: Parameters<Send>) => Promise<JsonResult<T>>

/** What the resources send with, as a tuple: positions minify, property names do not. */
export type Transport = [send: Send, json: Json, sleep: Sleep]

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
  const [basePath, baseQuery] = baseURL.split('?')
  const base = basePath!.replace(/\/+$/, '')

  const send: Send = async (method, path, opts = {}, query, body) => {
    const url = buildURL(base + path, baseQuery, [options.query, query, opts.query])
    const headers = new Headers()
    // In order, so that the client's and the call's headers replace (or, with null, remove) ours
    // whatever their case.
    for (const [name, value] of Object.entries({
      accept: (body as { stream?: boolean } | undefined)?.stream ? 'text/event-stream' : 'application/json',
      'openai-beta': 'assistants=v2',
      authorization: apiKey && `Bearer ${apiKey}`,
      'content-type': body && 'application/json',
      ...options.headers,
      ...opts.headers,
    })) {
      if (value) headers.set(name, value)
      else headers.delete(name)
    }
    const payload = body && JSON.stringify(body)
    const { signal } = opts

    for (let retries = 0; ; retries++) {
      if (signal?.aborted) throw new APIUserAbortError()
      // A timeout per attempt, up to the headers only; the caller's signal stays in the combined
      // one, so that it can still cut a stream's body. (setTimeout cannot wait past 2^31 - 1 ms.)
      const timeout = new AbortController()
      const timer = setTimeout(() => timeout.abort(), Math.min(opts.timeoutMs ?? timeoutMs, 2 ** 31 - 1))
      const attempt = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal
      let response: Response | undefined
      let failure: APIError | undefined
      try {
        response = await untilAborted(
          fetchImpl(url, { method, headers, body: payload, signal: attempt }),
          attempt,
        )
      } catch (cause) {
        if (signal?.aborted) throw new APIUserAbortError()
        failure = timeout.signal.aborted
          ? new APITimeoutError()
          : new APIConnectionError('Connection error.', cause)
      } finally {
        clearTimeout(timer)
      }
      if (response?.ok) {
        // Outside the try: what the callback throws is the caller's, never a retried connection error.
        opts.onResponse?.(response)
        return response
      }
      failure ??= await apiErrorFor(response!)
      const delay = retryDelay({
        retries,
        maxRetries: opts.maxRetries ?? maxRetries,
        status: response?.status,
        headers: response?.headers,
        now: now(),
        random: random(),
      })
      if (delay === null) throw failure!
      await pause(sleep, delay, signal)
    }
  }

  const json: Json = async <T>(...args: Parameters<Send>): Promise<JsonResult<T>> => {
    const response = await send(...args)
    const text = await untilAborted(response.text(), args[2]?.signal).catch((cause) => {
      throw cause instanceof APIUserAbortError
        ? cause
        : new APIConnectionError('The body was cut off.', cause)
    })
    try {
      return [JSON.parse(text) as T, response]
    } catch (cause) {
      throw new StreamError('invalid_json', 'The body is not JSON', cause)
    }
  }

  return [send, json, sleep]
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
      if (value !== undefined) {
        params.delete(key)
        for (const item of [value ?? []].flat()) params.append(key, `${item}`)
      }
    }
  }
  const search = String(params)
  return search ? `${base}?${search}` : base
}
