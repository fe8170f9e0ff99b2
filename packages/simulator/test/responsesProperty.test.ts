import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTarget, eventually, TARGETS, type Target } from './helpers/harness.js'
import { parseSse } from './helpers/sse.js'

interface ResponseBody {
  id: string
  status: string
  output: Array<{ type: string; call_id?: string }>
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

const TOOL = {
  type: 'function',
  name: 'lookup',
  parameters: { type: 'object', properties: { q: { type: 'string' } } },
}

describe.each(TARGETS)('random Responses requests (%s)', (name) => {
  let t: Target
  let known: { background: string; foreground: string; callId: string }

  beforeAll(async () => {
    t = await createTarget(name)
    const background = await t.json<ResponseBody>(
      t.post('/responses', { model: 'm', input: 'x', background: true }),
    )
    await eventually(
      () => t.json<ResponseBody>(t.get(`/responses/${background.id}`)),
      (response) => response.status === 'completed',
    )
    const foreground = await t.json<ResponseBody>(
      t.post('/responses', { model: 'm', input: 'x', tools: [TOOL] }),
    )
    known = {
      background: background.id,
      foreground: foreground.id,
      callId: foreground.output[0]?.call_id as string,
    }
  })
  afterAll(() => t.close())

  /** What the two seeded responses show, read through the API itself. */
  const snapshot = async () =>
    (
      await Promise.all(
        [known.background, known.foreground].flatMap((id) => [
          t.get(`/responses/${id}`).then((res) => res.text()),
          t.get(`/responses/${id}/input_items?limit=100`).then((res) => res.text()),
        ]),
      )
    ).join('\n')

  const id = () =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('KNOWN_BACKGROUND', 'KNOWN_FOREGROUND') },
      { weight: 1, arbitrary: fc.constantFrom('', 'resp_nope', '%2F', '🙂', 'cancel') },
    )
  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 20 }))
  const inputItem = fc.oneof(
    fc.record(
      { role: fc.oneof(fc.constantFrom('user', 'assistant', 'system', 'developer'), value), content: value },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        type: fc.oneof(fc.constantFrom('message', 'function_call', 'function_call_output'), value),
        call_id: fc.oneof(fc.constantFrom('CALL', 'call_nope'), value),
        output: value,
        name: value,
        arguments: value,
      },
      { requiredKeys: [] },
    ),
    value,
  )
  const body = fc.oneof(
    fc.constant(undefined),
    fc.string({ maxLength: 20 }),
    fc
      .record(
        {
          model: fc.oneof(
            fc.constantFrom('gpt-4o', 'sim-reasoning', 'sim-incomplete', 'sim-server-error'),
            value,
          ),
          input: fc.oneof(fc.string({ maxLength: 20 }), fc.array(inputItem, { maxLength: 3 }), value),
          tools: fc.oneof(fc.constant([TOOL]), fc.array(value, { maxLength: 2 }), value),
          tool_choice: fc.oneof(
            fc.constantFrom('none', 'auto', 'required'),
            fc.constant({ type: 'function', name: 'lookup' }),
            value,
          ),
          background: fc.oneof(fc.boolean(), value),
          stream: fc.oneof(fc.boolean(), value),
          store: fc.oneof(fc.boolean(), value),
          previous_response_id: fc.oneof(fc.constantFrom('KNOWN_FOREGROUND', 'resp_nope'), value),
          max_output_tokens: fc.oneof(fc.integer({ min: -5, max: 40 }), value),
          reasoning: fc.oneof(fc.record({ effort: value, summary: fc.constantFrom('auto', 'bogus') }), value),
          metadata: fc.oneof(fc.dictionary(fc.string({ maxLength: 70 }), value, { maxKeys: 18 }), value),
        },
        { requiredKeys: [] },
      )
      .map((record) => JSON.stringify(record)),
  )
  const path = fc
    .tuple(
      id(),
      fc.constantFrom('', '/cancel', '/input_items', '/nope'),
      fc.constantFrom(
        '',
        '?stream=true',
        '?stream=true&starting_after=3',
        '?starting_after=x&stream=true',
        '?limit=0',
        '?order=up',
      ),
    )
    .map(([responseId, suffix, query]) => `/responses/${responseId}${suffix}${query}`)

  it('never crashes, always answers JSON or a stream that ends, and a rejected request changes nothing', async () => {
    const statuses = new Set<number>()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'DELETE', 'PUT'),
        fc.oneof(fc.constant('/responses'), path),
        body,
        async (method, rawPath, rawBody) => {
          const fill = (text: string) =>
            text
              .replaceAll('KNOWN_BACKGROUND', known.background)
              .replaceAll('KNOWN_FOREGROUND', known.foreground)
              .replaceAll('"CALL"', JSON.stringify(known.callId))
          // DELETE of a seeded response would change what the snapshot reads: only on unknown ids.
          if (method === 'DELETE' && /KNOWN/.test(rawPath)) return
          const before = await snapshot()
          const res = await t.fetch(fill(rawPath), {
            method,
            headers: { 'content-type': 'application/json' },
            body: method === 'GET' || rawBody === undefined ? undefined : fill(rawBody),
          })
          statuses.add(res.status)
          expect(res.status).toBeLessThan(500)
          const text = await res.text()
          if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
            const events = parseSse(text)
            const numbers = events.map((event) => (event.data as { sequence_number: number }).sequence_number)
            expect(numbers).toEqual(numbers.map((_, index) => (numbers[0] ?? 0) + index))
            return
          }
          const json = JSON.parse(text) as unknown
          if (res.status >= 400) {
            expect(isErrorBody(json)).toBe(true)
            expect(await snapshot()).toBe(before)
          }
        },
      ),
      { numRuns: 150, seed: 13 },
    )
    // The generators reach both sides: successes and refusals.
    expect([...statuses].some((status) => status < 300)).toBe(true)
    expect(statuses).toContain(400)
    expect(statuses).toContain(404)
  }, 60_000)
})
