import type { Run } from '@runlens/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixture, fixturePath } from '../../../test/fixtures/fixture.js'
import { builtinScenarios } from '../src/index.js'
import { isObject } from '../src/validate.js'
import { createTarget, eventually, TARGETS, type Target, TERMINAL } from './helpers/harness.js'
import { loadSpec, type SpecValidator } from './helpers/spec.js'
import { parseSse } from './helpers/sse.js'

// Resolved when the file loads, so that a missing spec fails here, naming its path, rather than in
// beforeAll, where it would leave every test of the suite reported as skipped.
const SPEC_PATH = fixturePath('openai-openapi.yaml')

/**
 * Where the recorded streams (test/fixtures) show real servers differ from the spec, the
 * simulator follows the recordings and only these checks are relaxed:
 * - `instructions` is null on a run whose assistant has none (the spec says string);
 * - a list's `first_id` / `last_id` are null when it is empty (the spec says string).
 * Steps also carry the recorded `expires_at` next to the spec's `expired_at`: extra fields need no
 * relaxing.
 *
 * One stream event is an exception, checked apart in `call` below: the spec's ErrorEvent has the
 * bare Error object as its data, while real servers send `{"error": {...}}` (and openai-python and
 * openai-go only read that shape), so the simulator sends the wrapped shape by default and the
 * bare one with `errorEventShape: 'bare'`.
 */
function relax(schemas: Record<string, Record<string, unknown>>): void {
  const property = (schema: string, name: string) =>
    (schemas[schema]!.properties as Record<string, Record<string, unknown>>)[name] as Record<string, unknown>
  const orNull = (schema: string, name: string) => {
    const props = schemas[schema]!.properties as Record<string, unknown>
    props[name] = { anyOf: [property(schema, name), { type: 'null' }] }
  }
  orNull('RunObject', 'instructions')
  for (const list of [
    'ListRunsResponse',
    'ListRunStepsResponse',
    'ListMessagesResponse',
    'ListAssistantsResponse',
  ]) {
    orNull(list, 'first_id')
    orNull(list, 'last_id')
  }
}

const ROUTE_SCHEMAS: ReadonlyArray<[method: string, path: RegExp, schema: string]> = [
  ['GET', /^\/assistants$/, 'ListAssistantsResponse'],
  ['POST', /^\/assistants$/, 'AssistantObject'],
  ['GET', /^\/assistants\/[^/]+$/, 'AssistantObject'],
  ['POST', /^\/threads$/, 'ThreadObject'],
  ['POST', /^\/threads\/runs$/, 'RunObject'],
  ['DELETE', /^\/threads\/[^/]+$/, 'DeleteThreadResponse'],
  ['*', /^\/threads\/[^/]+$/, 'ThreadObject'],
  ['GET', /^\/threads\/[^/]+\/messages$/, 'ListMessagesResponse'],
  ['*', /^\/threads\/[^/]+\/messages(\/[^/]+)?$/, 'MessageObject'],
  ['GET', /^\/threads\/[^/]+\/runs$/, 'ListRunsResponse'],
  ['*', /^\/threads\/[^/]+\/runs(\/[^/]+(\/cancel|\/submit_tool_outputs)?)?$/, 'RunObject'],
  ['GET', /^\/threads\/[^/]+\/runs\/[^/]+\/steps$/, 'ListRunStepsResponse'],
  ['GET', /^\/threads\/[^/]+\/runs\/[^/]+\/steps\/[^/]+$/, 'RunStepObject'],
]

/** The schema of each stream event's data, named after the spec's AssistantStreamEvent members. */
function eventSchema(event: string): string {
  if (event === 'thread.created') return 'ThreadObject'
  if (event === 'thread.run.step.delta') return 'RunStepDeltaObject'
  if (event.startsWith('thread.run.step.')) return 'RunStepObject'
  if (event.startsWith('thread.run.')) return 'RunObject'
  if (event === 'thread.message.delta') return 'MessageDeltaObject'
  if (event.startsWith('thread.message.')) return 'MessageObject'
  if (event === 'error') return 'Error'
  throw new Error(`unexpected event ${event}`)
}

describe.each(TARGETS)('every body and every event matches the OpenAPI spec (%s)', (name) => {
  let spec: SpecValidator
  let t: Target
  const counts = { bodies: 0, events: 0 }

  /** Fetches through the target and validates what comes back, whatever it is. */
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await t.fetch(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      const events = parseSse(text)
      for (const event of events) {
        counts.events++
        if (event.event === 'error' && isObject(event.data) && 'error' in event.data) {
          // The exception described above: the wrapper is the spec's ErrorResponse, and what it
          // wraps must be the ErrorEvent's data.
          spec.check('ErrorResponse', event.data)
          spec.check('AssistantStreamEvent', { event: 'error', data: event.data.error })
          continue
        }
        if (event.event === 'done') expect(event.raw).toBe('[DONE]')
        else spec.check(eventSchema(event.event), event.data)
        // The union too: the event name and its data must agree.
        spec.check('AssistantStreamEvent', { event: event.event, data: event.data })
      }
      return { status: response.status, events, json: null as unknown }
    }
    const json = JSON.parse(text) as unknown
    counts.bodies++
    if (response.status >= 400) spec.check('ErrorResponse', json)
    else {
      const pathname = path.split('?')[0] as string
      const route = ROUTE_SCHEMAS.find(
        ([m, pattern]) => (m === '*' || m === method) && pattern.test(pathname),
      )
      if (!route) throw new Error(`no schema for ${method} ${pathname}`)
      spec.check(route[2], json)
    }
    return { status: response.status, events: [], json }
  }

  beforeAll(async () => {
    spec = loadSpec(SPEC_PATH, relax)
    t = await createTarget(name)
  }, 60_000)
  afterAll(() => t.close())

  const settle = async (threadId: string, runId: string) =>
    (await eventually(
      async () => (await call('GET', `/threads/${threadId}/runs/${runId}`)).json as Run,
      (run) => TERMINAL.includes(run.status) || run.status === 'requires_action',
    )) as Run

  /** Answers every pending call, streamed or not, until the run is over. */
  async function finish(threadId: string, run: Run, stream: boolean) {
    let current = run
    while (current.status === 'requires_action') {
      const calls = current.required_action?.submit_tool_outputs.tool_calls ?? []
      const outputs = calls.map((c) => ({ tool_call_id: c.id, output: `output of ${c.function.name}` }))
      await call('POST', `/threads/${threadId}/runs/${current.id}/submit_tool_outputs`, {
        tool_outputs: outputs,
        stream,
      })
      current = await settle(threadId, current.id)
    }
    return current
  }

  async function inspect(threadId: string, runId: string) {
    await call('GET', `/threads/${threadId}`)
    await call('GET', `/threads/${threadId}/runs?limit=2&order=asc`)
    const steps = (await call('GET', `/threads/${threadId}/runs/${runId}/steps`)).json as {
      data: Array<{ id: string }>
    }
    const include = 'include[]=step_details.tool_calls[*].file_search.results[*].content'
    await call('GET', `/threads/${threadId}/runs/${runId}/steps?${include}&order=asc`)
    for (const step of steps.data) {
      await call('GET', `/threads/${threadId}/runs/${runId}/steps/${step.id}`)
      await call('GET', `/threads/${threadId}/runs/${runId}/steps/${step.id}?${include}`)
    }
    const messages = (await call('GET', `/threads/${threadId}/messages?run_id=${runId}`)).json as {
      data: Array<{ id: string }>
    }
    for (const message of messages.data) await call('GET', `/threads/${threadId}/messages/${message.id}`)
  }

  it.each(builtinScenarios.map((scenario) => scenario.name))(
    'scenario %s, streamed and polled',
    async (scenario) => {
      const assistant = `asst_${scenario}`
      await call('GET', `/assistants/${assistant}`)
      // Streamed, with the file search content included.
      const thread = (
        await call('POST', '/threads', {
          messages: [{ role: 'user', content: 'Hello' }],
          metadata: { a: 'b' },
        })
      ).json as { id: string }
      await call('POST', `/threads/${thread.id}/messages`, {
        role: 'user',
        content: [{ type: 'text', text: 'More' }],
      })
      const include = '?include[]=step_details.tool_calls[*].file_search.results[*].content'
      const streamed = await call('POST', `/threads/${thread.id}/runs${include}`, {
        assistant_id: assistant,
        stream: true,
      })
      const runId = (streamed.events[0]!.data as Run).id
      if (scenario === 'expired') {
        t.clock.advance(61_000)
      }
      await finish(thread.id, await settle(thread.id, runId), true)
      await inspect(thread.id, runId)
      await call('POST', `/threads/${thread.id}/runs/${runId}`, { metadata: { checked: 'yes' } })
      await call('POST', `/threads/${thread.id}/runs/${runId}/cancel`)

      // Not streamed, through POST /threads/runs, then cancelled while active where possible.
      const created = (
        await call('POST', '/threads/runs', {
          assistant_id: assistant,
          thread: { messages: [{ role: 'user', content: 'Hi' }] },
        })
      ).json as Run
      await call('POST', `/threads/${created.thread_id}/runs/${created.id}/cancel`)
      const final = await settle(created.thread_id, created.id)
      await finish(created.thread_id, final, false)
      await inspect(created.thread_id, created.id)
    },
  )

  it('assistants, threads and errors', async () => {
    await call('GET', '/assistants?limit=3')
    await call('GET', '/assistants?limit=100&order=asc&after=asst_text')
    await call('POST', '/assistants', {
      model: 'gpt-4o',
      name: 'mine',
      metadata: { scenario: 'function_call' },
    })
    const thread = (await call('POST', '/threads', {})).json as { id: string }
    await call('GET', `/threads/${thread.id}/messages`)
    await call('GET', `/threads/${thread.id}/runs`)
    await call('POST', `/threads/${thread.id}`, { metadata: { k: 'v' } })
    await call('GET', '/threads/thread_nope')
    await call('POST', `/threads/${thread.id}/runs`, {})
    await call('GET', `/threads/${thread.id}`, undefined, { 'x-runlens-fault': 'status=429;retry-after=1' })
    await call('GET', '/nope')
    // A stream broken by the stream_error scenario: its `error` event is checked against Error.
    const broken = await call('POST', `/threads/${thread.id}/runs`, {
      assistant_id: 'asst_stream_error',
      stream: true,
    })
    expect(broken.events.at(-1)?.event).toBe('error')
    await call('DELETE', `/threads/${thread.id}`)
  })

  it("with errorEventShape 'bare', the error event is the spec's own, unwrapped", async () => {
    const bare = await createTarget(name, { errorEventShape: 'bare' })
    try {
      const thread = await bare.json<{ id: string }>(bare.post('/threads', {}))
      const response = await bare.post(`/threads/${thread.id}/runs`, {
        assistant_id: 'asst_stream_error',
        stream: true,
      })
      const error = parseSse(await response.text()).at(-1)
      expect(error?.event).toBe('error')
      spec.check('AssistantStreamEvent', { event: 'error', data: error?.data })
      // And the wrapped default is no ErrorEvent of the spec: the exception above is needed.
      expect(() =>
        spec.check('AssistantStreamEvent', { event: 'error', data: { error: error?.data } }),
      ).toThrow()
    } finally {
      await bare.close()
    }
  })

  it('is no rubber stamp: broken bodies fail, and the recordings pass the relaxed spec', async () => {
    const thread = (await call('POST', '/threads', {})).json as { id: string }
    const run = (await call('POST', `/threads/${thread.id}/runs`, { assistant_id: 'asst_text' })).json as Run
    expect(() => spec.check('RunObject', { ...run, status: 'bogus' })).toThrow(/status/)
    expect(() => spec.check('RunObject', { ...run, usage: undefined })).toThrow(/usage/)
    expect(() => spec.check('RunObject', { ...run, truncation_strategy: { type: 'sometimes' } })).toThrow()
    expect(() => spec.check('ErrorResponse', { error: { message: 'x', type: 'y' } })).toThrow(/param/)
    for (const recording of ['text-run.sse', 'function-call-requires-action.sse'] as const) {
      for (const event of parseSse(fixture(recording))) {
        if (event.event === 'done') continue
        // The recorded steps lack the spec's `expired_at` and `metadata`; everything else must pass.
        const data =
          event.event.startsWith('thread.run.step.') && event.event !== 'thread.run.step.delta'
            ? { expired_at: null, metadata: {}, ...(event.data as object) }
            : event.data
        spec.check('AssistantStreamEvent', { event: event.event, data })
      }
    }
    const strict = loadSpec(SPEC_PATH, () => {})
    expect(() => strict.check('RunObject', { ...run, instructions: null })).toThrow(/instructions/)
  }, 60_000)

  it('checked a fair amount', () => {
    expect(counts.bodies).toBeGreaterThan(200)
    expect(counts.events).toBeGreaterThan(500)
  })
})
