import type { ListResponse, Run, RunStep } from '@runlens/client'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTarget, eventually, nextTurn, TARGETS, type Target } from './helpers/harness.js'

interface Known {
  threads: string[]
  runs: string[]
  steps: string[]
}

const isErrorBody = (body: unknown): boolean => {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false
  const error = (body as { error: Record<string, unknown> }).error
  return (
    typeof error.message === 'string' &&
    typeof error.type === 'string' &&
    (error.param === null || typeof error.param === 'string') &&
    (error.code === null || typeof error.code === 'string')
  )
}

describe.each(TARGETS)('random requests (%s)', (name) => {
  let t: Target
  let known: Known

  beforeAll(async () => {
    t = await createTarget(name)
    const a = (
      await t.json<{ id: string }>(t.post('/threads', { messages: [{ role: 'user', content: 'Hi' }] }))
    ).id
    const done = await t.json<Run>(t.post(`/threads/${a}/runs`, { assistant_id: 'asst_file_search' }))
    await eventually(
      () => t.json<Run>(t.get(`/threads/${a}/runs/${done.id}`)),
      (run) => run.status === 'completed',
    )
    const b = (await t.json<{ id: string }>(t.post('/threads', {}))).id
    const waiting = await t.json<Run>(
      t.post(`/threads/${b}/runs`, { assistant_id: 'asst_parallel_function_calls' }),
    )
    await eventually(
      () => t.json<Run>(t.get(`/threads/${b}/runs/${waiting.id}`)),
      (run) => run.status === 'requires_action',
    )
    const steps = await t.json<ListResponse<RunStep>>(t.get(`/threads/${a}/runs/${done.id}/steps`))
    known = { threads: [a, b], runs: [done.id, waiting.id], steps: steps.data.map((step) => step.id) }
  })
  afterAll(() => t.close())

  /** Everything observable about the two seeded threads, read through the API itself. */
  async function snapshot(): Promise<string> {
    const paths = ['/assistants?limit=100']
    for (const thread of known.threads) {
      paths.push(
        `/threads/${thread}`,
        `/threads/${thread}/messages?limit=100`,
        `/threads/${thread}/runs?limit=100`,
      )
    }
    for (const [i, run] of known.runs.entries()) {
      paths.push(
        `/threads/${known.threads[i]}/runs/${run}/steps?limit=100&include[]=step_details.tool_calls[*].file_search.results[*].content`,
      )
    }
    return (await Promise.all(paths.map(async (path) => (await t.get(path)).text()))).join('\n')
  }

  /** Lets any run a random request started on a seeded thread reach a resting state. */
  async function settle(): Promise<void> {
    for (const thread of known.threads) {
      await eventually(
        () => t.json<ListResponse<Run>>(t.get(`/threads/${thread}/runs?limit=100`)),
        // A random DELETE may have removed the thread: its 404 has no data, and nothing to wait for.
        (list) =>
          (list.data ?? []).every((run) => !['queued', 'in_progress', 'cancelling'].includes(run.status)),
      )
    }
  }

  const id = () =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom(
          ...known.threads,
          ...known.runs,
          ...known.steps,
          'asst_text',
          'asst_function_call',
        ),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom('', '%', '%E0%A4%A', '..', 'runs', 'thread_nope', '%2F', 'a b', '🙂'),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map(encodeURIComponent) },
    )

  /** A thread and one of its runs, mostly real so that requests get past the lookups. */
  const threadAndRun = () =>
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .integer({ min: 0, max: 1 })
          .map((i) => [known.threads[i] as string, known.runs[i] as string]),
      },
      { weight: 1, arbitrary: fc.tuple(id(), id()) },
    )

  const path = () =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .tuple(threadAndRun(), id())
          .chain(([[x, y], z]) =>
            fc.constantFrom(
              '/threads',
              '/threads/runs',
              `/threads/${x}`,
              `/threads/${x}/messages`,
              `/threads/${x}/messages/${z}`,
              `/threads/${x}/runs`,
              `/threads/${x}/runs/${y}`,
              `/threads/${x}/runs/${y}/cancel`,
              `/threads/${x}/runs/${y}/submit_tool_outputs`,
              `/threads/${x}/runs/${y}/steps`,
              `/threads/${x}/runs/${y}/steps/${z}`,
              '/assistants',
              `/assistants/${z}`,
            ),
          ),
      },
      { weight: 1, arbitrary: fc.array(id(), { maxLength: 6 }).map((segments) => `/${segments.join('/')}`) },
    )

  const query = () =>
    fc
      .array(
        fc.oneof(
          fc
            .constantFrom('limit', 'order', 'after', 'before', 'run_id', 'include[]', 'include')
            .chain((key) =>
              fc
                .oneof(fc.integer({ min: -5, max: 150 }).map(String), fc.string({ maxLength: 8 }), id())
                .map((value) => `${key}=${encodeURIComponent(value)}`),
            ),
          fc.string({ maxLength: 10 }),
        ),
        { maxLength: 4 },
      )
      .map((parts) => (parts.length ? `?${parts.join('&')}` : ''))

  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 70 }))
  const body = () =>
    fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 30 }),
      fc.jsonValue({ maxDepth: 3 }).map((json) => JSON.stringify(json)),
      fc
        .record(
          {
            assistant_id: fc.oneof(fc.constantFrom('asst_text', 'asst_nope'), value),
            metadata: fc.oneof(fc.dictionary(fc.string({ maxLength: 70 }), value, { maxKeys: 20 }), value),
            tool_outputs: fc.oneof(
              fc.array(
                fc.record({ tool_call_id: fc.oneof(id(), value), output: value }, { requiredKeys: [] }),
                { maxLength: 3 },
              ),
              value,
            ),
            stream: fc.oneof(fc.boolean(), value),
            role: fc.oneof(fc.constantFrom('user', 'assistant'), value),
            content: value,
            messages: value,
            model: value,
            temperature: value,
            limit: value,
          },
          { requiredKeys: [] },
        )
        .map((record) => JSON.stringify(record)),
    )

  it('never crashes, always answers JSON, and a rejected request changes nothing', async () => {
    const statuses = new Set<number>()
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom('GET', 'POST') },
          { weight: 1, arbitrary: fc.constantFrom('DELETE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD') },
        ),
        path(),
        query(),
        body(),
        fc.option(
          fc.constantFrom(
            'status=503',
            'status=429;retry-after=1',
            'latency-ms=5',
            'bogus',
            'status=9999',
            'times=x',
            'reset=before-handling',
            'reset=sometimes',
          ),
        ),
        // A few keys shared by all runs: replays, reuses for other requests (422) and fresh keys.
        fc.option(fc.constantFrom('key-1', 'key-2', 'key-3')),
        async (method, requestPath, requestQuery, requestBody, fault, key) => {
          await settle()
          const before = await snapshot()
          const headers: Record<string, string> = { 'content-type': 'application/json' }
          if (fault !== null) headers['x-runlens-fault'] = fault
          if (key !== null) headers['idempotency-key'] = key
          const canHaveBody = method !== 'GET' && method !== 'HEAD'
          const sent = t.fetch(`${requestPath}${requestQuery}`, {
            method,
            headers,
            body: canHaveBody ? requestBody : undefined,
          })
          if (fault === 'reset=before-handling' && method !== 'OPTIONS') {
            // Lost before it was handled, like a network error: nothing happened.
            await expect(sent).rejects.toThrow(TypeError)
            expect(await snapshot()).toBe(before)
            return
          }
          const response = await sent
          expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/)
          statuses.add(response.status)
          if (method === 'OPTIONS') {
            expect(response.status).toBe(204)
            return
          }
          if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
            expect(response.status).toBe(200)
            await response.body?.cancel()
            return
          }
          expect(response.headers.get('content-type')).toBe('application/json')
          const text = await response.text()
          if (method === 'HEAD') return
          const json = JSON.parse(text) as unknown
          if (response.status >= 400) {
            expect(isErrorBody(json)).toBe(true)
            // A 5xx only ever comes from an injected fault, never from a bug.
            if (response.status >= 500) expect(fault).toMatch(/^status=5/)
            expect(await snapshot()).toBe(before)
          } else {
            expect(response.status).toBe(200)
            expect(typeof json).toBe('object')
          }
          await nextTurn()
        },
      ),
      { numRuns: name === 'http' ? 100 : 400, seed: 20261125 },
    )
    // The generators reach past the router: successes, rejections, unknown ids and faults.
    for (const status of [200, 400, 404, 405, 503]) expect(statuses).toContain(status)
  }, 120_000)
})
