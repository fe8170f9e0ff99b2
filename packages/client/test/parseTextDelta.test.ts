import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseTextDelta } from '../src/sse/parseTextDelta.js'
import { fixture } from './helpers.js'

const textDelta = (sequence: number, itemId: string, index: number, delta: string, obfuscation?: string) =>
  JSON.stringify({
    type: 'response.output_text.delta',
    sequence_number: sequence,
    item_id: itemId,
    output_index: index,
    content_index: index,
    delta,
    logprobs: [],
    ...(obfuscation === undefined ? {} : { obfuscation }),
  })

/** What JSON.parse gives, or the fast path declines: the two never disagree. */
function agrees(data: string) {
  const fast = parseTextDelta(data)
  if (fast !== undefined) expect(fast).toEqual(JSON.parse(data))
}

const plain = (s: string) => JSON.stringify(s) === `"${s}"`

describe('parseTextDelta', () => {
  it('reads text deltas exactly as JSON.parse does, and declines the rest', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.string(),
        fc.nat(2000),
        fc.string({ unit: 'binary' }),
        fc.option(fc.string(), { nil: undefined }),
        (sequence, itemId, index, delta, obfuscation) => {
          const data = textDelta(sequence, itemId, index, delta, obfuscation)
          agrees(data)
          // Another event of the same shape is never taken for a text delta.
          expect(parseTextDelta(data.replace('output_text.delta', 'refusal.delta'))).toBeUndefined()
          if (plain(itemId) && plain(delta) && (obfuscation === undefined || plain(obfuscation))) {
            expect(parseTextDelta(data)).toBeDefined()
          }
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('declines or agrees on any mutation of a text delta', () => {
    const base = fc
      .tuple(fc.nat(99), fc.string({ maxLength: 6 }), fc.nat(9), fc.string({ maxLength: 8 }))
      .map(([sequence, itemId, index, delta]) => textDelta(sequence, itemId, index, delta, 'pad'))
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
        else expect(parseTextDelta(mutated)).toBeUndefined()
      }),
      { numRuns: 2000 },
    )
  })

  it('takes every text delta of the recording, as JSON.parse reads it', () => {
    const deltas = fixture('responses-text-stream.sse')
      .split('\n')
      .filter((line) => line.startsWith('data: {"type":"response.output_text.delta"'))
      .map((line) => line.slice(6))
    expect(deltas).toHaveLength(9)
    for (const data of deltas) expect(parseTextDelta(data)).toEqual(JSON.parse(data))
  })
})
