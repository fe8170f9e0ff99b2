import type { ListResponse, Message, Run, RunStep } from '@runlens/client'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { fixture } from '../../../test/fixtures/fixture.js'
import {
  createTarget,
  eventually,
  nextTurn,
  TARGETS,
  type Target,
  TERMINAL,
  useTargetWithThread,
} from './helpers/harness.js'
import { readSse, type SseEvent, sseReader } from './helpers/sse.js'

const FIXTURE_TEXT_ORDER = [
  'thread.run.created',
  'thread.run.queued',
  'thread.run.in_progress',
  'thread.run.step.created',
  'thread.run.step.in_progress',
  'thread.message.created',
  'thread.message.in_progress',
  'thread.message.delta',
  'thread.message.completed',
  'thread.run.step.completed',
  'thread.run.completed',
  'done',
]

/** The event names of the spec's streaming example of submit_tool_outputs, repeats folded. */
const SPEC_SUBMIT_STREAM_ORDER = (() => {
  const spec = parse(fixture('openai-openapi.yaml')) as {
    paths: Record<string, { post: { 'x-oaiMeta': { examples: Array<{ title: string; response: string }> } } }>
  }
  const examples =
    spec.paths['/threads/{thread_id}/runs/{run_id}/submit_tool_outputs']?.post['x-oaiMeta'].examples
  const response = examples?.find((example) => example.title === 'Streaming')?.response ?? ''
  return [...response.matchAll(/^event: (\S+)$/gm)]
    .map((match) => match[1])
    .filter((name, i, all) => name !== all[i - 1])
})()

/** Event names with consecutive repeats folded, to compare with the recorded order. */
const shape = (events: SseEvent[]) => events.map((e) => e.event).filter((name, i, all) => name !== all[i - 1])
const lastRun = (events: SseEvent[]) =>
  [...events].reverse().find((e) => e.event.startsWith('thread.run.') && !e.event.includes('step'))
    ?.data as Run

const fileSearchResults = (step: RunStep) => {
  const call = step.step_details.type === 'tool_calls' ? step.step_details.tool_calls[0] : undefined
  return call?.type === 'file_search' ? (call.file_search.results ?? []) : []
}

describe.each(TARGETS)('scenarios (%s)', (name) => {
  let t: Target
  let threadId: string
  useTargetWithThread(
    name,
    (target, id) => {
      t = target
      threadId = id
    },
    { thread: { messages: [{ role: 'user', content: 'Hello there' }] } },
  )

  const stream = async (assistant: string, query = '') => {
    const response = await t.post(`/threads/${threadId}/runs${query}`, {
      assistant_id: assistant,
      stream: true,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    return readSse(response)
  }
  const retrieve = (runId: string) => t.json<Run>(t.get(`/threads/${threadId}/runs/${runId}`))
  const settle = (runId: string) =>
    eventually(
      () => retrieve(runId),
      (run) => TERMINAL.includes(run.status) || run.status === 'requires_action',
    )
  const submit = (run: Run, outputs: string[], stream = true) =>
    t.post(`/threads/${threadId}/runs/${run.id}/submit_tool_outputs`, {
      tool_outputs: (run.required_action?.submit_tool_outputs.tool_calls ?? []).map((call, i) => ({
        tool_call_id: call.id,
        output: outputs[i],
      })),
      stream,
    })

  it('lists one assistant per scenario, named after it', async () => {
    const list = await t.json<ListResponse<{ id: string; name: string }>>(
      t.get('/assistants?limit=100&order=asc'),
    )
    expect(list.data.map((a) => a.name)).toEqual(t.simulator.scenarioNames())
    expect(list.data.map((a) => a.id)).toContain('asst_function_call')
    const one = await t.json<{ name: string }>(t.get('/assistants/asst_text'))
    expect(one.name).toBe('text')
  })

  it('text: streams the recorded event order, text by token, usage only at the end', async () => {
    const events = await stream('asst_text')
    expect(shape(events)).toEqual(FIXTURE_TEXT_ORDER)
    const deltas = events.filter((e) => e.event === 'thread.message.delta')
    expect(deltas.length).toBeGreaterThan(10)
    const text = deltas
      .map(
        (e) => (e.data as { delta: { content: [{ text: { value: string } }] } }).delta.content[0].text.value,
      )
      .join('')
    const completed = events.find((e) => e.event === 'thread.message.completed')?.data as Message
    expect(completed.content[0]).toEqual({ type: 'text', text: { value: text, annotations: [] } })
    for (const e of events
      .filter((e) => e.event.startsWith('thread.run.') && !e.event.includes('step'))
      .slice(0, -1)) {
      expect((e.data as Run).usage).toBeNull()
    }
    const run = lastRun(events)
    expect(run.status).toBe('completed')
    expect(run.usage?.total_tokens).toBe(
      (run.usage?.prompt_tokens ?? 0) + (run.usage?.completion_tokens ?? 0),
    )
    expect(run.completed_at).toBe(Math.floor(t.clock.now() / 1000))
    expect(run.expires_at).toBeNull()
    expect(run.instructions).toBeNull()
    expect(events.at(-1)).toMatchObject({ event: 'done', data: '[DONE]' })
    // The stored run and messages agree with the stream.
    expect(await retrieve(run.id)).toEqual(run)
    const messages = await t.json<ListResponse<Message>>(
      t.get(`/threads/${threadId}/messages?run_id=${run.id}`),
    )
    expect(messages.data).toEqual([completed])
  })

  it('text, not streamed: the run progresses in the background and polling sees it', async () => {
    const created = await t.json<Run>(t.post(`/threads/${threadId}/runs`, { assistant_id: 'asst_text' }))
    expect(created.status).toBe('queued')
    expect(created.started_at).toBeNull()
    const statuses = new Set<string>()
    const final = await eventually(
      () => retrieve(created.id),
      (run) => {
        statuses.add(run.status)
        return run.status === 'completed'
      },
    )
    expect(final.started_at).not.toBeNull()
    expect(final.usage).not.toBeNull()
    const steps = await t.json<ListResponse<RunStep>>(t.get(`/threads/${threadId}/runs/${created.id}/steps`))
    expect(steps.data.map((s) => [s.type, s.status])).toEqual([['message_creation', 'completed']])
  })

  it('function_call: arguments by fragment, requires_action, then an answer using the output', async () => {
    const events = await stream('asst_function_call')
    expect(shape(events)).toEqual([
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.step.created',
      'thread.run.step.in_progress',
      'thread.run.step.delta',
      'thread.run.requires_action',
      'done',
    ])
    const deltas = events
      .filter((e) => e.event === 'thread.run.step.delta')
      .map(
        (e) =>
          e.data as {
            delta: {
              step_details: {
                tool_calls: [{ index: number; id?: string; function: { name?: string; arguments: string } }]
              }
            }
          },
      )
    const first = deltas[0]?.delta.step_details.tool_calls[0]
    expect(first).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'get_current_weather', arguments: '', output: null },
    })
    const args = deltas
      .slice(1)
      .map((d) => d.delta.step_details.tool_calls[0].function.arguments)
      .join('')
    expect(JSON.parse(args)).toEqual({ location: 'Paris' })
    const run = lastRun(events)
    expect(run.status).toBe('requires_action')
    expect(run.required_action?.submit_tool_outputs.tool_calls).toEqual([
      { id: first?.id, type: 'function', function: { name: 'get_current_weather', arguments: args } },
    ])
    expect((await retrieve(run.id)).status).toBe('requires_action')

    const continued = await readSse(await submit(run, ['sunny, 21°C']))
    // The order of the spec's own streaming example of submit_tool_outputs: the tool step completes
    // first, then the run is queued and in progress again, then a text answer as recorded.
    expect(shape(continued)).toEqual(SPEC_SUBMIT_STREAM_ORDER)
    expect(SPEC_SUBMIT_STREAM_ORDER).toEqual([
      'thread.run.step.completed',
      'thread.run.queued',
      'thread.run.in_progress',
      ...FIXTURE_TEXT_ORDER.slice(3),
    ])
    const toolStep = continued.find((e) => e.event === 'thread.run.step.completed')?.data as RunStep
    expect(toolStep.step_details).toMatchObject({ tool_calls: [{ function: { output: 'sunny, 21°C' } }] })
    const message = continued.find((e) => e.event === 'thread.message.completed')?.data as Message
    expect(message.content[0]).toMatchObject({ text: { value: 'The weather in Paris: sunny, 21°C.' } })
    expect(lastRun(continued).usage?.completion_tokens).toBeGreaterThan(0)
  })

  it('function_call, not streamed: submit returns the run queued and it completes', async () => {
    const created = await t.json<Run>(
      t.post(`/threads/${threadId}/runs`, { assistant_id: 'asst_function_call' }),
    )
    const waiting = await settle(created.id)
    expect(waiting.status).toBe('requires_action')
    const queued = await t.json<Run>(submit(waiting, ['rain'], false))
    expect(queued.status).toBe('queued')
    expect(queued.required_action).toBeNull()
    expect((await settle(created.id)).status).toBe('completed')
  })

  it('parallel_function_calls: two calls in one step, by index; both outputs in one request', async () => {
    const events = await stream('asst_parallel_function_calls')
    const indexes = events
      .filter((e) => e.event === 'thread.run.step.delta')
      .map(
        (e) =>
          (e.data as { delta: { step_details: { tool_calls: [{ index: number }] } } }).delta.step_details
            .tool_calls[0].index,
      )
    expect(new Set(indexes)).toEqual(new Set([0, 1]))
    const run = lastRun(events)
    expect(run.required_action?.submit_tool_outputs.tool_calls.map((c) => c.function.name)).toEqual([
      'get_current_weather',
      'get_local_time',
    ])
    const continued = await readSse(await submit(run, ['cloudy', '14:05']))
    const message = continued.find((e) => e.event === 'thread.message.completed')?.data as Message
    expect(message.content[0]).toMatchObject({
      text: { value: 'In Paris the weather is cloudy and the time is 14:05.' },
    })
  })

  it('code_interpreter: a tool step with the input and its logs, then a message', async () => {
    const events = await stream('asst_code_interpreter')
    expect(lastRun(events).status).toBe('completed')
    const step = events.find((e) => e.event === 'thread.run.step.completed')?.data as RunStep
    expect(step.step_details).toEqual({
      type: 'tool_calls',
      tool_calls: [
        {
          id: expect.stringMatching(/^call_/),
          type: 'code_interpreter',
          code_interpreter: {
            input: 'import math\nprint(math.factorial(10))',
            outputs: [{ type: 'logs', logs: '3628800\n' }],
          },
        },
      ],
    })
    const outputs = events.filter((e) =>
      JSON.stringify(e.data).includes('"outputs":[{"index":0,"type":"logs"'),
    )
    expect(outputs).toHaveLength(1)
  })

  it('file_search: results always, their content only with include[]', async () => {
    const include = '?include[]=step_details.tool_calls[*].file_search.results[*].content'
    const withContent = await stream('asst_file_search', include)
    const step = withContent.find((e) => e.event === 'thread.run.step.completed')?.data as RunStep
    const results = fileSearchResults(step)
    expect(results).toHaveLength(2)
    expect(results[0]).toMatchObject({ file_name: 'handbook.md', content: [{ type: 'text' }] })

    const run = lastRun(withContent)
    const steps = await t.json<ListResponse<RunStep>>(
      t.get(`/threads/${threadId}/runs/${run.id}/steps?order=asc`),
    )
    const plain = fileSearchResults(steps.data[0]!)
    expect(plain[0]).not.toHaveProperty('content')
    const one = await t.json<RunStep>(t.get(`/threads/${threadId}/runs/${run.id}/steps/${step.id}${include}`))
    expect(JSON.stringify(one)).toContain('"content":[{"type":"text"')
  })

  it('server_error: a partial message, the step failed, the run failed with last_error', async () => {
    const events = await stream('asst_server_error')
    expect(shape(events).slice(-5)).toEqual([
      'thread.message.delta',
      'thread.message.incomplete',
      'thread.run.step.failed',
      'thread.run.failed',
      'done',
    ])
    const run = lastRun(events)
    expect(run).toMatchObject({ status: 'failed', last_error: { code: 'server_error' } })
    expect(run.failed_at).toBe(Math.floor(t.clock.now() / 1000))
    const message = events.find((e) => e.event === 'thread.message.incomplete')?.data as Message
    expect(message.incomplete_details).toEqual({ reason: 'run_failed' })
  })

  it('stream_error: `event: error` mid-stream and no done; polling sees the run failed', async () => {
    const events = await stream('asst_stream_error')
    // Wrapped in `error`, as the real servers send it (the spec's bare shape is an option, below).
    expect(events.at(-1)).toEqual({
      event: 'error',
      data: {
        error: {
          message: 'The server had an error while processing your request. Sorry about that!',
          type: 'server_error',
          param: null,
          code: null,
        },
      },
      raw: expect.any(String),
    })
    expect(events.some((e) => e.event === 'done')).toBe(false)
    const runId = (events[0]!.data as Run).id
    expect(await retrieve(runId)).toMatchObject({ status: 'failed', last_error: { code: 'server_error' } })
    const messages = await t.json<ListResponse<Message>>(
      t.get(`/threads/${threadId}/messages?run_id=${runId}`),
    )
    expect(messages.data[0]?.status).toBe('incomplete')
  })

  it("stream_error with errorEventShape 'bare': the error object alone, as the spec has it", async () => {
    const bare = await createTarget(name, { errorEventShape: 'bare' })
    try {
      const thread = await bare.json<{ id: string }>(bare.post('/threads', {}))
      const response = await bare.post(`/threads/${thread.id}/runs`, {
        assistant_id: 'asst_stream_error',
        stream: true,
      })
      const events = await readSse(response)
      expect(events.at(-1)?.event).toBe('error')
      expect(events.at(-1)?.data).toEqual({
        message: 'The server had an error while processing your request. Sorry about that!',
        type: 'server_error',
        param: null,
        code: null,
      })
    } finally {
      await bare.close()
    }
  })

  it('rate_limit: fails with rate_limit_exceeded before any step', async () => {
    const events = await stream('asst_rate_limit')
    expect(shape(events)).toEqual([
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.failed',
      'done',
    ])
    expect(lastRun(events).last_error?.code).toBe('rate_limit_exceeded')
  })

  it('incomplete by max_completion_tokens: the message and the run end incomplete', async () => {
    const events = await stream('asst_incomplete_max_completion_tokens')
    expect(shape(events).slice(-5)).toEqual([
      'thread.message.delta',
      'thread.message.incomplete',
      'thread.run.step.completed',
      'thread.run.incomplete',
      'done',
    ])
    const run = lastRun(events)
    expect(run.incomplete_details).toEqual({ reason: 'max_completion_tokens' })
    expect(run.usage?.completion_tokens).toBeGreaterThan(0)
  })

  it('incomplete by max_prompt_tokens: ends before any step', async () => {
    const events = await stream('asst_incomplete_max_prompt_tokens')
    expect(shape(events)).toEqual([
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.incomplete',
      'done',
    ])
    expect(lastRun(events).incomplete_details).toEqual({ reason: 'max_prompt_tokens' })
  })

  it('any run honours max_completion_tokens: the text stops there and the run ends incomplete', async () => {
    const response = await t.post(`/threads/${threadId}/runs`, {
      assistant_id: 'asst_slow_stream',
      stream: true,
      max_completion_tokens: 256,
    })
    const events = await readSse(response)
    expect(events.filter((e) => e.event === 'thread.message.delta')).toHaveLength(256)
    const run = lastRun(events)
    expect(run).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_completion_tokens' },
    })
    expect(run.usage?.completion_tokens).toBe(256)
    const message = events.find((e) => e.event === 'thread.message.incomplete')?.data as Message
    expect(message.incomplete_details).toEqual({ reason: 'max_tokens' })
  })

  it('any run honours max_prompt_tokens: a thread longer than it ends the run incomplete at once', async () => {
    await t.post(`/threads/${threadId}/messages`, { role: 'user', content: 'word '.repeat(300) })
    const response = await t.post(`/threads/${threadId}/runs`, {
      assistant_id: 'asst_text',
      stream: true,
      max_prompt_tokens: 256,
    })
    const events = await readSse(response)
    expect(shape(events)).toEqual([
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.incomplete',
      'done',
    ])
    expect(lastRun(events).incomplete_details).toEqual({ reason: 'max_prompt_tokens' })
    // Under the limit, the same run completes.
    const fine = await t.post(`/threads/${threadId}/runs`, {
      assistant_id: 'asst_text',
      stream: true,
      max_prompt_tokens: 1000,
    })
    expect(lastRun(await readSse(fine)).status).toBe('completed')
  })

  it('expired: a run waiting for outputs expires when the clock passes expires_at', async () => {
    const events = await stream('asst_expired')
    const run = lastRun(events)
    expect(run.status).toBe('requires_action')
    expect(run.expires_at).toBe(run.created_at + 60)
    t.clock.advance(59_000)
    expect((await retrieve(run.id)).status).toBe('requires_action')
    t.clock.advance(2_000)
    const expired = await retrieve(run.id)
    expect(expired).toMatchObject({ status: 'expired', required_action: null, expires_at: run.expires_at })
    const steps = await t.json<ListResponse<RunStep>>(t.get(`/threads/${threadId}/runs/${run.id}/steps`))
    expect(steps.data[0]).toMatchObject({ status: 'expired', expired_at: expect.any(Number) })
    const late = await submit(run, ['too late'])
    expect(late.status).toBe(400)
    expect(await late.json()).toMatchObject({
      error: { message: 'Runs in status "expired" do not accept tool outputs.' },
    })
  })

  it('expiresAfterMs: every run waiting for outputs expires that long after creation, to the ms', async () => {
    const quick = await createTarget(name, { expiresAfterMs: 1500 })
    try {
      const thread = await quick.json<{ id: string }>(quick.post('/threads', {}))
      const response = await quick.post(`/threads/${thread.id}/runs`, {
        assistant_id: 'asst_function_call',
        stream: true,
      })
      const run = lastRun(await readSse(response))
      expect(run.status).toBe('requires_action')
      // The clock starts on a whole second: 1.5 s later shows as the next whole second but one.
      expect(run.expires_at).toBe(run.created_at + 2)
      const read = () => quick.json<Run>(quick.get(`/threads/${thread.id}/runs/${run.id}`))
      quick.clock.advance(1499)
      expect((await read()).status).toBe('requires_action')
      quick.clock.advance(1)
      expect(await read()).toMatchObject({ status: 'expired', expires_at: run.created_at + 2 })
    } finally {
      await quick.close()
    }
  })

  it('slow_stream: hundreds of deltas, paced at four times the token delay', async () => {
    const slow = await createTarget(name, { tokenDelayMs: 5 })
    try {
      const thread = await slow.json<{ id: string }>(slow.post('/threads', {}))
      const response = await slow.post(`/threads/${thread.id}/runs`, {
        assistant_id: 'asst_slow_stream',
        stream: true,
      })
      const events = await readSse(response)
      const deltas = events.filter((e) => e.event === 'thread.message.delta')
      expect(deltas.length).toBeGreaterThan(300)
      expect(slow.sleeps.filter((ms) => ms === 20)).toHaveLength(deltas.length)
      expect(lastRun(events).status).toBe('completed')
    } finally {
      await slow.close()
    }
  })

  it('an extra thread.created first for POST /threads/runs, as recorded', async () => {
    const response = await t.post('/threads/runs', {
      assistant_id: 'asst_text',
      stream: true,
      thread: { messages: [{ role: 'user', content: 'Hi' }] },
    })
    const events = await readSse(response)
    expect(shape(events).slice(0, 3)).toEqual(['thread.created', 'thread.run.created', 'thread.run.queued'])
  })
})

describe.each(TARGETS)('cancelling (%s)', (name) => {
  let t: Target
  let threadId: string
  useTargetWithThread(
    name,
    (target, id) => {
      t = target
      threadId = id
    },
    { options: { tokenDelayMs: 1 } },
  )
  const cancel = (runId: string) => t.post(`/threads/${threadId}/runs/${runId}/cancel`)

  it('mid-stream: cancelling, then the message, step and run closed, then done', async () => {
    const response = await t.post(`/threads/${threadId}/runs`, {
      assistant_id: 'asst_slow_stream',
      stream: true,
    })
    const reader = sseReader(response)
    const start = await reader.until('thread.message.delta')
    const runId = (start[0]!.data as Run).id
    const cancelled = await t.json<Run>(cancel(runId))
    expect(cancelled.status).toBe('cancelling')
    const rest = await reader.rest()
    // Deltas already on their way may still arrive; then the cancel closes everything in order.
    expect(shape(rest.filter((e) => e.event !== 'thread.message.delta')).slice(-5)).toEqual([
      'thread.run.cancelling',
      'thread.message.incomplete',
      'thread.run.step.cancelled',
      'thread.run.cancelled',
      'done',
    ])
    const run = rest.find((e) => e.event === 'thread.run.cancelled')?.data as Run
    expect(run.cancelled_at).toBe(Math.floor(t.clock.now() / 1000))
    const again = await cancel(runId)
    expect(again.status).toBe(400)
    expect(await again.json()).toEqual({
      error: {
        message: "Cannot cancel run with status 'cancelled'.",
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    })
  })

  it('while queued, and while waiting for tool outputs', async () => {
    const queued = await t.json<Run>(t.post(`/threads/${threadId}/runs`, { assistant_id: 'asst_text' }))
    expect((await t.json<Run>(cancel(queued.id))).status).toBe('cancelling')
    const done = await eventually(
      () => t.json<Run>(t.get(`/threads/${threadId}/runs/${queued.id}`)),
      (r) => r.status === 'cancelled',
    )
    // In process the cancel lands before the run starts; over HTTP it may land just after.
    if (name === 'in-process') expect(done.started_at).toBeNull()

    const waiting = await t.json<Run>(
      t.post(`/threads/${threadId}/runs`, { assistant_id: 'asst_function_call' }),
    )
    await eventually(
      () => t.json<Run>(t.get(`/threads/${threadId}/runs/${waiting.id}`)),
      (r) => r.status === 'requires_action',
    )
    expect((await t.json<Run>(cancel(waiting.id))).status).toBe('cancelling')
    await eventually(
      () => t.json<Run>(t.get(`/threads/${threadId}/runs/${waiting.id}`)),
      (r) => r.status === 'cancelled',
    )
    const steps = await t.json<ListResponse<RunStep>>(t.get(`/threads/${threadId}/runs/${waiting.id}/steps`))
    expect(steps.data[0]?.status).toBe('cancelled')
  })

  it('a dropped stream leaves the run going: messages?run_id reconciles', async () => {
    const response = await t.post(`/threads/${threadId}/runs`, { assistant_id: 'asst_text', stream: true })
    const reader = sseReader(response)
    const start = await reader.until('thread.message.delta')
    await reader.cancel()
    const runId = (start[0]!.data as Run).id
    await eventually(
      () => t.json<Run>(t.get(`/threads/${threadId}/runs/${runId}`)),
      (r) => r.status === 'completed',
    )
    const messages = await t.json<ListResponse<Message>>(
      t.get(`/threads/${threadId}/messages?run_id=${runId}`),
    )
    expect(messages.data[0]?.status).toBe('completed')
    await nextTurn()
  })
})
