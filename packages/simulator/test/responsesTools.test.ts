import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createRandom } from '../src/random.js'
import { valueForSchema } from '../src/responses/argumentsForSchema.js'
import { createTarget, TARGETS, type Target } from './helpers/harness.js'
import { readSse, type SseEvent } from './helpers/sse.js'

type Json = Record<string, unknown>
interface Item {
  id: string
  type: string
  status?: string
  call_id?: string
  name?: string
  arguments?: string
  content?: Array<{ text: string }>
}
interface ResponseBody {
  id: string
  status: string
  output: Item[]
}

const WEATHER = {
  type: 'object',
  properties: {
    city: { type: 'string', minLength: 2 },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    days: { type: 'integer', minimum: 1, maximum: 7 },
    hourly: { type: 'boolean' },
  },
  required: ['city', 'unit'],
  additionalProperties: false,
}
const TOOLS = [
  { type: 'function', name: 'get_weather', description: 'The weather in a city', parameters: WEATHER },
  {
    type: 'function',
    name: 'get_time',
    parameters: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] },
  },
]

const ajv = new Ajv2020({ strict: false })
const text = (response: ResponseBody) =>
  response.output
    .flatMap((item) => item.content ?? [])
    .map((part) => part.text)
    .join('')
const calls = (response: ResponseBody) => response.output.filter((item) => item.type === 'function_call')

describe.each(TARGETS)('function tools in the Responses API (%s)', (name) => {
  let t: Target
  beforeAll(async () => {
    t = await createTarget(name, { tokenDelayMs: 3 })
  })
  afterAll(() => t.close())
  beforeEach(() => t.simulator.reset())

  const create = (body: Json) =>
    t.json<ResponseBody>(t.post('/responses', { model: 'gpt-4.1', input: 'Weather?', ...body }))

  it('calls a function with arguments valid for its schema, streamed as argument deltas', async () => {
    const events = await readSse(
      await t.post('/responses', { model: 'my-own-model', input: 'Weather?', tools: TOOLS, stream: true }),
    )
    const response = (events.at(-1)!.data as { response: ResponseBody }).response
    expect(response.status).toBe('completed')
    const [call] = calls(response)
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', status: 'completed' })
    expect(call?.call_id).toMatch(/^call_/)
    expect(ajv.validate(WEATHER, JSON.parse(call?.arguments as string))).toBe(true)
    const deltas = events.filter(
      (event: SseEvent) => event.event === 'response.function_call_arguments.delta',
    )
    expect(deltas.length).toBeGreaterThan(3)
    expect(deltas.map((event) => (event.data as { delta: string }).delta).join('')).toBe(call?.arguments)
    const done = events.find((event) => event.event === 'response.function_call_arguments.done')?.data as Json
    expect(done).toMatchObject({ item_id: call?.id, output_index: 0, arguments: call?.arguments })
    // As recorded: no `name` on the done event.
    expect(done).not.toHaveProperty('name')
    expect(await t.json(t.get(`/responses/${response.id}`))).toEqual(response)
  })

  it('draws the same arguments for the same seed, and others for other seeds', async () => {
    const first = calls(await create({ tools: TOOLS }))[0]?.arguments
    t.simulator.reset()
    expect(calls(await create({ tools: TOOLS }))[0]?.arguments).toBe(first)
    const others = new Set<string>()
    for (const seed of ['a', 'b', 'c', 'd']) {
      const other = await createTarget('in-process', { seed })
      others.add(
        calls(
          await other.json<ResponseBody>(other.post('/responses', { model: 'm', input: 'x', tools: TOOLS })),
        )[0]?.arguments as string,
      )
      await other.close()
    }
    expect([...others].some((args) => args !== first)).toBe(true)
  })

  it('follows tool_choice: a named function, none, or required', async () => {
    const named = await create({ tools: TOOLS, tool_choice: { type: 'function', name: 'get_time' } })
    expect(calls(named).map((call) => call.name)).toEqual(['get_time'])
    const none = await create({ tools: TOOLS, tool_choice: 'none' })
    expect(calls(none)).toEqual([])
    expect(text(none).length).toBeGreaterThan(0)
  })

  it('answers a follow-up with previous_response_id and the outputs, in text that uses them', async () => {
    const first = await create({ tools: TOOLS })
    const [call] = calls(first)
    const follow = await create({
      tools: TOOLS,
      previous_response_id: first.id,
      input: [
        {
          type: 'function_call_output',
          call_id: call?.call_id,
          output: '{"temperature":"21C","sky":"clear"}',
        },
      ],
    })
    expect(follow).toMatchObject({ status: 'completed', previous_response_id: first.id })
    expect(calls(follow)).toEqual([])
    expect(text(follow)).toContain('get_weather')
    expect(text(follow)).toContain('"temperature":"21C"')
    const items = await t.json<{ data: Item[] }>(t.get(`/responses/${follow.id}/input_items`))
    expect(items.data).toMatchObject([
      { type: 'function_call_output', call_id: call?.call_id, status: 'completed' },
    ])

    // tool_choice 'required' calls again whatever the input brings.
    const again = await create({
      tools: TOOLS,
      tool_choice: 'required',
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: call?.call_id, output: 'sunny' }],
    })
    expect(calls(again)).toHaveLength(1)
  })

  it('answers outputs for calls the input itself carries, without previous_response_id', async () => {
    const follow = await create({
      tools: TOOLS,
      input: [
        { role: 'user', content: 'Weather?' },
        { type: 'function_call', call_id: 'call_mine', name: 'get_weather', arguments: '{"city":"Oslo"}' },
        { type: 'function_call_output', call_id: 'call_mine', output: 'snow' },
      ],
    })
    expect(text(follow)).toContain('get_weather says snow')
  })

  it('refuses an output for an unknown call_id, and a follow-up that leaves a call unanswered', async () => {
    const first = await create({ tools: TOOLS })
    const unknown = await t.post('/responses', {
      model: 'm',
      previous_response_id: first.id,
      input: [
        { type: 'function_call_output', call_id: calls(first)[0]?.call_id, output: 'ok' },
        { type: 'function_call_output', call_id: 'call_nobody', output: 'x' },
      ],
    })
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toMatchObject({
      error: {
        message: 'No tool call found for function call output with call_id call_nobody.',
        type: 'invalid_request_error',
        param: 'input[1].call_id',
      },
    })
    const unanswered = await t.post('/responses', {
      model: 'm',
      previous_response_id: first.id,
      input: 'And?',
    })
    expect(unanswered.status).toBe(400)
    expect(((await unanswered.json()) as { error: Json }).error.message).toContain(calls(first)[0]?.call_id)
  })

  it('calls every tool in one turn for sim-parallel-calls, then answers all the outputs', async () => {
    const first = await create({ model: 'sim-parallel-calls', tools: TOOLS })
    expect(calls(first).map((call) => call.name)).toEqual(['get_weather', 'get_time'])
    expect(new Set(calls(first).map((call) => call.call_id)).size).toBe(2)
    const follow = await create({
      model: 'sim-parallel-calls',
      tools: TOOLS,
      previous_response_id: first.id,
      input: calls(first).map((call) => ({
        type: 'function_call_output',
        call_id: call.call_id,
        output: `out-${call.name}`,
      })),
    })
    expect(text(follow)).toContain('out-get_weather')
    expect(text(follow)).toContain('out-get_time')
    const single = await create({ model: 'sim-parallel-calls', tools: TOOLS, parallel_tool_calls: false })
    expect(calls(single)).toHaveLength(1)
  })
})

describe('arguments for a JSON schema', () => {
  const schemas: Json[] = [
    WEATHER,
    { type: 'object', properties: {} },
    {
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string', maxLength: 3 }, minItems: 2, maxItems: 4 },
        score: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        mode: { const: 'fast' },
        note: { type: ['string', 'null'] },
        nested: {
          type: 'object',
          properties: {
            when: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 2000, maximum: 2030 }] },
          },
          required: ['when'],
        },
        choice: { oneOf: [{ type: 'boolean' }, { type: 'string' }] },
      },
      required: ['tags', 'score', 'mode', 'nested'],
    },
  ]
  it.each(schemas.map((schema, index) => [index, schema]))('schema %i: valid for every seed', (_, schema) => {
    const validate = ajv.compile(schema)
    for (let seed = 0; seed < 50; seed++) {
      const value = valueForSchema(schema, createRandom(seed, 'arguments'))
      if (!validate(value)) throw new Error(`${JSON.stringify(value)}: ${ajv.errorsText(validate.errors)}`)
    }
  })
})
