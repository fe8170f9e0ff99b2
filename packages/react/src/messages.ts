import type { FetchLike, HeadersRecord, ListResponse, Message, QueryRecord } from '@runlens/client'
import { APIConnectionError, APIError } from '@runlens/client'

/**
 * Lists the messages a run created. A stream that dropped mid-message leaves partial text; after
 * the run settles, these messages (the server's word) replace the streamed ones, so no text is
 * lost or doubled.
 */
export type RunMessagesFetcher = (
  threadId: string,
  runId: string,
  opts: { signal?: AbortSignal },
) => Promise<Message[]>

export interface RunMessagesFetcherOptions {
  /** The same base URL as the client's. Default `https://api.openai.com/v1`. */
  baseURL?: string
  /** Default `globalThis.fetch`. */
  fetch?: FetchLike
  apiKey?: string
  headers?: HeadersRecord
  query?: QueryRecord
}

/**
 * A `RunMessagesFetcher` over plain fetch: `GET /threads/{thread_id}/messages?run_id=` page by
 * page, oldest first. The client has no messages resource (it covers runs and steps), so this small
 * request lives here; give it the same base URL, fetch and headers as the client.
 */
export function createRunMessagesFetcher(options: RunMessagesFetcherOptions = {}): RunMessagesFetcher {
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => fetch(url, init))
  const [basePath = '', baseQuery = ''] = (options.baseURL ?? 'https://api.openai.com/v1').split('?')
  const base = basePath.replace(/\/+$/, '')
  return async (threadId, runId, { signal }) => {
    const messages: Message[] = []
    let after: string | null = null
    for (;;) {
      const params = new URLSearchParams(baseQuery)
      for (const [name, value] of Object.entries(options.query ?? {})) {
        if (value == null) continue
        for (const one of Array.isArray(value) ? value : [value]) params.append(name, String(one))
      }
      params.set('run_id', runId)
      params.set('order', 'asc')
      params.set('limit', '100')
      if (after) params.set('after', after)
      const headers = new Headers({ accept: 'application/json', 'openai-beta': 'assistants=v2' })
      if (options.apiKey) headers.set('authorization', `Bearer ${options.apiKey}`)
      for (const [name, value] of Object.entries(options.headers ?? {})) {
        if (value == null) headers.delete(name)
        else headers.set(name, value)
      }
      const path = `${base}/threads/${encodeURIComponent(threadId)}/messages`
      let response: Response
      try {
        response = await fetchImpl(`${path}?${params}`, { method: 'GET', headers, signal })
      } catch (cause) {
        throw new APIConnectionError('Connection error.', cause)
      }
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: APIError['error'] } | null
        throw new APIError(
          body?.error?.message || response.statusText,
          undefined,
          body?.error,
          response.status,
          response.headers,
        )
      }
      const page = (await response.json()) as ListResponse<Message>
      messages.push(...page.data)
      if (!page.has_more || page.data.length === 0) return messages
      after = page.last_id ?? page.data[page.data.length - 1]!.id
    }
  }
}
