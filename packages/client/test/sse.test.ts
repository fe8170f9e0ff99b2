import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyRunEvent, emptyRunSnapshot } from '../src/applyRunEvent.js'
import { createRunsClient } from '../src/createRunsClient.js'
import { APIError } from '../src/errors.js'
import { createSSEDecoder, type SSEFrame } from '../src/sse/sseDecoder.js'
import { toStreamEvent } from '../src/sse/toStreamEvent.js'
import { fixture, fixtureNames, splitBytes, sseResponse } from './helpers.js'

const encoder = new TextEncoder()

function decodeChunks(chunks: Uint8Array[]): SSEFrame[] {
  const decode = createSSEDecoder()
  const frames: SSEFrame[] = []
  for (const chunk of chunks) frames.push(...decode(chunk))
  frames.push(...decode())
  return frames
}

const decodeText = (text: string, cuts: number[] = []) => decodeChunks(splitBytes(encoder.encode(text), cuts))

describe('stage 2: text -> lines', () => {
  it('splits at LF, CR and CRLF, also when a CRLF is cut between chunks', () => {
    const joined = (chunks: string[]) => decodeChunks(chunks.map((c) => encoder.encode(c)))
    expect(joined(['data:a\ndata:b\rdata:c\r\ndata:d'])).toEqual([{ event: '', data: 'a\nb\nc\nd' }])
    // The LF of a CRLF cut between chunks is no blank line: one frame, not two.
    expect(joined(['data:a\r', '\ndata:b'])).toEqual([{ event: '', data: 'a\nb' }])
    expect(joined(['data:a\r', '', '\ndata:b'])).toEqual([{ event: '', data: 'a\nb' }])
    // A chunk that is only the LF of such a CRLF: the next LF is a blank line again.
    expect(joined(['data:a\r', '\n', '\n', 'data:b\n\n'])).toEqual([
      { event: '', data: 'a' },
      { event: '', data: 'b' },
    ])
    // CR CR is a line end and a blank line: two frames.
    expect(joined(['data:a\r', '\rdata:b'])).toEqual([
      { event: '', data: 'a' },
      { event: '', data: 'b' },
    ])
    expect(joined(['data:a', 'b', '\n', 'data:c\n'])).toEqual([{ event: '', data: 'ab\nc' }])
    expect(joined(['\r\n\r\ndata:x\r\n\r\n'])).toEqual([{ event: '', data: 'x' }])
  })

  it('the end of the body ends the open line, after LF, CR, a CR cut from its LF, or nothing', () => {
    for (const ending of ['', '\n', '\r', '\r\n']) {
      expect(decodeText(`data:a\ndata:b${ending}`)).toEqual([{ event: '', data: 'a\nb' }])
      expect(decodeText(`data:a\ndata:b${ending}`, [9, 10, 11, 12])).toEqual([{ event: '', data: 'a\nb' }])
    }
    expect(decodeText('')).toEqual([])
    expect(decodeText('\r')).toEqual([])
  })
})

describe('stage 3: lines -> frames', () => {
  it('comments, multi-line data, a space after the colon, fields without a colon', () => {
    const frames = decodeText(': keep-alive\nevent: x\ndata: one\ndata:two\ndata\nid: 7\nretry: 10\n\n')
    expect(frames).toEqual([{ event: 'x', data: 'one\ntwo\n' }])
  })

  it('a frame without data is not dispatched; a last frame without its blank line is', () => {
    expect(decodeText('event: x\n\nevent: y\ndata: 1')).toEqual([{ event: 'y', data: '1' }])
  })

  it('a UTF-8 character cut between chunks', () => {
    const text = 'event: m\ndata: {"v":"héllo 👋 世界"}\n\n'
    const bytes = encoder.encode(text)
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(decodeChunks(splitBytes(bytes, [cut]))).toEqual([{ event: 'm', data: '{"v":"héllo 👋 世界"}' }])
    }
  })

  it('[DONE] is the done event whatever the name; error data is normalised', () => {
    expect(toStreamEvent({ event: '', data: '[DONE]' })).toEqual({ event: 'done', data: '[DONE]' })
    expect(
      toStreamEvent({ event: 'error', data: '{"error":{"message":"m","type":"t","code":"c","param":null}}' }),
    ).toEqual({
      event: 'error',
      data: { message: 'm', type: 't', code: 'c', param: null },
    })
    expect(toStreamEvent({ event: 'error', data: '{"message":"m"}' })).toEqual({
      event: 'error',
      data: { message: 'm', type: 'error', code: null, param: null },
    })
    expect(toStreamEvent({ event: 'error', data: '"weird"' }).data).toMatchObject({ message: '"weird"' })
  })
})

/** The recordings reduced with the whole text in one chunk: what every other chunking must give. */
function snapshotOf(frames: SSEFrame[]) {
  return frames.map(toStreamEvent).reduce(applyRunEvent, emptyRunSnapshot)
}

describe.each(fixtureNames)('recording %s', (name) => {
  const text = fixture(name)
  const bytes = encoder.encode(text)
  const expected = snapshotOf(decodeText(text))
  const expectedFrames = decodeText(text)

  it('the reference is sane', () => {
    expect(expected.done).toBe(true)
    expect(expected.run).not.toBeNull()
    expect(expectedFrames.length).toBeGreaterThanOrEqual(10)
  })

  it('gives the same frames and snapshot for any chunk boundaries', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 60 }), (cuts) => {
        const frames = decodeChunks(splitBytes(bytes, cuts))
        expect(frames).toEqual(expectedFrames)
        expect(snapshotOf(frames)).toEqual(expected)
      }),
      { numRuns: 200 },
    )
  })

  it('byte by byte', () => {
    expect(snapshotOf(decodeChunks(splitBytes(bytes, Array.from(bytes.keys()))))).toEqual(expected)
  })

  it('with CRLF and with CR line endings, any chunking', () => {
    for (const ending of ['\r\n', '\r']) {
      const converted = encoder.encode(text.replace(/\n/g, ending))
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 1, max: converted.length - 1 }), { maxLength: 60 }),
          (cuts) => {
            expect(snapshotOf(decodeChunks(splitBytes(converted, cuts)))).toEqual(expected)
          },
        ),
        { numRuns: 100 },
      )
    }
  })

  it('without the final blank line', () => {
    expect(snapshotOf(decodeText(text.trimEnd()))).toEqual(expected)
  })
})

describe('fuzz', () => {
  /** Decodes and converts everything; the only error allowed out is a typed one. */
  function survive(chunks: Uint8Array[]) {
    try {
      let snapshot = emptyRunSnapshot
      for (const frame of decodeChunks(chunks)) snapshot = applyRunEvent(snapshot, toStreamEvent(frame))
    } catch (error) {
      expect(error).toBeInstanceOf(APIError)
    }
  }

  it('random bytes, random chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }), (chunks) => survive(chunks)),
      { numRuns: 500 },
    )
  })

  const field = fc.oneof(
    fc.constantFrom('event', 'data', 'id', 'retry', '', ':', 'dat', 'events'),
    fc.string({ maxLength: 6 }),
  )
  const eventName = fc.oneof(
    fc.constantFrom(
      'thread.run.created',
      'thread.message.delta',
      'thread.run.step.delta',
      'thread.message.created',
      'thread.run.step.created',
      'error',
      'done',
    ),
    fc.string({ maxLength: 10 }),
  )
  const jsonish = fc.oneof(
    fc.json(),
    fc.constantFrom(
      '[DONE]',
      '{',
      '{"object":"thread.run","status":7}',
      '{"id":"m","delta":{"content":[{"index":0,"type":"text"}]}}',
    ),
    fc.string(),
  )
  const line = fc.oneof(
    fc
      .tuple(field, fc.constantFrom(':', ': ', ''), fc.string({ maxLength: 12 }))
      .map(([f, c, v]) => `${f}${c}${v}`),
    eventName.map((e) => `event: ${e}`),
    jsonish.map((d) => `data: ${d}`),
    fc.constant(''),
  )

  it('random frames with random line endings and chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(line, fc.constantFrom('\n', '\r', '\r\n')), { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (pieces, cuts) => {
          const bytes = encoder.encode(pieces.map(([l, end]) => l + end).join(''))
          survive(
            splitBytes(
              bytes,
              cuts.map((c) => (bytes.length ? c % bytes.length : 0)),
            ),
          )
        },
      ),
      { numRuns: 500 },
    )
  })

  it('any chunking decodes as the whole body does, whatever the mix of line endings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(line, fc.constantFrom('\n', '\r', '\r\n')), { maxLength: 20 }),
        // Chunks of 1 to 3 bytes: a line end often lands alone or at a chunk's edge.
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 30 }),
        (pieces, sizes) => {
          const bytes = encoder.encode(pieces.map(([l, end]) => l + end).join(''))
          const cuts: number[] = []
          for (let at = sizes[0]!, i = 1; at < bytes.length; at += sizes[i++ % sizes.length]!) cuts.push(at)
          expect(decodeChunks(splitBytes(bytes, cuts))).toEqual(decodeChunks([bytes]))
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('well-formed events with hostile data never throw anything untyped from the reducer', () => {
    const id = fc.constantFrom('a', 'b')
    const anything = fc.anything({ maxDepth: 3 })
    const index = fc.oneof(fc.integer({ min: -1, max: 3 }), anything)
    const part = fc.record(
      {
        index,
        type: fc.oneof(
          fc.constantFrom('text', 'refusal', 'image_file', 'function', 'code_interpreter', 'file_search'),
          anything,
        ),
        text: fc.oneof(
          anything,
          fc.record({ value: anything, annotations: fc.array(fc.oneof(anything, fc.record({ index }))) }),
        ),
        function: anything,
        code_interpreter: fc.oneof(
          anything,
          fc.record({
            input: anything,
            outputs: fc.array(
              fc.oneof(
                anything,
                fc.record({ index, type: fc.constantFrom('logs', 'image'), logs: anything }),
              ),
            ),
          }),
        ),
        refusal: anything,
      },
      { requiredKeys: [] },
    )
    const delta = fc.record(
      {
        content: fc.array(part),
        step_details: fc.oneof(
          anything,
          fc.record({
            type: fc.constantFrom('tool_calls', 'message_creation'),
            tool_calls: fc.oneof(anything, fc.array(part)),
          }),
        ),
      },
      { requiredKeys: [] },
    )
    const payload = fc.oneof(
      fc.object(),
      fc.json().map((j) => JSON.parse(j) as unknown),
      fc.record(
        {
          id,
          object: fc.constantFrom('thread.run', 'thread.message', 'thread.run.step'),
          content: anything,
          step_details: anything,
          status: anything,
        },
        { requiredKeys: ['id', 'object'] },
      ),
      fc.record({ id, delta: fc.oneof(anything, delta) }),
    )
    const kinds = [
      'thread.run.created',
      'thread.run.step.created',
      'thread.message.created',
      'thread.message.completed',
      'thread.message.delta',
      'thread.run.step.delta',
      'error',
      'done',
      'unknown.thing',
    ]
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...kinds), payload), { maxLength: 12 }), (events) => {
        const text = events.map(([e, d]) => `event: ${e}\ndata: ${JSON.stringify(d) ?? 'null'}\n\n`).join('')
        survive([encoder.encode(text)])
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    )
  })
})

describe('fuzz: the whole stream', () => {
  it('random bytes through client.runs.stream always settle, with a typed error or a run', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 12 }), async (chunks) => {
        const client = createRunsClient({ baseURL: 'http://x/v1', fetch: async () => sseResponse(chunks) })
        const stream = client.runs.stream('t', { assistant_id: 'a' })
        try {
          await stream.finalRun()
        } catch (error) {
          expect(error).toBeInstanceOf(APIError)
        }
      }),
      { numRuns: 200 },
    )
  })
})
