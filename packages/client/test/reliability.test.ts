/**
 * The client's promises for unreliable networks and odd servers: idempotency keys, adopting the
 * run a lost create made, asking the run after a lost submit or cancel, idle timeouts, typed
 * errors for bodies that are not what an endpoint returns, ids that cannot be encoded, and the
 * cap on one stream event. The proxy fault tests (proxyFaults.test.ts) drive the same over TCP.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createSimulator } from '@runlens/simulator'
import { startSimulatorServer } from '@runlens/simulator/node'
import { afterEach, describe, expect, it } from 'vitest'
import {
  APITimeoutError,
  BadRequestError,
  createRunsClient,
  InvalidParamError,
  StreamError,
} from '../src/index.js'
import type { RequestOptions, Run } from '../src/types.js'
import { fakeFetch, jsonResponse, run, sseResponse } from './helpers.js'

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** The simulator in process; `ignoringKeys` calls remove the key, as a server that ignores it would. */
function simulated() {
  const simulator = createSimulator({ sleep: nextTurn })
  const client = createRunsClient({
    baseURL: 'http://simulator.test/v1',
    fetch: simulator.fetch,
    sleep: nextTurn,
  })
  return { simulator, client }
}
const ignoringKeys = (fault: string): RequestOptions => ({
  headers: { 'idempotency-key': null, 'x-runlens-fault': fault },
})

describe('Idempotency-Key', () => {
  it('one key per call, the same on every retry, none on GET', async () => {
    const { fetch, calls } = fakeFetch((call, i) =>
      call.method === 'GET' || i % 2 === 1
        ? jsonResponse(run())
        : jsonResponse({ error: { message: 'x' } }, 500),
    )
    const client = createRunsClient({ fetch, sleep: async () => {} })
    await client.runs.create('thread_1', { assistant_id: 'asst_1' })
    await client.runs.cancel('thread_1', 'run_1')
    await client.runs.retrieve('thread_1', 'run_1')
    const keys = calls.map((call) => call.headers.get('idempotency-key'))
    expect(keys[0]).toMatch(UUID)
    expect(keys[1]).toBe(keys[0])
    expect(keys[2]).toMatch(UUID)
    expect(keys[3]).toBe(keys[2])
    expect(keys[2]).not.toBe(keys[0])
    expect(keys[4]).toBe(null)
  })

  it("the caller's header wins, whatever its case; null removes it", async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(run()))
    const client = createRunsClient({ fetch, headers: { 'Idempotency-Key': 'client-key' } })
    await client.runs.create('thread_1', { assistant_id: 'asst_1' })
    await client.runs.create(
      'thread_1',
      { assistant_id: 'asst_1' },
      { headers: { 'IDEMPOTENCY-KEY': 'call-key' } },
    )
    await client.runs.create('thread_1', { assistant_id: 'asst_1' }, { headers: { 'idempotency-key': null } })
    expect(calls.map((call) => call.headers.get('idempotency-key'))).toEqual(['client-key', 'call-key', null])
  })

  it('a retried create gets the run of the first attempt from a server that honours keys', async () => {
    const { simulator, client } = simulated()
    const thread = await client.threads.create()
    const created = await client.runs.create(
      thread.id,
      { assistant_id: simulator.assistantId('text') },
      { headers: { 'x-runlens-fault': 'reset=after-handling;times=1' } },
    )
    const { data } = await client.runs.list(thread.id)
    expect(data.map((r) => r.id)).toEqual([created.id])
  })
})

describe('a lost write against a server that ignores keys', () => {
  it('create: adopts the run the lost attempt made, no second run', async () => {
    const { simulator, client } = simulated()
    const thread = await client.threads.create()
    const created = await client.runs.create(
      thread.id,
      { assistant_id: simulator.assistantId('function_call') },
      ignoringKeys('reset=after-handling;times=1'),
    )
    const { data } = await client.runs.list(thread.id)
    expect(data.map((r) => r.id)).toEqual([created.id])
  })

  it('create: a request that never arrived is sent again', async () => {
    const { simulator, client } = simulated()
    const thread = await client.threads.create()
    const created = await client.runs.create(
      thread.id,
      { assistant_id: simulator.assistantId('text') },
      ignoringKeys('reset=before-handling;times=1'),
    )
    const { data } = await client.runs.list(thread.id)
    expect(data.map((r) => r.id)).toEqual([created.id])
  })

  it('createAndPoll: follows the adopted run to its end', async () => {
    const { simulator, client } = simulated()
    const thread = await client.threads.create()
    const settled = await client.runs.createAndPoll(
      thread.id,
      { assistant_id: simulator.assistantId('function_call') },
      ignoringKeys('reset=after-handling;times=1'),
    )
    expect(settled.status).toBe('requires_action')
    const { data } = await client.runs.list(thread.id)
    expect(data.map((r) => r.id)).toEqual([settled.id])
  })

  it('stream: names the adopted run in one run event, then ends as a cut stream does', async () => {
    const { simulator, client } = simulated()
    const thread = await client.threads.create()
    const stream = client.runs.stream(
      thread.id,
      { assistant_id: simulator.assistantId('function_call') },
      ignoringKeys('reset=after-handling;times=1'),
    )
    const names: string[] = []
    const outcome = await (async () => {
      for await (const event of stream) names.push(event.event)
    })().then(
      () => null,
      (error: unknown) => error,
    )
    const { data } = await client.runs.list(thread.id)
    expect(data).toHaveLength(1)
    expect(stream.snapshot().run?.id).toBe(data[0]?.id)
    expect(names).toEqual([`thread.run.${stream.snapshot().run?.status}`])
    // Settled or waiting, it ends as the server's stream would; still moving, the caller is told to poll.
    if (outcome !== null) expect(outcome).toMatchObject({ name: 'StreamError', reason: 'ended_early' })
  })

  it('submitToolOutputs: a 400 after the lost answer is asked of the run, which took the outputs', async () => {
    const { simulator, client } = simulated()
    const thread = await client.threads.create()
    const waiting = await client.runs.createAndPoll(thread.id, {
      assistant_id: simulator.assistantId('function_call'),
    })
    const call = waiting.required_action?.submit_tool_outputs.tool_calls[0]
    expect(call).toBeDefined()
    const submitted = await client.runs.submitToolOutputs(
      thread.id,
      waiting.id,
      { tool_outputs: [{ tool_call_id: call?.id ?? '', output: '{"celsius":21}' }] },
      ignoringKeys('reset=after-handling;times=1'),
    )
    expect(submitted.id).toBe(waiting.id)
    expect(submitted.status).not.toBe('requires_action')
    expect((await client.runs.poll(thread.id, waiting.id)).status).toBe('completed')
  })

  it('submitToolOutputsStream: the same, the run named in one event', async () => {
    const { simulator, client } = simulated()
    const thread = await client.threads.create()
    const waiting = await client.runs.createAndPoll(thread.id, {
      assistant_id: simulator.assistantId('function_call'),
    })
    const call = waiting.required_action?.submit_tool_outputs.tool_calls[0]
    const stream = client.runs.submitToolOutputsStream(
      thread.id,
      waiting.id,
      { tool_outputs: [{ tool_call_id: call?.id ?? '', output: '{"celsius":21}' }] },
      ignoringKeys('reset=after-handling;times=1'),
    )
    await stream.finalRun().catch((error: unknown) => expect(error).toMatchObject({ reason: 'ended_early' }))
    expect(stream.snapshot().run?.id).toBe(waiting.id)
    expect(stream.snapshot().run?.status).not.toBe('requires_action')
  })

  it('cancel: a 400 after the lost answer is asked of the run, which is cancelling or cancelled', async () => {
    const { simulator, client } = simulated()
    const thread = await client.threads.create()
    const waiting = await client.runs.createAndPoll(thread.id, {
      assistant_id: simulator.assistantId('function_call'),
    })
    const cancelled = await client.runs.cancel(
      thread.id,
      waiting.id,
      ignoringKeys('reset=after-handling;times=1'),
    )
    expect(['cancelling', 'cancelled']).toContain(cancelled.status)
  })

  it('a 400 with no lost answer before it stays an error, and so does one the run does not explain', async () => {
    const { simulator, client } = simulated()
    const thread = await client.threads.create()
    const done = await client.runs.createAndPoll(thread.id, { assistant_id: simulator.assistantId('text') })
    await expect(client.runs.cancel(thread.id, done.id)).rejects.toBeInstanceOf(BadRequestError)
    // Lost, then refused: the run completed, it was never cancelled.
    await expect(
      client.runs.cancel(thread.id, done.id, ignoringKeys('reset=before-handling;times=1')),
    ).rejects.toBeInstanceOf(BadRequestError)
  })
})

describe('idle timeout', () => {
  const servers: Array<{ close(): unknown }> = []
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close()
  })

  it('a JSON body that goes silent ends with APITimeoutError', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"id":"run_1",')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    servers.push({ close: () => new Promise((resolve) => server.close(resolve)) })
    server.on('connection', (socket) => servers.push({ close: () => socket.destroy() }))
    const client = createRunsClient({
      baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    })
    await expect(client.runs.retrieve('thread_1', 'run_1', { idleTimeoutMs: 30 })).rejects.toBeInstanceOf(
      APITimeoutError,
    )
  })

  it('a stream that stalls (the simulator over HTTP) ends with APITimeoutError', async () => {
    const server = await startSimulatorServer({ port: 0, sleep: nextTurn })
    servers.push(server)
    const client = createRunsClient({ baseURL: server.url, idleTimeoutMs: 30 })
    const thread = await client.threads.create()
    const stream = client.runs.stream(
      thread.id,
      { assistant_id: server.simulator.assistantId('text') },
      { headers: { 'x-runlens-fault': 'stall-after=3' } },
    )
    const seen: string[] = []
    await expect(
      (async () => {
        for await (const event of stream) seen.push(event.event)
      })(),
    ).rejects.toBeInstanceOf(APITimeoutError)
    expect(seen).toHaveLength(3)
  })

  it('leaves no timer behind once a body is read', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length
    const { fetch } = fakeFetch(() => jsonResponse(run()))
    const client = createRunsClient({ fetch })
    const before = timers()
    await client.runs.retrieve('thread_1', 'run_1')
    await client.runs
      .stream('thread_1', { assistant_id: 'asst_1' })
      .finalRun()
      .catch(() => {})
    expect(timers()).toBe(before)
  })
})

describe('bodies that are not what the endpoint returns', () => {
  for (const body of [null, 'ok', [], 42]) {
    it(`${JSON.stringify(body)}: a typed StreamError('invalid_body'), never a Run or a TypeError`, async () => {
      const { fetch } = fakeFetch(() => jsonResponse(body))
      const client = createRunsClient({ fetch })
      const calls: Array<() => Promise<unknown>> = [
        () => client.runs.retrieve('thread_1', 'run_1'),
        () => client.runs.cancel('thread_1', 'run_1'),
        () => client.runs.create('thread_1', { assistant_id: 'asst_1' }),
        () => client.runs.createAndPoll('thread_1', { assistant_id: 'asst_1' }),
        () => client.runs.list('thread_1'),
        () => client.threads.create(),
      ]
      for (const call of calls) {
        await expect(call()).rejects.toMatchObject({ name: 'StreamError', reason: 'invalid_body' })
      }
    })
  }

  it('a list without a data array is a typed error', async () => {
    const { fetch } = fakeFetch(() => jsonResponse({ object: 'list', data: 'nope' }))
    const client = createRunsClient({ fetch })
    const failure = client.runs.list('thread_1')
    await expect(failure).rejects.toBeInstanceOf(StreamError)
    await expect(failure).rejects.toMatchObject({ reason: 'invalid_body' })
  })
})

describe('ids that cannot be encoded', () => {
  it('a lone surrogate is an InvalidParamError, before any request', async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(run()))
    const client = createRunsClient({ fetch })
    await expect(client.runs.retrieve('thread_1', 'run_\uD800')).rejects.toBeInstanceOf(InvalidParamError)
    await expect(client.runs.retrieve('thread_\uDC00', 'run_1')).rejects.toMatchObject({ param: 'threadId' })
    expect(calls).toHaveLength(0)
  })
})

describe('the cap on one stream event', () => {
  it('a line that never ends fails with event_too_large, without reading the rest', async () => {
    let pulled = 0
    const line = `data: ${'x'.repeat(94)}`
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++
        controller.enqueue(new TextEncoder().encode(line))
      },
    })
    const { fetch } = fakeFetch(
      () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    )
    const client = createRunsClient({ fetch, maxEventSize: 1000 })
    await expect(client.runs.stream('thread_1', { assistant_id: 'asst_1' }).finalRun()).rejects.toMatchObject(
      {
        name: 'StreamError',
        reason: 'event_too_large',
      },
    )
    expect(pulled).toBeLessThan(20)
  })

  it('many data lines of one event count together; events under the cap pass', async () => {
    const created = `event: thread.run.created\ndata: ${JSON.stringify(run())}\n\n`
    const { fetch } = fakeFetch((_call, i) =>
      sseResponse(
        i === 0 ? [created, ...Array(30).fill(`data: ${'y'.repeat(60)}\n`)] : [created, 'data: [DONE]\n\n'],
      ),
    )
    const client = createRunsClient({ fetch, maxEventSize: 1000 })
    await expect(client.runs.stream('thread_1', { assistant_id: 'asst_1' }).finalRun()).rejects.toMatchObject(
      {
        reason: 'event_too_large',
      },
    )
    const ok: Run = await client.runs.stream('thread_1', { assistant_id: 'asst_1' }).finalRun()
    expect(ok.id).toBe('run_1')
  })
})
