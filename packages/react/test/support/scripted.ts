import { createRunsClient, type FetchLike, type Run, type RunsClient } from '@runlens/client'

/** One event of a scripted stream: its SSE name and its data (JSON-encoded, `[DONE]` as is). */
export interface ScriptedEvent {
  event: string
  data: unknown
  /** `data` is a string sent as it is, not JSON-encoded (to send what does not parse). */
  raw?: boolean
}

export interface ScriptedServer {
  /** A real client (its SSE parser, its errors) over the scripted server's fetch. */
  client: RunsClient
  /** Method and path of every request, in order. */
  requests: string[]
  /** The last run the server said anything about (on a stream, a retrieve or a cancel): its truth. */
  run(): Run | null
}

export interface ScriptOptions {
  /** The stream a create (`POST /threads/:id/runs`) answers. */
  create: ScriptedEvent[]
  /** The stream a submission answers. Default: the run in progress, then completed. */
  submit?: ScriptedEvent[]
  /** The create's stream stays open and silent after its events (until the request is aborted). */
  stall?: boolean
  /** The create's stream is cut after this many bytes (reading it fails), as a dropped connection. */
  cutAfterBytes?: number
}

const isRun = (data: unknown): data is Run =>
  typeof data === 'object' && data !== null && (data as Run).object === 'thread.run'

const frame = ({ event, data, raw }: ScriptedEvent) =>
  `event: ${event}\ndata: ${raw || data === '[DONE]' ? data : JSON.stringify(data)}\n\n`

const list = (data: unknown[]) =>
  Response.json({ object: 'list', data, first_id: null, last_id: null, has_more: false })

/**
 * A server that answers each stream with a script, whatever the events say (the odd ones a real
 * server might send), and the GETs a session makes after it with the last run it streamed. For
 * tests of what the session does with events, where the simulator would only send good ones.
 */
export function createScriptedServer(options: ScriptOptions): ScriptedServer {
  const requests: string[] = []
  let last: Run | null = null

  const stream = (events: ScriptedEvent[], signal?: AbortSignal | null, stall = false, cut?: number) => {
    for (const { data } of events) if (isRun(data)) last = data
    const bytes = new TextEncoder().encode(events.map(frame).join(''))
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        if (cut !== undefined && cut < bytes.length) {
          if (cut > 0) controller.enqueue(bytes.subarray(0, cut))
          return controller.error(new TypeError('terminated'))
        }
        controller.enqueue(bytes)
        if (!stall) return controller.close()
        // As a real fetch does: an abort errors the body being read.
        signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true })
      },
    })
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
  }

  const fetch: FetchLike = async (url, init) => {
    const { pathname } = new URL(url)
    const method = init.method ?? 'GET'
    requests.push(`${method} ${pathname}`)
    if (method === 'POST' && pathname.endsWith('/submit_tool_outputs')) {
      const run = last ?? ({ id: 'run_scripted', object: 'thread.run' } as Run)
      return stream(
        options.submit ?? [
          { event: 'thread.run.in_progress', data: { ...run, status: 'in_progress', required_action: null } },
          { event: 'thread.run.completed', data: { ...run, status: 'completed', required_action: null } },
          { event: 'done', data: '[DONE]' },
        ],
      )
    }
    if (method === 'POST' && pathname.endsWith('/cancel')) {
      last = { ...(last as Run), status: 'cancelled' }
      return Response.json(last)
    }
    if (method === 'POST' && /\/runs$/.test(pathname))
      return stream(options.create, init.signal, options.stall, options.cutAfterBytes)
    if (/\/runs\/[^/]+$/.test(pathname)) return Response.json(last)
    if (/\/runs$/.test(pathname)) return list(last ? [last] : [])
    return list([])
  }

  return {
    client: createRunsClient({ baseURL: 'http://scripted.test/v1', fetch, maxRetries: 0 }),
    requests,
    run: () => last,
  }
}
