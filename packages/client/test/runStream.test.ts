import { describe, expect, it } from 'vitest'
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  applyRunEvent,
  BadRequestError,
  createRunsClient,
  emptyRunSnapshot,
  StreamError,
} from '../src/index.js'
import type { AssistantStreamEvent, FetchLike } from '../src/types.js'
import { fakeFetch, fixture, jsonResponse, run, sseResponse } from './helpers.js'

function streamClient(respond: Parameters<typeof fakeFetch>[0]) {
  const fake = fakeFetch(respond)
  const client = createRunsClient({ baseURL: 'http://sim.test/v1', fetch: fake.fetch, sleep: async () => {} })
  return { client, calls: fake.calls }
}

// Read here, not inside a fake fetch: there a missing file would surface as the client's
// APIConnectionError instead of the read's own error.
const textRun = fixture('text-run.sse')
const functionCallRun = fixture('function-call-requires-action.sse')

const frame = (event: string, data: unknown) =>
  `event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`

describe('RunStream', () => {
  it('yields the recorded events, snapshot follows them, body has stream: true and include[]', async () => {
    const { client, calls } = streamClient(() => sseResponse(textRun))
    const stream = client.runs.stream('t', { assistant_id: 'a', include: ['x'] })
    const names: string[] = []
    let snapshot = emptyRunSnapshot
    for await (const event of stream) {
      names.push(event.event)
      snapshot = applyRunEvent(snapshot, event)
      expect(stream.snapshot()).toEqual(snapshot)
    }
    expect(names[0]).toBe('thread.run.created')
    expect(names.at(-1)).toBe('done')
    expect(calls[0]!.body).toEqual({ assistant_id: 'a', stream: true })
    expect(calls[0]!.headers.get('accept')).toBe('text/event-stream')
    expect(new URL(calls[0]!.url).searchParams.getAll('include[]')).toEqual(['x'])
    expect((await stream.finalRun()).status).toBe('completed')
    expect((await stream.finalMessages())[0]?.content[0]).toMatchObject({ type: 'text' })
  })

  it('finalRun consumes a stream nobody iterates; requires_action + [DONE] is a normal end', async () => {
    const { client } = streamClient(() => sseResponse(functionCallRun))
    const stream = client.runs.stream('t', { assistant_id: 'a' })
    const final = await stream.finalRun()
    expect(final.status).toBe('requires_action')
    expect(final.required_action?.submit_tool_outputs.tool_calls[0]?.function.name).toBe(
      'get_current_weather',
    )
    expect(stream.snapshot().done).toBe(true)
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/can be iterated only once/)
  })

  it('submitToolOutputsStream posts stream: true to submit_tool_outputs', async () => {
    const { client, calls } = streamClient(() =>
      sseResponse(frame('thread.run.completed', run({ status: 'completed' })) + frame('done', '[DONE]')),
    )
    const final = await client.runs
      .submitToolOutputsStream('t', 'r', { tool_outputs: [{ tool_call_id: 'c', output: 'o' }] })
      .finalRun()
    expect(final.status).toBe('completed')
    expect(calls[0]!.url).toBe('http://sim.test/v1/threads/t/runs/r/submit_tool_outputs')
    expect(calls[0]!.body).toEqual({ tool_outputs: [{ tool_call_id: 'c', output: 'o' }], stream: true })
  })

  it('an error event: yielded, recorded in the snapshot, then thrown as an APIError', async () => {
    const body =
      frame('thread.run.created', run()) +
      frame('error', {
        error: { message: 'The server had an error', type: 'server_error', code: 'oops', param: null },
      }) +
      frame('thread.run.completed', run({ status: 'completed' }))
    const { client } = streamClient(() => sseResponse(body))
    const stream = client.runs.stream('t', { assistant_id: 'a' })
    const seen: string[] = []
    const error = await (async () => {
      for await (const event of stream) seen.push(event.event)
    })().catch((e: unknown) => e)
    expect(seen).toEqual(['thread.run.created', 'error'])
    expect(error).toBeInstanceOf(APIError)
    expect(error).toMatchObject({
      message: 'The server had an error',
      code: 'oops',
      type: 'server_error',
      status: undefined,
    })
    expect(stream.snapshot().error).toMatchObject({ message: 'The server had an error', code: 'oops' })
    await expect(stream.finalRun()).rejects.toBe(error)
  })

  it('a bare error object works the same', async () => {
    const { client } = streamClient(() =>
      sseResponse(frame('error', { message: 'bare', type: 'server_error', code: null, param: null })),
    )
    await expect(client.runs.stream('t', { assistant_id: 'a' }).finalRun()).rejects.toMatchObject({
      message: 'bare',
    })
  })

  it('a stream that ends while the run is moving, without [DONE], is a StreamError that says so', async () => {
    const { client } = streamClient(() =>
      sseResponse(frame('thread.run.in_progress', run({ status: 'in_progress' }))),
    )
    const stream = client.runs.stream('t', { assistant_id: 'a' })
    const error = await stream.finalRun().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StreamError)
    expect(error).toMatchObject({ reason: 'ended_early' })
    // It says what happened and what to do about it.
    expect((error as Error).message).toMatch(/without \[DONE\] while the run was still in_progress/)
    expect((error as Error).message).toMatch(/runs\.poll\(\)/)
    expect(stream.snapshot().run?.status).toBe('in_progress')
  })

  it('an empty body is a StreamError; a settled run without [DONE] is fine', async () => {
    const empty = streamClient(() => sseResponse(''))
    await expect(empty.client.runs.stream('t', { assistant_id: 'a' }).finalRun()).rejects.toThrow(
      new StreamError(
        'ended_early',
        'The stream ended without [DONE] before any run event: the run may not have been created.',
      ),
    )
    const settled = streamClient(() =>
      sseResponse(frame('thread.run.completed', run({ status: 'completed' }))),
    )
    expect((await settled.client.runs.stream('t', { assistant_id: 'a' }).finalRun()).status).toBe('completed')
  })

  it('invalid JSON in a known event is a StreamError; unknown events pass with their data', async () => {
    const bad = streamClient(() =>
      sseResponse(`${frame('thread.run.created', run())}event: thread.run.queued\ndata: {nope\n\n`),
    )
    await expect(bad.client.runs.stream('t', { assistant_id: 'a' }).finalRun()).rejects.toMatchObject({
      name: 'StreamError',
      reason: 'invalid_json',
    })
    const unknown = streamClient(() =>
      sseResponse(
        `${frame('thread.run.created', run())}event: ping\ndata: hi\n\n${frame('thread.future', { a: 1 })}${frame('done', '[DONE]')}`,
      ),
    )
    const events: AssistantStreamEvent[] = []
    for await (const e of unknown.client.runs.stream('t', { assistant_id: 'a' })) events.push(e)
    expect(events.slice(1, 3)).toEqual([
      { event: 'unknown', name: 'ping', data: 'hi' },
      { event: 'unknown', name: 'thread.future', data: { a: 1 } },
    ])
  })

  it('an HTTP error before the body is retried and typed; never retried once the body started', async () => {
    let n = 0
    const { client, calls } = streamClient(() =>
      n++ === 0 ? jsonResponse({ error: { message: 'busy' } }, 503) : cutStream(),
    )
    const stream = client.runs.stream('t', { assistant_id: 'a' })
    await expect(stream.finalRun()).rejects.toBeInstanceOf(APIConnectionError)
    expect(calls).toHaveLength(2)
    expect(stream.snapshot().run?.id).toBe('run_1')
  })

  it('leaving a for await early aborts the request', async () => {
    let signal: AbortSignal | undefined
    const fetch: FetchLike = async (_url, init) => {
      signal = init.signal ?? undefined
      return endlessStream(signal)
    }
    const client = createRunsClient({ baseURL: 'http://x/v1', fetch })
    const stream = client.runs.stream('t', { assistant_id: 'a' })
    for await (const event of stream) {
      expect(event.event).toBe('thread.run.created')
      break
    }
    expect(signal?.aborted).toBe(true)
    await expect(stream.finalRun()).rejects.toBeInstanceOf(APIUserAbortError)
  })

  it('abort() and the caller signal end an iteration with APIUserAbortError', async () => {
    const fetch: FetchLike = async (_url, init) => endlessStream(init.signal ?? undefined)
    const client = createRunsClient({ baseURL: 'http://x/v1', fetch })
    const stream = client.runs.stream('t', { assistant_id: 'a' })
    const seen: string[] = []
    const error = await (async () => {
      for await (const event of stream) {
        seen.push(event.event)
        stream.abort()
      }
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(APIUserAbortError)
    expect(seen).toHaveLength(1)

    const controller = new AbortController()
    const second = client.runs.stream('t', { assistant_id: 'a' }, { signal: controller.signal })
    const pending = second.finalRun()
    setTimeout(() => controller.abort(), 5)
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError)
  })

  it('break before the first event aborts too', async () => {
    const { client, calls } = streamClient(() => sseResponse(textRun))
    const stream = client.runs.stream('t', { assistant_id: 'a' })
    const it = stream[Symbol.asyncIterator]()
    await it.return?.()
    await expect(stream.finalRun()).rejects.toBeInstanceOf(APIUserAbortError)
    expect(calls).toHaveLength(1)
  })

  it('a failed stream nobody reads raises nothing, and keeps its error for a later reader', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const failing = streamClient(() => jsonResponse({ error: { message: 'Nope.' } }, 400))
      const unread = failing.client.runs.stream('t', { assistant_id: 'a' })
      // A second stream down the same path, read to its end: once its 400 has arrived, so has
      // the first one's, which nobody reads.
      await expect(failing.client.runs.stream('t', { assistant_id: 'a' }).finalRun()).rejects.toBeInstanceOf(
        BadRequestError,
      )
      expect(failing.calls).toHaveLength(2)
      // Node reports unhandled rejections after the microtasks of a macrotask: one turn is enough.
      await new Promise((resolve) => setImmediate(resolve))
      expect(unhandled).toEqual([])
      expect(unread.snapshot()).toBe(emptyRunSnapshot)
      await expect(unread.finalRun()).rejects.toBeInstanceOf(BadRequestError)
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })
})

function cutStream(): Response {
  const encoder = new TextEncoder()
  let sent = false
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new TypeError('terminated'))
        sent = true
        controller.enqueue(encoder.encode(frame('thread.run.created', run())))
      },
    }),
    { headers: { 'content-type': 'text/event-stream' } },
  )
}

function endlessStream(signal: AbortSignal | undefined): Response {
  const encoder = new TextEncoder()
  let i = 0
  return new Response(
    new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (signal?.aborted) return controller.error(signal.reason)
        await new Promise((r) => setTimeout(r, 1))
        controller.enqueue(
          encoder.encode(frame(i++ === 0 ? 'thread.run.created' : 'thread.run.in_progress', run())),
        )
      },
    }),
  )
}
