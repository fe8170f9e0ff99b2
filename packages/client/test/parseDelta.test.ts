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
const stepDelta = (id: string, index: number, value: string) =>
  JSON.stringify({
    id,
    object: 'thread.run.step.delta',
    delta: {
      step_details: {
        type: 'tool_calls',
        tool_calls: [{ index, type: 'function', function: { arguments: value } }],
      },
    },
  })

/** What JSON.parse gives, or the fast path declines: the two never disagree. */
function agrees(data: string) {
  const fast = parseDelta(data)
  if (fast !== undefined) expect(fast).toEqual(JSON.parse(data))
}

const plain = (s: string) => JSON.stringify(s) === `"${s}"`

describe('parseDelta', () => {
  it('reads text deltas exactly as JSON.parse does, and declines the rest', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(2000), fc.string({ unit: 'binary' }), (id, index, value) => {
        agrees(messageDelta(id, index, value))
        expect(parseDelta(stepDelta(id, index, value))).toBeUndefined()
        // A text delta whose id and value need no escape is always taken.
        if (plain(id) && plain(value)) expect(parseDelta(messageDelta(id, index, value))).toBeDefined()
      }),
      { numRuns: 1000 },
    )
  })

  it('declines or agrees on any mutation of a text delta', () => {
    const base = fc
      .tuple(fc.string({ maxLength: 8 }), fc.nat(20), fc.string({ maxLength: 12 }))
      .map(([id, index, value]) => messageDelta(id, index, value))
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
        if (valid) agrees(mutated)
        else expect(parseDelta(mutated)).toBeUndefined()
      }),
      { numRuns: 3000 },
    )
  })

  it('takes the text deltas of the recordings, declines other objects', () => {
    let taken = 0
    for (const name of fixtureNames) {
      for (const line of fixture(name).split('\n')) {
        if (!line.startsWith('data: {')) continue
        agrees(line.slice(6))
        if (parseDelta(line.slice(6))) taken++
      }
    }
    expect(taken).toBeGreaterThan(20)
    const text = (value: string, index = '0') =>
      `{"id":"m","object":"thread.message.delta","delta":{"content":[{"index":${index},"type":"text","text":{"value":"${value}"}}]}}`
    expect(parseDelta(text('é 🙂', '12'))).toEqual({
      id: 'm',
      object: 'thread.message.delta',
      delta: { content: [{ index: 12, type: 'text', text: { value: 'é 🙂' } }] },
    })
    expect(parseDelta(text('a\\nb'))).toBeUndefined()
    expect(parseDelta(text('x', '01'))).toBeUndefined()
    expect(parseDelta(text('x').replace('"value":"x"', '"value":"x","annotations":[]'))).toBeUndefined()
  })
})
