/**
 * The client through real connection faults: the simulator over HTTP on 127.0.0.1, behind the
 * TCP proxy of test/support, which cuts connections where a seeded plan says. No test waits real
 * time (the client's and the simulator's sleeps yield one macrotask), and every draw comes from
 * a seed, so a failure replays.
 */
import type { FaultRule } from '@runlens/simulator'
import { type SimulatorServer, startSimulatorServer } from '@runlens/simulator/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcpProxy.js'
import { APIError, createRunsClient } from '../src/index.js'
import type { Run, RunsClient } from '../src/types.js'

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A seeded source in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Rig {
  server: SimulatorServer
  proxy: TcpProxy
  /** The client under test, at its defaults, through the proxy. */
  client: RunsClient
  /** The server's word: straight to it, and past the simulator's fault rules. */
  truth: RunsClient
  close(): Promise<void>
}

async function rig(options: { faults?: FaultRule[]; ignoreKeys?: boolean; seed: number }): Promise<Rig> {
  const server = await startSimulatorServer({
    port: 0,
    sleep: nextTurn,
    faults: options.faults,
    seed: options.seed,
  })
  const { port } = new URL(server.url)
  const proxy = await startTcpProxy({
    target: { host: '127.0.0.1', port: Number(port) },
    removeRequestHeaders: options.ignoreKeys ? ['idempotency-key'] : [],
  })
  const client = createRunsClient({
    baseURL: `${proxy.url}/v1`,
    sleep: nextTurn,
    random: seeded(options.seed),
  })
  // A request with a fault header of its own is exempt from the global rules: this one adds nothing.
  const truth = createRunsClient({ baseURL: server.url, headers: { 'x-runlens-fault': 'latency-ms=0' } })
  return {
    server,
    proxy,
    client,
    truth,
    close: async () => {
      await proxy.close()
      await server.close()
    },
  }
}

const idsOf = async (truth: RunsClient, threadId: string) =>
  (await truth.runs.list(threadId, { order: 'asc' })).data.map((run) => run.id)

describe('~30% faults over create / submit / cancel / list / retrieve, at the default settings', () => {
  let r: Rig
  beforeAll(async () => {
    r = await rig({
      seed: 12,
      // Drawn in order for each request: about 27% of them fail here, the proxy cuts about 8% more.
      faults: [
        { status: 500, probability: 0.08 },
        { status: 429, retryAfter: 1, probability: 0.08 },
        { reset: 'before-handling', probability: 0.07 },
        { reset: 'after-handling', probability: 0.07 },
      ],
    })
    const draw = seeded(34)
    r.proxy.plan(() => {
      const x = draw()
      if (x < 0.04) return { cutBeforeForwarding: true }
      if (x < 0.08) return { cutResponseAfterBytes: Math.floor(draw() * 400) }
      return {}
    })
  })
  afterAll(() => r.close())

  it('0 duplicated runs, 0 false errors', async () => {
    const { client, truth } = r
    const assistant = r.server.simulator.assistantId('function_call')
    const falseErrors: string[] = []
    const trueErrors: string[] = []
    let calls = 0
    /** The call's outcome; an error is false when `happened` says the server did it anyway. */
    async function attempt<T>(name: string, call: () => Promise<T>, happened: () => Promise<boolean>) {
      calls++
      try {
        return await call()
      } catch (error) {
        if (!(error instanceof APIError)) throw error
        if (await happened()) falseErrors.push(`${name}: ${error.message}`)
        else trueErrors.push(`${name}: ${error.name} ${error.message}`)
        return undefined
      }
    }

    for (let cycle = 0; cycle < 20; cycle++) {
      const thread = await truth.threads.create()
      const known: string[] = []
      const create = async () => {
        const run = await attempt(
          'create',
          () => client.runs.create(thread.id, { assistant_id: assistant }),
          async () => (await idsOf(truth, thread.id)).length > known.length,
        )
        if (run) known.push(run.id)
        // No run the caller does not know of, none twice.
        expect(await idsOf(truth, thread.id)).toEqual(known)
        return run && (await truth.runs.poll(thread.id, run.id))
      }

      const first = await create()
      if (first?.status === 'requires_action') {
        const callId = first.required_action?.submit_tool_outputs.tool_calls[0]?.id ?? ''
        await attempt(
          'submit',
          () =>
            client.runs.submitToolOutputs(thread.id, first.id, {
              tool_outputs: [{ tool_call_id: callId, output: '21' }],
            }),
          async () => (await truth.runs.retrieve(thread.id, first.id)).status !== 'requires_action',
        )
        const after = await truth.runs.poll(thread.id, first.id)
        if (after.status === 'requires_action') await truth.runs.cancel(thread.id, first.id)
        await truth.runs.poll(thread.id, first.id)
      }

      const second = await create()
      if (second) {
        const cancelled = await attempt(
          'cancel',
          () => client.runs.cancel(thread.id, second.id),
          async () =>
            ['cancelling', 'cancelled'].includes((await truth.runs.retrieve(thread.id, second.id)).status),
        )
        if (cancelled) expect(['cancelling', 'cancelled']).toContain(cancelled.status)
        const listed = await attempt(
          'list',
          () => client.runs.list(thread.id),
          async () => false,
        )
        if (listed) expect(listed.data.map((run) => run.id).sort()).toEqual([...known].sort())
        const retrieved: Run | undefined = await attempt(
          'retrieve',
          () => client.runs.retrieve(thread.id, second.id),
          async () => false,
        )
        if (retrieved) expect(retrieved.id).toBe(second.id)
      }
    }

    expect(falseErrors).toEqual([])
    // The faults were there: many connections were cut or answered with an error...
    const cut = r.proxy.requests.filter((c) => c.cut !== null).length
    expect(cut).toBeGreaterThan(5)
    expect(r.proxy.requests.length).toBeGreaterThan(calls * 1.2)
    // ...and the retries saw almost all calls through: an error is three faults in a row.
    expect(trueErrors.length).toBeLessThan(calls * 0.1)
  })
})

describe.each([
  ['honours keys', false],
  ['ignores keys', true],
] as const)('a create cut at every offset of its response, by a server that %s', (_name, ignoreKeys) => {
  let r: Rig
  let offsets: number[]
  let armed = false
  beforeAll(async () => {
    r = await rig({ seed: 7, ignoreKeys })
    // Cuts the first create of each try, at the offset of the moment; everything else passes.
    let offset = 0
    r.proxy.plan(({ method, path }) => {
      if (!armed || method !== 'POST' || !path.endsWith('/runs')) return {}
      armed = false
      return { cutResponseAfterBytes: offset }
    })
    setOffset = (n) => {
      offset = n
      armed = true
    }
    // A whole create response, to know how long one is.
    const thread = await r.truth.threads.create()
    await r.client.runs.create(thread.id, { assistant_id: r.server.simulator.assistantId('text') })
    const length = r.proxy.requests.at(-1)?.responseBytes ?? 0
    expect(length).toBeGreaterThan(500)
    // Every byte of the status line and the first headers, then steps through the rest.
    offsets = [
      ...Array.from({ length: 40 }, (_, i) => i),
      ...Array.from({ length: 30 }, (_, i) => 40 + Math.floor((i * (length - 40)) / 30)),
    ]
  })
  let setOffset: (n: number) => void = () => {}
  afterAll(() => r.close())

  it('runs.create: the caller always ends with the run the server has, and only it', async () => {
    const assistant = r.server.simulator.assistantId('text')
    for (const offset of offsets) {
      const thread = await r.truth.threads.create()
      setOffset(offset)
      const run = await r.client.runs.create(thread.id, { assistant_id: assistant })
      expect(r.proxy.requests.some((c) => c.cut === 'response' && c.responseBytes === offset)).toBe(true)
      expect({ offset, runs: await idsOf(r.truth, thread.id) }).toEqual({ offset, runs: [run.id] })
    }
  })

  it('runs.createAndPoll: the same, followed to its end', async () => {
    const assistant = r.server.simulator.assistantId('text')
    for (const offset of offsets.filter((_, i) => i % 5 === 0)) {
      const thread = await r.truth.threads.create()
      setOffset(offset)
      const run = await r.client.runs.createAndPoll(thread.id, { assistant_id: assistant })
      expect(run.status).toBe('completed')
      expect({ offset, runs: await idsOf(r.truth, thread.id) }).toEqual({ offset, runs: [run.id] })
    }
  })

  it('runs.stream cut inside its headers: the stream names the run the server has', async () => {
    const assistant = r.server.simulator.assistantId('text')
    for (const offset of offsets.filter((n) => n < 40)) {
      const thread = await r.truth.threads.create()
      setOffset(offset)
      const stream = r.client.runs.stream(thread.id, { assistant_id: assistant })
      // Adopted, it ends as a cut stream does (StreamError 'ended_early' while the run moves): the run is named.
      await stream
        .finalRun()
        .catch((error: unknown) => expect(error).toMatchObject({ reason: 'ended_early' }))
      expect({ offset, runs: await idsOf(r.truth, thread.id) }).toEqual({
        offset,
        runs: [stream.snapshot().run?.id],
      })
    }
  })
})
