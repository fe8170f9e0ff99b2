import type { ListResponse, Run } from '@runlens/client'
import { describe, expect, it } from 'vitest'
import { createSimulator, parseFaultHeader, parseFaultRule } from '../src/index.js'
import { startSimulatorServer } from '../src/node.js'
import { eventually, nextTurn, TARGETS, type Target, useTargetWithThread } from './helpers/harness.js'
import { parseSse } from './helpers/sse.js'

const FAULT = 'x-runlens-fault'

/** What node's fetch rejects with when the server resets the connection, and what ours mimics. */
const NETWORK_ERROR = { name: 'TypeError', message: 'fetch failed', cause: { code: 'ECONNRESET' } }
/** What reading a body fails with when the connection closes before its end. */
const BODY_CUT = { name: 'TypeError', message: 'terminated', cause: { code: 'UND_ERR_SOCKET' } }

/** Every byte of a body until it ends or fails: what came, and the failure if any. */
async function drain(response: Response): Promise<{ bytes: Uint8Array; error: unknown }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const chunks: Uint8Array[] = []
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value)
    return { bytes: new Uint8Array(Buffer.concat(chunks)), error: null }
  } catch (error) {
    return { bytes: new Uint8Array(Buffer.concat(chunks)), error }
  }
}

describe.each(TARGETS)('reset faults (%s)', (name) => {
  let t: Target
  let threadId: string
  useTargetWithThread(name, (target, id) => {
    t = target
    threadId = id
  })

  const runs = async () => (await t.json<ListResponse<Run>>(t.get(`/threads/${threadId}/runs`))).data

  it('reset=before-handling: fetch fails as on a reset socket, and nothing happened', async () => {
    const attempt = t.post(
      `/threads/${threadId}/runs`,
      { assistant_id: 'asst_text' },
      { [FAULT]: 'reset=before-handling' },
    )
    await expect(attempt).rejects.toMatchObject(NETWORK_ERROR)
    expect(await runs()).toEqual([])
  })

  it('reset=after-handling: fetch fails the same way, but the run was created and goes on', async () => {
    const attempt = t.post(
      `/threads/${threadId}/runs`,
      { assistant_id: 'asst_text' },
      { [FAULT]: 'reset=after-handling' },
    )
    await expect(attempt).rejects.toMatchObject(NETWORK_ERROR)
    const [run] = await runs()
    expect(run).toBeDefined()
    const final = await eventually(
      () => t.json<Run>(t.get(`/threads/${threadId}/runs/${run!.id}`)),
      (r) => r.status === 'completed',
    )
    expect(final.usage).not.toBeNull()
  })

  it('reset=after-handling on a stream: the client gets nothing, the run still completes', async () => {
    const attempt = t.post(
      `/threads/${threadId}/runs`,
      { assistant_id: 'asst_text', stream: true },
      { [FAULT]: 'reset=after-handling' },
    )
    await expect(attempt).rejects.toMatchObject(NETWORK_ERROR)
    const [run] = await runs()
    await eventually(
      () => t.json<Run>(t.get(`/threads/${threadId}/runs/${run!.id}`)),
      (r) => r.status === 'completed',
    )
  })

  it('reset-after-bytes=N on JSON: the status and N bytes of the body arrive, then the body fails', async () => {
    const whole = new Uint8Array(await (await t.get(`/threads/${threadId}`)).arrayBuffer())
    expect(whole.length).toBeGreaterThan(40)
    const response = await t.get(`/threads/${threadId}`, { [FAULT]: 'reset-after-bytes=40' })
    expect(response.status).toBe(200)
    const { bytes, error } = await drain(response)
    expect(error).toMatchObject(BODY_CUT)
    expect(bytes).toEqual(whole.slice(0, 40))
  })

  it('reset-after-bytes=N beyond a short body: all of it, then a reset instead of its end', async () => {
    const response = await t.get(`/threads/${threadId}`, { [FAULT]: 'reset-after-bytes=100000' })
    const { bytes, error } = await drain(response)
    expect(error).toMatchObject(BODY_CUT)
    expect(JSON.parse(new TextDecoder().decode(bytes))).toMatchObject({ id: threadId })
  })

  it('reset-after-bytes=N on a stream: the events in those bytes, then a reset; the run goes on', async () => {
    const response = await t.post(
      `/threads/${threadId}/runs`,
      { assistant_id: 'asst_text', stream: true },
      { [FAULT]: 'reset-after-bytes=1500' },
    )
    expect(response.status).toBe(200)
    const { bytes, error } = await drain(response)
    expect(error).toMatchObject(BODY_CUT)
    expect(bytes.length).toBe(1500)
    const text = new TextDecoder().decode(bytes)
    // Whole events up to the last blank line; the rest is an event cut in its middle.
    const events = parseSse(text.slice(0, text.lastIndexOf('\n\n') + 2))
    expect(events[0]?.event).toBe('thread.run.created')
    expect(events.some((e) => e.event === 'done')).toBe(false)
    const runId = (events[0]!.data as Run).id
    await eventually(
      () => t.json<Run>(t.get(`/threads/${threadId}/runs/${runId}`)),
      (r) => r.status === 'completed',
    )
  })

  it('reset-after-bytes=0: the headers, then at once the reset', async () => {
    const response = await t.get(`/threads/${threadId}`, { [FAULT]: 'reset-after-bytes=0' })
    expect(response.status).toBe(200)
    const { bytes, error } = await drain(response)
    expect(error).toMatchObject(BODY_CUT)
    expect(bytes.length).toBe(0)
  })

  it('times=1: the first attempt is reset, the next one passes; the server is fine after', async () => {
    const header = { [FAULT]: 'reset=before-handling;times=1' }
    await expect(t.get(`/threads/${threadId}`, header)).rejects.toMatchObject(NETWORK_ERROR)
    expect((await t.get(`/threads/${threadId}`, header)).status).toBe(200)
    expect((await t.get('/assistants')).status).toBe(200)
  })
})

describe('reset faults for the whole simulator', () => {
  it('a global rule picks its requests by method and path', async () => {
    const server = await startSimulatorServer({
      sleep: nextTurn,
      faults: [{ method: 'POST', path: '/threads', reset: 'after-handling', times: 1 }],
    })
    try {
      expect((await fetch(`${server.url}/assistants`)).status).toBe(200)
      await expect(fetch(`${server.url}/threads`, { method: 'POST' })).rejects.toMatchObject(NETWORK_ERROR)
      const thread = (await (await fetch(`${server.url}/threads`, { method: 'POST' })).json()) as {
        id: string
      }
      // The reset thread was created: this one is the second.
      const fresh = createSimulator({ sleep: nextTurn })
      await fresh.fetch('/v1/threads', { method: 'POST' })
      const second = (await (await fresh.fetch('/v1/threads', { method: 'POST' })).json()) as { id: string }
      expect(thread.id).toBe(second.id)
    } finally {
      await server.close()
    }
  })

  it('handle() rejects with the TypeError in process; the Node server resets the socket instead', async () => {
    const simulator = createSimulator({ sleep: nextTurn, faults: [{ reset: 'before-handling' }] })
    const error = await simulator.handle(new Request('http://x/v1/assistants')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect(error).toMatchObject(NETWORK_ERROR)
  })
})

describe('reset fault grammar', () => {
  it('reads reset and reset-after-bytes', () => {
    expect(parseFaultHeader('reset=before-handling')).toEqual({ reset: 'before-handling' })
    expect(parseFaultHeader('reset = after-handling; times=1')).toEqual({ reset: 'after-handling', times: 1 })
    expect(parseFaultHeader('reset-after-bytes=120')).toEqual({ resetAfterBytes: 120 })
  })

  it.each([
    ['reset=before-headers', "'reset' must be before-handling or after-handling, got 'before-headers'"],
    ['reset', "'reset' must be before-handling or after-handling, got ''"],
    ['reset-after-bytes=1.5', "'reset-after-bytes' needs a whole number of bytes, got '1.5'"],
    ['reset-after-bytes=-1', "'reset-after-bytes' needs a number >= 0, got '-1'"],
    ['method=POST', "unknown key 'method'"],
  ])('rejects %s in a header', (header, message) => {
    expect(() => parseFaultHeader(header)).toThrow(message)
  })

  it('a global rule may name its method and path', () => {
    expect(parseFaultRule('method=post;path=/threads/runs;reset=after-handling;times=1')).toEqual({
      method: 'POST',
      path: '/threads/runs',
      reset: 'after-handling',
      times: 1,
    })
    expect(() => parseFaultRule('path=threads')).toThrow("'path' must start with '/', got 'threads'")
  })

  it('a malformed header is a 400 that says what is wrong', async () => {
    const simulator = createSimulator({ sleep: nextTurn })
    const response = await simulator.fetch('/v1/assistants', { headers: { [FAULT]: 'reset=sometimes' } })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: {
        message:
          "Invalid x-runlens-fault header: 'reset' must be before-handling or after-handling, got 'sometimes'.",
        type: 'invalid_request_error',
        param: 'x-runlens-fault',
        code: null,
      },
    })
  })
})
