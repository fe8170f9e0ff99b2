import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDelta } from '../src/sse/parseDelta.js'
import { fixture, fixtureNames } from './helpers.js'

const messageDelta = (id: string, index: number, value: string) =>
  JSON.stringify({
    id,
    object: 'thread.message.delta',
    delta: { content: [{ index, type: 'text', text: { value } }] },
  })
const stepDelta = (id: string, index: number, kind: 'function' | 'code_interpreter', value: string) =>
  JSON.stringify({
    id,
    object: 'thread.run.step.delta',
    delta: {
      step_details: {
        type: 'tool_calls',
        tool_calls: [
          kind === 'function'
            ? { index, type: 'function', function: { arguments: value } }
            : { index, type: 'code_interpreter', code_interpreter: { input: value } },
        ],
      },
    },
  })

/** What JSON.parse gives, or the fast path declines: the two never disagree. */
function agrees(data: string) {
  const fast = parseDelta(data)
  if (fast === undefined) return
  expect(fast).toEqual(JSON.parse(data))
}

describe('parseDelta', () => {
  it('reads the deltas it knows exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(2000), fc.string({ unit: 'binary' }), (id, index, value) => {
        for (const data of [
          messageDelta(id, index, value),
          stepDelta(id, index, 'function', value),
          stepDelta(id, index, 'code_interpreter', value),
        ]) {
          agrees(data)
          if (JSON.stringify(id) === `"${id}"`) expect(parseDelta(data)).toBeDefined()
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('declines or agrees on any mutation of them', () => {
    const base = fc
      .tuple(fc.string({ maxLength: 8 }), fc.nat(20), fc.string({ maxLength: 12 }), fc.constantFrom(0, 1, 2))
      .map(([id, index, value, kind]) =>
        kind === 0
          ? messageDelta(id, index, value)
          : stepDelta(id, index, kind === 1 ? 'function' : 'code_interpreter', value),
      )
    fc.assert(
      fc.property(base, fc.nat(), fc.nat(3), fc.string({ maxLength: 3 }), (data, at, remove, insert) => {
        const cut = at % (data.length + 1)
        const mutated = data.slice(0, cut) + insert + data.slice(cut + remove)
        let valid = true
        try {
          JSON.parse(mutated)
        } catch {
          valid = false
        }
        if (!valid) expect(parseDelta(mutated)).toBeUndefined()
        else agrees(mutated)
      }),
      { numRuns: 3000 },
    )
  })

  it('takes the deltas of the recordings, declines other objects', () => {
    for (const name of fixtureNames) {
      for (const line of fixture(name).split('\n')) {
        if (line.startsWith('data: {')) agrees(line.slice(6))
      }
    }
    expect(
      parseDelta(
        '{"id":"m","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"Hello","annotations":[]}}]}}',
      ),
    ).toBeUndefined()
    expect(
      parseDelta(
        '{"id":"m","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"a\\nb"}}]}}',
      ),
    ).toEqual({
      id: 'm',
      object: 'thread.message.delta',
      delta: { content: [{ index: 0, type: 'text', text: { value: 'a\nb' } }] },
    })
    expect(
      parseDelta(
        '{"id":"m","object":"thread.message.delta","delta":{"content":[{"index":01,"type":"text","text":{"value":"x"}}]}}',
      ),
    ).toBeUndefined()
  })
})
