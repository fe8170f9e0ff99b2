import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTarget, TARGETS, type Target } from './helpers/harness.js'
import { readSse, type SseEvent } from './helpers/sse.js'

type Json = Record<string, unknown>
type Item = Json & { id: string; type: string; status?: string }
interface ResponseBody {
  id: string
  status: string
  background: boolean
  output: Item[]
  usage: Json | null
  error: Json | null
  incomplete_details: Json | null
  [field: string]: unknown
}

/** The text of every output_text part of a response's messages. */
const outputText = (response: ResponseBody) =>
  response.output
    .flatMap((item) => (item.type === 'message' ? (item.content as Array<{ text: string }>) : []))
    .map((part) => part.text)
    .join('')

const sequence = (events: SseEvent[]) => events.map((event) => (event.data as Json).sequence_number)

describe.each(TARGETS)('POST /v1/responses and its reads (%s)', (name) => {
  let t: Target
  beforeAll(async () => {
    t = await createTarget(name, { tokenDelayMs: 5 })
  })
  afterAll(() => t.close())
  beforeEach(() => {
    t.simulator.reset()
    t.sleeps.length = 0
  })

  it('answers a string input with a completed response, in text that reads the input', async () => {
    const res = await t.post('/responses', { model: 'any-model-at-all', input: 'What is runlens?' })
    expect(res.status).toBe(200)
    const response = (await res.json()) as ResponseBody
    expect(response).toMatchObject({
      object: 'response',
      status: 'completed',
      background: false,
      model: 'any-model-at-all',
      error: null,
      user: null,
      previous_response_id: null,
    })
    expect(response.id).toMatch(/^resp_/)
    expect(outputText(response)).toContain('What is runlens?')
    expect(response.output[0]).toMatchObject({ type: 'message', role: 'assistant', status: 'completed' })
    const usage = response.usage as { input_tokens: number; output_tokens: number; total_tokens: number }
    expect(usage.input_tokens).toBeGreaterThan(0)
    expect(usage.output_tokens).toBeGreaterThan(5)
    expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens)
    // Paced: one token delay per delta.
    expect(t.sleeps.filter((ms) => ms === 5)).toHaveLength(usage.output_tokens)

    const read = await t.json<ResponseBody>(t.get(`/responses/${response.id}`))
    expect(read).toEqual(response)
  })

  it('streams the recorded event order, numbered from 0 without gaps, and ends after response.completed', async () => {
    const res = await t.post('/responses', {
      model: 'gpt-4o-mini',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }],
      instructions: 'Be brief.',
      stream: true,
      metadata: { topic: 'greeting' },
    })
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = await readSse(res)
    const kinds = [...new Set(events.map((event) => event.event))]
    expect(kinds).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ])
    expect(sequence(events)).toEqual(events.map((_, index) => index))
    for (const event of events) expect((event.data as Json).type).toBe(event.event)
    const created = (events[0]!.data as { response: ResponseBody }).response
    expect(created).toMatchObject({ status: 'in_progress', usage: null, instructions: 'Be brief.' })
    const deltas = events.filter((event) => event.event === 'response.output_text.delta')
    const text = deltas.map((event) => (event.data as { delta: string }).delta).join('')
    const done = (events.at(-1)!.data as { response: ResponseBody }).response
    expect(done.status).toBe('completed')
    expect(done.metadata).toEqual({ topic: 'greeting' })
    expect(outputText(done)).toBe(text)
    // What the stream built is what a GET reads.
    expect(await t.json(t.get(`/responses/${done.id}`))).toEqual(done)
  })

  it('pads every delta with an obfuscation by default, as recorded; include_obfuscation: false leaves it out, and nothing else changes', async () => {
    const body = { model: 'sim-reasoning', input: 'Hi', background: true, stream: true }
    const padded = await readSse(await t.post('/responses', body))
    const deltas = padded.filter((event) => event.event.endsWith('.delta'))
    expect(deltas.length).toBeGreaterThan(10)
    for (const event of deltas) {
      const { delta, obfuscation } = event.data as { delta: string; obfuscation: string }
      expect(obfuscation).toMatch(/^[A-Za-z0-9]+$/)
      expect(delta.length + obfuscation.length).toBeGreaterThanOrEqual(16)
    }
    const strip = (events: SseEvent[]) =>
      events.map((event) => {
        const { obfuscation: _, ...rest } = event.data as Json
        return rest
      })
    t.simulator.reset()
    const plain = await readSse(
      await t.post('/responses', { ...body, stream_options: { include_obfuscation: false } }),
    )
    expect(plain.map((event) => event.data)).toEqual(strip(padded))
    // A resumed stream chooses for itself.
    const id = (plain[0]!.data as { response: ResponseBody }).response.id
    const resumed = await readSse(await t.get(`/responses/${id}?stream=true&include_obfuscation=false`))
    expect(resumed.map((event) => event.data)).toEqual(strip(padded))
    const again = await readSse(await t.get(`/responses/${id}?stream=true`))
    expect(again.map((event) => event.data)).toEqual(padded.map((event) => event.data))
  })

  it('lists the input items, newest first by default, with cursor paging', async () => {
    const input = [
      { role: 'developer', content: 'Answer in French.' },
      { role: 'user', content: 'One' },
      { role: 'assistant', content: 'Un' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Two' }] },
    ]
    const response = await t.json<ResponseBody>(t.post('/responses', { model: 'm', input }))
    const all = await t.json<{ data: Item[]; has_more: boolean }>(
      t.get(`/responses/${response.id}/input_items?order=asc`),
    )
    expect(all.has_more).toBe(false)
    expect(all.data.map((item) => item.role)).toEqual(['developer', 'user', 'assistant', 'user'])
    expect(all.data[3]).toMatchObject({ type: 'message', content: [{ type: 'input_text', text: 'Two' }] })
    expect(all.data[2]).toMatchObject({ content: [{ type: 'output_text', text: 'Un' }] })

    const first = await t.json<{ data: Item[]; has_more: boolean; last_id: string }>(
      t.get(`/responses/${response.id}/input_items?limit=3`),
    )
    expect(first.data.map((item) => item.id)).toEqual(
      all.data
        .map((item) => item.id)
        .reverse()
        .slice(0, 3),
    )
    expect(first.has_more).toBe(true)
    const next = await t.json<{ data: Item[]; has_more: boolean }>(
      t.get(`/responses/${response.id}/input_items?limit=3&after=${first.last_id}`),
    )
    expect(next.data.map((item) => item.id)).toEqual([all.data[0]?.id])
    expect(next.has_more).toBe(false)
  })

  it('deletes a response: then it is a 404 for every read', async () => {
    const response = await t.json<ResponseBody>(t.post('/responses', { model: 'm', input: 'x' }))
    const deleted = await t.json(t.fetch(`/responses/${response.id}`, { method: 'DELETE' }))
    expect(deleted).toEqual({ id: response.id, object: 'response', deleted: true })
    for (const path of [`/responses/${response.id}`, `/responses/${response.id}/input_items`]) {
      const res = await t.get(path)
      expect(res.status).toBe(404)
      expect(((await res.json()) as { error: Json }).error).toMatchObject({
        message: `Response with id '${response.id}' not found.`,
        type: 'invalid_request_error',
      })
    }
    expect((await t.fetch(`/responses/${response.id}`, { method: 'DELETE' })).status).toBe(404)
  })

  it('keeps nothing with store: false', async () => {
    const response = await t.json<ResponseBody>(
      t.post('/responses', { model: 'm', input: 'x', store: false }),
    )
    expect(response).toMatchObject({ status: 'completed', store: false })
    expect((await t.get(`/responses/${response.id}`)).status).toBe(404)
    const follow = await t.post('/responses', { model: 'm', input: 'y', previous_response_id: response.id })
    expect(follow.status).toBe(400)
  })

  it('echoes what the request set', async () => {
    const response = await t.json<ResponseBody>(
      t.post('/responses', {
        model: 'o4-mini',
        input: 'x',
        reasoning: { effort: 'low', summary: 'auto' },
        max_output_tokens: 500,
        temperature: 0.5,
        top_p: 0.9,
        parallel_tool_calls: false,
        tool_choice: 'none',
        tools: [{ type: 'function', name: 'f', parameters: { type: 'object', properties: {} } }],
      }),
    )
    expect(response).toMatchObject({
      reasoning: { effort: 'low', summary: 'auto' },
      max_output_tokens: 500,
      temperature: 0.5,
      top_p: 0.9,
      parallel_tool_calls: false,
      tool_choice: 'none',
      tools: [{ type: 'function', name: 'f', strict: true, parameters: { type: 'object', properties: {} } }],
    })
    // The fields the simulator does not act on are taken, not refused.
    const accepted = await t.post('/responses', {
      model: 'm',
      input: 'x',
      conversation: 'conv_1',
      include: ['reasoning.encrypted_content'],
      text: { format: { type: 'text' } },
      truncation: 'auto',
      service_tier: 'auto',
    })
    expect(accepted.status).toBe(200)
    // tool_choice 'none': no call, a text answer.
    expect(response.output.map((item) => item.type)).toEqual(['message'])
  })

  it.each([
    [{ input: 'x' }, "Missing required parameter: 'model'.", 'model'],
    [{ model: 3 }, "Invalid type for 'model': expected a string, but got an integer instead.", 'model'],
    [
      { model: 'm', input: 5 },
      "Invalid type for 'input': expected one of a string or array of input items.",
      'input',
    ],
    [{ model: 'm', input: [{ role: 'robot', content: 'x' }] }, "Invalid value: 'robot'.", 'input[0].role'],
    [{ model: 'm', input: [{ type: 'widget' }] }, "Invalid value: 'widget'.", 'input[0].type'],
    [
      { model: 'm', input: [{ type: 'function_call_output', output: 'x' }] },
      "Missing required parameter: 'input[0].call_id'.",
      'input[0].call_id',
    ],
    [{ model: 'm', max_output_tokens: 8 }, 'integer below minimum value', 'max_output_tokens'],
    [{ model: 'm', stream: 'yes' }, "Invalid type for 'stream': expected a boolean", 'stream'],
    [{ model: 'm', metadata: { a: 1 } }, "Invalid type for 'metadata.a'", 'metadata.a'],
    [
      { model: 'm', tools: [{ type: 'function' }] },
      "Missing required parameter: 'tools[0].name'.",
      'tools[0].name',
    ],
    [
      { model: 'm', tool_choice: { type: 'function', name: 'nope' } },
      "Tool choice 'nope' not found",
      'tool_choice',
    ],
    [{ model: 'm', background: true, store: false }, 'Background mode requires', 'background'],
    [
      { model: 'm', previous_response_id: 'resp_nope' },
      "Previous response with id 'resp_nope' not found.",
      'previous_response_id',
    ],
    [{ model: 'm', reasoning: { summary: 'long' } }, "Invalid value: 'long'.", 'reasoning.summary'],
    [{ model: 'm', frobnicate: true }, 'Unrecognized request argument supplied: frobnicate', null],
    [
      { model: 'm', stream_options: { include_obfuscation: 'no' } },
      "Invalid type for 'stream_options.include_obfuscation'",
      'stream_options.include_obfuscation',
    ],
  ])('rejects %j with a 400 that says why, creating nothing', async (body, message, param) => {
    const res = await t.post('/responses', body)
    expect(res.status).toBe(400)
    const { error } = (await res.json()) as { error: Json }
    expect(error.type).toBe('invalid_request_error')
    expect(error.message).toContain(message)
    expect(error.param).toBe(param)
    // Nothing was made: the next id is the seed's first.
    t.simulator.reset()
    const fresh = await t.json<ResponseBody>(t.post('/responses', { model: 'm' }))
    t.simulator.reset()
    await t.post('/responses', body)
    const after = await t.json<ResponseBody>(t.post('/responses', { model: 'm' }))
    expect(after.id).toBe(fresh.id)
  })

  it('rejects a body that is not JSON, and unknown ids with 404', async () => {
    const bad = await t.post('/responses', '{nope')
    expect(bad.status).toBe(400)
    expect((await t.get('/responses/resp_missing')).status).toBe(404)
    expect((await t.post('/responses/resp_missing/cancel')).status).toBe(404)
  })

  it('lists the scenario models at GET /v1/models', async () => {
    const models = await t.json<{ object: string; data: Array<{ id: string; object: string }> }>(
      t.get('/models'),
    )
    expect(models.object).toBe('list')
    expect(models.data.map((model) => model.id)).toEqual(
      expect.arrayContaining([
        'sim-reasoning',
        'sim-incomplete',
        'sim-server-error',
        'sim-slow',
        'sim-parallel-calls',
      ]),
    )
  })
})
