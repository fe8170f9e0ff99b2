/** findCreatedRun against the simulator's in-process handler: which run a lost create made. */
import { createSimulator } from '@runlens/simulator'
import { describe, expect, it } from 'vitest'
import { CREATED_RUN_CLOCK_SKEW_MS, createRunsClient, findCreatedRun } from '../src/index.js'

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

async function setup() {
  const simulator = createSimulator({ sleep: nextTurn })
  const client = createRunsClient({ baseURL: 'http://simulator.test/v1', fetch: simulator.fetch })
  const thread = await client.threads.create({ messages: [{ role: 'user', content: 'Hi' }] })
  return { simulator, client, threadId: thread.id }
}

describe('findCreatedRun', () => {
  it('finds the run created since the call began, for the same assistant', async () => {
    const { simulator, client, threadId } = await setup()
    const assistantId = simulator.assistantId('text')
    const since = Date.now()
    const made = await client.runs.createAndPoll(threadId, { assistant_id: assistantId })
    const found = await findCreatedRun(client.runs, threadId, { since, assistantId })
    expect(found?.id).toBe(made.id)
  })

  it('null when the thread has no run, or only older ones, or only another assistant’s', async () => {
    const { simulator, client, threadId } = await setup()
    const assistantId = simulator.assistantId('text')
    expect(await findCreatedRun(client.runs, threadId, { since: Date.now(), assistantId })).toBeNull()

    await client.runs.createAndPoll(threadId, { assistant_id: assistantId })
    const later = Date.now() + CREATED_RUN_CLOCK_SKEW_MS + 2_000
    expect(await findCreatedRun(client.runs, threadId, { since: later, assistantId })).toBeNull()

    const other = simulator.assistantId('function_call')
    expect(await findCreatedRun(client.runs, threadId, { since: Date.now(), assistantId: other })).toBeNull()
  })

  it('stops at a run the caller knew before the call: one made just before is not taken for it', async () => {
    const { simulator, client, threadId } = await setup()
    const assistantId = simulator.assistantId('text')
    const since = Date.now()
    const before = await client.runs.createAndPoll(threadId, { assistant_id: assistantId })
    // Within the clock skew, the earlier run passes for the call's unless it is known.
    expect((await findCreatedRun(client.runs, threadId, { since, assistantId }))?.id).toBe(before.id)
    const knownRunIds = new Set([before.id])
    expect(await findCreatedRun(client.runs, threadId, { since, assistantId, knownRunIds })).toBeNull()
    const made = await client.runs.createAndPoll(threadId, { assistant_id: assistantId })
    expect((await findCreatedRun(client.runs, threadId, { since, assistantId, knownRunIds }))?.id).toBe(
      made.id,
    )
  })
})
