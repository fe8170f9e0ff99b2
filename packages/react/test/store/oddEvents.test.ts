import type { Run } from '@runlens/client'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import type { RunStreamState } from '../../src/store/runStore.js'
import { messagesText } from '../../src/store/runStore.js'
import type { CommitScheduler } from '../../src/store/scheduler.js'
import { createStreamRegistry, type RunSession } from '../../src/store/streamRegistry.js'
import { createSubmissionRegistry } from '../../src/store/submissionRegistry.js'
import { toolHandlers } from '../../src/store/toolHandlers.js'
import { createScriptedServer, type ScriptedEvent } from '../support/scripted.js'

// Parseable but odd events, which `applyRunEvent` takes in its stride: the session must too. Its
// promises resolve, nothing is thrown outside them, and the final status is the stream's.

vi.mock('react', () => {
  throw new Error('no react')
})

// Anything thrown outside a promise (a microtask) or rejected with nobody listening, per case.
const escaped: unknown[] = []
const onEscape = (error: unknown) => escaped.push(error)
beforeAll(() => {
  process.on('uncaughtException', onEscape)
  process.on('unhandledRejection', onEscape)
})
afterAll(() => {
  process.off('uncaughtException', onEscape)
  process.off('unhandledRejection', onEscape)
})

const threadId = 'thread_odd'
const baseRun = {
  id: 'run_odd',
  object: 'thread.run',
  thread_id: threadId,
  assistant_id: 'asst_odd',
  required_action: null,
} as unknown as Run

const runEvent = (status: string, extra: Record<string, unknown> = {}): ScriptedEvent & { data: Run } => ({
  event: `thread.run.${status}`,
  // Made now: a run the session finds after a cut must be no older than its start (findCreatedRun).
  data: { ...baseRun, created_at: Math.floor(Date.now() / 1000), status, ...extra } as Run,
})
const done: ScriptedEvent = { event: 'done', data: '[DONE]' }
const message = (event: string, fields: Record<string, unknown>): ScriptedEvent => ({
  event,
  data: { id: 'msg_1', object: 'thread.message', role: 'assistant', ...fields },
})
const delta = (content: unknown): ScriptedEvent => ({
  event: 'thread.message.delta',
  data: { id: 'msg_1', object: 'thread.message.delta', delta: { content } },
})

/** Never flushes on its own: deltas stay pending until a status or the end commits them. */
const heldScheduler: CommitScheduler = () => () => {}

/** Lets the fake server's responses land and every continuation run. */
async function settled(session: RunSession, server: { run(): Run | null }, rounds = 100) {
  for (let i = 0; i < rounds; i++) {
    const state = session.store.getState()
    if (state.connection === 'closed' && state.tools === 'idle' && state.status === server.run()?.status)
      break
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

function setup(script: Parameters<typeof createScriptedServer>[0], scheduler?: CommitScheduler) {
  const server = createScriptedServer(script)
  const registry = createStreamRegistry({
    client: server.client,
    submissions: createSubmissionRegistry(),
    sleep: () => Promise.resolve(),
  })
  const session = registry.create(threadId, null, {
    commitEvery: 'event',
    ...(scheduler && { scheduler }),
    tools: toolHandlers({ f: () => 'ok' }),
  })
  const release = registry.retain(session)
  return { server, session, release }
}

/** Streams the script to its end and checks the promises: start resolved, nothing escaped. */
async function play(create: ScriptedEvent[]): Promise<RunStreamState & { requests: string[] }> {
  escaped.length = 0
  const { server, session, release } = setup({ create })
  const result = await session.start({ assistant_id: 'asst_odd' })
  await settled(session, server)
  expect(result?.id).toBe('run_odd')
  release()
  await new Promise((resolve) => setTimeout(resolve, 0))
  expect(escaped).toEqual([])
  return { ...session.store.getState(), requests: server.requests }
}

describe('odd events', () => {
  test('a text delta whose index skips part 0', async () => {
    const state = await play([
      runEvent('in_progress'),
      message('thread.message.created', { content: [] }),
      delta([{ index: 1, type: 'text', text: { value: 'late part' } }]),
      runEvent('completed'),
      done,
    ])
    expect(state.status).toBe('completed')
    expect(state.connection).toBe('closed')
    expect(state.error).toBeNull()
    expect(state.text).toBe('late part')
  })

  test('thread.message.completed with content: null', async () => {
    const state = await play([
      runEvent('in_progress'),
      delta([{ index: 0, type: 'text', text: { value: 'streamed' } }]),
      message('thread.message.completed', { content: null }),
      runEvent('completed'),
      done,
    ])
    expect(state.status).toBe('completed')
    expect(state.error).toBeNull()
    // The server's whole message replaced the streamed one, and it holds no text.
    expect(state.text).toBe('')
  })

  test('a text part without text (and other parts that are not what they say)', async () => {
    const state = await play([
      runEvent('in_progress'),
      message('thread.message.completed', {
        content: [
          { type: 'text' },
          null,
          { type: 'text', text: { value: 42 } },
          { type: 'text', text: 'flat' },
          { type: 'text', text: { value: 'kept' } },
        ],
      }),
      message('thread.message.completed', { id: 'msg_2', content: { type: 'text' } }),
      runEvent('completed'),
      done,
    ])
    expect(state.status).toBe('completed')
    expect(state.error).toBeNull()
    expect(state.text).toBe('kept')
  })

  test('unmounting with odd events not yet committed throws nothing from the microtask', async () => {
    escaped.length = 0
    const { session, release } = setup(
      {
        create: [
          runEvent('in_progress'),
          message('thread.message.completed', { content: null }),
          delta([{ index: 3, type: 'text' }]),
        ],
        stall: true,
      },
      heldScheduler,
    )
    const started = session.start({ assistant_id: 'asst_odd' })
    for (let i = 0; i < 20 && session.store.getState().status !== 'in_progress'; i++)
      await new Promise((resolve) => setTimeout(resolve, 0))
    expect(session.store.getState().connection).toBe('streaming')
    // The last holder lets go: the abort commits the pending odd snapshot in a microtask.
    release()
    await new Promise((resolve) => setTimeout(resolve, 0))
    await expect(started).resolves.toMatchObject({ id: 'run_odd', status: 'in_progress' })
    expect(escaped).toEqual([])
    const state = session.store.getState()
    expect(state.connection).toBe('closed')
    expect(state.messages).toHaveLength(1)
    expect(state.text).toBe('')
  })

  test('an event that does not parse, once the run is named: polled to the server state, no error', async () => {
    const state = await play([
      runEvent('in_progress'),
      { event: 'thread.message.delta', data: '{"id": "msg_1", "delta": ', raw: true },
      runEvent('completed'),
      done,
    ])
    // The stream ended at the bad event (a StreamError); the server's run had gone on.
    expect(state.requests).toContain('GET /v1/threads/thread_odd/runs/run_odd')
    expect(state.status).toBe('completed')
    expect(state.connection).toBe('closed')
    expect(state.error).toBeNull()
  })

  test('a required action the handlers cannot read is left to a form, with no error', async () => {
    for (const required_action of [
      { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: null } },
      { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: 'f' } },
      { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: [null, { id: 'call_1' }] } },
      { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: [{ id: 'c', function: null }] } },
      {
        type: 'submit_tool_outputs',
        submit_tool_outputs: { tool_calls: [{ id: 'c', type: 'function', function: { name: 'toString' } }] },
      },
    ]) {
      const state = await play([runEvent('requires_action', { required_action }), done])
      expect(state.status, JSON.stringify(required_action)).toBe('requires_action')
      expect(state.error, JSON.stringify(required_action)).toBeNull()
    }
  })
})

// Odd, but each parseable: a known event carries an object with a string id, whatever else.
const json = fc.jsonValue({ maxDepth: 3 })
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
const oddText = fc.oneof(
  fc.constant(null),
  fc.string(),
  json,
  fc.record({ value: fc.oneof(fc.string(), fc.constant(null), fc.integer(), json) }, { requiredKeys: [] }),
)
const oddPart = fc.oneof(
  fc.constant(null),
  json,
  fc.record(
    { type: fc.constantFrom('text', 'image_file', 'refusal', 5), text: oddText, index: fc.nat(4) },
    { requiredKeys: [] },
  ),
)
const oddContent = fc.oneof(fc.constant(null), json, fc.array(oddPart, { maxLength: 4 }))
const messageId = fc.constantFrom('msg_a', 'msg_b')
const role = fc.constantFrom('assistant', 'user', 7, null)

const messageDelta = fc
  .record({
    id: messageId,
    index: fc.oneof(fc.nat(5), fc.constantFrom(-1, 5000, '0', null)),
    type: maybe(fc.constantFrom('text', 'image_file', 3)),
    text: maybe(oddText),
    content: maybe(oddContent),
    role: maybe(role),
  })
  .map(({ id, content, role, ...part }) => ({
    event: 'thread.message.delta',
    data: { id, object: 'thread.message.delta', delta: { content: content ?? [part], role } },
  }))
const wholeMessage = fc
  .record({
    event: fc.constantFrom(
      'thread.message.created',
      'thread.message.in_progress',
      'thread.message.completed',
      'thread.message.incomplete',
    ),
    id: messageId,
    role,
    content: oddContent,
  })
  .map(({ event, ...data }) => ({ event, data: { ...data, object: 'thread.message' } }))
const stepId = fc.constantFrom('step_a', 'step_b')
const step = fc
  .record({
    event: fc.constantFrom('thread.run.step.created', 'thread.run.step.completed', 'thread.run.step.failed'),
    id: stepId,
    status: json,
    step_details: json,
  })
  .map(({ event, ...data }) => ({ event, data: { ...data, object: 'thread.run.step' } }))
const stepDelta = fc
  .record({ id: stepId, delta: json })
  .map((data) => ({ event: 'thread.run.step.delta', data: { ...data, object: 'thread.run.step.delta' } }))
const unknown = fc.record({ event: fc.constantFrom('thread.future', 'ping'), data: json })
const moving = fc
  .record({ status: fc.constantFrom('queued', 'in_progress'), usage: json, required_action: json })
  .map(({ status, ...extra }) => runEvent(status, extra))

const toolCall = fc.oneof(
  fc.constant(null),
  json,
  fc.record(
    {
      id: fc.constantFrom('call_1', 'call_2'),
      type: fc.constant('function'),
      function: fc.oneof(
        fc.constant(null),
        json,
        fc.record(
          { name: fc.constantFrom('f', 'g', 'toString'), arguments: fc.oneof(fc.constant('{}'), json) },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: ['id'] },
  ),
)
const requiredAction = fc.oneof(
  fc.constant(null),
  json,
  fc.record({
    type: fc.constant('submit_tool_outputs'),
    submit_tool_outputs: fc.record({ tool_calls: fc.oneof(json, fc.array(toolCall, { maxLength: 3 })) }),
  }),
)
const final = fc
  .record({
    status: fc.constantFrom('completed', 'failed', 'cancelled', 'expired', 'incomplete', 'requires_action'),
    required_action: requiredAction,
    last_error: json,
  })
  .map(({ status, ...extra }) => runEvent(status, extra))

const odd = fc.oneof(messageDelta, wholeMessage, step, stepDelta, unknown, moving)
const script = fc.record({
  events: fc.array(odd, { maxLength: 12 }),
  final,
  held: fc.boolean(),
  // Open and silent after the last event, or cut anywhere (before the first run event included).
  end: fc.oneof(fc.constant('done' as const), fc.constant('stall' as const), fc.nat({ max: 4000 })),
})

describe('odd events, generated', () => {
  test('start resolves, nothing escapes, the final status is the stream’s (or the server’s after a cut)', async () => {
    await fc.assert(
      fc.asyncProperty(script, async ({ events, final, held, end }) => {
        escaped.length = 0
        const stall = end === 'stall'
        const cutAfterBytes = typeof end === 'number' ? end : undefined
        const create = [runEvent('queued'), ...events, final, ...(stall ? [] : [done])]
        const { server, session, release } = setup(
          { create, stall, ...(cutAfterBytes !== undefined && { cutAfterBytes }) },
          held ? heldScheduler : undefined,
        )
        let outcome: 'pending' | 'resolved' | 'rejected' = 'pending'
        const started = session.start({ assistant_id: 'asst_odd' }).then(
          () => {
            outcome = 'resolved'
          },
          () => {
            outcome = 'rejected'
          },
        )
        if (stall) {
          // Every event arrived; the connection stays open until the last holder lets go.
          for (let i = 0; i < 50 && session.store.getState().status !== final.data.status; i++)
            await new Promise((resolve) => setTimeout(resolve, 0))
          expect(session.store.getState().status).toBe(final.data.status)
          release()
          await started
        } else {
          await started
          // Tool handlers may answer (or cancel) after the stream: the state follows the server.
          await settled(session, server)
          release()
        }
        await new Promise((resolve) => setTimeout(resolve, 0))
        const state = session.store.getState()
        expect(outcome).toBe('resolved')
        expect(escaped).toEqual([])
        expect(state.connection).toBe('closed')
        expect(state.status).toBe(stall ? final.data.status : server.run()?.status)
        expect(state.runId).toBe('run_odd')
        expect(state.text).toBe(messagesText(state.messages))
      }),
      { numRuns: 150 },
    )
  })
})

describe('adoption', () => {
  test('a run the registry already knew is never adopted for a later start whose create was lost', async () => {
    const first = [runEvent('in_progress'), runEvent('completed'), done]
    const script = { create: first }
    const server = createScriptedServer(script)
    const registry = createStreamRegistry({
      client: server.client,
      submissions: createSubmissionRegistry(),
      sleep: () => Promise.resolve(),
    })
    const one = registry.create(threadId, null, { commitEvery: 'event' })
    await one.start({ assistant_id: 'asst_odd' })
    expect(one.store.getState().status).toBe('completed')
    // The next create answers an empty stream and makes no run: the thread's newest run, of the
    // same assistant and the same second, is the first one, which must not be taken for it.
    script.create = []
    const two = registry.create(threadId, null, { commitEvery: 'event' })
    await two.start({ assistant_id: 'asst_odd' })
    const state = two.store.getState()
    expect(server.requests).toContain('GET /v1/threads/thread_odd/runs')
    expect(state.runId).toBeNull()
    expect(state.run).toBeNull()
    expect(state.error?.name).toBe('StreamError')
    expect(state.connection).toBe('closed')
  })
})
