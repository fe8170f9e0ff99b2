import type { FetchLike } from '../src/types.js'

export { fixture } from '../../../test/fixtures/fixture.js'

/** The two recorded Assistants runs (test/fixtures). */
export const fixtureNames = ['text-run.sse', 'function-call-requires-action.sse'] as const

/** A body that yields the given chunks, one per read. */
export function chunkedBody(chunks: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let i = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++]
      if (chunk === undefined) controller.close()
      else controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk)
    },
  })
}

export function sseResponse(chunks: Array<string | Uint8Array> | string, init: ResponseInit = {}): Response {
  return new Response(chunkedBody(typeof chunks === 'string' ? [chunks] : chunks), {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    ...init,
  })
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

export interface Call {
  url: string
  method: string
  headers: Headers
  body: unknown
}

/** A fetch that records each call and answers with `respond(call, index)`. */
export function fakeFetch(respond: (call: Call, index: number) => Response | Promise<Response>): {
  fetch: FetchLike
  calls: Call[]
} {
  const calls: Call[] = []
  const fetch: FetchLike = async (url, init) => {
    const call: Call = {
      url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    calls.push(call)
    return respond(call, calls.length - 1)
  }
  return { fetch, calls }
}

/** Splits a string into byte chunks at the given byte offsets. */
export function splitBytes(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const sorted = [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b)
  const out: Uint8Array[] = []
  let start = 0
  for (const cut of sorted) {
    out.push(bytes.subarray(start, cut))
    start = cut
  }
  out.push(bytes.subarray(start))
  return out
}

export function run(overrides: Record<string, unknown> = {}) {
  return {
    id: 'run_1',
    object: 'thread.run',
    created_at: 1,
    thread_id: 'thread_1',
    assistant_id: 'asst_1',
    status: 'queued',
    required_action: null,
    last_error: null,
    expires_at: null,
    started_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    incomplete_details: null,
    model: 'gpt-4o',
    instructions: null,
    tools: [],
    metadata: {},
    usage: null,
    max_prompt_tokens: null,
    max_completion_tokens: null,
    truncation_strategy: null,
    tool_choice: null,
    parallel_tool_calls: true,
    response_format: null,
    ...overrides,
  }
}
