import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyResponseEvent, emptyResponseSnapshot } from '../src/applyResponseEvent.js'
import { createRunsClient } from '../src/index.js'
import type {
  Response as ModelResponse,
  ResponseLifecycleEvent,
  ResponseSnapshot,
  ResponseStreamEvent,
} from '../src/responseTypes.js'
import { createSSEDecoder } from '../src/sse/sseDecoder.js'
import { toResponseEvent } from '../src/sse/toResponseEvent.js'
import { fixture, splitBytes, sseResponse } from './helpers.js'

const recording = fixture('responses-text-stream.sse')
const bytes = new TextEncoder().encode(recording)

function eventsOf(text: string): ResponseStreamEvent[] {
  const decode = createSSEDecoder()
  return [...decode(new TextEncoder().encode(text)), ...decode()].map(toResponseEvent)
}

const reduce = (events: ResponseStreamEvent[], from: ResponseSnapshot = emptyResponseSnapshot) =>
  events.reduce(applyResponseEvent, from)

/** Deep-freezes a value, so that a reducer writing to its input throws. */
function freeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) freeze(inner)
    Object.freeze(value)
  }
  return value
}

const recorded = eventsOf(recording)
const completed = recorded.at(-1) as ResponseLifecycleEvent<'response.completed'>

describe('applyResponseEvent over the recording', () => {
  it('ends with the completed response, the sequence number of the last event, done', () => {
    expect(completed.type).toBe('response.completed')
    const snapshot = reduce(recorded)
    expect(snapshot).toEqual({ response: completed.response, sequenceNumber: 16, error: null, done: true })
    expect(snapshot.response).toBe(completed.response)
  })

  it('before the end, the message text is the deltas joined, and the status the latest event’s', () => {
    const done = recorded.findIndex((event) => event.type === 'response.output_text.done')
    const streamed = reduce(recorded.slice(0, done))
    expect(streamed.done).toBe(false)
    expect(streamed.response?.status).toBe('in_progress')
    // `usage: null` and `user: null` while in progress, as the recording sends them.
    expect(streamed.response?.usage).toBeNull()
    const deltas = recorded.flatMap((event) =>
      event.type === 'response.output_text.delta' ? [event.delta] : [],
    )
    expect(deltas.length).toBe(9)
    const message = streamed.response?.output[0]
    expect(message?.type === 'message' && message.content[0]).toMatchObject({
      type: 'output_text',
      text: deltas.join(''),
    })
    expect(deltas.join('')).toBe('Hello! How can I assist you today?')
    expect(message && { ...message, status: 'completed' }).toEqual(completed.response.output[0])
  })

  it('never writes to its input, and keeps the identity of what an event does not touch', () => {
    let snapshot: ResponseSnapshot = freeze(emptyResponseSnapshot)
    for (const event of recorded) {
      const before = snapshot
      snapshot = freeze(applyResponseEvent(before, freeze(event)))
      if (event.type === 'response.output_text.delta' && before.response) {
        expect(snapshot.response?.tools).toBe(before.response.tools)
        expect(snapshot.response?.metadata).toBe(before.response.metadata)
      }
    }
    expect(snapshot.response).toEqual(completed.response)
  })

  it('an unknown event gives back the very same snapshot', () => {
    const middle = reduce(recorded.slice(0, 6))
    const unknown = eventsOf(
      'event: response.future_thing\ndata: {"type":"response.future_thing","sequence_number":99}\n\n',
    )
    expect(unknown).toEqual([
      {
        type: 'unknown',
        name: 'response.future_thing',
        data: { type: 'response.future_thing', sequence_number: 99 },
      },
    ])
    expect(applyResponseEvent(middle, unknown[0]!)).toBe(middle)
    expect(eventsOf('event: odd\ndata: not json\n\n')).toEqual([
      { type: 'unknown', name: 'odd', data: 'not json' },
    ])
  })

  it('the same snapshot whatever the chunking: through the client stream at 300 random cut sets', async () => {
    const expected = reduce(recorded)
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }),
        async (cuts) => {
          const client = createRunsClient({ fetch: async () => sseResponse(splitBytes(bytes, cuts)) })
          const stream = client.responses.stream({ model: 'gpt-4o-mini', input: 'Hi' })
          const seen: ResponseStreamEvent[] = []
          for await (const event of stream) seen.push(event)
          expect(seen).toEqual(recorded)
          expect(stream.snapshot()).toEqual(expected)
        },
      ),
      { numRuns: 300, seed: 13 },
    )
  })

  it('byte by byte, and with CRLF line ends', async () => {
    const expected = reduce(recorded)
    const single = [...bytes].map((byte) => new Uint8Array([byte]))
    const crlf = recording.replace(/\n/g, '\r\n')
    for (const body of [single, [crlf]]) {
      const client = createRunsClient({ fetch: async () => sseResponse(body) })
      const stream = client.responses.stream({ model: 'gpt-4o-mini', input: 'Hi' })
      expect(await stream.finalResponse()).toEqual(completed.response)
      expect(stream.snapshot()).toEqual(expected)
    }
  })
})

describe('applyResponseEvent, event by event', () => {
  const base: ModelResponse = { ...completed.response, status: 'in_progress', output: [] }
  const start: ResponseSnapshot = {
    ...emptyResponseSnapshot,
    response: base,
    sequenceNumber: 0,
  }
  const ev = (type: string, fields: Record<string, unknown>, n = 1) =>
    ({ type, sequence_number: n, ...fields }) as unknown as ResponseStreamEvent

  it('function-call arguments from deltas; a done without name keeps the name', () => {
    const item = {
      type: 'function_call',
      id: 'fc_1',
      call_id: 'call_1',
      name: 'get_weather',
      arguments: '',
      status: 'in_progress',
    }
    const s = reduce(
      [
        ev('response.output_item.added', { output_index: 0, item }),
        ev('response.function_call_arguments.delta', { item_id: 'fc_1', output_index: 0, delta: '{"city":' }),
        ev('response.function_call_arguments.delta', { item_id: 'fc_1', output_index: 0, delta: '"Paris"}' }),
      ],
      start,
    )
    expect(s.response?.output[0]).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}' })
    const done = applyResponseEvent(
      s,
      ev('response.function_call_arguments.done', {
        item_id: 'fc_1',
        output_index: 0,
        arguments: '{"city":"Lyon"}',
      }),
    )
    expect(done.response?.output[0]).toMatchObject({ name: 'get_weather', arguments: '{"city":"Lyon"}' })
  })

  it('reasoning summaries, refusals, annotations, tool statuses, MCP and custom-tool input', () => {
    const s = reduce(
      [
        ev('response.output_item.added', {
          output_index: 0,
          item: { type: 'reasoning', id: 'rs_1', summary: [] },
        }),
        ev('response.reasoning_summary_part.added', {
          item_id: 'rs_1',
          output_index: 0,
          summary_index: 0,
          part: { type: 'summary_text', text: '' },
        }),
        ev('response.reasoning_summary_text.delta', {
          item_id: 'rs_1',
          output_index: 0,
          summary_index: 0,
          delta: 'Think',
        }),
        ev('response.reasoning_summary_text.delta', {
          item_id: 'rs_1',
          output_index: 0,
          summary_index: 0,
          delta: 'ing',
        }),
        ev('response.output_item.added', {
          output_index: 1,
          item: { type: 'message', id: 'msg_1', role: 'assistant', status: 'in_progress', content: [] },
        }),
        ev('response.content_part.added', {
          item_id: 'msg_1',
          output_index: 1,
          content_index: 0,
          part: { type: 'refusal', refusal: '' },
        }),
        ev('response.refusal.delta', { item_id: 'msg_1', output_index: 1, content_index: 0, delta: 'No.' }),
        ev('response.content_part.added', {
          item_id: 'msg_1',
          output_index: 1,
          content_index: 1,
          part: { type: 'output_text', text: '', annotations: [] },
        }),
        ev('response.output_text.annotation.added', {
          item_id: 'msg_1',
          output_index: 1,
          content_index: 1,
          annotation_index: 0,
          annotation: { type: 'url_citation', url: 'https://x.test' },
        }),
        ev('response.output_item.added', {
          output_index: 2,
          item: { type: 'web_search_call', id: 'ws_1', status: 'in_progress' },
        }),
        ev('response.web_search_call.searching', { item_id: 'ws_1', output_index: 2 }),
        ev('response.output_item.added', {
          output_index: 3,
          item: { type: 'mcp_call', id: 'mcp_1', name: 'n', server_label: 's', arguments: '' },
        }),
        ev('response.mcp_call_arguments.delta', { item_id: 'mcp_1', output_index: 3, delta: '{}' }),
        ev('response.output_item.added', {
          output_index: 4,
          item: { type: 'custom_tool_call', id: 'ct_1', call_id: 'c', name: 'n', input: '' },
        }),
        ev('response.custom_tool_call_input.delta', { item_id: 'ct_1', output_index: 4, delta: 'ls' }),
        ev('response.audio.delta', { delta: 'AAAA' }, 42),
      ],
      start,
    )
    const [reasoning, message, search, mcp, custom] = s.response?.output ?? []
    expect(reasoning).toMatchObject({ summary: [{ type: 'summary_text', text: 'Thinking' }] })
    expect(message).toMatchObject({
      content: [{ type: 'refusal', refusal: 'No.' }, { annotations: [{ url: 'https://x.test' }] }],
    })
    expect(search).toMatchObject({ status: 'searching' })
    expect(mcp).toMatchObject({ arguments: '{}' })
    expect(custom).toMatchObject({ input: 'ls' })
    expect(s.sequenceNumber).toBe(42)
  })

  it('an error event sets error; an event for an item never added changes nothing but the sequence', () => {
    const failed = applyResponseEvent(
      start,
      ev('error', { code: 'server_error', message: 'boom', param: null }, 5),
    )
    expect(failed).toMatchObject({
      error: { code: 'server_error', message: 'boom', param: null },
      sequenceNumber: 5,
    })
    const stray = applyResponseEvent(
      start,
      ev('response.output_text.delta', { item_id: 'x', output_index: 3, content_index: 0, delta: 'a' }, 6),
    )
    expect(stray.response).toBe(start.response)
    expect(stray.sequenceNumber).toBe(6)
  })

  it('parsing: an error wrapped in `error` arrives bare; a known event without its object is a StreamError', () => {
    expect(
      eventsOf(
        'event: error\ndata: {"type":"error","sequence_number":3,"error":{"message":"m","code":"c"}}\n\n',
      )[0],
    ).toMatchObject({
      type: 'error',
      message: 'm',
      code: 'c',
      param: null,
      sequence_number: 3,
    })
    expect(() =>
      eventsOf('event: response.completed\ndata: {"type":"response.completed","sequence_number":1}\n\n'),
    ).toThrow(expect.objectContaining({ name: 'StreamError', reason: 'invalid_event' }))
    expect(() => eventsOf('event: response.output_text.delta\ndata: {oops\n\n')).toThrow(
      expect.objectContaining({ name: 'StreamError', reason: 'invalid_json' }),
    )
  })
})
