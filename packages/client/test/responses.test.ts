/**
 * client.responses against the simulator over real HTTP on 127.0.0.1: every method, the
 * function-call loop, background streams that drop and resume by themselves, a foreground stream
 * that drops and is followed by polling, and the typed errors. No test waits real time: the
 * simulator and the client both get a sleep that yields one macrotask.
 */
import { type SimulatorServer, startSimulatorServer } from '@runlens/simulator/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  ClientOptions,
  FunctionCallOutput,
  Response as ModelResponse,
  ResponseFunctionCall,
  ResponseOutputMessage,
  ResponseStream,
  ResponseStreamEvent,
  RunsClient,
} from '../src/index.js'
import {
  APIError,
  APIUserAbortError,
  BadRequestError,
  createRunsClient,
  InternalServerError,
  InvalidParamError,
  NotFoundError,
} from '../src/index.js'

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))
const fault = (value: string) => ({ headers: { 'x-runlens-fault': value } })

interface Sent {
  method: string
  url: string
  headers: Headers
  body: unknown
}

let server: SimulatorServer
/** Paced by real time, for the tests that act while a response is still going. */
let paced: SimulatorServer
let sent: Sent[]

function clientWith(options: ClientOptions = {}, on = server): RunsClient {
  return createRunsClient({
    baseURL: on.url,
    sleep: nextTurn,
    fetch: (url, init) => {
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined
      sent.push({ method: init.method ?? 'GET', url, headers: new Headers(init.headers), body })
      return fetch(url, init)
    },
    ...options,
  })
}

beforeAll(async () => {
  server = await startSimulatorServer({ port: 0, sleep: nextTurn, seed: 7 })
  paced = await startSimulatorServer({ port: 0, seed: 7, tokenDelayMs: 5 })
})
afterAll(async () => {
  await server.close()
  await paced.close()
})

async function collect(stream: ResponseStream): Promise<ResponseStreamEvent[]> {
  const events: ResponseStreamEvent[] = []
  for await (const event of stream) events.push(event)
  return events
}

const sequenceOf = (events: ResponseStreamEvent[]) =>
  events.map((event) => (event.type === 'unknown' ? -1 : event.sequence_number))

const textOf = (response: ModelResponse) =>
  response.output
    .filter((item): item is ResponseOutputMessage => item.type === 'message')
    .flatMap((item) => item.content)
    .map((part) => (part.type === 'output_text' ? part.text : ''))
    .join('')

const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
}

describe('client.responses on the simulator (HTTP)', () => {
  it('create: the response, a POST with an Idempotency-Key and no OpenAI-Beta header', async () => {
    sent = []
    const client = clientWith()
    const response = await client.responses.create({ model: 'gpt-4o', input: 'Hi', metadata: { a: 'b' } })
    expect(response.object).toBe('response')
    expect(response.status).toBe('completed')
    expect(textOf(response)).not.toBe('')
    expect(sent).toHaveLength(1)
    expect(sent[0]!.method).toBe('POST')
    expect(sent[0]!.url).toBe(`${server.url}/responses`)
    expect(sent[0]!.headers.get('openai-beta')).toBeNull()
    expect(sent[0]!.headers.get('idempotency-key')).toMatch(/\S/)
    expect(sent[0]!.body).toEqual({ model: 'gpt-4o', input: 'Hi', metadata: { a: 'b' } })
  })

  it('create sends every request field the spec gives as it is', async () => {
    sent = []
    const client = clientWith()
    const first = await client.responses.create({ model: 'gpt-4o', input: 'Hi' })
    const body = {
      model: 'gpt-4o',
      input: [{ role: 'user', content: [{ type: 'input_text' as const, text: 'Weather?' }] }],
      instructions: 'Be brief.',
      background: false,
      store: true,
      previous_response_id: first.id,
      tools: [weatherTool],
      tool_choice: 'none' as const,
      parallel_tool_calls: false,
      max_output_tokens: 64,
      reasoning: { effort: 'low', summary: 'auto' },
      include: ['message.output_text.logprobs'],
    }
    const response = await client.responses.create(body)
    expect(sent.at(-1)!.body).toEqual(body)
    expect(response.previous_response_id).toBe(first.id)
    expect(response.max_output_tokens).toBe(64)
  })

  it('retrieve, inputItems.list (paged), delete; then retrieve is a NotFoundError', async () => {
    sent = []
    const client = clientWith()
    const input = ['one', 'two', 'three'].map((text) => ({ role: 'user', content: text }))
    const created = await client.responses.create({ model: 'gpt-4o', input })
    const again = await client.responses.retrieve(created.id, { include: ['message.output_text.logprobs'] })
    expect(again).toEqual(created)
    expect(sent.at(-1)!.url).toBe(
      `${server.url}/responses/${created.id}?include=message.output_text.logprobs`,
    )
    expect(sent.at(-1)!.headers.get('openai-beta')).toBeNull()

    const page = await client.responses.inputItems.list(created.id, { limit: 2, order: 'asc' })
    expect(page.data).toHaveLength(2)
    expect(page.hasNextPage()).toBe(true)
    const items = []
    for await (const item of client.responses.inputItems.list(created.id, { limit: 2, order: 'asc' }))
      items.push(item)
    expect(items.map((item) => (item.type === 'message' || !item.type ? item.content : null))).toEqual([
      [{ type: 'input_text', text: 'one' }],
      [{ type: 'input_text', text: 'two' }],
      [{ type: 'input_text', text: 'three' }],
    ])
    expect(sent.at(-1)!.headers.get('openai-beta')).toBeNull()

    const deleted = await client.responses.delete(created.id)
    expect(deleted).toEqual({ id: created.id, object: 'response', deleted: true })
    await expect(client.responses.retrieve(created.id)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('a bad id is an InvalidParamError before any request', async () => {
    sent = []
    const client = clientWith()
    await expect(client.responses.retrieve('')).rejects.toBeInstanceOf(InvalidParamError)
    await expect(client.responses.cancel('..')).rejects.toBeInstanceOf(InvalidParamError)
    await expect(
      client.responses.stream({ model: 'm', metadata: { k: 1 as unknown as string } }).finalResponse(),
    ).rejects.toBeInstanceOf(InvalidParamError)
    expect(sent).toEqual([])
  })

  it('background: create answers queued, poll follows it to completed', async () => {
    const client = clientWith()
    const created = await client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true })
    expect(created.status).toBe('queued')
    const done = await client.responses.poll(created.id, { pollIntervalMs: 0 })
    expect(done.status).toBe('completed')
    expect(textOf(done)).not.toBe('')
  })

  it('cancel: a background response ends cancelled; a foreground one is a BadRequestError', async () => {
    const client = clientWith({}, paced)
    const created = await client.responses.create({ model: 'sim-slow', input: 'Hi', background: true })
    const cancelled = await client.responses.cancel(created.id)
    expect(cancelled.status).toBe('cancelled')
    expect(sent.at(-1)!.headers.get('idempotency-key')).toMatch(/\S/)
    const foreground = await client.responses.create({ model: 'gpt-4o', input: 'Hi' })
    await expect(client.responses.cancel(foreground.id)).rejects.toBeInstanceOf(BadRequestError)
  })

  it('stream: the events in order from 0, the snapshot builds the completed response', async () => {
    sent = []
    const client = clientWith()
    const stream = client.responses.stream({ model: 'gpt-4o', input: 'Hi' })
    const events = await collect(stream)
    expect(sent[0]!.body).toMatchObject({ stream: true })
    expect(sent[0]!.headers.get('accept')).toBe('text/event-stream')
    expect(sent[0]!.headers.get('openai-beta')).toBeNull()
    expect(sequenceOf(events)).toEqual(events.map((_, i) => i))
    const last = events.at(-1)!
    expect(last.type).toBe('response.completed')
    const final = await stream.finalResponse()
    expect(last.type === 'response.completed' && last.response).toEqual(final)
    expect(stream.snapshot()).toMatchObject({ done: true, error: null, sequenceNumber: events.length - 1 })
  })

  it('the function-call loop: arguments streamed, answered with previous_response_id and function_call_output', async () => {
    const client = clientWith()
    const stream = client.responses.stream({
      model: 'gpt-4o',
      input: 'Weather in Paris?',
      tools: [weatherTool],
    })
    const events = await collect(stream)
    expect(events.some((event) => event.type === 'response.function_call_arguments.delta')).toBe(true)
    const first = await stream.finalResponse()
    const call = first.output.find((item): item is ResponseFunctionCall => item.type === 'function_call')!
    expect(call.name).toBe('get_weather')
    expect(JSON.parse(call.arguments)).toHaveProperty('city')
    // The snapshot built the same arguments from the deltas as the final response has.
    const outputs: FunctionCallOutput[] = [
      { type: 'function_call_output', call_id: call.call_id, output: 'sunny, 21°C' },
    ]
    const answer = await client.responses.create({
      model: 'gpt-4o',
      tools: [weatherTool],
      previous_response_id: first.id,
      input: outputs,
    })
    expect(textOf(answer)).toContain('sunny, 21°C')
    await expect(
      client.responses.create({
        model: 'gpt-4o',
        previous_response_id: first.id,
        input: [{ type: 'function_call_output', call_id: 'call_nope', output: 'x' }],
      }),
    ).rejects.toBeInstanceOf(BadRequestError)
  })

  it('resume: the stored events after starting_after, then the end', async () => {
    const client = clientWith()
    const created = await client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true })
    const all = await collect(client.responses.resume(created.id))
    expect(sequenceOf(all)).toEqual(all.map((_, i) => i))
    sent = []
    const rest = client.responses.resume(created.id, { starting_after: 4 })
    const tail = await collect(rest)
    expect(sent[0]!.url).toBe(`${server.url}/responses/${created.id}?starting_after=4&stream=true`)
    expect(sent[0]!.method).toBe('GET')
    expect(sent[0]!.body).toBeUndefined()
    expect(sequenceOf(tail)).toEqual(sequenceOf(all).slice(5))
    expect((await rest.finalResponse()).status).toBe('completed')
  })

  it('a resume cut before its first event, and after, goes on from where it was', async () => {
    const client = clientWith()
    const created = await client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true })
    const all = await collect(client.responses.resume(created.id))
    sent = []
    const rest = client.responses.resume(created.id, { starting_after: 3 }, fault('cut-after=2'))
    const tail = await collect(rest)
    expect(sequenceOf(tail)).toEqual(sequenceOf(all).slice(4))
    expect(sent.map((s) => new URL(s.url).searchParams.get('starting_after')).slice(0, 3)).toEqual([
      '3',
      '5',
      '7',
    ])
    const cutFirst = client.responses.resume(
      created.id,
      { starting_after: 3 },
      fault('reset-after-bytes=0;times=1'),
    )
    expect(sequenceOf(await collect(cutFirst))).toEqual(sequenceOf(all).slice(4))
    expect(await cutFirst.finalResponse()).toEqual(await client.responses.retrieve(created.id))
  })

  it.each([
    ['cut-after=6;times=1', 'a close without the final event'],
    ['reset-after-bytes=1500;times=1', 'a connection cut mid-body'],
    ['cut-after=3', 'a cut on every delivery, the resumes included'],
  ])('a background stream dropped by %s (%s) resumes by itself: every event once', async (value) => {
    sent = []
    const client = clientWith()
    const stream = client.responses.stream({ model: 'gpt-4o', input: 'Hi', background: true }, fault(value))
    const events = await collect(stream)
    expect(sequenceOf(events)).toEqual(events.map((_, i) => i))
    expect(events.at(-1)!.type).toBe('response.completed')
    expect(sent.filter((s) => s.method === 'GET' && s.url.includes('stream=true')).length).toBeGreaterThan(0)
    const truth = await clientWith().responses.retrieve((await stream.finalResponse()).id)
    expect(stream.snapshot().response).toEqual(truth)
  })

  it('a background stream that stalls past idleTimeoutMs resumes from where it was', async () => {
    const client = clientWith({ idleTimeoutMs: 200 })
    const stream = client.responses.stream(
      { model: 'gpt-4o', input: 'Hi', background: true },
      fault('stall-after=5;times=1'),
    )
    const events = await collect(stream)
    expect(sequenceOf(events)).toEqual(events.map((_, i) => i))
    expect((await stream.finalResponse()).status).toBe('completed')
  })

  it('a foreground stream that drops is followed by polling, and ends with the final response', async () => {
    sent = []
    const client = clientWith()
    const stream = client.responses.stream(
      { model: 'gpt-4o', input: 'Hi' },
      { ...fault('cut-after=5'), pollIntervalMs: 0 },
    )
    const events = await collect(stream)
    expect(sequenceOf(events)).toEqual([0, 1, 2, 3, 4])
    const final = await stream.finalResponse()
    expect(final.status).toBe('completed')
    expect(stream.snapshot()).toMatchObject({ done: true, response: final })
    expect(sent.slice(1).every((s) => s.method === 'GET' && !s.url.includes('stream='))).toBe(true)
  })

  it('a dropped foreground stream that is not stored fails with StreamError(ended_early)', async () => {
    const client = clientWith()
    const stream = client.responses.stream(
      { model: 'gpt-4o', input: 'Hi', store: false },
      fault('cut-after=5'),
    )
    await expect(collect(stream)).rejects.toMatchObject({ name: 'StreamError', reason: 'ended_early' })
    expect(stream.snapshot().sequenceNumber).toBe(4)
  })

  it('a cancelled background stream closes with no final event: the stream ends with the response cancelled', async () => {
    const client = clientWith({}, paced)
    const stream = client.responses.stream({ model: 'sim-slow', input: 'Hi', background: true })
    const events: ResponseStreamEvent[] = []
    for await (const event of stream) {
      events.push(event)
      if (event.type === 'response.output_text.delta' && events.length === 6) {
        await client.responses.cancel(stream.snapshot().response!.id)
      }
    }
    const final = await stream.finalResponse()
    expect(final.status).toBe('cancelled')
    expect(stream.snapshot().done).toBe(true)
    expect(events.some((event) => event.type === 'response.completed')).toBe(false)
  })

  it('sim-server-error ends failed (no throw); sim-stream-error throws the error event as an APIError', async () => {
    const client = clientWith()
    const failed = client.responses.stream({ model: 'sim-server-error', input: 'Hi' })
    await collect(failed)
    expect((await failed.finalResponse()).error).toMatchObject({ code: 'server_error' })
    const broken = client.responses.stream({ model: 'sim-stream-error', input: 'Hi' })
    const error = await collect(broken).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(APIError)
    expect(broken.snapshot().error).toMatchObject({ message: (error as APIError).error?.message })
  })

  it('reasoning summaries stream into the reasoning item; sim-incomplete ends incomplete', async () => {
    const client = clientWith()
    const reasoning = client.responses.stream({ model: 'sim-reasoning', input: 'Hi' })
    await collect(reasoning)
    const final = await reasoning.finalResponse()
    const item = final.output.find((i) => i.type === 'reasoning')
    expect(item && item.type === 'reasoning' && item.summary.length).toBe(2)
    const incomplete = await client.responses.create({ model: 'sim-incomplete', input: 'Hi' })
    expect(incomplete).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    })
  })

  it('retries a 503 with the same Idempotency-Key, and gives the typed error when retries run out', async () => {
    sent = []
    const client = clientWith()
    const response = await client.responses.create(
      { model: 'gpt-4o', input: 'Hi' },
      fault('status=503;times=1'),
    )
    expect(response.status).toBe('completed')
    expect(sent).toHaveLength(2)
    expect(sent[1]!.headers.get('idempotency-key')).toBe(sent[0]!.headers.get('idempotency-key'))
    await expect(
      client.responses.create({ model: 'gpt-4o', input: 'Hi' }, { ...fault('status=500'), maxRetries: 1 }),
    ).rejects.toBeInstanceOf(InternalServerError)
  })

  it('a create whose answer is lost is sent again with its key: the server answers with the one response it made', async () => {
    sent = []
    const client = clientWith()
    const stream = client.responses.stream(
      { model: 'gpt-4o', input: 'Hi', background: true },
      fault('reset=after-handling;times=1'),
    )
    const events = await collect(stream)
    expect(sequenceOf(events)).toEqual(events.map((_, i) => i))
    const posts = sent.filter((s) => s.method === 'POST')
    expect(posts).toHaveLength(2)
    expect(posts[1]!.headers.get('idempotency-key')).toBe(posts[0]!.headers.get('idempotency-key'))
    const final = await stream.finalResponse()
    expect(final).toEqual(await client.responses.retrieve(final.id))
  })

  it('abort(): the stream rejects with APIUserAbortError', async () => {
    const client = clientWith({}, paced)
    const stream = client.responses.stream({ model: 'sim-slow', input: 'Hi', background: true })
    const seen: ResponseStreamEvent[] = []
    const read = (async () => {
      for await (const event of stream) {
        seen.push(event)
        if (seen.length === 3) stream.abort()
      }
    })()
    await expect(read).rejects.toBeInstanceOf(APIUserAbortError)
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(APIUserAbortError)
  })
})
