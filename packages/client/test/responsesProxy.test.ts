/**
 * Auto-resume through real connection cuts: the simulator over HTTP on 127.0.0.1, behind the TCP
 * proxy of test/support, which closes the connection of a background response's stream after N
 * bytes of its response, for N across the whole stream (inside the headers, inside an event,
 * between two), and for some N the first resume's too. The caller must see one stream: every
 * event once, in order, none lost, and the response the server has. No test waits real time.
 */
import { type SimulatorServer, startSimulatorServer } from '@runlens/simulator/node'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcpProxy.js'
import type { ResponseStreamEvent, RunsClient } from '../src/index.js'
import { createRunsClient } from '../src/index.js'

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

// Hundreds of real HTTP exchanges take seconds on a loaded machine: a ceiling far above them
// (no assertion here is about time).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 })

let server: SimulatorServer
let proxy: TcpProxy
let client: RunsClient
/** The server's word, straight to it. */
let truth: RunsClient

beforeAll(async () => {
  server = await startSimulatorServer({ port: 0, sleep: nextTurn, seed: 5 })
  proxy = await startTcpProxy({ target: { host: '127.0.0.1', port: Number(new URL(server.url).port) } })
  client = createRunsClient({ baseURL: `${proxy.url}/v1`, sleep: nextTurn, random: () => 0.5 })
  truth = createRunsClient({ baseURL: server.url })
})
afterAll(async () => {
  await proxy.close()
  await server.close()
})

const body = { model: 'gpt-4o', input: 'Tell me about the weather.', background: true }

async function read(events: ResponseStreamEvent[], iterable: AsyncIterable<ResponseStreamEvent>) {
  for await (const event of iterable) events.push(event)
  return events
}

describe('auto-resume through a TCP proxy that cuts the stream', () => {
  it('at 60 cut offsets across the stream: 0 events lost, 0 doubled, the final response the server’s', async () => {
    // The length of a whole stream, as the proxy counts it (the status line on).
    proxy.plan(() => ({}))
    const whole = await read([], client.responses.stream(body))
    const length = proxy.requests.at(-1)!.responseBytes
    expect(whole.at(-1)?.type).toBe('response.completed')

    const offsets = Array.from({ length: 60 }, (_, i) => Math.floor((i * length) / 60) + (i % 7))
    let lost = 0
    let doubled = 0
    let resumed = 0
    for (const [i, offset] of offsets.entries()) {
      const first = proxy.requests.length
      // The stream's own request is cut at the offset; for every third offset the first request
      // after it (a retried POST or a resume) is cut too, a little further on.
      proxy.plan(({ index }) => {
        if (index === first) return { cutResponseAfterBytes: offset }
        if (index === first + 1 && i % 3 === 0) return { cutResponseAfterBytes: 300 + offset / 2 }
        return {}
      })
      const stream = client.responses.stream(body)
      const events = await read([], stream)
      const final = await stream.finalResponse()
      proxy.plan(() => ({}))

      const all = await read([], truth.responses.resume(final.id))
      const seen = events.map((event) => (event.type === 'unknown' ? -1 : event.sequence_number))
      const expected = all.map((event) => (event.type === 'unknown' ? -1 : event.sequence_number))
      lost += expected.filter((n) => !seen.includes(n)).length
      doubled += seen.length - new Set(seen).size
      expect(seen).toEqual(expected)
      expect(events).toEqual(all)
      expect(final).toEqual(await truth.responses.retrieve(final.id))
      expect(stream.snapshot()).toMatchObject({ done: true, sequenceNumber: expected.at(-1) })
      if (proxy.requests.slice(first).some((r) => r.method === 'GET' && r.path.includes('starting_after')))
        resumed++
    }
    expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 })
    // Most offsets fall inside the body: those streams went on by a resume.
    expect(resumed).toBeGreaterThan(40)
  })
  it('a foreground stream cut mid-body is followed by polling: the final response the server’s, no event twice', async () => {
    proxy.plan(() => ({}))
    await read([], client.responses.stream({ ...body, background: false }))
    const length = proxy.requests.at(-1)!.responseBytes
    for (let i = 1; i <= 10; i++) {
      const first = proxy.requests.length
      // From past the headers and the first event on, so that each cut lands in the body.
      const offset = Math.floor(length / 4 + (i * length) / 16)
      proxy.plan(({ index }) => (index === first ? { cutResponseAfterBytes: offset } : {}))
      const stream = client.responses.stream({ ...body, background: false }, { pollIntervalMs: 0 })
      const events = await read([], stream)
      const seen = events.map((event) => (event.type === 'unknown' ? -1 : event.sequence_number))
      expect(seen).toEqual(seen.map((_, n) => n))
      const final = await stream.finalResponse()
      expect(final.status).toBe('completed')
      expect(final).toEqual(await truth.responses.retrieve(final.id))
      // After the cut, only retrieves: a foreground stream is not resumable.
      expect(
        proxy.requests.slice(first + 1).every((r) => r.method === 'GET' && !r.path.includes('stream=')),
      ).toBe(true)
    }
  })
})
