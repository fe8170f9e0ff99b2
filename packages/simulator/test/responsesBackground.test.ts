import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTarget, eventually, nextTurn, TARGETS, type Target } from './helpers/harness.js'
import { readSse, type SseEvent, sseReader } from './helpers/sse.js'

type Json = Record<string, unknown>
interface ResponseBody {
  id: string
  status: string
  output: Array<Json & { type: string; status?: string }>
  error: Json | null
  incomplete_details: Json | null
  usage: { output_tokens: number } | null
}

const TOKEN_DELAY = 7

/**
 * Token delays wait here until a test opens the gate, so a background response stays in progress,
 * mid-answer, for as long as the test needs; every other sleep is one macrotask.
 */
function createGate() {
  let open = false
  let credits = 0
  let waiting: Array<() => void> = []
  return {
    sleep: (ms: number) => {
      if (ms !== TOKEN_DELAY || open) return nextTurn()
      if (credits > 0) {
        credits--
        return nextTurn()
      }
      return new Promise<void>((resolve) => waiting.push(resolve))
    },
    /** Lets `count` more tokens through (all of them, and every later one, when omitted). */
    release(count = Number.POSITIVE_INFINITY) {
      if (count === Number.POSITIVE_INFINITY) open = true
      else credits += count
      const go = open ? waiting.splice(0) : waiting.splice(0, credits)
      if (!open) credits -= go.length
      for (const resolve of go) resolve()
    },
    close() {
      open = false
      credits = 0
      waiting = []
    },
  }
}

const data = (event: SseEvent) => event.data as Json & { sequence_number: number; response?: ResponseBody }
const sequence = (events: SseEvent[]) => events.map((event) => data(event).sequence_number)

describe.each(TARGETS)('Responses in background (%s)', (name) => {
  let t: Target
  const gate = createGate()
  beforeAll(async () => {
    t = await createTarget(name, { tokenDelayMs: TOKEN_DELAY, sleep: gate.sleep })
  })
  afterAll(async () => {
    gate.release()
    await t.close()
  })
  beforeEach(() => {
    gate.release()
    t.simulator.reset()
    gate.close()
  })

  const read = (id: string) => t.json<ResponseBody>(t.get(`/responses/${id}`))
  const create = (body: Json) =>
    t.json<ResponseBody>(t.post('/responses', { input: 'Hi', background: true, ...body }))

  it('goes queued → in_progress → completed with nobody streaming, and a later stream replays it all', async () => {
    const queued = await create({ model: 'gpt-4o' })
    expect(queued).toMatchObject({ status: 'queued', background: true, output: [], usage: null })
    const midway = await eventually(
      () => read(queued.id),
      (response) => response.status === 'in_progress',
    )
    expect(midway.usage).toBeNull()
    gate.release()
    const done = await eventually(
      () => read(queued.id),
      (response) => response.status === 'completed',
    )
    expect(done.usage?.output_tokens).toBeGreaterThan(5)

    const events = await readSse(await t.get(`/responses/${queued.id}?stream=true`))
    expect(sequence(events)).toEqual(events.map((_, index) => index))
    expect(events.slice(0, 3).map((event) => event.event)).toEqual([
      'response.created',
      'response.queued',
      'response.in_progress',
    ])
    expect(data(events[0]!).response?.status).toBe('queued')
    expect(events.at(-1)?.event).toBe('response.completed')
    expect(data(events.at(-1)!).response).toEqual(done)
  })

  it('resumes a dropped stream after any sequence number: the stored events, then the live ones, none twice', async () => {
    const first = sseReader(
      await t.post('/responses', { model: 'gpt-4o', input: 'Hi', background: true, stream: true }),
    )
    gate.release(3)
    const seen: SseEvent[] = []
    while (seen.length < 6) seen.push((await first.next()) as SseEvent)
    // The client leaves mid-answer; the response goes on without it.
    await first.cancel()
    const id = data(seen[0]!).response?.id as string
    expect((await read(id)).status).toBe('in_progress')

    const resumed = sseReader(await t.get(`/responses/${id}?stream=true&starting_after=5`))
    const next = (await resumed.next()) as SseEvent
    expect(data(next).sequence_number).toBe(6)
    gate.release()
    const rest = [next, ...(await resumed.rest())]
    const all = [...seen, ...rest]
    expect(sequence(all)).toEqual(all.map((_, index) => index))
    expect(all.at(-1)?.event).toBe('response.completed')

    // Every cut point gives the same whole stream.
    const whole = await readSse(await t.get(`/responses/${id}?stream=true`))
    for (const after of [0, 3, whole.length - 2, whole.length - 1, whole.length + 5]) {
      const tail = await readSse(await t.get(`/responses/${id}?stream=true&starting_after=${after}`))
      expect(tail.map((event) => event.raw)).toEqual(whole.slice(after + 1).map((event) => event.raw))
    }
    expect(whole.map((event) => event.raw)).toEqual(all.map((event) => event.raw))
  })

  it('resumes from a sequence number not sent yet: the first event is the one after it', async () => {
    const queued = await create({ model: 'gpt-4o' })
    gate.release(1)
    await eventually(
      () => read(queued.id),
      (response) => response.status === 'in_progress',
    )
    // Events 0..5 are out (created, queued, in_progress, item, part, one delta): ask after 9.
    const ahead = sseReader(await t.get(`/responses/${queued.id}?stream=true&starting_after=9`))
    gate.release()
    const events = await ahead.rest()
    expect(data(events[0]!).sequence_number).toBe(10)
    expect(sequence(events)).toEqual(events.map((_, index) => index + 10))
    expect(events.at(-1)?.event).toBe('response.completed')
  })

  it('cancels a response in progress: its streams end, its open message ends incomplete, a second cancel agrees', async () => {
    const stream = sseReader(
      await t.post('/responses', { model: 'gpt-4o', input: 'Hi', background: true, stream: true }),
    )
    gate.release(2)
    const before = await stream.until('response.output_text.delta')
    const id = data(before[0]!).response?.id as string
    const cancelled = await t.json<ResponseBody>(t.post(`/responses/${id}/cancel`))
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.output[0]).toMatchObject({ type: 'message', status: 'incomplete' })
    // The stream ends without a terminal event: the spec has none for a cancel.
    const after = await stream.rest()
    expect(after.map((event) => event.event).filter((event) => !event.endsWith('.delta'))).toEqual([])
    gate.release()
    await nextTurn()
    expect(await read(id)).toEqual(cancelled)
    expect(await t.json(t.post(`/responses/${id}/cancel`))).toEqual(cancelled)
    // A resumed stream of a cancelled response gives what was stored, then ends.
    const replay = await readSse(await t.get(`/responses/${id}?stream=true`))
    expect(replay.map((event) => event.raw)).toEqual([...before, ...after].map((event) => event.raw))
  })

  it('cancels a queued response before it starts', async () => {
    const queued = await create({ model: 'gpt-4o' })
    const cancelled = await t.json<ResponseBody>(t.post(`/responses/${queued.id}/cancel`))
    expect(cancelled.status).toBe('cancelled')
    // In process nothing ran yet; over HTTP the driver may have opened the message meanwhile.
    if (name === 'in-process') expect(cancelled.output).toEqual([])
    expect(cancelled.output.filter((item) => item.status === 'completed')).toEqual([])
    gate.release()
    await nextTurn()
    await nextTurn()
    expect((await read(queued.id)).status).toBe('cancelled')
  })

  it('refuses to cancel a response not in background, or one already over, with a 400', async () => {
    gate.release()
    const foreground = await t.json<ResponseBody>(t.post('/responses', { model: 'm', input: 'x' }))
    const refused = await t.post(`/responses/${foreground.id}/cancel`)
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({
      error: {
        message: 'Only responses created with background=true can be cancelled.',
        type: 'invalid_request_error',
      },
    })
    const background = await create({ model: 'm' })
    await eventually(
      () => read(background.id),
      (response) => response.status === 'completed',
    )
    const late = await t.post(`/responses/${background.id}/cancel`)
    expect(late.status).toBe(400)
    expect(await late.json()).toMatchObject({ error: { message: 'Cannot cancel a completed response.' } })
    expect((await read(background.id)).status).toBe('completed')
  })

  it('streams again only a background response, from a whole sequence number', async () => {
    gate.release()
    const foreground = await t.json<ResponseBody>(t.post('/responses', { model: 'm', input: 'x' }))
    const res = await t.get(`/responses/${foreground.id}?stream=true`)
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: Json }).error.param).toBe('stream')
    const background = await create({ model: 'm' })
    const bad = await t.get(`/responses/${background.id}?stream=true&starting_after=-1`)
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: Json }).error.param).toBe('starting_after')
  })

  it('reset() ends what waited for a response it dropped: a foreground create and a stream', async () => {
    const waiting = t.post('/responses', { model: 'gpt-4o', input: 'Hi' })
    const stream = sseReader(await t.post('/responses', { model: 'gpt-4o', input: 'Hi', stream: true }))
    await stream.until('response.content_part.added')
    t.simulator.reset()
    gate.release()
    expect((await waiting).status).toBe(200)
    expect((await stream.rest()).some((event) => event.event === 'response.completed')).toBe(false)
  })

  it('ends failed or incomplete in background as it would in the foreground', async () => {
    gate.release()
    const failing = await create({ model: 'sim-server-error' })
    const failed = await eventually(
      () => read(failing.id),
      (response) => response.status === 'failed',
    )
    expect(failed.error).toMatchObject({ code: 'server_error' })
    expect(failed.output[0]).toMatchObject({ type: 'message', status: 'incomplete' })
    const cut = await create({ model: 'sim-incomplete', max_output_tokens: 20 })
    const incomplete = await eventually(
      () => read(cut.id),
      (response) => response.status === 'incomplete',
    )
    expect(incomplete.incomplete_details).toEqual({ reason: 'max_output_tokens' })
    expect(incomplete.usage?.output_tokens).toBe(20)
    expect(incomplete.output[0]).toMatchObject({ type: 'message', status: 'incomplete' })
    const events = await readSse(await t.get(`/responses/${cut.id}?stream=true`))
    expect(events.at(-1)?.event).toBe('response.incomplete')
    expect(events.filter((event) => event.event === 'response.output_text.delta')).toHaveLength(20)
  })
})
