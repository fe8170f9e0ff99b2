import { createRunsClient, type Message, type RunsClient } from '@runlens/client'
import { type SimulatorServer, startSimulatorServer } from '@runlens/simulator/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTcpProxy, type TcpProxy } from '../../../../test/support/tcpProxy.js'
import { createStreamRegistry, type RunSession } from '../../src/store/streamRegistry.js'
import { createSubmissionRegistry } from '../../src/store/submissionRegistry.js'

// The session over real HTTP through a real TCP proxy on loopback, its stream response cut at 200
// offsets, from the status line through the headers into the last event. Whatever the offset,
// the session ends on the server's run: 0 orphans, 0 duplicated runs, the server's text (neither
// lost nor doubled) and the server's status.

const CUTS = 200
const BATCH = 50
const SCENARIO = 'text'

let server: SimulatorServer
let proxy: TcpProxy
/** Straight to the simulator: the server's word, never cut. */
let direct: RunsClient
/**
 * Through the proxy: the session's client at its default settings. A cut before the response
 * headers is the client's to recover (it adopts the run its create made); a cut inside the first
 * event reaches the session as a stream that named no run, which it adopts itself.
 */
let cut: RunsClient
/** The offset at which each thread's stream response is cut. */
const offsets = new Map<string, number>()

beforeAll(async () => {
  // Each token waits a turn of the event loop, not a timer: the run still moves while the session
  // recovers from a cut, and 200 runs take a few seconds.
  server = await startSimulatorServer({
    port: 0,
    host: '127.0.0.1',
    tokenDelayMs: 1,
    sleep: () => new Promise((resolve) => setImmediate(resolve)),
  })
  proxy = await startTcpProxy({ target: { host: '127.0.0.1', port: server.port } })
  proxy.plan(({ method, path }) => {
    const thread = /^\/v1\/threads\/([^/]+)\/runs$/.exec(path)?.[1]
    const offset = method === 'POST' && thread ? offsets.get(thread) : undefined
    return offset === undefined ? {} : { cutResponseAfterBytes: offset }
  })
  direct = createRunsClient({ baseURL: server.url })
  cut = createRunsClient({ baseURL: `${proxy.url}/v1` })
})

afterAll(async () => {
  await proxy.close()
  await server.close()
})

async function serverText(threadId: string, runId: string): Promise<string> {
  const messages: Message[] = []
  for await (const m of direct.threads.messages.list(threadId, { run_id: runId, order: 'asc' }))
    messages.push(m)
  return messages
    .filter((m) => m.role === 'assistant')
    .map((m) => m.content.map((c) => (c.type === 'text' ? c.text.value : '')).join(''))
    .filter((t) => t !== '')
    .join('\n\n')
}

/** One session on a new thread whose stream is cut at `offset` (none: undefined), to its end. */
async function play(offset: number | undefined): Promise<{ threadId: string; session: RunSession }> {
  const threadId = (await direct.threads.create()).id
  if (offset !== undefined) offsets.set(threadId, offset)
  const registry = createStreamRegistry({ client: cut, submissions: createSubmissionRegistry() })
  const session = registry.create(threadId, null, { commitEvery: 'event', pollIntervalMs: 5 })
  const release = registry.retain(session)
  await session.start({ assistant_id: server.simulator.assistantId(SCENARIO) })
  release()
  return { threadId, session }
}

describe('a session through a TCP proxy that cuts its stream', () => {
  test(`${CUTS} cut offsets, header region included: the server's run, once, its text, its status`, async () => {
    const probe = await play(undefined)
    const whole = proxy.connections.find((c) => c.method === 'POST' && c.path.includes(probe.threadId))!
    const total = whole.responseBytes
    expect(total).toBeGreaterThan(CUTS * 2)
    expect(probe.session.store.getState().status).toBe('completed')

    // Strictly increasing from 0 to the last byte, dense near the start (the status line and the
    // headers take the first ~40 offsets), spread over every event after.
    const points = Array.from(
      { length: CUTS },
      (_, i) => i + Math.floor((total - CUTS) * (i / (CUTS - 1)) ** 2),
    )
    const failures: string[] = []
    for (let start = 0; start < points.length; start += BATCH) {
      await Promise.all(
        points.slice(start, start + BATCH).map(async (offset) => {
          const { threadId, session } = await play(offset)
          const state = session.store.getState()
          const runs = (await direct.runs.list(threadId)).data
          const run = runs[0]
          const problems = [
            runs.length !== 1 && `${runs.length} runs on the thread`,
            (!run || state.runId !== run.id) && `runId ${state.runId} (server: ${run?.id})`,
            run && state.status !== run.status && `status ${state.status} (server: ${run.status})`,
            run &&
              state.text !== (await serverText(threadId, run.id)) &&
              `text ${JSON.stringify(state.text)}`,
            state.error && `error ${state.error.name}: ${state.error.message}`,
            state.connection !== 'closed' && `connection ${state.connection}`,
          ].filter(Boolean)
          if (problems.length > 0) failures.push(`cut at ${offset}/${total}: ${problems.join('; ')}`)
        }),
      )
    }
    // Every connection of the stream requests was cut where planned (the plan reached them all).
    const cutStreams = proxy.connections.filter((c) => c.method === 'POST' && c.cut === 'response')
    expect(cutStreams.length).toBe(points.filter((p) => p < total).length)
    expect(failures).toEqual([])
  }, 60_000)
})
