import type { Response as ModelResponse, ResponseOutputItem, ResponseStreamEvent } from '@runlens/client'
import { describe, expect, test, vi } from 'vitest'
import {
  applyChainEvent,
  chainAnswered,
  chainCalls,
  chainUsage,
  chainView,
  chainWithResponse,
  emptyChain,
  type ResponseChainSnapshot,
} from '../../src/store/responseChain.js'
import { initialResponseState, type ResponseStreamState } from '../../src/store/responseStore.js'
import { followUpBody } from '../../src/store/responsesAdapter.js'

// The chain is React-free, as the session is.
vi.mock('react', () => {
  throw new Error('no react')
})

let seq = 0
const response = (id: string, status: string, output: ResponseOutputItem[] = [], extra = {}): ModelResponse =>
  ({
    id,
    object: 'response',
    created_at: 1,
    status,
    model: 'gpt-4o',
    output,
    error: null,
    incomplete_details: null,
    instructions: 'Be brief.',
    tools: [{ type: 'function', name: 'get_weather', parameters: {} }],
    tool_choice: 'auto',
    parallel_tool_calls: true,
    metadata: null,
    usage: null,
    ...extra,
  }) as ModelResponse
const lifecycle = (type: string, r: ModelResponse) =>
  ({ type, sequence_number: seq++, response: r }) as unknown as ResponseStreamEvent
const added = (index: number, item: ResponseOutputItem) =>
  ({
    type: 'response.output_item.added',
    sequence_number: seq++,
    output_index: index,
    item,
  }) as ResponseStreamEvent
const delta = (index: number, itemId: string, text: string) =>
  ({
    type: 'response.output_text.delta',
    sequence_number: seq++,
    output_index: index,
    item_id: itemId,
    content_index: 0,
    delta: text,
  }) as ResponseStreamEvent

const message = (id: string, text: string): ResponseOutputItem => ({
  type: 'message',
  id,
  role: 'assistant',
  status: 'completed',
  content: [{ type: 'output_text', text, annotations: [] }],
})
const call = (callId: string): ResponseOutputItem => ({
  type: 'function_call',
  id: `fc_${callId}`,
  call_id: callId,
  name: 'get_weather',
  arguments: '{"city":"Paris"}',
  status: 'completed',
})
const usage = (input: number, output: number, cached = 0, reasoning = 0) => ({
  input_tokens: input,
  input_tokens_details: { cached_tokens: cached },
  output_tokens: output,
  output_tokens_details: { reasoning_tokens: reasoning },
  total_tokens: input + output,
})

const reduce = (events: ResponseStreamEvent[], from: ResponseChainSnapshot = emptyChain) =>
  events.reduce(applyChainEvent, from)

/** The state a session would show after these snapshots, each view read over the previous one. */
function viewAll(...chains: ResponseChainSnapshot[]): ResponseStreamState[] {
  let state = initialResponseState()
  const states: ResponseStreamState[] = []
  for (const chain of chains) {
    state = { ...state, ...chainView(chain, state) }
    states.push(state)
  }
  return states
}

/** A response that stops at a function call, then its follow-up that answers in text. */
function twoTurns() {
  const first = response('resp_1', 'completed', [call('call_a')], { usage: usage(100, 20, 40, 8) })
  const waiting = reduce([
    lifecycle('response.created', response('resp_1', 'in_progress')),
    added(0, call('call_a')),
    lifecycle('response.completed', first),
  ])
  const answered = chainAnswered(waiting, [{ tool_call_id: 'call_a', output: '21 °C' }])
  const second = response('resp_2', 'completed', [message('msg_1', 'It is 21 °C.')], {
    previous_response_id: 'resp_1',
    usage: usage(150, 10, 100, 0),
  })
  const going = reduce(
    [
      lifecycle(
        'response.created',
        response('resp_2', 'in_progress', [], { previous_response_id: 'resp_1' }),
      ),
      added(0, message('msg_1', '')),
      delta(0, 'msg_1', 'It is 21 °C.'),
    ],
    answered,
  )
  const done = applyChainEvent(going, lifecycle('response.completed', second))
  return { first, second, waiting, answered, going, done }
}

describe('the chain of a Responses run', () => {
  test('a response ending with function calls waits for them: requires_action, its calls as tool calls', () => {
    const { waiting } = twoTurns()
    const [state] = viewAll(waiting)
    expect(state!.status).toBe('requires_action')
    expect(state!.response?.status).toBe('completed')
    expect(chainCalls(waiting)).toEqual([
      { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
    ])
  })

  test('the follow-up moves the chain on: one run, its ids, its output, the outputs beside their calls', () => {
    const { done, first, second } = twoTurns()
    expect(done.earlier).toEqual([first])
    expect(done.current.response).toBe(second)
    const [state] = viewAll(done)
    expect(state).toMatchObject({
      status: 'completed',
      responseId: 'resp_2',
      responseIds: ['resp_1', 'resp_2'],
      text: 'It is 21 °C.',
    })
    expect(state!.steps.map((step) => step.type)).toEqual(['function_call', 'function_call_output'])
    expect(state!.steps[1]).toMatchObject({ call_id: 'call_a', output: '21 °C' })
    expect(chainCalls(done)).toBeNull()
  })

  test('usage is summed over the chain, cached and reasoning tokens too', () => {
    const { done, waiting } = twoTurns()
    expect(viewAll(waiting)[0]!.usage).toEqual(usage(100, 20, 40, 8))
    expect(viewAll(done)[0]!.usage).toEqual(usage(250, 30, 140, 8))
    expect(chainUsage([])).toBeNull()
    // A response without usage yet (null while in progress) adds nothing.
    expect(chainUsage([response('r', 'in_progress')])).toBeNull()
  })

  test('what a delta does not touch keeps its identity: steps, ids and usage do not re-render', () => {
    const { answered } = twoTurns()
    const going = reduce(
      [lifecycle('response.created', response('resp_2', 'in_progress')), added(0, message('msg_1', ''))],
      answered,
    )
    const [a, b] = viewAll(going, applyChainEvent(going, delta(0, 'msg_1', 'Hi')))
    expect(b!.text).toBe('Hi')
    expect(b!.steps).toBe(a!.steps)
    expect(b!.responseIds).toBe(a!.responseIds)
    expect(b!.usage).toBe(a!.usage)
    expect(b!.messages).not.toBe(a!.messages)
  })

  test('an event of no interest gives back the same chain', () => {
    const { done } = twoTurns()
    const unknown = { type: 'unknown', name: 'response.future', data: {} } as ResponseStreamEvent
    expect(applyChainEvent(done, unknown)).toBe(done)
  })

  test('declined calls are no longer waited for; the response shows as it is', () => {
    const { waiting } = twoTurns()
    const declined = { ...waiting, declined: true }
    expect(chainCalls(declined)).toBeNull()
    expect(viewAll(declined)[0]!.status).toBe('completed')
  })

  test('a retrieved response replaces the current one, an earlier one in place, a newer one moves on', () => {
    const { done, first } = twoTurns()
    const cancelled = response('resp_2', 'cancelled')
    expect(chainWithResponse(done, cancelled).current.response).toBe(cancelled)
    const renamed = { ...first, metadata: { note: 'x' } }
    const replaced = chainWithResponse(done, renamed)
    expect(replaced.earlier).toEqual([renamed])
    expect(replaced.current).toBe(done.current)
    const third = response('resp_3', 'in_progress')
    const next = chainWithResponse(done, third)
    expect(next.earlier.map((r) => r.id)).toEqual(['resp_1', 'resp_2'])
    expect(next.current).toMatchObject({ response: third, done: false })
  })

  test('an output sent again for the same call replaces the first', () => {
    const { waiting } = twoTurns()
    const twice = chainAnswered(chainAnswered(waiting, [{ tool_call_id: 'call_a', output: 'one' }]), [
      { tool_call_id: 'call_a', output: 'two' },
    ])
    expect(twice.answers).toEqual([{ type: 'function_call_output', call_id: 'call_a', output: 'two' }])
  })

  test("the follow-up's body: the outputs after previous_response_id, the response's own settings again", () => {
    const { first } = twoTurns()
    expect(followUpBody(first, [{ tool_call_id: 'call_a', output: '21 °C' }])).toEqual({
      model: 'gpt-4o',
      previous_response_id: 'resp_1',
      input: [{ type: 'function_call_output', call_id: 'call_a', output: '21 °C' }],
      background: true,
      instructions: 'Be brief.',
      tools: first.tools,
      tool_choice: 'auto',
      parallel_tool_calls: true,
    })
  })
})
