import type { ListResponse, Message, Run, RunStep } from '@runlens/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTarget, eventually, TARGETS, type Target } from './helpers/harness.js'

describe.each(TARGETS)('cursor lists (%s)', (name) => {
  let t: Target
  let threadId: string
  /** In creation order. */
  const runs: Run[] = []

  beforeAll(async () => {
    t = await createTarget(name)
    threadId = (await t.json<{ id: string }>(t.post('/threads', {}))).id
    for (let i = 0; i < 5; i++) {
      await t.post(`/threads/${threadId}/messages`, { role: 'user', content: `question ${i}` })
      const created = await t.json<Run>(
        t.post(`/threads/${threadId}/runs`, { assistant_id: 'asst_code_interpreter' }),
      )
      runs.push(
        await eventually(
          () => t.json<Run>(t.get(`/threads/${threadId}/runs/${created.id}`)),
          (run) => run.status === 'completed',
        ),
      )
    }
  })
  afterAll(() => t.close())

  const list = <T>(path: string) => t.json<ListResponse<T>>(t.get(path))
  const ids = (page: ListResponse<{ id: string }>) => page.data.map((item) => item.id)
  const all = () => runs.map((run) => run.id)

  it('runs: newest first by default, pages with after, has_more and first/last ids', async () => {
    const first = await list<Run>(`/threads/${threadId}/runs?limit=2`)
    expect(ids(first)).toEqual(all().reverse().slice(0, 2))
    expect(first).toMatchObject({
      object: 'list',
      has_more: true,
      first_id: first.data[0]?.id,
      last_id: first.data[1]?.id,
    })
    const second = await list<Run>(`/threads/${threadId}/runs?limit=2&after=${first.last_id}`)
    expect(ids(second)).toEqual(all().reverse().slice(2, 4))
    const third = await list<Run>(`/threads/${threadId}/runs?limit=2&after=${second.last_id}`)
    expect(ids(third)).toEqual(all().reverse().slice(4))
    expect(third.has_more).toBe(false)
  })

  it('runs: order=asc, before pages back towards the start, an empty page has null ids', async () => {
    const asc = await list<Run>(`/threads/${threadId}/runs?order=asc`)
    expect(ids(asc)).toEqual(all())
    const before = await list<Run>(`/threads/${threadId}/runs?order=asc&limit=2&before=${runs[4]?.id}`)
    expect(ids(before)).toEqual(all().slice(2, 4))
    expect(before.has_more).toBe(true)
    const start = await list<Run>(`/threads/${threadId}/runs?order=asc&limit=2&before=${runs[2]?.id}`)
    expect(ids(start)).toEqual(all().slice(0, 2))
    expect(start.has_more).toBe(false)
    const empty = await list<Run>(`/threads/${threadId}/runs?after=${runs[0]?.id}`)
    expect(empty).toEqual({ object: 'list', data: [], first_id: null, last_id: null, has_more: false })
  })

  it("messages: run_id keeps one run's messages; the user messages have none", async () => {
    const every = await list<Message>(`/threads/${threadId}/messages?limit=100&order=asc`)
    expect(every.data.map((m) => m.role)).toEqual(
      Array.from({ length: 5 }, () => ['user', 'assistant']).flat(),
    )
    const one = await list<Message>(`/threads/${threadId}/messages?run_id=${runs[3]?.id}`)
    expect(one.data.map((m) => [m.role, m.run_id])).toEqual([['assistant', runs[3]?.id]])
  })

  it("steps: a run's steps, newest first, with after and limit", async () => {
    const steps = await list<RunStep>(`/threads/${threadId}/runs/${runs[0]?.id}/steps`)
    expect(steps.data.map((s) => s.type)).toEqual(['message_creation', 'tool_calls'])
    const page = await list<RunStep>(
      `/threads/${threadId}/runs/${runs[0]?.id}/steps?limit=1&after=${steps.first_id}`,
    )
    expect(ids(page)).toEqual([steps.last_id])
  })

  it('assistants: every scenario, paged', async () => {
    const first = await list<{ id: string }>('/assistants?limit=5&order=asc')
    expect(first.has_more).toBe(true)
    const rest = await list<{ id: string }>(`/assistants?limit=100&order=asc&after=${first.last_id}`)
    expect([...ids(first), ...ids(rest)]).toEqual(
      t.simulator.scenarioNames().map((n) => t.simulator.assistantId(n)),
    )
  })
})
