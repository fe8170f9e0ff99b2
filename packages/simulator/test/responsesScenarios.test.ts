import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { responseScenarios } from '../src/index.js'
import { createTarget, TARGETS, type Target } from './helpers/harness.js'
import { readSse, type SseEvent } from './helpers/sse.js'

type Json = Record<string, unknown>
interface ResponseBody {
  id: string
  status: string
  output: Array<Json & { type: string; status?: string }>
  error: Json | null
  incomplete_details: Json | null
  usage: { output_tokens: number; output_tokens_details: { reasoning_tokens: number } } | null
}

const TOKEN_DELAY = 5
const last = (events: SseEvent[]) => (events.at(-1)!.data as { response: ResponseBody }).response
const kinds = (events: SseEvent[]) => [...new Set(events.map((event) => event.event))]

describe.each(TARGETS)('Responses scenarios, chosen by model name (%s)', (name) => {
  let t: Target
  beforeAll(async () => {
    t = await createTarget(name, { tokenDelayMs: TOKEN_DELAY })
  })
  afterAll(() => t.close())
  beforeEach(() => {
    t.simulator.reset()
    t.sleeps.length = 0
  })

  const stream = async (body: Json) =>
    readSse(await t.post('/responses', { input: 'Why is the sky blue?', stream: true, ...body }))

  it('GET /v1/models lists every scenario by its model name, with what it does', async () => {
    const models = await t.json<{ data: Array<{ id: string; object: string; owned_by: string }> }>(
      t.get('/models'),
    )
    expect(models.data.map((model) => model.id).slice(0, responseScenarios.length)).toEqual(
      responseScenarios.map((scenario) => scenario.model),
    )
    for (const model of models.data) expect(model.object).toBe('model')
  })

  it('sim-reasoning reasons first: a reasoning item whose two summary parts stream, then the answer', async () => {
    const events = await stream({ model: 'sim-reasoning' })
    expect(kinds(events).slice(0, 9)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.content_part.added',
    ])
    const response = last(events)
    expect(response.status).toBe('completed')
    const [reasoning, message] = response.output
    expect(reasoning).toMatchObject({ type: 'reasoning' })
    const summary = reasoning?.summary as Array<{ type: string; text: string }>
    expect(summary).toHaveLength(2)
    const deltas = (index: number) =>
      events
        .filter((event) => event.event === 'response.reasoning_summary_text.delta')
        .map((event) => event.data as { summary_index: number; delta: string })
        .filter((delta) => delta.summary_index === index)
        .map((delta) => delta.delta)
        .join('')
    expect(summary.map((part) => part.text)).toEqual([deltas(0), deltas(1)])
    expect(message).toMatchObject({ type: 'message', status: 'completed' })
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(5)
  })

  it('sim-incomplete stops at max_output_tokens, or at 16 tokens when unset', async () => {
    for (const [limit, expected] of [
      [undefined, 16],
      [40, 40],
    ] as const) {
      const events = await stream({ model: 'sim-incomplete', ...(limit ? { max_output_tokens: limit } : {}) })
      expect(events.at(-1)?.event).toBe('response.incomplete')
      const response = last(events)
      expect(response).toMatchObject({
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens' },
      })
      expect(response.usage?.output_tokens).toBe(expected)
      expect(events.filter((event) => event.event === 'response.output_text.delta')).toHaveLength(expected)
      expect(response.output[0]?.status).toBe('incomplete')
    }
  })

  it('max_output_tokens cuts any model', async () => {
    const response = await t.json<ResponseBody>(
      t.post('/responses', { model: 'gpt-4o', input: 'Tell me everything', max_output_tokens: 16 }),
    )
    expect(response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    })
    expect(response.usage?.output_tokens).toBe(16)
  })

  it('sim-server-error starts answering, then fails with server_error', async () => {
    const events = await stream({ model: 'sim-server-error' })
    expect(events.at(-1)?.event).toBe('response.failed')
    const response = last(events)
    expect(response).toMatchObject({ status: 'failed', error: { code: 'server_error' } })
    expect(response.output[0]).toMatchObject({ type: 'message', status: 'incomplete' })
    expect(events.some((event) => event.event === 'response.output_text.delta')).toBe(true)
    // And polled, the same.
    expect(await t.json(t.get(`/responses/${response.id}`))).toEqual(response)
  })

  it('a registered scenario answers its own model name, is listed, and stays through reset()', async () => {
    t.simulator.registerResponseScenario({
      model: 'acme-support-bot',
      description: 'Thinks, then answers as the support desk.',
      steps: [
        { type: 'reasoning', summary: ['Look up the order first.'] },
        { type: 'message', text: 'Your order ships tomorrow.' },
      ],
    })
    t.simulator.reset()
    const response = await t.json<ResponseBody>(
      t.post('/responses', { model: 'acme-support-bot', input: 'Where?' }),
    )
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message'])
    expect(response.output[1]).toMatchObject({ content: [{ text: 'Your order ships tomorrow.' }] })
    const models = await t.json<{ data: Array<{ id: string }> }>(t.get('/models'))
    expect(models.data.map((model) => model.id)).toContain('acme-support-bot')
    expect(() => t.simulator.registerResponseScenario({ model: ' ', description: '', steps: [] })).toThrow(
      TypeError,
    )
  })

  it('sim-stream-error breaks the stream with an error event and no response.failed; polling shows it failed', async () => {
    const events = await stream({ model: 'sim-stream-error', background: true })
    const error = events.at(-1)!
    expect(error.event).toBe('error')
    expect(error.data).toMatchObject({
      type: 'error',
      code: 'server_error',
      message: expect.any(String),
      param: null,
    })
    expect(events.some((event) => event.event === 'response.failed')).toBe(false)
    const id = (events[0]!.data as { response: ResponseBody }).response.id
    const polled = await t.json<ResponseBody>(t.get(`/responses/${id}`))
    expect(polled).toMatchObject({ status: 'failed', error: { code: 'server_error' } })
    // A resumed stream ends on the same error.
    const resumed = await readSse(await t.get(`/responses/${id}?stream=true&starting_after=3`))
    expect(resumed.at(-1)?.raw).toBe(error.raw)
  })

  it('sim-slow sends hundreds of deltas, each after four token delays', async () => {
    const events = await stream({ model: 'sim-slow' })
    const deltas = events.filter((event) => event.event === 'response.output_text.delta')
    expect(deltas.length).toBeGreaterThan(300)
    expect(t.sleeps.filter((ms) => ms === TOKEN_DELAY * 4)).toHaveLength(deltas.length)
    expect(t.sleeps).not.toContain(TOKEN_DELAY)
  })
})
