import { describe, expect, it } from 'vitest'
import { applyRunEvent, emptyRunSnapshot, isTerminalStatus } from '../src/applyRunEvent.js'
import { createSSEDecoder } from '../src/sse/sseDecoder.js'
import { toStreamEvent } from '../src/sse/toStreamEvent.js'
import type { AssistantStreamEvent, Message, RunSnapshot, RunStep } from '../src/types.js'
import { fixture } from './helpers.js'

function eventsOf(text: string): AssistantStreamEvent[] {
  const decode = createSSEDecoder()
  return [...decode(new TextEncoder().encode(text)), ...decode()].map(toStreamEvent)
}

const reduce = (events: AssistantStreamEvent[], from: RunSnapshot = emptyRunSnapshot) =>
  events.reduce(applyRunEvent, from)

describe('applyRunEvent over the recordings', () => {
  it('text-run: the completed run, one message whose text is the deltas joined, one step', () => {
    const events = eventsOf(fixture('text-run.sse'))
    const snapshot = reduce(events)
    expect(snapshot.run?.status).toBe('completed')
    expect(snapshot.done).toBe(true)
    expect(snapshot.error).toBeNull()
    expect(snapshot.steps).toHaveLength(1)
    expect(snapshot.steps[0]?.status).toBe('completed')
    expect(snapshot.messages).toHaveLength(1)
    const completed = events.find((e) => e.event === 'thread.message.completed')?.data as Message
    expect(snapshot.messages[0]).toBe(completed)
    // Before the completed message replaces it, the text built from the deltas is the same text.
    const index = events.findIndex((e) => e.event === 'thread.message.completed')
    const streamed = reduce(events.slice(0, index)).messages[0]
    expect(streamed?.content).toEqual(completed.content)
    // Unknown fields pass through untouched.
    expect(snapshot.run?.tool_resources).toEqual({ code_interpreter: { file_ids: [] } })
  })

  it('function call: arguments merged by index, the run waits for tool outputs', () => {
    const snapshot = reduce(eventsOf(fixture('function-call-requires-action.sse')))
    expect(snapshot.run?.status).toBe('requires_action')
    expect(snapshot.done).toBe(true)
    const details = snapshot.steps[0]?.step_details
    expect(details?.type).toBe('tool_calls')
    if (details?.type !== 'tool_calls') return
    expect(details.tool_calls).toHaveLength(1)
    const call = details.tool_calls[0]
    expect(call).toMatchObject({
      type: 'function',
      function: { name: 'get_current_weather', arguments: '{}' },
    })
    expect(call?.id).toMatch(/^call_/)
    expect(call).not.toHaveProperty('index')
  })
})

describe('applyRunEvent: purity and sharing', () => {
  const events = eventsOf(fixture('text-run.sse'))

  it('never mutates its input', () => {
    const frozen = (s: RunSnapshot) => structuredClone(s)
    let snapshot = emptyRunSnapshot
    for (const event of events) {
      const before = frozen(snapshot)
      const next = applyRunEvent(snapshot, event)
      expect(snapshot).toEqual(before)
      snapshot = next
    }
  })

  it('a message delta keeps the run, the steps and the other messages', () => {
    const start = events.findIndex((e) => e.event === 'thread.message.delta')
    const before = reduce(events.slice(0, start))
    const other: Message = { ...(before.messages[0] as Message), id: 'msg_other' }
    const seeded = { ...before, messages: [other, ...before.messages] }
    const after = applyRunEvent(seeded, events[start]!)
    expect(after.run).toBe(seeded.run)
    expect(after.steps).toBe(seeded.steps)
    expect(after.messages[0]).toBe(other)
    expect(after.messages[1]).not.toBe(seeded.messages[1])
  })

  it('gives back the same snapshot for unknown events and thread.created', () => {
    const s = reduce(events.slice(0, 3))
    expect(applyRunEvent(s, { event: 'unknown', name: 'thread.run.thing', data: { x: 1 } })).toBe(s)
    expect(applyRunEvent(s, { event: 'unknown', name: 'ping', data: 'hello' })).toBe(s)
    expect(
      applyRunEvent(s, {
        event: 'thread.created',
        data: { id: 't', object: 'thread', created_at: 0, metadata: null },
      }),
    ).toBe(s)
  })

  it('takes the run from an unknown thread.run.* event, with a status it does not know', () => {
    const s = reduce(events.slice(0, 3))
    const data = { ...s.run, status: 'paused_for_review' }
    const next = applyRunEvent(s, { event: 'unknown', name: 'thread.run.paused', data })
    expect(next.run?.status).toBe('paused_for_review')
  })

  it('records an error event and [DONE]', () => {
    const s = applyRunEvent(emptyRunSnapshot, {
      event: 'error',
      data: { message: 'boom', type: 'server_error', code: 'x', param: null },
    })
    expect(s.error).toEqual({ message: 'boom', type: 'server_error', code: 'x', param: null })
    const done = applyRunEvent(s, { event: 'done', data: '[DONE]' })
    expect(done.done).toBe(true)
    expect(applyRunEvent(done, { event: 'done', data: '[DONE]' })).toBe(done)
  })
})

describe('applyRunEvent: deltas', () => {
  const message = (over: Partial<Message> = {}): Message => ({
    id: 'msg_1',
    object: 'thread.message',
    created_at: 0,
    thread_id: 't',
    status: 'in_progress',
    incomplete_details: null,
    completed_at: null,
    incomplete_at: null,
    role: 'assistant',
    content: [],
    assistant_id: null,
    run_id: null,
    attachments: null,
    metadata: null,
    ...over,
  })
  const step = (over: Partial<RunStep> = {}): RunStep => ({
    id: 'step_1',
    object: 'thread.run.step',
    created_at: 0,
    assistant_id: 'a',
    thread_id: 't',
    run_id: 'r',
    type: 'tool_calls',
    status: 'in_progress',
    step_details: { type: 'tool_calls', tool_calls: [] },
    last_error: null,
    expired_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    metadata: null,
    usage: null,
    ...over,
  })

  it('appends text by content index and keeps annotations', () => {
    let s = applyRunEvent(emptyRunSnapshot, { event: 'thread.message.created', data: message() })
    const delta = (
      content: NonNullable<
        Extract<AssistantStreamEvent, { event: 'thread.message.delta' }>['data']['delta']['content']
      >,
    ) =>
      ({
        event: 'thread.message.delta',
        data: { id: 'msg_1', object: 'thread.message.delta', delta: { content } },
      }) as const
    s = applyRunEvent(s, delta([{ index: 0, type: 'text', text: { value: 'Hel', annotations: [] } }]))
    s = applyRunEvent(s, delta([{ index: 1, type: 'text', text: { value: 'second' } }]))
    s = applyRunEvent(s, delta([{ index: 0, type: 'text', text: { value: 'lo' } }]))
    s = applyRunEvent(
      s,
      delta([
        {
          index: 0,
          type: 'text',
          text: {
            value: ' [1]',
            annotations: [
              {
                index: 0,
                type: 'file_citation',
                text: '[1]',
                file_citation: { file_id: 'f' },
                start_index: 5,
                end_index: 8,
              },
            ],
          },
        },
      ]),
    )
    s = applyRunEvent(s, delta([{ index: 0, type: 'text', text: { value: '!' } }]))
    const content = s.messages[0]?.content
    expect(content?.[0]).toEqual({
      type: 'text',
      text: {
        value: 'Hello [1]!',
        annotations: [
          {
            type: 'file_citation',
            text: '[1]',
            file_citation: { file_id: 'f' },
            start_index: 5,
            end_index: 8,
          },
        ],
      },
    })
    expect(content?.[1]).toEqual({ type: 'text', text: { value: 'second', annotations: [] } })
  })

  it('creates a placeholder message for a delta of a message it has not seen', () => {
    const s = applyRunEvent(emptyRunSnapshot, {
      event: 'thread.message.delta',
      data: {
        id: 'msg_x',
        object: 'thread.message.delta',
        delta: { content: [{ index: 0, type: 'text', text: { value: 'hi' } }] },
      },
    })
    expect(s.messages[0]?.id).toBe('msg_x')
    expect(s.messages[0]?.content[0]).toEqual({ type: 'text', text: { value: 'hi', annotations: [] } })
  })

  it('a message delta: its role and content, a content part without a valid index dropped', () => {
    const message = (delta: Record<string, unknown>): AssistantStreamEvent => ({
      event: 'thread.message.delta',
      data: { id: 'msg_x', object: 'thread.message.delta', delta } as never,
    })
    let s = applyRunEvent(
      emptyRunSnapshot,
      message({ content: [{ index: 0, type: 'text', text: { value: 'a' } }] }),
    )
    s = applyRunEvent(
      s,
      message({
        role: 'user',
        content: [
          { type: 'text', text: { value: 'lost' } },
          { index: -1, type: 'text', text: { value: 'lost' } },
          { index: 0, type: 'text', text: { value: 'b' } },
        ],
      }),
    )
    expect(s.messages[0]?.role).toBe('user')
    expect(s.messages[0]?.content).toEqual([{ type: 'text', text: { value: 'ab', annotations: [] } }])
  })

  it('merges tool-call deltas by index: function arguments, code input, outputs appended', () => {
    let s = applyRunEvent(emptyRunSnapshot, { event: 'thread.run.step.created', data: step() })
    const delta = (tool_calls: unknown[]) =>
      ({
        event: 'thread.run.step.delta',
        data: {
          id: 'step_1',
          object: 'thread.run.step.delta',
          delta: { step_details: { type: 'tool_calls', tool_calls } },
        },
      }) as AssistantStreamEvent
    s = applyRunEvent(
      s,
      delta([
        { index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '', output: null } },
      ]),
    )
    s = applyRunEvent(
      s,
      delta([
        {
          index: 1,
          id: 'call_b',
          type: 'code_interpreter',
          code_interpreter: { input: 'print(', outputs: [] },
        },
      ]),
    )
    s = applyRunEvent(s, delta([{ index: 0, type: 'function', function: { arguments: '{"a":' } }]))
    s = applyRunEvent(s, delta([{ index: 1, type: 'code_interpreter', code_interpreter: { input: '1)' } }]))
    s = applyRunEvent(s, delta([{ index: 0, type: 'function', function: { arguments: '1}' } }]))
    s = applyRunEvent(
      s,
      delta([
        {
          index: 1,
          type: 'code_interpreter',
          code_interpreter: { outputs: [{ index: 0, type: 'logs', logs: '1\n' }] },
        },
      ]),
    )
    s = applyRunEvent(
      s,
      delta([
        {
          index: 1,
          type: 'code_interpreter',
          code_interpreter: { outputs: [{ index: 1, type: 'image', image: { file_id: 'img' } }] },
        },
      ]),
    )
    s = applyRunEvent(
      s,
      delta([{ index: 2, id: 'call_c', type: 'file_search', file_search: { results: [] } }]),
    )
    const details = s.steps[0]?.step_details
    expect(details).toEqual({
      type: 'tool_calls',
      tool_calls: [
        { id: 'call_a', type: 'function', function: { name: 'f', arguments: '{"a":1}', output: null } },
        {
          id: 'call_b',
          type: 'code_interpreter',
          code_interpreter: {
            input: 'print(1)',
            outputs: [
              { type: 'logs', logs: '1\n' },
              { type: 'image', image: { file_id: 'img' } },
            ],
          },
        },
        { id: 'call_c', type: 'file_search', file_search: { results: [] } },
      ],
    })
    // The completed step replaces the accumulated one.
    const completed = step({ status: 'completed' })
    expect(applyRunEvent(s, { event: 'thread.run.step.completed', data: completed }).steps[0]).toBe(completed)
  })

  it('isTerminalStatus', () => {
    for (const status of ['completed', 'failed', 'cancelled', 'expired', 'incomplete'])
      expect(isTerminalStatus(status)).toBe(true)
    for (const status of ['queued', 'in_progress', 'cancelling', 'requires_action', 'brand_new'])
      expect(isTerminalStatus(status)).toBe(false)
  })
})
