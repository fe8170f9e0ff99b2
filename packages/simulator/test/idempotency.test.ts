import type { ListResponse, Run } from '@runlens/client'
import { describe, expect, it } from 'vitest'
import { createSimulator, IDEMPOTENCY_MAX_KEYS, IDEMPOTENCY_TTL_MS } from '../src/index.js'
import {
  createTestClock,
  eventually,
  nextTurn,
  TARGETS,
  type Target,
  useTargetWithThread,
} from './helpers/harness.js'
import { readSse, sseReader } from './helpers/sse.js'

const FAULT = 'x-runlens-fault'
const KEY = 'idempotency-key'

describe.each(TARGETS)('Idempotency-Key (%s)', (name) => {
  let t: Target
  let threadId: string
  useTargetWithThread(name, (target, id) => {
    t = target
    threadId = id
  })

  const runs = async (thread = threadId) =>
    (await t.json<ListResponse<Run>>(t.get(`/threads/${thread}/runs`))).data

  it('the same key, method, path and body: the first response again, and no second thread', async () => {
    const body = { metadata: { n: '1' } }
    const first = await t.post('/threads', body, { [KEY]: 'k-thread' })
    const again = await t.post('/threads', body, { [KEY]: 'k-thread' })
    expect(again.status).toBe(first.status)
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'))
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    // Each exchange keeps its own request id.
    expect(again.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'))
    const thread = await first.json()
    expect(await again.json()).toEqual(thread)
    const other = await t.json<{ id: string }>(t.post('/threads', body))
    expect(other.id).not.toBe((thread as { id: string }).id)
  })

  it('the same key for another body, path or method: a 422 that says so, and nothing done', async () => {
    await t.post(`/threads/${threadId}/messages`, { role: 'user', content: 'a' }, { [KEY]: 'k-reused' })
    const otherBody = await t.post(
      `/threads/${threadId}/messages`,
      { role: 'user', content: 'b' },
      { [KEY]: 'k-reused' },
    )
    expect(otherBody.status).toBe(422)
    expect(await otherBody.json()).toEqual({
      error: {
        message: `The Idempotency-Key 'k-reused' was already used for another request (POST /v1/threads/${threadId}/messages); a key can only be sent again with the same method, path and body.`,
        type: 'invalid_request_error',
        param: 'idempotency-key',
        code: 'idempotency_key_reused',
      },
    })
    const otherPath = await t.post('/threads', { role: 'user', content: 'a' }, { [KEY]: 'k-reused' })
    expect(otherPath.status).toBe(422)
    const messages = await t.json<ListResponse<unknown>>(t.get(`/threads/${threadId}/messages`))
    expect(messages.data).toHaveLength(1)
    // POST and DELETE /threads/{id}: the same path, another method.
    await t.post(`/threads/${threadId}`, { metadata: { a: 'b' } }, { [KEY]: 'k-method' })
    const otherMethod = await t.fetch(`/threads/${threadId}`, {
      method: 'DELETE',
      headers: { [KEY]: 'k-method' },
    })
    expect(otherMethod.status).toBe(422)
    expect((await t.get(`/threads/${threadId}`)).status).toBe(200)
  })

  it('a run created, then the connection reset before the answer: the retry gets that run, no second one', async () => {
    const body = { assistant_id: 'asst_text' }
    const lost = t.post(`/threads/${threadId}/runs`, body, {
      [KEY]: 'k-run',
      [FAULT]: 'reset=after-handling',
    })
    await expect(lost).rejects.toThrow(TypeError)
    const retry = await t.post(`/threads/${threadId}/runs`, body, { [KEY]: 'k-run' })
    expect(retry.status).toBe(200)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    const run = await t.json<Run>(retry)
    // The answer of the creation, as it was then, whatever the run has done since.
    expect(run.status).toBe('queued')
    expect((await runs()).map((r) => r.id)).toEqual([run.id])
    await eventually(
      () => t.json<Run>(t.get(`/threads/${threadId}/runs/${run.id}`)),
      (r) => r.status === 'completed',
    )
  })

  it('a streamed createAndRun reset before the answer: the retry replays its whole stream', async () => {
    const body = {
      assistant_id: 'asst_text',
      stream: true,
      thread: { messages: [{ role: 'user', content: 'Hi' }] },
    }
    const lost = t.post('/threads/runs', body, { [KEY]: 'k-stream', [FAULT]: 'reset=after-handling' })
    await expect(lost).rejects.toThrow(TypeError)
    const replay = await readSse(await t.post('/threads/runs', body, { [KEY]: 'k-stream' }))
    expect(replay[0]?.event).toBe('thread.created')
    expect(replay.at(-1)?.event).toBe('done')
    expect(replay.filter((e) => e.event === 'thread.message.delta').length).toBeGreaterThan(10)
    // A second retry gets the same events, byte for byte: one thread, one run.
    const again = await readSse(await t.post('/threads/runs', body, { [KEY]: 'k-stream' }))
    expect(again.map((e) => e.raw)).toEqual(replay.map((e) => e.raw))
    const thread = replay[0]!.data as { id: string }
    expect(await runs(thread.id)).toHaveLength(1)
  })

  it('a retry while the first stream is still going gets every event, the first ones and the live ones', async () => {
    const body = { assistant_id: 'asst_text', stream: true }
    const first = sseReader(await t.post(`/threads/${threadId}/runs`, body, { [KEY]: 'k-live' }))
    const start = await first.until('thread.message.delta')
    const second = await readSse(await t.post(`/threads/${threadId}/runs`, body, { [KEY]: 'k-live' }))
    const rest = await first.rest()
    expect(second.map((e) => e.raw)).toEqual([...start, ...rest].map((e) => e.raw))
    expect(second.at(-1)?.event).toBe('done')
    expect(await runs()).toHaveLength(1)
  })

  it('stream faults hit one attempt: a stream cut after 3 events, then the retry gets it whole', async () => {
    const body = { assistant_id: 'asst_text', stream: true }
    const cut = await readSse(
      await t.post(`/threads/${threadId}/runs`, body, { [KEY]: 'k-cut', [FAULT]: 'cut-after=3' }),
    )
    expect(cut).toHaveLength(3)
    const whole = await readSse(await t.post(`/threads/${threadId}/runs`, body, { [KEY]: 'k-cut' }))
    expect(whole.slice(0, 3).map((e) => e.raw)).toEqual(cut.map((e) => e.raw))
    expect(whole.at(-1)?.event).toBe('done')
    expect(await runs()).toHaveLength(1)
  })

  it('an error is not kept: a 503 or a 400 leaves the key free for the retry that succeeds', async () => {
    const body = { assistant_id: 'asst_text' }
    const unavailable = await t.post(`/threads/${threadId}/runs`, body, {
      [KEY]: 'k-error',
      [FAULT]: 'status=503',
    })
    expect(unavailable.status).toBe(503)
    const created = await t.post(`/threads/${threadId}/runs`, body, { [KEY]: 'k-error' })
    expect(created.status).toBe(200)
    expect(created.headers.get('idempotent-replayed')).toBeNull()
    expect(await runs()).toHaveLength(1)

    const invalid = await t.post('/threads', { colour: 'red' }, { [KEY]: 'k-invalid' })
    expect(invalid.status).toBe(400)
    const fixed = await t.post('/threads', {}, { [KEY]: 'k-invalid' })
    expect(fixed.status).toBe(200)
  })

  it('submit_tool_outputs, cancel and DELETE answer their first response again', async () => {
    const waiting = await t.json<Run>(
      t.post(`/threads/${threadId}/runs`, { assistant_id: 'asst_function_call' }),
    )
    const run = await eventually(
      () => t.json<Run>(t.get(`/threads/${threadId}/runs/${waiting.id}`)),
      (r) => r.status === 'requires_action',
    )
    const call = run.required_action!.submit_tool_outputs.tool_calls[0]!
    const submit = () =>
      t.post(
        `/threads/${threadId}/runs/${run.id}/submit_tool_outputs`,
        { tool_outputs: [{ tool_call_id: call.id, output: 'sunny' }] },
        { [KEY]: 'k-submit' },
      )
    const submitted = await t.json<Run>(submit())
    await eventually(
      () => t.json<Run>(t.get(`/threads/${threadId}/runs/${run.id}`)),
      (r) => r.status === 'completed',
    )
    // Without the key, the run would refuse outputs now ('Runs in status "completed" ...').
    const resubmitted = await submit()
    expect(resubmitted.status).toBe(200)
    expect(await resubmitted.json()).toEqual(submitted)

    const active = await t.json<Run>(
      t.post(`/threads/${threadId}/runs`, { assistant_id: 'asst_function_call' }),
    )
    await eventually(
      () => t.json<Run>(t.get(`/threads/${threadId}/runs/${active.id}`)),
      (r) => r.status === 'requires_action',
    )
    const cancel = () =>
      t.post(`/threads/${threadId}/runs/${active.id}/cancel`, undefined, { [KEY]: 'k-cancel' })
    const cancelling = await t.json<Run>(cancel())
    expect(cancelling.status).toBe('cancelling')
    await eventually(
      () => t.json<Run>(t.get(`/threads/${threadId}/runs/${active.id}`)),
      (r) => r.status === 'cancelled',
    )
    expect(await t.json<Run>(cancel())).toEqual(cancelling)

    const remove = () => t.fetch(`/threads/${threadId}`, { method: 'DELETE', headers: { [KEY]: 'k-delete' } })
    const deleted = await t.json(remove())
    expect(deleted).toMatchObject({ deleted: true })
    const again = await remove()
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual(deleted)
    expect((await t.get(`/threads/${threadId}`)).status).toBe(404)
  })

  it('GET ignores the key: it reads, and leaves the key for a later POST', async () => {
    expect((await t.get(`/threads/${threadId}`, { [KEY]: 'k-get' })).status).toBe(200)
    expect((await t.post('/threads', {}, { [KEY]: 'k-get' })).status).toBe(200)
  })

  it('a key longer than 255 characters, or empty, is a 400', async () => {
    for (const key of ['x'.repeat(256), '']) {
      const response = await t.post('/threads', {}, { [KEY]: key })
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({
        error: { param: 'idempotency-key', code: 'invalid_idempotency_key', type: 'invalid_request_error' },
      })
    }
  })

  it('reset() forgets every key', async () => {
    expect((await t.post('/threads', {}, { [KEY]: 'k-reset' })).status).toBe(200)
    expect((await t.post('/threads', {}, { [KEY]: 'k-reset' })).headers.get('idempotent-replayed')).toBe(
      'true',
    )
    t.simulator.reset()
    const response = await t.post('/threads', {}, { [KEY]: 'k-reset' })
    expect(response.status).toBe(200)
    expect(response.headers.get('idempotent-replayed')).toBeNull()
  })
})

describe('how long keys are kept', () => {
  const post = (simulator: ReturnType<typeof createSimulator>, key: string) =>
    simulator.fetch('/v1/threads', { method: 'POST', headers: { [KEY]: key } })

  it(`${IDEMPOTENCY_TTL_MS / 3_600_000} hours on the simulator's clock`, async () => {
    const clock = createTestClock()
    const simulator = createSimulator({ now: clock.now, sleep: nextTurn })
    expect((await post(simulator, 'k')).headers.get('idempotent-replayed')).toBeNull()
    clock.advance(IDEMPOTENCY_TTL_MS - 1)
    expect((await post(simulator, 'k')).headers.get('idempotent-replayed')).toBe('true')
    clock.advance(1)
    expect((await post(simulator, 'k')).headers.get('idempotent-replayed')).toBeNull()
  })

  it(`the last ${IDEMPOTENCY_MAX_KEYS} keys: the oldest goes first`, async () => {
    const simulator = createSimulator({ sleep: nextTurn })
    for (let i = 0; i < IDEMPOTENCY_MAX_KEYS; i++) await post(simulator, `k${i}`)
    expect((await post(simulator, 'k0')).headers.get('idempotent-replayed')).toBe('true')
    await post(simulator, 'one more')
    expect((await post(simulator, 'k1')).headers.get('idempotent-replayed')).toBe('true')
    expect((await post(simulator, 'k0')).headers.get('idempotent-replayed')).toBeNull()
  })
})
