import type { ListResponse, Run, RunStep } from '@runlens/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTarget, eventually, TARGETS, type Target } from './helpers/harness.js'

interface Fixture {
  thread: string
  done: Run
  waiting: Run
  waitingThread: string
  step: RunStep
}

/** Every list and object a rejected request could touch, to prove it touched none. */
async function snapshot(t: Target, f: Fixture): Promise<string> {
  const paths = [
    '/assistants?limit=100',
    `/threads/${f.thread}`,
    `/threads/${f.thread}/messages?limit=100`,
    `/threads/${f.thread}/runs?limit=100`,
    `/threads/${f.thread}/runs/${f.done.id}/steps?limit=100`,
    `/threads/${f.waitingThread}`,
    `/threads/${f.waitingThread}/messages?limit=100`,
    `/threads/${f.waitingThread}/runs?limit=100`,
    `/threads/${f.waitingThread}/runs/${f.waiting.id}/steps?limit=100`,
  ]
  const bodies = await Promise.all(paths.map(async (path) => (await t.get(path)).text()))
  return bodies.join('\n')
}

interface Case {
  name: string
  request: (t: Target, f: Fixture) => Promise<Response>
  status: number
  error: { message?: string | RegExp; param?: string | null; code?: string | null; type?: string }
}

const meta = (count: number, key = 'k', value = 'v') =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${key}${i}`, value]))

const CASES: Case[] = [
  {
    name: 'malformed JSON',
    request: (t) => t.post('/threads', '{"messages": [}'),
    status: 400,
    error: { message: /^We could not parse the JSON body of your request/, param: null, code: null },
  },
  {
    name: 'a body that is not an object',
    request: (t, f) => t.post(`/threads/${f.thread}/runs`, '[1,2]'),
    status: 400,
    error: { code: 'invalid_type' },
  },
  {
    name: 'missing assistant_id',
    request: (t, f) => t.post(`/threads/${f.thread}/runs`, {}),
    status: 400,
    error: {
      message: "Missing required parameter: 'assistant_id'.",
      param: 'assistant_id',
      code: 'missing_required_parameter',
    },
  },
  {
    name: 'assistant_id of the wrong type',
    request: (t, f) => t.post(`/threads/${f.thread}/runs`, { assistant_id: 42 }),
    status: 400,
    error: {
      message: "Invalid type for 'assistant_id': expected a string, but got an integer instead.",
      code: 'invalid_type',
    },
  },
  {
    name: 'an unknown assistant',
    request: (t, f) => t.post(`/threads/${f.thread}/runs`, { assistant_id: 'asst_nope' }),
    status: 404,
    error: { message: "No assistant found with id 'asst_nope'.", param: null, code: null },
  },
  {
    name: 'an unrecognized argument',
    request: (t, f) => t.post(`/threads/${f.thread}/runs`, { assistant_id: 'asst_text', colour: 'red' }),
    status: 400,
    error: { message: 'Unrecognized request argument supplied: colour' },
  },
  {
    name: 'temperature above 2',
    request: (t, f) => t.post(`/threads/${f.thread}/runs`, { assistant_id: 'asst_text', temperature: 3 }),
    status: 400,
    error: { param: 'temperature', code: 'decimal_above_max_value' },
  },
  {
    name: 'max_completion_tokens below 256',
    request: (t, f) =>
      t.post(`/threads/${f.thread}/runs`, { assistant_id: 'asst_text', max_completion_tokens: 10 }),
    status: 400,
    error: { param: 'max_completion_tokens', code: 'integer_below_min_value' },
  },
  {
    name: 'an unknown include[] value',
    request: (t, f) =>
      t.post(`/threads/${f.thread}/runs?include[]=everything`, { assistant_id: 'asst_text' }),
    status: 400,
    error: { param: 'include[0]', code: 'invalid_value' },
  },
  {
    name: 'metadata over 16 keys (create run)',
    request: (t, f) => t.post(`/threads/${f.thread}/runs`, { assistant_id: 'asst_text', metadata: meta(17) }),
    status: 400,
    error: {
      message:
        "Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got an object with 17 properties instead.",
      param: 'metadata',
      code: 'object_above_max_properties',
    },
  },
  {
    name: 'a metadata key over 64 characters (update run)',
    request: (t, f) =>
      t.post(`/threads/${f.thread}/runs/${f.done.id}`, { metadata: { ['k'.repeat(65)]: 'v' } }),
    status: 400,
    error: { param: 'metadata', code: 'string_above_max_length' },
  },
  {
    name: 'a metadata value over 512 characters (create thread)',
    request: (t) => t.post('/threads', { metadata: { note: 'v'.repeat(513) } }),
    status: 400,
    error: { param: 'metadata.note', code: 'string_above_max_length' },
  },
  {
    name: 'a metadata value that is not a string',
    request: (t, f) => t.post(`/threads/${f.thread}/runs/${f.done.id}`, { metadata: { n: 1 } }),
    status: 400,
    error: { code: 'invalid_type' },
  },
  {
    name: 'limit 0',
    request: (t, f) => t.get(`/threads/${f.thread}/runs?limit=0`),
    status: 400,
    error: { param: 'limit', code: 'integer_below_min_value' },
  },
  {
    name: 'limit 101 (steps)',
    request: (t, f) => t.get(`/threads/${f.thread}/runs/${f.done.id}/steps?limit=101`),
    status: 400,
    error: { param: 'limit', code: 'integer_above_max_value' },
  },
  {
    name: 'a limit that is not a number (messages)',
    request: (t, f) => t.get(`/threads/${f.thread}/messages?limit=ten`),
    status: 400,
    error: { param: 'limit', code: 'invalid_type' },
  },
  {
    name: 'an unknown order (assistants)',
    request: (t) => t.get('/assistants?order=sideways'),
    status: 400,
    error: { param: 'order', code: 'invalid_value' },
  },
  {
    name: 'an unknown thread',
    request: (t) => t.get('/threads/thread_nope/runs'),
    status: 404,
    error: {
      message: "No thread found with id 'thread_nope'.",
      type: 'invalid_request_error',
      param: null,
      code: null,
    },
  },
  {
    name: 'an unknown run',
    request: (t, f) => t.get(`/threads/${f.thread}/runs/run_nope`),
    status: 404,
    error: { message: "No run found with id 'run_nope'." },
  },
  {
    name: 'a run of another thread',
    request: (t, f) => t.get(`/threads/${f.thread}/runs/${f.waiting.id}`),
    status: 404,
    error: { message: /^No run found with id 'run_\w+'\.$/ },
  },
  {
    name: 'an unknown step',
    request: (t, f) => t.get(`/threads/${f.thread}/runs/${f.done.id}/steps/step_nope`),
    status: 404,
    error: { message: "No run step found with id 'step_nope'." },
  },
  {
    name: 'an unknown message',
    request: (t, f) => t.get(`/threads/${f.thread}/messages/msg_nope`),
    status: 404,
    error: { message: "No message found with id 'msg_nope'." },
  },
  {
    name: 'an unknown assistant (retrieve)',
    request: (t) => t.get('/assistants/asst_nope'),
    status: 404,
    error: { message: "No assistant found with id 'asst_nope'." },
  },
  {
    name: 'an unknown route',
    request: (t) => t.get('/threads/x/y/z/w'),
    status: 404,
    error: { message: /^Invalid URL \(GET \/v1\/threads\/x\/y\/z\/w\)$/ },
  },
  {
    name: 'a path outside the base path',
    request: (t) => t.fetch('/../v2/threads'),
    status: 404,
    error: { message: /^Invalid URL/ },
  },
  {
    name: 'a wrong method',
    request: (t, f) => t.fetch(`/threads/${f.thread}/runs`, { method: 'DELETE' }),
    status: 405,
    error: { message: /^Invalid method for URL \(DELETE / },
  },
  {
    name: 'tool outputs missing a pending call',
    request: (t, f) =>
      t.post(`/threads/${f.waitingThread}/runs/${f.waiting.id}/submit_tool_outputs`, {
        tool_outputs: [
          { tool_call_id: f.waiting.required_action!.submit_tool_outputs.tool_calls[0]!.id, output: 'x' },
        ],
      }),
    status: 400,
    error: {
      message: /^Expected tool outputs for call_ids \['call_\w+', 'call_\w+'\], got \['call_\w+'\]$/,
      param: 'tool_outputs',
    },
  },
  {
    name: 'tool outputs naming an unknown call',
    request: (t, f) =>
      t.post(`/threads/${f.waitingThread}/runs/${f.waiting.id}/submit_tool_outputs`, {
        tool_outputs: [{ tool_call_id: 'call_nope', output: 'x' }],
      }),
    status: 400,
    error: { param: 'tool_outputs[0].tool_call_id', code: 'invalid_value' },
  },
  {
    name: 'tool outputs naming a call twice',
    request: (t, f) => {
      const [a] = f.waiting.required_action!.submit_tool_outputs.tool_calls
      return t.post(`/threads/${f.waitingThread}/runs/${f.waiting.id}/submit_tool_outputs`, {
        tool_outputs: [
          { tool_call_id: a!.id, output: 'x' },
          { tool_call_id: a!.id, output: 'y' },
        ],
      })
    },
    status: 400,
    error: { message: /^Duplicate tool_call_id/ },
  },
  {
    name: 'tool outputs missing',
    request: (t, f) => t.post(`/threads/${f.waitingThread}/runs/${f.waiting.id}/submit_tool_outputs`, {}),
    status: 400,
    error: { param: 'tool_outputs', code: 'missing_required_parameter' },
  },
  {
    name: 'submitting when the run is not requires_action',
    request: (t, f) =>
      t.post(`/threads/${f.thread}/runs/${f.done.id}/submit_tool_outputs`, { tool_outputs: [] }),
    status: 400,
    error: { message: 'Runs in status "completed" do not accept tool outputs.' },
  },
  {
    name: 'cancelling a finished run',
    request: (t, f) => t.post(`/threads/${f.thread}/runs/${f.done.id}/cancel`),
    status: 400,
    error: {
      message: "Cannot cancel run with status 'completed'.",
      type: 'invalid_request_error',
      param: null,
      code: null,
    },
  },
  {
    name: 'a second run while one is active',
    request: (t, f) => t.post(`/threads/${f.waitingThread}/runs`, { assistant_id: 'asst_text' }),
    status: 400,
    error: { message: /^Thread thread_\w+ already has an active run run_\w+\.$/ },
  },
  {
    name: 'a message while a run is active',
    request: (t, f) => t.post(`/threads/${f.waitingThread}/messages`, { role: 'user', content: 'hi' }),
    status: 400,
    error: { message: /^Can't add messages to thread_\w+ while a run run_\w+ is active\.$/ },
  },
  {
    name: 'a message with a bad role',
    request: (t, f) => t.post(`/threads/${f.thread}/messages`, { role: 'system', content: 'hi' }),
    status: 400,
    error: { param: 'role', code: 'invalid_value' },
  },
  {
    name: 'an assistant without a model',
    request: (t) => t.post('/assistants', { name: 'x' }),
    status: 400,
    error: { param: 'model', code: 'missing_required_parameter' },
  },
  {
    name: 'an assistant for an unknown scenario',
    request: (t) => t.post('/assistants', { model: 'gpt-4o', metadata: { scenario: 'nope' } }),
    status: 400,
    error: { param: 'metadata.scenario', code: 'invalid_value' },
  },
  {
    name: 'a malformed fault header',
    request: (t, f) => t.get(`/threads/${f.thread}`, { 'x-runlens-fault': 'status=abc' }),
    status: 400,
    error: { message: /^Invalid x-runlens-fault header: 'status' needs a number/, param: 'x-runlens-fault' },
  },
]

describe.each(TARGETS)('validation (%s)', (name) => {
  let t: Target
  let f: Fixture

  beforeAll(async () => {
    t = await createTarget(name)
    const thread = (
      await t.json<{ id: string }>(t.post('/threads', { messages: [{ role: 'user', content: 'Hi' }] }))
    ).id
    const created = await t.json<Run>(t.post(`/threads/${thread}/runs`, { assistant_id: 'asst_text' }))
    const done = await eventually(
      () => t.json<Run>(t.get(`/threads/${thread}/runs/${created.id}`)),
      (run) => run.status === 'completed',
    )
    const steps = await t.json<ListResponse<RunStep>>(t.get(`/threads/${thread}/runs/${done.id}/steps`))
    const waitingThread = (await t.json<{ id: string }>(t.post('/threads', {}))).id
    const started = await t.json<Run>(
      t.post(`/threads/${waitingThread}/runs`, { assistant_id: 'asst_parallel_function_calls' }),
    )
    const waiting = await eventually(
      () => t.json<Run>(t.get(`/threads/${waitingThread}/runs/${started.id}`)),
      (run) => run.status === 'requires_action',
    )
    f = { thread, done, waiting, waitingThread, step: steps.data[0]! }
  })
  afterAll(() => t.close())

  it.each(CASES)('rejects $name, and changes nothing', async ({ request, status, error }) => {
    const before = await snapshot(t, f)
    const response = await request(t, f)
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/)
    const body = (await response.json()) as { error: Record<string, unknown> }
    expect(Object.keys(body)).toEqual(['error'])
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type'])
    expect(body.error.type).toBe(error.type ?? 'invalid_request_error')
    if (error.message instanceof RegExp) expect(body.error.message).toMatch(error.message)
    else if (error.message !== undefined) expect(body.error.message).toBe(error.message)
    if (error.param !== undefined) expect(body.error.param).toBe(error.param)
    if (error.code !== undefined) expect(body.error.code).toBe(error.code)
    expect(await snapshot(t, f)).toBe(before)
  })

  it('answers 405 with an allow header', async () => {
    const response = await t.fetch(`/threads/${f.thread}/runs/${f.done.id}/cancel`, { method: 'GET' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
  })

  it('accepts what the rejections reject, right at the limits', async () => {
    const ok = await t.post(`/threads/${f.thread}/runs/${f.done.id}`, {
      metadata: { ...meta(15), ['k'.repeat(64)]: 'v'.repeat(512) },
    })
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as Run).metadata?.['k'.repeat(64)]).toHaveLength(512)
    expect((await t.get(`/threads/${f.thread}/runs?limit=100`)).status).toBe(200)
    expect((await t.get(`/threads/${f.thread}/runs?limit=1`)).status).toBe(200)
  })
})

describe.each(TARGETS)('API key (%s)', (name) => {
  let t: Target
  beforeAll(async () => {
    t = await createTarget(name, { apiKey: 'sk-test-1234567890' })
  })
  afterAll(() => t.close())

  it('answers 401 like the real API for a wrong or missing bearer', async () => {
    const wrong = await t.get('/assistants', { authorization: 'Bearer sk-wrong-0000000000' })
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual({
      error: {
        message:
          'Incorrect API key provided: sk-************0000. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    })
    const missing = await t.get('/assistants')
    expect(missing.status).toBe(401)
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(
      /^You didn't provide an API key/,
    )
    const right = await t.get('/assistants', { authorization: 'Bearer sk-test-1234567890' })
    expect(right.status).toBe(200)
  })
})
