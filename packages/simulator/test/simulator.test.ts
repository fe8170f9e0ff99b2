import { readdirSync, readFileSync } from 'node:fs'
import type { ListResponse, Message, Run } from '@runlens/client'
import { describe, expect, it } from 'vitest'
import { fixture } from '../../../test/fixtures/fixture.js'
import { createSimulator, type Scenario, splitTokens } from '../src/index.js'
import { createTarget, eventually, nextTurn } from './helpers/harness.js'
import { parseSse, readSse } from './helpers/sse.js'

describe('tokens', () => {
  it('splits text into the same deltas as the recorded stream', () => {
    const events = parseSse(fixture('text-run.sse'))
    const deltas = events
      .filter((e) => e.event === 'thread.message.delta')
      .map(
        (e) => (e.data as { delta: { content: [{ text: { value: string } }] } }).delta.content[0].text.value,
      )
    expect(splitTokens(deltas.join(''))).toEqual(deltas)
  })
})

describe('registerScenario', () => {
  const scenario: Scenario = {
    name: 'order_lookup',
    description: 'Looks an order up, waits, then answers with what the tool said.',
    instructions: 'Be brief.',
    steps: [
      { type: 'message', text: (context) => `You said: ${context.lastUserMessage}` },
      { type: 'tool_calls', calls: [{ name: 'lookup', arguments: '{"id":7}' }] },
      { type: 'wait', ms: 1500 },
      { type: 'message', text: (context) => `Found: ${context.toolOutputs[0]?.output}` },
    ],
  }

  it('serves a registered script through its own assistant, in the same wire format', async () => {
    const t = await createTarget('in-process')
    const assistant = t.simulator.registerScenario(scenario)
    expect(assistant).toMatchObject({
      id: 'asst_order_lookup',
      name: 'order_lookup',
      instructions: 'Be brief.',
      tools: [{ type: 'function', function: { name: 'lookup' } }],
    })
    const thread = await t.json<{ id: string }>(
      t.post('/threads', { messages: [{ role: 'user', content: 'where is it?' }] }),
    )
    const first = await readSse(
      await t.post(`/threads/${thread.id}/runs`, { assistant_id: assistant.id, stream: true }),
    )
    const run = first.at(-2)?.data as Run
    expect(run).toMatchObject({ status: 'requires_action', instructions: 'Be brief.' })
    const callId = run.required_action?.submit_tool_outputs.tool_calls[0]?.id
    const second = await readSse(
      await t.post(`/threads/${thread.id}/runs/${run.id}/submit_tool_outputs`, {
        tool_outputs: [{ tool_call_id: callId, output: 'shipped' }],
        stream: true,
      }),
    )
    expect(t.sleeps).toContain(1500)
    expect((second.at(-2)!.data as Run).status).toBe('completed')
    const messages = await t.json<ListResponse<Message>>(
      t.get(`/threads/${thread.id}/messages?run_id=${run.id}&order=asc`),
    )
    expect(messages.data.map((m) => (m.content[0]?.type === 'text' ? m.content[0].text.value : ''))).toEqual([
      'You said: where is it?',
      'Found: shipped',
    ])
    // reset() keeps registered scenarios.
    t.simulator.reset()
    expect((await t.get('/assistants/asst_order_lookup')).status).toBe(200)
    expect((await t.get(`/threads/${thread.id}`)).status).toBe(404)
  })

  it('an assistant created over the API picks its scenario from metadata.scenario', async () => {
    const sim = createSimulator({ sleep: nextTurn })
    const created = (await (
      await sim.fetch('http://x/v1/assistants', {
        method: 'POST',
        body: JSON.stringify({ model: 'gpt-4o', name: 'Mine', metadata: { scenario: 'rate_limit' } }),
      })
    ).json()) as { id: string }
    const response = await sim.fetch('http://x/v1/threads/runs', {
      method: 'POST',
      body: JSON.stringify({ assistant_id: created.id, stream: true }),
    })
    const events = await readSse(response)
    expect((events.at(-2)!.data as Run).last_error?.code).toBe('rate_limit_exceeded')
  })

  it('rejects a bad scenario name', () => {
    const sim = createSimulator()
    expect(() => sim.registerScenario({ name: 'no spaces', steps: [] })).toThrow(TypeError)
  })

  it('rejects a bad expiresAfterMs or errorEventShape with a TypeError that names it', () => {
    expect(() => createSimulator({ expiresAfterMs: -1 })).toThrow(
      new TypeError('expiresAfterMs must be a number of ms >= 0, got -1.'),
    )
    expect(() => createSimulator({ errorEventShape: 'flat' as 'bare' })).toThrow(
      new TypeError("errorEventShape must be 'wrapped' or 'bare', got 'flat'."),
    )
  })

  it('a scenario whose text function throws fails the run, not the simulator', async () => {
    const sim = createSimulator({ sleep: nextTurn })
    sim.registerScenario({
      name: 'broken',
      steps: [
        {
          type: 'message',
          text: () => {
            throw new Error('boom')
          },
        },
      ],
    })
    const events = await readSse(
      await sim.fetch('http://x/v1/threads/runs', {
        method: 'POST',
        body: '{"assistant_id":"asst_broken","stream":true}',
      }),
    )
    expect(events.at(-2)?.data).toMatchObject({
      status: 'failed',
      last_error: { code: 'server_error', message: 'boom' },
    })
  })
})

describe('determinism and reset', () => {
  const transcript = async (seed: number) => {
    const sim = createSimulator({ seed, now: () => 1_700_000_000_000, sleep: nextTurn })
    const response = await sim.fetch('http://x/v1/threads/runs', {
      method: 'POST',
      body: JSON.stringify({ assistant_id: 'asst_function_call', stream: true, thread: {} }),
    })
    return response.text()
  }

  it('the same seed and clock give the same bytes; another seed other ids', async () => {
    const a = await transcript(1)
    expect(await transcript(1)).toBe(a)
    expect(await transcript(2)).not.toBe(a)
  })

  it('reset() drops runs in flight: they stop and nothing leaks into the new state', async () => {
    const sim = createSimulator({ sleep: nextTurn, tokenDelayMs: 1 })
    const created = (await (
      await sim.fetch('http://x/v1/threads/runs', {
        method: 'POST',
        body: '{"assistant_id":"asst_slow_stream"}',
      })
    ).json()) as Run
    await nextTurn()
    sim.reset()
    for (let i = 0; i < 5; i++) await nextTurn()
    expect((await sim.fetch(`http://x/v1/threads/${created.thread_id}/runs/${created.id}`)).status).toBe(404)
    const again = (await (await sim.fetch('http://x/v1/threads', { method: 'POST', body: '{}' })).json()) as {
      id: string
    }
    expect(again.id).toBe(created.thread_id)
  })
})

describe('as a fetch', () => {
  it('rejects with the abort reason when the signal is already aborted, like fetch', async () => {
    const sim = createSimulator()
    const controller = new AbortController()
    controller.abort()
    await expect(sim.fetch('http://x/v1/assistants', { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    })
  })

  it('errors a streaming body with AbortError when the signal aborts mid-stream', async () => {
    const sim = createSimulator({ sleep: nextTurn, tokenDelayMs: 1 })
    const controller = new AbortController()
    const response = await sim.fetch('http://x/v1/threads/runs', {
      method: 'POST',
      body: '{"assistant_id":"asst_slow_stream","stream":true}',
      signal: controller.signal,
    })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    controller.abort()
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('takes a path alone, and any origin', async () => {
    const sim = createSimulator()
    expect((await sim.fetch('/v1/assistants')).status).toBe(200)
    expect((await sim.fetch(new URL('https://api.openai.com/v1/assistants'))).status).toBe(200)
    expect((await sim.handle(new Request('http://localhost:1/v1/assistants/asst_text'))).status).toBe(200)
  })

  it('requireBetaHeader: a request without OpenAI-Beta: assistants=v2 gets a 400', async () => {
    const sim = createSimulator({ requireBetaHeader: true })
    const without = await sim.fetch('/v1/assistants')
    expect(without.status).toBe(400)
    expect(((await without.json()) as { error: { message: string } }).error.message).toMatch(
      /'OpenAI-Beta: assistants=v2'/,
    )
    expect((await sim.fetch('/v1/assistants', { headers: { 'OpenAI-Beta': 'assistants=v2' } })).status).toBe(
      200,
    )
  })

  it('a custom basePath', async () => {
    const sim = createSimulator({ basePath: '/api/openai/v1/' })
    expect((await sim.fetch('/api/openai/v1/assistants')).status).toBe(200)
    expect((await sim.fetch('/v1/assistants')).status).toBe(404)
  })

  it('polling sees queued, then in_progress, then completed', async () => {
    const sim = createSimulator({ sleep: nextTurn, tokenDelayMs: 1 })
    const run = (await (
      await sim.fetch('http://x/v1/threads/runs', { method: 'POST', body: '{"assistant_id":"asst_text"}' })
    ).json()) as Run
    const seen: string[] = [run.status]
    await eventually(
      async () =>
        (await (await sim.fetch(`http://x/v1/threads/${run.thread_id}/runs/${run.id}`)).json()) as Run,
      (current) => {
        if (seen.at(-1) !== current.status) seen.push(current.status)
        return current.status === 'completed'
      },
    )
    expect(seen).toEqual(['queued', 'in_progress', 'completed'])
  })
})

describe('the browser entry', () => {
  it('reaches no node: module from src/index.ts', () => {
    const src = new URL('../src/', import.meta.url)
    const seen = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const text = readFileSync(new URL(file, src), 'utf8')
      expect(text, file).not.toMatch(/from ['"]node:/)
      for (const [, target] of text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
        visit(new URL(`${target}.ts`, new URL(file, src)).href.slice(src.href.length))
      }
    }
    visit('index.ts')
    expect(seen.size).toBeGreaterThan(10)
    expect(seen.has('node.ts')).toBe(false)
    expect(readdirSync(src)).toContain('node.ts')
  })
})
