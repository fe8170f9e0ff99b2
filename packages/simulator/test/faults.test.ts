import type { ListResponse, Run } from '@runlens/client'
import { describe, expect, it } from 'vitest'
import { createSimulator, parseFaultHeader } from '../src/index.js'
import { eventually, nextTurn, TARGETS, type Target, useTargetWithThread } from './helpers/harness.js'
import { readSse, sseReader } from './helpers/sse.js'

const FAULT = 'x-runlens-fault'

describe.each(TARGETS)('faults (%s)', (name) => {
  let t: Target
  let threadId: string
  useTargetWithThread(name, (target, id) => {
    t = target
    threadId = id
  })

  const errorOf = async (response: Response) =>
    ((await response.json()) as { error: Record<string, unknown> }).error

  it('status=503 and status=500 answer with the real server errors', async () => {
    const unavailable = await t.get(`/threads/${threadId}`, { [FAULT]: 'status=503' })
    expect(unavailable.status).toBe(503)
    expect(unavailable.headers.get('x-request-id')).toMatch(/^req_/)
    expect(await errorOf(unavailable)).toEqual({
      message: 'The server is overloaded or not ready yet.',
      type: 'server_error',
      param: null,
      code: null,
    })
    const broken = await t.get(`/threads/${threadId}`, { [FAULT]: 'status=500' })
    expect(broken.status).toBe(500)
    expect(await errorOf(broken)).toMatchObject({ type: 'server_error', code: null })
  })

  it('status=429 with retry-after or retry-after-ms', async () => {
    const seconds = await t.get(`/threads/${threadId}`, { [FAULT]: 'status=429;retry-after=1' })
    expect(seconds.status).toBe(429)
    expect(seconds.headers.get('retry-after')).toBe('1')
    expect(await errorOf(seconds)).toMatchObject({ code: 'rate_limit_exceeded' })
    const ms = await t.get(`/threads/${threadId}`, { [FAULT]: 'status=429; retry-after-ms=20' })
    expect(ms.headers.get('retry-after-ms')).toBe('20')
    expect(ms.headers.get('retry-after')).toBeNull()
  })

  it('a failed create changes nothing: no run is made', async () => {
    const response = await t.post(
      `/threads/${threadId}/runs`,
      { assistant_id: 'asst_text' },
      { [FAULT]: 'status=503' },
    )
    expect(response.status).toBe(503)
    const runs = await t.json<ListResponse<Run>>(t.get(`/threads/${threadId}/runs`))
    expect(runs.data).toEqual([])
  })

  it('times=N: the first N requests with the header fail, then they pass', async () => {
    const header = { [FAULT]: 'status=503;times=2' }
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await t.get(`/threads/${threadId}`, header)).status)
    expect(statuses).toEqual([503, 503, 200, 200])
    // reset() starts the count again.
    t.simulator.reset()
    expect((await t.get('/assistants', header)).status).toBe(503)
  })

  it('latency-ms waits on the injectable sleep before answering', async () => {
    t.sleeps.length = 0
    const response = await t.get(`/threads/${threadId}`, { [FAULT]: 'latency-ms=50' })
    expect(response.status).toBe(200)
    expect(t.sleeps).toContain(50)
  })

  it('cut-after=N ends the stream after N events, with no terminal event and no [DONE]; the run goes on', async () => {
    const response = await t.post(
      `/threads/${threadId}/runs`,
      { assistant_id: 'asst_text', stream: true },
      { [FAULT]: 'cut-after=5' },
    )
    const events = await readSse(response)
    expect(events.map((e) => e.event)).toEqual([
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.step.created',
      'thread.run.step.in_progress',
    ])
    const runId = (events[0]!.data as Run).id
    const run = await eventually(
      () => t.json<Run>(t.get(`/threads/${threadId}/runs/${runId}`)),
      (r) => r.status === 'completed',
    )
    expect(run.usage).not.toBeNull()
  })

  it('stall-after=N sends N events, then stays open and silent until the client leaves', async () => {
    const controller = new AbortController()
    const response = await t.fetch(`/threads/${threadId}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [FAULT]: 'stall-after=3' },
      body: JSON.stringify({ assistant_id: 'asst_text', stream: true }),
      signal: controller.signal,
    })
    const reader = sseReader(response)
    const first = [await reader.next(), await reader.next(), await reader.next()]
    expect(first.map((e) => e?.event)).toEqual([
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
    ])
    const runId = (first[0]!.data as Run).id
    await eventually(
      () => t.json<Run>(t.get(`/threads/${threadId}/runs/${runId}`)),
      (r) => r.status === 'completed',
    )
    let settled = false
    const pending = reader.next().then(
      () => {
        settled = true
      },
      () => {
        settled = true
      },
    )
    for (let i = 0; i < 20; i++) await nextTurn()
    expect(settled).toBe(false)
    controller.abort()
    await pending
    expect(settled).toBe(true)
    // The server is still fine.
    expect((await t.get(`/threads/${threadId}`)).status).toBe(200)
  })

  it('global faults match by method and path, deterministically with the seed', async () => {
    const draw = async (seed: string) => {
      const sim = createSimulator({
        seed,
        sleep: nextTurn,
        faults: [{ method: 'GET', path: '/assistants', status: 503, probability: 0.5 }],
      })
      const statuses: number[] = []
      for (let i = 0; i < 12; i++) statuses.push((await sim.fetch('http://x/v1/assistants')).status)
      const other = await sim.fetch('http://x/v1/threads', { method: 'POST' })
      return { statuses, other: other.status }
    }
    const a = await draw('one')
    expect(await draw('one')).toEqual(a)
    expect(a.statuses).toContain(503)
    expect(a.statuses).toContain(200)
    expect(a.other).toBe(200)
  })

  it('a global rule with times and a regular expression', async () => {
    const sim = createSimulator({
      sleep: nextTurn,
      faults: [{ path: /^\/threads\/[^/]+$/, status: 500, times: 1 }],
    })
    const thread = (await (await sim.fetch('http://x/v1/threads', { method: 'POST' })).json()) as {
      id: string
    }
    expect((await sim.fetch(`http://x/v1/threads/${thread.id}`)).status).toBe(500)
    expect((await sim.fetch(`http://x/v1/threads/${thread.id}`)).status).toBe(200)
  })
})

describe('fault header grammar', () => {
  it('parses every key', () => {
    expect(
      parseFaultHeader(
        'status=429; retry-after=1; retry-after-ms=20; latency-ms=50; cut-after=5; stall-after=6; times=2; probability=0.5',
      ),
    ).toEqual({
      status: 429,
      retryAfter: 1,
      retryAfterMs: 20,
      latencyMs: 50,
      cutAfter: 5,
      stallAfter: 6,
      times: 2,
      probability: 0.5,
    })
  })

  it.each([
    'status=200',
    'status=abc',
    'colour=red',
    'times',
    'probability=2',
    'latency-ms=-1',
    'status=5=3',
  ])('rejects %s', (header) => {
    expect(() => parseFaultHeader(header)).toThrow()
  })
})

describe('response headers', () => {
  it('x-request-id is deterministic with the seed; openai-poll-after-ms when asked', async () => {
    const ids = async () => {
      const sim = createSimulator({ seed: 7, pollAfterMs: 250, sleep: nextTurn })
      const first = await sim.fetch('http://x/v1/assistants')
      const second = await sim.fetch('http://x/v1/nope')
      expect(first.headers.get('openai-poll-after-ms')).toBe('250')
      return [first.headers.get('x-request-id'), second.headers.get('x-request-id')]
    }
    const a = await ids()
    expect(a[0]).not.toBe(a[1])
    expect(await ids()).toEqual(a)
  })
})
