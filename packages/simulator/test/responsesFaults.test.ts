import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTarget, eventually, TARGETS, type Target } from './helpers/harness.js'
import { parseSse, readSse, type SseEvent, sseReader } from './helpers/sse.js'

const FAULT = 'x-runlens-fault'
const KEY = 'Idempotency-Key'

type Json = Record<string, unknown>
interface ResponseBody {
  id: string
  status: string
}

const seq = (event: SseEvent) => (event.data as { sequence_number: number }).sequence_number
const responseOf = (event: SseEvent) => (event.data as { response: ResponseBody }).response

/** Every byte of a body until it ends or fails: what came, and the failure if any. */
async function drain(response: Response): Promise<{ text: string; error: unknown }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read())
      text += decoder.decode(next.value)
    return { text, error: null }
  } catch (error) {
    return { text, error }
  }
}

describe.each(TARGETS)('faults and idempotency keys on the Responses API (%s)', (name) => {
  let t: Target
  beforeAll(async () => {
    t = await createTarget(name, {
      tokenDelayMs: 2,
      faults: [{ method: 'DELETE', path: '/responses/', status: 502, times: 1 }],
    })
  })
  afterAll(() => t.close())
  beforeEach(() => t.simulator.reset())

  const body = { model: 'gpt-4o', input: 'Hi', background: true, stream: true }
  const read = (id: string) => t.json<ResponseBody>(t.get(`/responses/${id}`))

  /**
   * The id the next response gets after `act`: equal to the one after a single plain create only
   * when `act` created exactly one response (every creation draws ids from the seeded stream).
   */
  async function nextIdAfter(act: () => Promise<unknown>): Promise<string> {
    t.simulator.reset()
    await act()
    return (await t.json<ResponseBody>(t.post('/responses', { model: 'm', input: 'next', store: false }))).id
  }

  it('status faults answer as the real API does and create nothing', async () => {
    const res = await t.post('/responses', body, { [FAULT]: 'status=429;retry-after-ms=30' })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after-ms')).toBe('30')
    expect(await res.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } })
    const none = await nextIdAfter(async () => {})
    expect(await nextIdAfter(() => t.post('/responses', body, { [FAULT]: 'status=503' }))).toBe(none)
  })

  it('a global rule picks the Responses paths by method and prefix', async () => {
    const response = await t.json<ResponseBody>(t.post('/responses', { model: 'm', input: 'x' }))
    const failed = await t.fetch(`/responses/${response.id}`, { method: 'DELETE' })
    expect(failed.status).toBe(502)
    expect((await t.fetch(`/responses/${response.id}`, { method: 'DELETE' })).status).toBe(200)
  })

  it('cut-after=N ends a stream mid-answer; the response goes on, and a resume brings the rest', async () => {
    const cut = await readSse(await t.post('/responses', body, { [FAULT]: 'cut-after=6' }))
    expect(cut).toHaveLength(6)
    expect(cut.some((event) => event.event === 'response.completed')).toBe(false)
    const id = responseOf(cut[0]!).id
    await eventually(
      () => read(id),
      (response) => response.status === 'completed',
    )
    const rest = await readSse(await t.get(`/responses/${id}?stream=true&starting_after=${seq(cut.at(-1)!)}`))
    const all = [...cut, ...rest]
    expect(all.map(seq)).toEqual(all.map((_, index) => index))
    expect(all.at(-1)?.event).toBe('response.completed')
  })

  it('a resumed stream can itself be cut, and resumed again', async () => {
    const first = await readSse(await t.post('/responses', body, { [FAULT]: 'cut-after=3' }))
    const id = responseOf(first[0]!).id
    const second = await readSse(
      await t.get(`/responses/${id}?stream=true&starting_after=${seq(first.at(-1)!)}`, {
        [FAULT]: 'cut-after=4',
      }),
    )
    expect(second.map(seq)).toEqual([3, 4, 5, 6])
    const third = await readSse(await t.get(`/responses/${id}?stream=true&starting_after=6`))
    expect(third.at(-1)?.event).toBe('response.completed')
    expect(seq(third[0]!)).toBe(7)
  })

  it('stall-after=N: N events, then silence until the client leaves; the response goes on', async () => {
    const controller = new AbortController()
    const res = await t.fetch('/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [FAULT]: 'stall-after=4' },
      body: JSON.stringify(body),
      signal: controller.signal,
    })
    const reader = sseReader(res)
    const seen: SseEvent[] = []
    for (let i = 0; i < 4; i++) seen.push((await reader.next()) as SseEvent)
    const id = responseOf(seen[0]!).id
    await eventually(
      () => read(id),
      (response) => response.status === 'completed',
    )
    controller.abort()
    await expect(reader.next()).rejects.toThrow()
    const rest = await readSse(await t.get(`/responses/${id}?stream=true&starting_after=3`))
    expect(seq(rest[0]!)).toBe(4)
  })

  it('reset-after-bytes=N: the whole events in those bytes, then the connection fails; resume from the last one', async () => {
    const res = await t.post('/responses', body, { [FAULT]: 'reset-after-bytes=2500' })
    const { text, error } = await drain(res)
    expect(error).toMatchObject({ name: 'TypeError', message: 'terminated' })
    expect(text).toHaveLength(2500)
    const whole = parseSse(text.slice(0, text.lastIndexOf('\n\n') + 2))
    const id = responseOf(whole[0]!).id
    const rest = await readSse(
      await t.get(`/responses/${id}?stream=true&starting_after=${seq(whole.at(-1)!)}`),
    )
    const all = [...whole, ...rest]
    expect(all.map(seq)).toEqual(all.map((_, index) => index))
    expect(all.at(-1)?.event).toBe('response.completed')
  })

  it('reset=after-handling with an Idempotency-Key: the retry gets the same response, and only one was made', async () => {
    const plain = { model: 'gpt-4o', input: 'Hi' }
    const once = await nextIdAfter(() => t.post('/responses', plain))
    let first: ResponseBody | null = null
    const after = await nextIdAfter(async () => {
      await expect(
        t.post('/responses', plain, { [KEY]: 'k1', [FAULT]: 'reset=after-handling' }),
      ).rejects.toThrow(TypeError)
      const retry = await t.post('/responses', plain, { [KEY]: 'k1' })
      expect(retry.headers.get('idempotent-replayed')).toBe('true')
      first = (await retry.json()) as ResponseBody
      expect(first.status).toBe('completed')
    })
    expect(after).toBe(once)
    expect(first).not.toBeNull()
  })

  it('a streamed create lost before its answer: the retry with the key replays the whole stream from 0', async () => {
    const once = await nextIdAfter(async () => readSse(await t.post('/responses', body)))
    let replay: SseEvent[] = []
    const after = await nextIdAfter(async () => {
      await expect(
        t.post('/responses', body, { [KEY]: 'k2', [FAULT]: 'reset=after-handling' }),
      ).rejects.toThrow(TypeError)
      replay = await readSse(await t.post('/responses', body, { [KEY]: 'k2' }))
    })
    expect(after).toBe(once)
    expect(replay.map(seq)).toEqual(replay.map((_, index) => index))
    expect(replay.at(-1)?.event).toBe('response.completed')
    // A key reused for another body is a 422, and does nothing.
    const reused = await t.post('/responses', { ...body, input: 'Other' }, { [KEY]: 'k2' })
    expect(reused.status).toBe(422)
  })

  it('cancel with a key answers its first response again', async () => {
    const queued = await t.json<ResponseBody>(
      t.post('/responses', { model: 'sim-slow', input: 'x', background: true }),
    )
    const cancel = () => t.post(`/responses/${queued.id}/cancel`, undefined, { [KEY]: 'k3' })
    const first = (await (await cancel()).json()) as Json
    const again = await cancel()
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await again.json()).toEqual(first)
    expect(first.status).toBe('cancelled')
  })
})
