import { describe, expect, it, vi } from 'vitest'
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createRunsClient,
  InternalServerError,
  InvalidParamError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  StreamError,
  UnprocessableEntityError,
} from '../src/index.js'
import { defaultSleep } from '../src/sleep.js'
import type { ClientOptions } from '../src/types.js'
import { fakeFetch, jsonResponse, run, sseResponse } from './helpers.js'

function clientWith(respond: Parameters<typeof fakeFetch>[0], options: ClientOptions = {}) {
  const fake = fakeFetch(respond)
  const sleeps: number[] = []
  const client = createRunsClient({
    baseURL: 'http://sim.test/v1',
    fetch: fake.fetch,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 0,
    ...options,
  })
  return { client, calls: fake.calls, sleeps }
}

describe('requests', () => {
  it('sends OpenAI-Beta always, Bearer only with an apiKey, JSON body, include[] in the query', async () => {
    const { client, calls } = clientWith(() => jsonResponse(run()), { apiKey: 'sk-test' })
    await client.runs.create('thread_1', {
      assistant_id: 'asst_1',
      include: ['step_details.tool_calls[*].file_search.results[*].content'],
      metadata: { a: 'b' },
    })
    const call = calls[0]!
    expect(call.method).toBe('POST')
    const url = new URL(call.url)
    expect(url.pathname).toBe('/v1/threads/thread_1/runs')
    expect(url.searchParams.getAll('include[]')).toEqual([
      'step_details.tool_calls[*].file_search.results[*].content',
    ])
    expect(call.headers.get('openai-beta')).toBe('assistants=v2')
    expect(call.headers.get('authorization')).toBe('Bearer sk-test')
    expect(call.headers.get('content-type')).toBe('application/json')
    expect(call.body).toEqual({ assistant_id: 'asst_1', metadata: { a: 'b' } })

    const anonymous = clientWith(() => jsonResponse(run()))
    await anonymous.client.runs.retrieve('thread_1', 'run_1')
    expect(anonymous.calls[0]!.headers.has('authorization')).toBe(false)
    expect(anonymous.calls[0]!.headers.get('openai-beta')).toBe('assistants=v2')
  })

  it('Azure style: api-key header and api-version query, per call overrides', async () => {
    const { client, calls } = clientWith(() => jsonResponse(run()), {
      baseURL: 'https://x.openai.azure.com/openai/',
      headers: { 'api-key': 'azure-key' },
      query: { 'api-version': '2024-05-01-preview' },
    })
    await client.runs.retrieve('thread_1', 'run_1')
    await client.runs.retrieve('thread_1', 'run_1', {
      headers: { 'x-extra': '1', 'api-key': null },
      query: { 'api-version': 'v2' },
    })
    const first = new URL(calls[0]!.url)
    expect(first.origin + first.pathname).toBe(
      'https://x.openai.azure.com/openai/threads/thread_1/runs/run_1',
    )
    expect(first.searchParams.get('api-version')).toBe('2024-05-01-preview')
    expect(calls[0]!.headers.get('api-key')).toBe('azure-key')
    expect(new URL(calls[1]!.url).searchParams.getAll('api-version')).toEqual(['v2'])
    expect(calls[1]!.headers.get('x-extra')).toBe('1')
    expect(calls[1]!.headers.has('api-key')).toBe(false)
  })

  it('keeps a query already in the base URL and accepts a relative base URL', async () => {
    const { client, calls } = clientWith(() => jsonResponse(run()), { baseURL: '/api/openai?tenant=7' })
    await client.runs.retrieve('t', 'r')
    expect(calls[0]!.url).toBe('/api/openai/threads/t/runs/r?tenant=7')
  })

  it('every method: method, path and body', async () => {
    const list = { object: 'list', data: [], first_id: null, last_id: null, has_more: false }
    const { client, calls } = clientWith((call) =>
      jsonResponse(
        call.url.includes('/steps') && !call.url.includes('/steps/')
          ? list
          : call.url.endsWith('/runs?limit=2')
            ? list
            : run({ status: 'completed' }),
      ),
    )
    await client.runs.update('t', 'r', { metadata: { k: 'v' } })
    await client.runs.list('t', { limit: 2 })
    await client.runs.cancel('t', 'r')
    await client.runs.submitToolOutputs('t', 'r', { tool_outputs: [{ tool_call_id: 'c', output: 'o' }] })
    await client.runs.steps.list('t', 'r', { include: ['x'], order: 'asc' })
    await client.runs.steps.retrieve('t', 'r', 's', { include: ['x'] })
    const seen = calls.map((c) => `${c.method} ${c.url.replace('http://sim.test/v1', '')}`)
    expect(seen).toEqual([
      'POST /threads/t/runs/r',
      'GET /threads/t/runs?limit=2',
      'POST /threads/t/runs/r/cancel',
      'POST /threads/t/runs/r/submit_tool_outputs',
      'GET /threads/t/runs/r/steps?order=asc&include%5B%5D=x',
      'GET /threads/t/runs/r/steps/s?include%5B%5D=x',
    ])
    expect(calls[0]!.body).toEqual({ metadata: { k: 'v' } })
    expect(calls[3]!.body).toEqual({ tool_outputs: [{ tool_call_id: 'c', output: 'o' }] })
  })
})

describe('threads', () => {
  const thread = { id: 'thread_1', object: 'thread', created_at: 1, metadata: {}, tool_resources: {} }

  it('every method: method, path and body', async () => {
    const { client, calls } = clientWith((call) => {
      if (call.method === 'DELETE')
        return jsonResponse({ id: 'thread_1', object: 'thread.deleted', deleted: true })
      if (call.url.includes('/runs')) return jsonResponse(run({ status: 'completed' }))
      if (call.url.includes('/messages')) return jsonResponse({ id: 'msg_1', object: 'thread.message' })
      return jsonResponse(thread)
    })
    expect(await client.threads.create()).toEqual(thread)
    await client.threads.create({ messages: [{ role: 'user', content: 'Hi' }], metadata: { a: 'b' } })
    await client.threads.retrieve('thread_1')
    await client.threads.update('thread_1', { metadata: { c: 'd' } })
    expect(await client.threads.delete('thread_1')).toEqual({
      id: 'thread_1',
      object: 'thread.deleted',
      deleted: true,
    })
    await client.threads.messages.create('thread_1', { role: 'user', content: 'More' })
    await client.threads.messages.retrieve('thread_1', 'msg_1')
    await client.threads.createAndRun({ assistant_id: 'asst_1', thread: { messages: [] } })
    const seen = calls.map((c) => `${c.method} ${c.url.replace('http://sim.test/v1', '')}`)
    expect(seen).toEqual([
      'POST /threads',
      'POST /threads',
      'GET /threads/thread_1',
      'POST /threads/thread_1',
      'DELETE /threads/thread_1',
      'POST /threads/thread_1/messages',
      'GET /threads/thread_1/messages/msg_1',
      'POST /threads/runs',
    ])
    expect(calls.map((c) => c.body)).toEqual([
      {},
      { messages: [{ role: 'user', content: 'Hi' }], metadata: { a: 'b' } },
      undefined,
      { metadata: { c: 'd' } },
      undefined,
      { role: 'user', content: 'More' },
      undefined,
      { assistant_id: 'asst_1', thread: { messages: [] } },
    ])
    // A request without a body says no content type; every one is an Assistants v2 request.
    expect(calls[4]!.headers.has('content-type')).toBe(false)
    expect(calls.every((c) => c.headers.get('openai-beta') === 'assistants=v2')).toBe(true)
  })

  it('createAndRunStream posts stream: true to /threads/runs and yields thread.created first', async () => {
    const { client, calls } = clientWith(() =>
      sseResponse(
        `event: thread.created\ndata: ${JSON.stringify(thread)}\n\n` +
          `event: thread.run.created\ndata: ${JSON.stringify(run({ status: 'completed' }))}\n\n` +
          'event: done\ndata: [DONE]\n\n',
      ),
    )
    const stream = client.threads.createAndRunStream({ assistant_id: 'asst_1' })
    const names: string[] = []
    for await (const event of stream) names.push(event.event)
    expect(names).toEqual(['thread.created', 'thread.run.created', 'done'])
    expect(calls[0]!.url).toBe('http://sim.test/v1/threads/runs')
    expect(calls[0]!.body).toEqual({ assistant_id: 'asst_1', stream: true })
    expect(calls[0]!.headers.get('accept')).toBe('text/event-stream')
    expect((await stream.finalRun()).status).toBe('completed')
  })

  it('createAndRunPoll polls the run on the thread the request created', async () => {
    const statuses = ['queued', 'in_progress', 'requires_action']
    const { client, calls, sleeps } = clientWith((_, i) =>
      jsonResponse(run({ id: 'run_9', thread_id: 'thread_new', status: statuses[i] })),
    )
    const result = await client.threads.createAndRunPoll({ assistant_id: 'a' }, { pollIntervalMs: 7 })
    expect(result.status).toBe('requires_action')
    expect(calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual([
      'POST /v1/threads/runs',
      'GET /v1/threads/thread_new/runs/run_9',
      'GET /v1/threads/thread_new/runs/run_9',
    ])
    expect(sleeps).toEqual([7, 7])
  })

  it('checks ids and metadata before any request, as rejections', async () => {
    const { client, calls } = clientWith(() => jsonResponse(thread))
    const many = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']))
    await expect(client.threads.retrieve('')).rejects.toMatchObject({ param: 'threadId' })
    await expect(client.threads.update('..', {})).rejects.toMatchObject({ param: 'threadId' })
    await expect(client.threads.delete(' ')).rejects.toMatchObject({ param: 'threadId' })
    await expect(client.threads.messages.create('', { role: 'user', content: 'x' })).rejects.toMatchObject({
      param: 'threadId',
    })
    await expect(client.threads.messages.retrieve('t', '')).rejects.toMatchObject({ param: 'messageId' })
    await expect(client.threads.create({ metadata: many })).rejects.toMatchObject({ param: 'metadata' })
    await expect(
      client.threads.create({ messages: [{ role: 'user', content: 'x', metadata: many }] }),
    ).rejects.toMatchObject({ param: 'messages[0].metadata' })
    await expect(client.threads.update('t', { metadata: many })).rejects.toMatchObject({ param: 'metadata' })
    await expect(
      client.threads.messages.create('t', { role: 'user', content: 'x', metadata: many }),
    ).rejects.toMatchObject({ param: 'metadata' })
    await expect(client.threads.createAndRun({ assistant_id: 'a', metadata: many })).rejects.toMatchObject({
      param: 'metadata',
    })
    await expect(
      client.threads.createAndRunPoll({ assistant_id: 'a', thread: { metadata: many } }),
    ).rejects.toMatchObject({ param: 'thread.metadata' })
    await expect(
      client.threads
        .createAndRunStream({
          assistant_id: 'a',
          thread: {
            messages: [
              { role: 'user', content: 'x' },
              { role: 'user', content: 'y', metadata: many },
            ],
          },
        })
        .finalRun(),
    ).rejects.toMatchObject({ name: 'InvalidParamError', param: 'thread.messages[1].metadata' })
    expect(calls).toHaveLength(0)
  })
})

describe('checks before any request', () => {
  const { client, calls } = clientWith(() => jsonResponse(run()))

  it('names an empty id', async () => {
    await expect(client.runs.retrieve('', 'r')).rejects.toMatchObject({
      name: 'InvalidParamError',
      param: 'threadId',
    })
    await expect(client.runs.retrieve('t', '  ')).rejects.toMatchObject({ param: 'runId' })
    await expect(client.runs.steps.retrieve('t', 'r', '')).rejects.toMatchObject({ param: 'stepId' })
    await expect(client.runs.steps.list('t', '')).rejects.toMatchObject({ param: 'runId' })
    await expect(client.runs.list('')).rejects.toBeInstanceOf(InvalidParamError)
    await expect(client.runs.poll('t', '')).rejects.toMatchObject({ param: 'runId' })
    await expect(client.runs.stream('', { assistant_id: 'a' }).finalRun()).rejects.toMatchObject({
      param: 'threadId',
    })
    await expect(client.runs.retrieve('..', 'r')).rejects.toMatchObject({ param: 'threadId' })
    await expect(client.runs.retrieve('t', '.')).rejects.toMatchObject({ param: 'runId' })
    // The message names the parameter, the value and the rule.
    await expect(client.runs.retrieve('', 'r')).rejects.toThrow('threadId must be a non-empty string, got ""')
    await expect(client.runs.retrieve(undefined as unknown as string, 'r')).rejects.toThrow(
      'threadId must be a non-empty string, got undefined',
    )
    await expect(client.runs.retrieve('t', '..')).rejects.toThrow(
      'runId cannot be "..": URL parsers resolve it into another path',
    )
    await expect(client.threads.messages.list('')).rejects.toMatchObject({ param: 'threadId' })
    await expect(client.threads.messages.list('..', { run_id: 'r' })).rejects.toMatchObject({
      param: 'threadId',
    })
    expect(calls).toHaveLength(0)
  })

  it('encodes ids so that they stay in their segment', async () => {
    await client.runs.retrieve('a/../b', 'r?x=1#y')
    expect(calls.at(-1)!.url).toBe('http://sim.test/v1/threads/a%2F..%2Fb/runs/r%3Fx%3D1%23y')
    calls.length = 0
  })

  it('metadata limits and tool outputs', async () => {
    const many = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']))
    await expect(client.runs.update('t', 'r', { metadata: many })).rejects.toMatchObject({
      param: 'metadata',
      message: 'metadata has 17 keys; the API allows at most 16',
    })
    await expect(
      client.runs.create('t', { assistant_id: 'a', metadata: { ['k'.repeat(65)]: 'v' } }),
    ).rejects.toMatchObject({
      param: 'metadata',
      message: `metadata key "${'k'.repeat(64)}..." is 65 characters long; the API allows at most 64`,
    })
    await expect(
      client.runs.create('t', { assistant_id: 'a', metadata: { k: 'v'.repeat(513) } }),
    ).rejects.toMatchObject({
      param: 'metadata',
      message: 'metadata value of "k" is 513 characters long; the API allows at most 512',
    })
    await expect(
      client.runs.update('t', 'r', { metadata: { n: 1 } as unknown as Record<string, string> }),
    ).rejects.toMatchObject({ param: 'metadata', message: 'metadata value of "n" must be a string, got 1' })
    await expect(
      client.runs.update('t', 'r', { metadata: ['v'] as unknown as Record<string, string> }),
    ).rejects.toMatchObject({
      param: 'metadata',
      message: 'metadata must be an object of string values, got an array',
    })
    await expect(
      client.runs.create('t', {
        assistant_id: 'a',
        additional_messages: [{ role: 'user', content: 'x', metadata: many }],
      }),
    ).rejects.toMatchObject({ param: 'additional_messages[0].metadata' })
    await expect(client.runs.submitToolOutputs('t', 'r', { tool_outputs: [] })).rejects.toMatchObject({
      param: 'tool_outputs',
      message: 'tool_outputs must hold at least one output, one per tool call of run.required_action',
    })
    await expect(
      client.runs.submitToolOutputsAndPoll('t', 'r', { tool_outputs: [{ tool_call_id: '', output: 'x' }] }),
    ).rejects.toMatchObject({ param: 'tool_outputs[0].tool_call_id' })
    await expect(
      client.runs.submitToolOutputsStream('t', 'r', { tool_outputs: [] }).finalRun(),
    ).rejects.toBeInstanceOf(InvalidParamError)
    // Exactly at the limits is fine.
    const sixteen = Object.fromEntries(
      Array.from({ length: 16 }, (_, i) => [`${i}`.padEnd(64, 'k'), 'v'.repeat(512)]),
    )
    await client.runs.update('t', 'r', { metadata: sixteen })
    expect(calls).toHaveLength(1)
  })
})

describe('errors', () => {
  const cases: Array<[number, typeof APIError]> = [
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [418, APIError],
  ]
  it.each(cases)('%i -> %o, with the server fields', async (status, Class) => {
    const { client } = clientWith(
      () =>
        jsonResponse(
          { error: { message: 'Nope.', type: 'invalid_request_error', param: 'assistant_id', code: 'bad' } },
          status,
          { 'x-request-id': 'req_123' },
        ),
      { maxRetries: 0 },
    )
    const error = await client.runs.retrieve('t', 'r').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Class)
    expect(error).toBeInstanceOf(APIError)
    expect(error).toMatchObject({
      status,
      message: `${status} Nope.`,
      code: 'bad',
      type: 'invalid_request_error',
      param: 'assistant_id',
      requestId: 'req_123',
    })
    expect((error as APIError).headers?.get('x-request-id')).toBe('req_123')
  })

  it('a body that is not JSON becomes the message; no body says so', async () => {
    const { client } = clientWith(() => new Response('Bad gateway', { status: 502 }), { maxRetries: 0 })
    await expect(client.runs.retrieve('t', 'r')).rejects.toMatchObject({
      status: 502,
      message: '502 Bad gateway',
    })
    const empty = clientWith(() => new Response(null, { status: 404 }), { maxRetries: 0 }).client
    await expect(empty.runs.retrieve('t', 'r')).rejects.toMatchObject({
      status: 404,
      message: '404 status code (no body)',
    })
  })

  it('a 200 that is not JSON is a StreamError', async () => {
    const { client } = clientWith(() => new Response('<html>', { status: 200 }))
    await expect(client.runs.retrieve('t', 'r')).rejects.toMatchObject({
      name: 'StreamError',
      reason: 'invalid_json',
    })
  })
})

describe('retries', () => {
  it('retries 408, 409, 429 and 5xx up to maxRetries, with growing backoff', async () => {
    for (const status of [408, 409, 429, 500, 503]) {
      const { client, calls, sleeps } = clientWith(() => jsonResponse({ error: { message: 'x' } }, status))
      await expect(client.runs.retrieve('t', 'r')).rejects.toBeInstanceOf(APIError)
      expect(calls).toHaveLength(3)
      expect(sleeps).toEqual([500, 1000])
    }
  })

  it('does not retry 400, 401, 403, 404, 422', async () => {
    for (const status of [400, 401, 403, 404, 422]) {
      const { client, calls } = clientWith(() => jsonResponse({ error: { message: 'x' } }, status))
      await expect(client.runs.retrieve('t', 'r')).rejects.toBeInstanceOf(APIError)
      expect(calls).toHaveLength(1)
    }
  })

  it('succeeds after failures, honours retry-after-ms, retry-after seconds and dates', async () => {
    const answers = [
      jsonResponse({}, 429, { 'retry-after-ms': '250' }),
      jsonResponse({}, 503, { 'retry-after': '2' }),
      jsonResponse({}, 503, { 'retry-after': new Date(1_000_000 + 3000).toUTCString() }),
      jsonResponse(run()),
    ]
    const { client, calls, sleeps } = clientWith((_, i) => answers[i]!, {
      maxRetries: 5,
      now: () => 1_000_000,
    })
    expect((await client.runs.retrieve('t', 'r')).id).toBe('run_1')
    expect(calls).toHaveLength(4)
    expect(sleeps).toEqual([250, 2000, 3000])
  })

  it('a retry-after over a minute gives the error to the caller', async () => {
    const { client, calls } = clientWith(() => jsonResponse({}, 429, { 'retry-after': '120' }))
    await expect(client.runs.retrieve('t', 'r')).rejects.toBeInstanceOf(RateLimitError)
    expect(calls).toHaveLength(1)
  })

  it('x-should-retry overrides the status both ways', async () => {
    const forced = clientWith(() => jsonResponse({}, 400, { 'x-should-retry': 'true' }))
    await expect(forced.client.runs.retrieve('t', 'r')).rejects.toBeInstanceOf(BadRequestError)
    expect(forced.calls).toHaveLength(3)
    const refused = clientWith(() => jsonResponse({}, 503, { 'x-should-retry': 'false' }))
    await expect(refused.client.runs.retrieve('t', 'r')).rejects.toBeInstanceOf(InternalServerError)
    expect(refused.calls).toHaveLength(1)
  })

  it('retries network errors, then gives an APIConnectionError with the cause', async () => {
    const { client, calls } = clientWith(() => {
      throw new TypeError('fetch failed')
    })
    const error = await client.runs.retrieve('t', 'r').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(APIConnectionError)
    expect((error as Error).cause).toBeInstanceOf(TypeError)
    expect(calls).toHaveLength(3)
  })

  it('per-call maxRetries', async () => {
    const { client, calls } = clientWith(() => jsonResponse({}, 500))
    await expect(client.runs.retrieve('t', 'r', { maxRetries: 0 })).rejects.toBeInstanceOf(
      InternalServerError,
    )
    expect(calls).toHaveLength(1)
  })
})

describe('timeout and abort', () => {
  const never = () => new Promise<Response>(() => {})

  it('times out until the headers, even with a fetch that ignores its signal', async () => {
    const { client, calls } = clientWith(never, { timeoutMs: 20, maxRetries: 1 })
    await expect(client.runs.retrieve('t', 'r')).rejects.toBeInstanceOf(APITimeoutError)
    expect(calls).toHaveLength(2)
  })

  it('aborts a request in flight and a retry wait', async () => {
    const { client } = clientWith(never)
    const controller = new AbortController()
    const pending = client.runs.retrieve('t', 'r', { signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError)

    const waiting = new AbortController()
    const slow = clientWith(() => jsonResponse({}, 500), {
      sleep: (_ms, signal) =>
        new Promise((_, reject) => {
          signal?.addEventListener('abort', () => reject(new Error('aborted')))
          waiting.abort()
        }),
    })
    await expect(slow.client.runs.retrieve('t', 'r', { signal: waiting.signal })).rejects.toBeInstanceOf(
      APIUserAbortError,
    )
    expect(slow.calls).toHaveLength(1)
  })

  it('an already aborted signal sends nothing', async () => {
    const { client, calls } = clientWith(() => jsonResponse(run()))
    await expect(client.runs.retrieve('t', 'r', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      APIUserAbortError,
    )
    expect(calls).toHaveLength(0)
  })
})

describe('the default sleep', () => {
  it('resolves after its time; an abort rejects at once and clears its timer', async () => {
    vi.useFakeTimers()
    try {
      let slept = false
      void defaultSleep(1000).then(() => {
        slept = true
      })
      await vi.advanceTimersByTimeAsync(999)
      expect(slept).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      expect(slept).toBe(true)

      const controller = new AbortController()
      const waiting = defaultSleep(60_000, controller.signal)
      expect(vi.getTimerCount()).toBe(1)
      controller.abort()
      await expect(waiting).rejects.toBeInstanceOf(APIUserAbortError)
      // No timer is left to run out after the abort.
      expect(vi.getTimerCount()).toBe(0)
      await expect(defaultSleep(10, AbortSignal.abort())).rejects.toBeInstanceOf(APIUserAbortError)
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('browser', () => {
  it('refuses an apiKey in a browser unless dangerouslyAllowBrowser', () => {
    const scope = globalThis as { window?: unknown; document?: unknown }
    scope.window = {}
    scope.document = {}
    try {
      // The message explains the pattern to follow, not only the refusal.
      expect(() => createRunsClient({ apiKey: 'sk' })).toThrow(
        /readable by anyone.*baseURL at a proxy of your own that adds the Authorization header.*dangerouslyAllowBrowser: true/,
      )
      expect(() => createRunsClient({ apiKey: 'sk' })).toThrow(expect.objectContaining({ param: 'apiKey' }))
      expect(() => createRunsClient({ apiKey: 'sk', dangerouslyAllowBrowser: true })).not.toThrow()
      expect(() => createRunsClient({ baseURL: '/api/openai' })).not.toThrow()
    } finally {
      delete scope.window
      delete scope.document
    }
    expect(() => createRunsClient({ apiKey: 'sk' })).not.toThrow()
  })
})

describe('polling', () => {
  it('createAndPoll waits for openai-poll-after-ms, then the default, and stops at a settled status', async () => {
    const statuses = ['queued', 'in_progress', 'cancelling', 'cancelled']
    const { client, calls, sleeps } = clientWith((_, i) =>
      jsonResponse(run({ status: statuses[i] }), 200, i === 0 ? { 'openai-poll-after-ms': '300' } : {}),
    )
    const result = await client.runs.createAndPoll('t', { assistant_id: 'a' })
    expect(result.status).toBe('cancelled')
    expect(calls.map((c) => c.method)).toEqual(['POST', 'GET', 'GET', 'GET'])
    expect(sleeps).toEqual([300, 1000, 1000])
  })

  it('pollIntervalMs wins; requires_action and an unknown status stop', async () => {
    for (const last of ['requires_action', 'some_new_status']) {
      const statuses = ['in_progress', last]
      const { client, calls, sleeps } = clientWith((_, i) =>
        jsonResponse(run({ status: statuses[i] ?? 'in_progress' }), 200, { 'openai-poll-after-ms': '300' }),
      )
      expect((await client.runs.poll('t', 'r', { pollIntervalMs: 5 })).status).toBe(last)
      expect(calls).toHaveLength(2)
      expect(sleeps).toEqual([5])
    }
  })

  it('submitToolOutputsAndPoll submits then polls the same run', async () => {
    const statuses = ['queued', 'completed']
    const { client, calls } = clientWith((_, i) => jsonResponse(run({ status: statuses[i] })))
    const result = await client.runs.submitToolOutputsAndPoll('t', 'r', {
      tool_outputs: [{ tool_call_id: 'c', output: '1' }],
    })
    expect(result.status).toBe('completed')
    expect(calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual([
      'POST /v1/threads/t/runs/r/submit_tool_outputs',
      'GET /v1/threads/t/runs/r',
    ])
  })

  it('is abortable while waiting', async () => {
    const controller = new AbortController()
    const { client } = clientWith(() => jsonResponse(run({ status: 'in_progress' })), {
      sleep: async () => controller.abort(),
    })
    await expect(client.runs.poll('t', 'r', { signal: controller.signal })).rejects.toBeInstanceOf(
      APIUserAbortError,
    )
  })
})

describe('pagination', () => {
  const runs = Array.from({ length: 5 }, (_, i) => run({ id: `run_${i}` }))
  function pages() {
    return clientWith((call) => {
      const url = new URL(call.url)
      const after = url.searchParams.get('after')
      const start = after ? runs.findIndex((r) => r.id === after) + 1 : 0
      const data = runs.slice(start, start + 2)
      return jsonResponse({
        object: 'list',
        data,
        first_id: data[0]?.id ?? null,
        last_id: data.at(-1)?.id ?? null,
        has_more: start + 2 < runs.length,
      })
    })
  }

  it('await gives the first page; nextPage follows last_id', async () => {
    const { client, calls } = pages()
    const page = await client.runs.list('t', { limit: 2 })
    expect(page.data.map((r) => r.id)).toEqual(['run_0', 'run_1'])
    expect(page.hasMore).toBe(true)
    expect(page.body).toMatchObject({ object: 'list', first_id: 'run_0', last_id: 'run_1', has_more: true })
    const second = await page.nextPage()
    expect(second?.data.map((r) => r.id)).toEqual(['run_2', 'run_3'])
    expect(new URL(calls[1]!.url).searchParams.get('after')).toBe('run_1')
    const third = await second?.nextPage()
    expect(third?.hasMore).toBe(false)
    expect(third?.nextPage()).toBeNull()
  })

  it('hasNextPage() says whether nextPage() gives a page', async () => {
    const { client } = pages()
    const first = await client.runs.list('t', { limit: 2 })
    expect(first.hasNextPage()).toBe(true)
    const second = await first.nextPage()
    expect(second?.hasNextPage()).toBe(true)
    const last = await second?.nextPage()
    expect(last?.data.map((r) => r.id)).toEqual(['run_4'])
    expect(last?.hasNextPage()).toBe(false)
    expect(last?.nextPage()).toBeNull()

    // A loop on hasNextPage() visits every page once.
    const ids: string[] = []
    let page = await client.runs.list('t', { limit: 2 })
    ids.push(...page.data.map((r) => r.id))
    while (page.hasNextPage()) {
      page = (await page.nextPage())!
      ids.push(...page.data.map((r) => r.id))
    }
    expect(ids).toEqual(runs.map((r) => r.id))
  })

  it('hasNextPage() is false on an empty page that claims more, and on a page without its cursor', async () => {
    const empty = clientWith(() =>
      jsonResponse({ object: 'list', data: [], first_id: null, last_id: null, has_more: true }),
    )
    const page = await empty.client.runs.list('t')
    expect(page.hasMore).toBe(true)
    expect(page.hasNextPage()).toBe(false)
    expect(page.nextPage()).toBeNull()

    const noCursor = clientWith(() =>
      jsonResponse({ object: 'list', data: [run()], first_id: 'run_1', last_id: null, has_more: true }),
    )
    expect((await noCursor.client.runs.list('t')).hasNextPage()).toBe(false)
  })

  it('backwards (before): hasNextPage() and nextPage() continue before first_id', async () => {
    const { client, calls } = clientWith((call) => {
      const before = new URL(call.url).searchParams.get('before')
      const end = before ? runs.findIndex((r) => r.id === before) : runs.length
      const data = runs.slice(Math.max(0, end - 2), end)
      return jsonResponse({
        object: 'list',
        data,
        first_id: data[0]?.id ?? null,
        last_id: data.at(-1)?.id ?? null,
        has_more: end - 2 > 0,
      })
    })
    const page = await client.runs.list('t', { before: 'run_4', limit: 2 })
    expect(page.data.map((r) => r.id)).toEqual(['run_2', 'run_3'])
    expect(page.hasNextPage()).toBe(true)
    const older = await page.nextPage()
    expect(new URL(calls[1]!.url).searchParams.get('before')).toBe('run_2')
    expect(new URL(calls[1]!.url).searchParams.has('after')).toBe(false)
    expect(older?.data.map((r) => r.id)).toEqual(['run_0', 'run_1'])
    expect(older?.hasNextPage()).toBe(false)
  })

  it('for await walks every item of every page', async () => {
    const { client, calls } = pages()
    const ids: string[] = []
    for await (const r of client.runs.list('t', { limit: 2 })) ids.push(r.id)
    expect(ids).toEqual(runs.map((r) => r.id))
    expect(calls).toHaveLength(3)
  })

  it('stops on an empty page that claims more', async () => {
    const { client, calls } = clientWith(() =>
      jsonResponse({ object: 'list', data: [], first_id: null, last_id: null, has_more: true }),
    )
    const promise = client.runs.steps.list('t', 'r')
    const items = []
    for await (const step of promise) items.push(step)
    expect(items).toEqual([])
    expect(calls).toHaveLength(1)
  })
})

describe('onResponse', () => {
  it('sees each final 2xx response, headers readable, before the body is read', async () => {
    const statuses = ['queued', 'completed']
    const { client, calls, sleeps } = clientWith((_, i) =>
      i === 1
        ? jsonResponse({ error: { message: 'busy' } }, 503)
        : jsonResponse(run({ status: statuses[Math.min(i, 1)] }), 200, {
            'openai-poll-after-ms': `${100 + i}`,
          }),
    )
    const seen: Array<{ status: number; pollAfter: string | null; unread: boolean }> = []
    const result = await client.runs.poll('t', 'r', {
      onResponse: (response) => {
        seen.push({
          status: response.status,
          pollAfter: response.headers.get('openai-poll-after-ms'),
          unread: !response.bodyUsed,
        })
      },
    })
    expect(result.status).toBe('completed')
    // Three requests (200, 503 retried, 200): the 503 is no final response and is not shown.
    expect(calls).toHaveLength(3)
    expect(seen).toEqual([
      { status: 200, pollAfter: '100', unread: true },
      { status: 200, pollAfter: '102', unread: true },
    ])
    expect(sleeps).toEqual([100, 500])
  })

  it('a stream calls it once, with the event-stream response, and each page of a list', async () => {
    const { client } = clientWith((call) =>
      call.method === 'POST'
        ? sseResponse(`event: thread.run.created\ndata: ${JSON.stringify(run({ status: 'completed' }))}\n\n`)
        : jsonResponse({ object: 'list', data: [], first_id: null, last_id: null, has_more: false }),
    )
    const types: Array<string | null> = []
    const onResponse = (response: Response) => void types.push(response.headers.get('content-type'))
    await client.runs.stream('t', { assistant_id: 'a' }, { onResponse }).finalRun()
    await client.threads.messages.list('t', {}, { onResponse })
    expect(types).toEqual(['text/event-stream', 'application/json'])
  })

  it('what it throws rejects the call, without a retry', async () => {
    const { client, calls } = clientWith(() => jsonResponse(run()))
    const oops = new Error('oops')
    await expect(
      client.runs.retrieve('t', 'r', {
        onResponse: () => {
          throw oops
        },
      }),
    ).rejects.toBe(oops)
    expect(calls).toHaveLength(1)
  })
})

describe('threads.messages.list', () => {
  const message = (id: string, run_id: string | null) => ({
    id,
    object: 'thread.message',
    created_at: 1,
    thread_id: 'thread/1',
    status: 'completed',
    role: 'assistant',
    content: [],
    assistant_id: null,
    run_id,
    attachments: [],
    metadata: {},
  })

  it('GET /threads/{id}/messages with run_id and the cursor query; pages with for await', async () => {
    const { client, calls } = clientWith(
      (call) => {
        const after = new URL(call.url).searchParams.get('after')
        const data = after
          ? [message('msg_3', 'run_1')]
          : [message('msg_1', 'run_1'), message('msg_2', 'run_1')]
        return jsonResponse({
          object: 'list',
          data,
          first_id: data[0]!.id,
          last_id: data.at(-1)!.id,
          has_more: !after,
        })
      },
      { query: { 'api-version': 'v' } },
    )
    const page = await client.threads.messages.list(
      'thread/1',
      { run_id: 'run_1', limit: 2, order: 'asc' },
      { headers: { 'x-extra': '1' } },
    )
    expect(page.data.map((m) => m.id)).toEqual(['msg_1', 'msg_2'])
    const url = new URL(calls[0]!.url)
    expect(url.pathname).toBe('/v1/threads/thread%2F1/messages')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      'api-version': 'v',
      run_id: 'run_1',
      limit: '2',
      order: 'asc',
    })
    expect(calls[0]!.method).toBe('GET')
    expect(calls[0]!.headers.get('x-extra')).toBe('1')
    expect(calls[0]!.headers.get('openai-beta')).toBe('assistants=v2')

    const ids: string[] = []
    for await (const m of client.threads.messages.list('thread/1', { run_id: 'run_1', limit: 2 }))
      ids.push(m.id)
    expect(ids).toEqual(['msg_1', 'msg_2', 'msg_3'])
    expect(new URL(calls.at(-1)!.url).searchParams.get('after')).toBe('msg_2')
    expect(new URL(calls.at(-1)!.url).searchParams.get('run_id')).toBe('run_1')
  })

  it('retries and typed errors like every call', async () => {
    const { client, calls } = clientWith((_, i) =>
      i === 0
        ? jsonResponse({ error: { message: 'slow down' } }, 429)
        : jsonResponse({ error: { message: 'No thread found' } }, 404),
    )
    await expect(client.threads.messages.list('t')).rejects.toBeInstanceOf(NotFoundError)
    expect(calls).toHaveLength(2)
  })
})

describe('misc', () => {
  it('StreamError is an APIError', () => {
    expect(new StreamError('ended_early', 'x')).toBeInstanceOf(APIError)
    expect(new APITimeoutError()).toBeInstanceOf(APIConnectionError)
    expect(new InvalidParamError('p', 'm')).toBeInstanceOf(TypeError)
  })
})
