/**
 * The client against the simulator, over real HTTP on 127.0.0.1 and through its in-process
 * fetch handler: every method, and every fault the simulator can inject. No test waits real
 * time: the simulator and the client both get a sleep that yields one macrotask.
 */
import { createSimulator, type Simulator } from '@runlens/simulator'
import { startSimulatorServer } from '@runlens/simulator/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  createRunsClient,
  InternalServerError,
  NotFoundError,
  pollDelay,
  RateLimitError,
  StreamError,
} from '../src/index.js'
import type { ClientOptions, FetchLike, Run, RunsClient, TextContent } from '../src/types.js'

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))
const FAULT = 'x-runlens-fault'
const fault = (value: string) => ({ headers: { [FAULT]: value } })

interface Target {
  simulator: Simulator
  baseURL: string
  /** The fetch the client should use: the handler in process, the platform's over HTTP. */
  fetch: FetchLike
  close(): Promise<void>
}

async function serve(
  name: 'in-process' | 'http',
  options: Parameters<typeof createSimulator>[0] = {},
): Promise<Target> {
  const simOptions = { sleep: nextTurn, ...options }
  if (name === 'http') {
    const server = await startSimulatorServer({ ...simOptions, port: 0 })
    return {
      simulator: server.simulator,
      baseURL: server.url,
      fetch: (url, init) => fetch(url, init),
      close: server.close,
    }
  }
  const simulator = createSimulator(simOptions)
  return { simulator, baseURL: 'http://simulator.test/v1', fetch: simulator.fetch, close: async () => {} }
}

describe.each(['in-process', 'http'] as const)('client <-> simulator (%s)', (name) => {
  let target: Target
  let client: RunsClient
  let requests: Array<{ method: string; url: string }>
  let sleeps: number[]
  let threadId: string

  const makeClient = (options: ClientOptions = {}) =>
    createRunsClient({
      baseURL: target.baseURL,
      fetch: (url, init) => {
        requests.push({ method: init.method ?? 'GET', url })
        return target.fetch(url, init)
      },
      sleep: async (ms) => {
        sleeps.push(ms)
        await nextTurn()
      },
      random: () => 0,
      ...options,
    })

  beforeAll(async () => {
    target = await serve(name)
  })
  afterAll(() => target.close())
  beforeEach(async () => {
    target.simulator.reset()
    requests = []
    sleeps = []
    client = makeClient()
    const thread = await client.threads.create({ messages: [{ role: 'user', content: 'Hello there' }] })
    threadId = thread.id
    // Each test counts its own requests.
    requests.length = 0
  })

  const asst = (scenario: string) => target.simulator.assistantId(scenario)
  const textOf = (content: unknown) => (content as TextContent).text.value

  it('stream: typed events, a snapshot equal to the server state, finalRun and finalMessages', async () => {
    const stream = client.runs.stream(threadId, { assistant_id: asst('text') })
    const names: string[] = []
    for await (const event of stream) names.push(event.event)
    expect(names[0]).toBe('thread.run.created')
    expect(names).toContain('thread.message.delta')
    expect(names.at(-1)).toBe('done')
    const run = await stream.finalRun()
    expect(run.status).toBe('completed')
    const [message] = await stream.finalMessages()
    expect(textOf(message?.content[0]).length).toBeGreaterThan(0)
    // What the stream built equals what the server now says.
    expect(await client.runs.retrieve(threadId, run.id)).toEqual(run)
    const steps = await client.runs.steps.list(threadId, run.id)
    expect(
      stream
        .snapshot()
        .steps.map((s) => s.id)
        .sort(),
    ).toEqual(steps.data.map((s) => s.id).sort())
  })

  it('stream with include[]: file search results carry their content', async () => {
    const stream = client.runs.stream(threadId, {
      assistant_id: asst('file_search'),
      include: ['step_details.tool_calls[*].file_search.results[*].content'],
    })
    const run = await stream.finalRun()
    expect(run.status).toBe('completed')
    expect(requests[0]?.url).toContain('include%5B%5D=step_details')
    const step = stream.snapshot().steps.find((s) => s.step_details.type === 'tool_calls')
    const listed = await client.runs.steps.retrieve(threadId, run.id, step!.id, {
      include: ['step_details.tool_calls[*].file_search.results[*].content'],
    })
    expect(listed.step_details).toMatchObject({ type: 'tool_calls' })
    expect(JSON.stringify(listed.step_details)).toContain('"content"')
  })

  it('createAndPoll, retrieve, update, cancel', async () => {
    const run = await client.runs.createAndPoll(threadId, {
      assistant_id: asst('text'),
      metadata: { a: '1' },
    })
    expect(run.status).toBe('completed')
    expect(run.metadata).toEqual({ a: '1' })
    expect(requests.filter((r) => r.method === 'GET').length).toBeGreaterThanOrEqual(1)
    const updated = await client.runs.update(threadId, run.id, { metadata: { b: '2' } })
    expect(updated.metadata).toEqual({ b: '2' })
    expect((await client.runs.retrieve(threadId, run.id)).metadata).toEqual({ b: '2' })

    // A run waiting for tool outputs stays put, so the cancel cannot race its completion.
    const slow = await client.runs.createAndPoll(threadId, { assistant_id: asst('function_call') })
    expect(slow.status).toBe('requires_action')
    const cancelling = await client.runs.cancel(threadId, slow.id)
    expect(['cancelling', 'cancelled']).toContain(cancelling.status)
    expect((await client.runs.poll(threadId, slow.id, { pollIntervalMs: 5 })).status).toBe('cancelled')
  })

  it('list: a page, nextPage, and for await over every page', async () => {
    const created: Run[] = []
    for (let i = 0; i < 5; i++) {
      created.push(await client.runs.createAndPoll(threadId, { assistant_id: asst('text') }))
    }
    const page = await client.runs.list(threadId, { limit: 2, order: 'asc' })
    expect(page.data.map((r) => r.id)).toEqual(created.slice(0, 2).map((r) => r.id))
    expect(page.hasMore).toBe(true)
    const second = await page.nextPage()
    expect(second?.data.map((r) => r.id)).toEqual(created.slice(2, 4).map((r) => r.id))
    const all: string[] = []
    for await (const run of client.runs.list(threadId, { limit: 2, order: 'asc' })) all.push(run.id)
    expect(all).toEqual(created.map((r) => r.id))
    const steps = []
    for await (const step of client.runs.steps.list(threadId, created[0]!.id, { limit: 1 })) steps.push(step)
    expect(steps.length).toBeGreaterThan(0)
  })

  it('threads.messages.list: the thread messages, filtered by run, paged, with the text the stream built', async () => {
    const first = client.runs.stream(threadId, { assistant_id: asst('text') })
    const firstRun = await first.finalRun()
    const [streamed] = await first.finalMessages()
    const second = await client.runs.createAndPoll(threadId, { assistant_id: asst('text') })

    const all = await client.threads.messages.list(threadId, { order: 'asc' })
    // The user's message, then one assistant message per run.
    expect(all.data.map((m) => m.role)).toEqual(['user', 'assistant', 'assistant'])
    const ofFirst = await client.threads.messages.list(threadId, { run_id: firstRun.id })
    expect(ofFirst.data.map((m) => m.id)).toEqual([streamed!.id])
    expect(textOf(ofFirst.data[0]!.content[0])).toBe(textOf(streamed!.content[0]))
    expect(requests.at(-1)?.url).toContain(`/threads/${threadId}/messages?run_id=${firstRun.id}`)
    const ofSecond = await client.threads.messages.list(threadId, { run_id: second.id })
    expect(ofSecond.data.map((m) => m.run_id)).toEqual([second.id])

    const walked: string[] = []
    for await (const m of client.threads.messages.list(threadId, { limit: 1, order: 'asc' }))
      walked.push(m.id)
    expect(walked).toEqual(all.data.map((m) => m.id))
    const backwards = await client.threads.messages.list(threadId, {
      before: all.data[2]!.id,
      order: 'asc',
      limit: 1,
    })
    expect(backwards.data.map((m) => m.id)).toEqual([all.data[1]!.id])
    await expect(client.threads.messages.list('thread_missing')).rejects.toBeInstanceOf(NotFoundError)
  })

  it('threads: create, retrieve, update, delete; a deleted thread is a NotFoundError', async () => {
    const thread = await client.threads.create({
      messages: [{ role: 'user', content: 'First words', metadata: { n: '1' } }],
      metadata: { topic: 'weather' },
    })
    expect(thread).toMatchObject({ object: 'thread', metadata: { topic: 'weather' } })
    expect(thread.id).toMatch(/^thread_/)
    expect(await client.threads.retrieve(thread.id)).toEqual(thread)
    const [first] = (await client.threads.messages.list(thread.id)).data
    expect(first).toMatchObject({ role: 'user', thread_id: thread.id, metadata: { n: '1' } })
    expect(textOf(first!.content[0])).toBe('First words')

    const updated = await client.threads.update(thread.id, { metadata: { topic: 'rain' } })
    expect(updated.metadata).toEqual({ topic: 'rain' })
    expect((await client.threads.retrieve(thread.id)).metadata).toEqual({ topic: 'rain' })

    // No body at all is an empty thread.
    const empty = await client.threads.create()
    expect((await client.threads.messages.list(empty.id)).data).toEqual([])

    expect(await client.threads.delete(thread.id)).toEqual({
      id: thread.id,
      object: 'thread.deleted',
      deleted: true,
    })
    expect(requests.at(-1)).toMatchObject({ method: 'DELETE' })
    await expect(client.threads.retrieve(thread.id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(client.threads.delete(thread.id)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('threads.messages: create, retrieve, then a run answers the new message', async () => {
    const message = await client.threads.messages.create(threadId, {
      role: 'user',
      content: [{ type: 'text', text: 'And tomorrow?' }],
      metadata: { from: 'test' },
    })
    expect(message).toMatchObject({ object: 'thread.message', thread_id: threadId, role: 'user' })
    expect(textOf(message.content[0])).toBe('And tomorrow?')
    expect(await client.threads.messages.retrieve(threadId, message.id)).toEqual(message)
    await expect(client.threads.messages.retrieve(threadId, 'msg_missing')).rejects.toBeInstanceOf(
      NotFoundError,
    )

    const run = await client.runs.createAndPoll(threadId, { assistant_id: asst('text') })
    const all = await client.threads.messages.list(threadId, { order: 'asc' })
    expect(all.data.map((m) => m.role)).toEqual(['user', 'user', 'assistant'])
    expect(all.data.at(-1)?.run_id).toBe(run.id)
  })

  it('threads.messages.create while a run is active: the server refuses, a BadRequestError', async () => {
    const slow = await client.runs.createAndPoll(threadId, { assistant_id: asst('function_call') })
    expect(slow.status).toBe('requires_action')
    await expect(
      client.threads.messages.create(threadId, { role: 'user', content: 'Too soon' }),
    ).rejects.toBeInstanceOf(BadRequestError)
  })

  it('threads.createAndRun: a new thread with its messages, and a run on it', async () => {
    const run = await client.threads.createAndRun({
      assistant_id: asst('text'),
      thread: { messages: [{ role: 'user', content: 'Hi' }], metadata: { via: 'createAndRun' } },
      metadata: { run: '1' },
    })
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `POST ${new URL(`${target.baseURL}/threads/runs`).pathname}`,
    ])
    expect(run).toMatchObject({ object: 'thread.run', assistant_id: asst('text'), metadata: { run: '1' } })
    expect(run.thread_id).not.toBe(threadId)
    const thread = await client.threads.retrieve(run.thread_id)
    expect(thread.metadata).toEqual({ via: 'createAndRun' })
    const settled = await client.runs.poll(run.thread_id, run.id)
    expect(settled.status).toBe('completed')
    const messages = await client.threads.messages.list(run.thread_id, { order: 'asc' })
    expect(messages.data.map((m) => m.role)).toEqual(['user', 'assistant'])
  })

  it('threads.createAndRunStream: thread.created, then the run events, to [DONE]', async () => {
    const stream = client.threads.createAndRunStream({
      assistant_id: asst('text'),
      thread: { messages: [{ role: 'user', content: 'Stream it' }] },
    })
    const names: string[] = []
    let createdThreadId: string | undefined
    for await (const event of stream) {
      names.push(event.event)
      if (event.event === 'thread.created') createdThreadId = event.data.id
    }
    expect(names[0]).toBe('thread.created')
    expect(names[1]).toBe('thread.run.created')
    expect(names).toContain('thread.message.delta')
    expect(names.at(-1)).toBe('done')
    const run = await stream.finalRun()
    expect(run.status).toBe('completed')
    expect(run.thread_id).toBe(createdThreadId)
    // What the stream built equals what the server now says.
    expect(await client.runs.retrieve(run.thread_id, run.id)).toEqual(run)
    const [streamed] = await stream.finalMessages()
    const listed = await client.threads.messages.list(run.thread_id, { run_id: run.id })
    expect(listed.data.map((m) => m.id)).toEqual([streamed!.id])
    expect(textOf(listed.data[0]!.content[0])).toBe(textOf(streamed!.content[0]))
    expect(requests).toHaveLength(3)
  })

  it('threads.createAndRunPoll: polled on the new thread until requires_action', async () => {
    const run = await client.threads.createAndRunPoll(
      { assistant_id: asst('function_call'), thread: { messages: [{ role: 'user', content: 'Weather?' }] } },
      { pollIntervalMs: 5 },
    )
    expect(run.status).toBe('requires_action')
    expect(run.required_action?.submit_tool_outputs.tool_calls[0]?.function.name).toBe('get_current_weather')
    // One create, then retrieves of the run on the thread the create made.
    const paths = requests.map(
      (r) => `${r.method} ${new URL(r.url).pathname.replace(/^.*\/threads/, '/threads')}`,
    )
    expect(paths[0]).toBe('POST /threads/runs')
    expect(paths.length).toBeGreaterThan(1)
    expect(new Set(paths.slice(1))).toEqual(new Set([`GET /threads/${run.thread_id}/runs/${run.id}`]))
    expect(sleeps.every((ms) => ms === 5)).toBe(true)
    const call = run.required_action!.submit_tool_outputs.tool_calls[0]!
    const done = await client.runs.submitToolOutputsAndPoll(run.thread_id, run.id, {
      tool_outputs: [{ tool_call_id: call.id, output: '{"celsius":21}' }],
    })
    expect(done.status).toBe('completed')
  })

  it('function call: requires_action, then submitToolOutputsStream to completion', async () => {
    const first = await client.runs.stream(threadId, { assistant_id: asst('function_call') }).finalRun()
    expect(first.status).toBe('requires_action')
    const call = first.required_action!.submit_tool_outputs.tool_calls[0]!
    expect(call.function.name).toBe('get_current_weather')
    const stream = client.runs.submitToolOutputsStream(threadId, first.id, {
      tool_outputs: [{ tool_call_id: call.id, output: '{"temperature":21}' }],
    })
    expect((await stream.finalRun()).status).toBe('completed')
    expect(textOf((await stream.finalMessages())[0]?.content[0]).length).toBeGreaterThan(0)
  })

  it('function call: submitToolOutputsAndPoll and submitToolOutputs', async () => {
    const first = await client.runs.createAndPoll(threadId, { assistant_id: asst('parallel_function_calls') })
    expect(first.status).toBe('requires_action')
    const outputs = first.required_action!.submit_tool_outputs.tool_calls.map((c) => ({
      tool_call_id: c.id,
      output: 'ok',
    }))
    expect(outputs).toHaveLength(2)
    expect(
      (await client.runs.submitToolOutputsAndPoll(threadId, first.id, { tool_outputs: outputs })).status,
    ).toBe('completed')

    const second = await client.runs.createAndPoll(threadId, { assistant_id: asst('function_call') })
    const call = second.required_action!.submit_tool_outputs.tool_calls[0]!
    const submitted = await client.runs.submitToolOutputs(threadId, second.id, {
      tool_outputs: [{ tool_call_id: call.id, output: 'ok' }],
    })
    expect(['queued', 'in_progress', 'completed']).toContain(submitted.status)
  })

  it('a stream error event: the events before it, then an APIError; recorded in the snapshot', async () => {
    const stream = client.runs.stream(threadId, { assistant_id: asst('stream_error') })
    const seen: string[] = []
    const error = await (async () => {
      for await (const event of stream) seen.push(event.event)
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(APIError)
    expect(seen.at(-1)).toBe('error')
    expect(seen).toContain('thread.message.delta')
    expect(stream.snapshot().error?.message).toBeTruthy()
  })

  it('a failed run is a normal end of the stream', async () => {
    const run = await client.runs.stream(threadId, { assistant_id: asst('server_error') }).finalRun()
    expect(run.status).toBe('failed')
    expect(run.last_error?.code).toBe('server_error')
  })

  describe('faults', () => {
    it('503 twice, then success: three requests, growing backoff', async () => {
      const run = await client.runs.create(
        threadId,
        { assistant_id: asst('text') },
        fault('status=503;times=2'),
      )
      expect(run.object).toBe('thread.run')
      expect(requests).toHaveLength(3)
      expect(sleeps).toEqual([500, 1000])
    })

    it('retry-after (seconds) and retry-after-ms are honoured', async () => {
      await client.runs.list(threadId, {}, fault('status=429;retry-after=1;times=1'))
      expect(sleeps).toEqual([1000])
      sleeps.length = 0
      await client.runs.list(threadId, {}, fault('status=429;retry-after-ms=20;times=1'))
      expect(sleeps).toEqual([20])
    })

    it('gives up after maxRetries with the typed error and the request id', async () => {
      const error = await client.runs.list(threadId, {}, fault('status=500')).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InternalServerError)
      expect((error as APIError).requestId).toMatch(/\S/)
      expect(requests).toHaveLength(3)
      const limited = await client.runs
        .list(threadId, {}, { ...fault('status=429'), maxRetries: 1 })
        .catch((e: unknown) => e)
      expect(limited).toBeInstanceOf(RateLimitError)
      expect((limited as APIError).code).toBe('rate_limit_exceeded')
    })

    it('a 400 is not retried', async () => {
      const error = await client.runs
        .retrieve(threadId, 'run_x', fault('status=400'))
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(BadRequestError)
      expect(requests).toHaveLength(1)
    })

    it('a stream error status is retried before the body starts', async () => {
      const run = await client.runs
        .stream(threadId, { assistant_id: asst('text') }, fault('status=502;times=1'))
        .finalRun()
      expect(run.status).toBe('completed')
      expect(requests).toHaveLength(2)
    })

    it('a cut stream: StreamError ended_early, never retried once the body started', async () => {
      const stream = client.runs.stream(threadId, { assistant_id: asst('text') }, fault('cut-after=5'))
      const error = await stream.finalRun().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StreamError)
      expect(error).toMatchObject({ reason: 'ended_early' })
      expect(requests).toHaveLength(1)
      expect(stream.snapshot().run).not.toBeNull()
    })

    it('a stalled stream is ended by abort, with APIUserAbortError', async () => {
      const controller = new AbortController()
      const stream = client.runs.stream(
        threadId,
        { assistant_id: asst('text') },
        { ...fault('stall-after=4'), signal: controller.signal },
      )
      let count = 0
      const error = await (async () => {
        for await (const _event of stream) if (++count === 4) controller.abort()
      })().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(APIUserAbortError)
      expect(count).toBe(4)
    })

    it('leaving a for await early ends a stalled stream', async () => {
      const stream = client.runs.stream(threadId, { assistant_id: asst('text') }, fault('stall-after=2'))
      for await (const _event of stream) break
      await expect(stream.finalRun()).rejects.toBeInstanceOf(APIUserAbortError)
    })
  })

  it('errors of the API: 404 for an unknown run, ids with / stay in their segment', async () => {
    await expect(client.runs.retrieve(threadId, 'run_missing')).rejects.toBeInstanceOf(NotFoundError)
    const error = await client.runs.retrieve(threadId, '../../threads').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect(requests.at(-1)?.url).toContain('/runs/..%2F..%2Fthreads')
  })
})

describe.each(['in-process', 'http'] as const)('timeouts, keys, Azure style (%s)', (name) => {
  it('a response slower than timeoutMs is an APITimeoutError, retried, then given up', async () => {
    // The simulator's latency is a sleep that never ends by itself: only the client's timeout
    // (30 ms per attempt) can end each attempt, so settling at all proves the client gave up on
    // its own rather than waiting for the response. No clock is read.
    const latencies: number[] = []
    const release: Array<() => void> = []
    const target = await serve(name, {
      sleep: (ms) => {
        latencies.push(ms)
        return new Promise<void>((resolve) => release.push(resolve))
      },
    })
    try {
      let calls = 0
      const waits: number[] = []
      const client = createRunsClient({
        baseURL: target.baseURL,
        fetch: (url, init) => {
          calls++
          return target.fetch(url, init)
        },
        timeoutMs: 30,
        maxRetries: 1,
        sleep: async (ms) => {
          waits.push(ms)
        },
        random: () => 0,
      })
      await expect(client.runs.list('thread_x', {}, fault('latency-ms=2000'))).rejects.toBeInstanceOf(
        APITimeoutError,
      )
      expect(calls).toBe(2)
      // Both attempts were held by the 2 s latency; one backoff wait (injected) between them.
      expect(latencies).toEqual([2000, 2000])
      expect(waits).toEqual([500])
    } finally {
      for (const resolve of release) resolve()
      await target.close()
    }
  })

  it('Bearer only with an apiKey; Azure-style header and query pass through', async () => {
    const target = await serve(name, { apiKey: 'sk-sim' })
    try {
      const anonymous = createRunsClient({ baseURL: target.baseURL, fetch: target.fetch, maxRetries: 0 })
      await expect(anonymous.runs.list('thread_x')).rejects.toBeInstanceOf(AuthenticationError)
      let seen: Headers | undefined
      let url = ''
      const keyed = createRunsClient({
        baseURL: target.baseURL,
        apiKey: 'sk-sim',
        headers: { 'api-key': 'azure' },
        query: { 'api-version': '2024-05-01-preview' },
        fetch: (u, init) => {
          url = u
          seen = new Headers(init.headers)
          return target.fetch(u, init)
        },
      })
      await expect(keyed.runs.list('thread_missing')).rejects.toBeInstanceOf(NotFoundError)
      expect(seen?.get('api-key')).toBe('azure')
      expect(seen?.get('authorization')).toBe('Bearer sk-sim')
      expect(new URL(url).searchParams.get('api-version')).toBe('2024-05-01-preview')
    } finally {
      await target.close()
    }
  })
})

describe('onResponse through the in-process handler', () => {
  it('each response of a poll: openai-poll-after-ms read through pollDelay, as the hooks do', async () => {
    const simulator = createSimulator({ sleep: nextTurn, pollAfterMs: 40 })
    const client = createRunsClient({
      baseURL: 'http://simulator.test/v1',
      fetch: simulator.fetch,
      sleep: nextTurn,
    })
    const { id: threadId } = await client.threads.create({ messages: [{ role: 'user', content: 'Hi' }] })
    const delays: number[] = []
    const run = await client.runs.createAndPoll(
      threadId,
      { assistant_id: simulator.assistantId('text') },
      { onResponse: (r) => void delays.push(pollDelay(undefined, r.headers)) },
    )
    expect(run.status).toBe('completed')
    // The create and at least one retrieve, each telling its wait.
    expect(delays.length).toBeGreaterThanOrEqual(2)
    expect(new Set(delays)).toEqual(new Set([40]))
  })
})
