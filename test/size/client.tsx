// (a) The baseline app plus a run UI on @runlens/client alone: it creates a run, streams one
// through applyRunEvent, polls, lists, cancels, submits tool outputs and lists a run's steps.
import {
  applyRunEvent,
  createRunsClient,
  emptyRunSnapshot,
  type Run,
  type RunSnapshot,
} from '@runlens/client'
import { useState } from 'react'
import { mountApp } from './app.js'

const client = createRunsClient({ baseURL: '/v1' })
const threadId = 'thread_abc'
const body = { assistant_id: 'asst_abc' }

function RunPanel() {
  const [snapshot, setSnapshot] = useState<RunSnapshot>(emptyRunSnapshot)
  const [runs, setRuns] = useState<Run[]>([])
  const [stepCount, setStepCount] = useState(0)
  const run = snapshot.run

  async function stream() {
    let next = emptyRunSnapshot
    for await (const event of client.runs.stream(threadId, body)) {
      next = applyRunEvent(next, event)
      setSnapshot(next)
    }
  }
  async function createAndPoll() {
    const created = await client.runs.create(threadId, body)
    setSnapshot({ ...emptyRunSnapshot, run: await client.runs.poll(threadId, created.id) })
  }
  async function answer(current: Run) {
    const calls = current.required_action?.submit_tool_outputs.tool_calls ?? []
    const outputs = calls.map((call) => ({ tool_call_id: call.id, output: '{}' }))
    await client.runs.submitToolOutputs(threadId, current.id, { tool_outputs: outputs })
  }
  async function countSteps(current: Run) {
    let count = 0
    for await (const _step of client.runs.steps.list(threadId, current.id)) count += 1
    setStepCount(count)
  }

  return (
    <section>
      <button type="button" onClick={stream}>
        Stream
      </button>
      <button type="button" onClick={createAndPoll}>
        Create
      </button>
      <button type="button" onClick={async () => setRuns((await client.runs.list(threadId)).data)}>
        List
      </button>
      {run && (
        <>
          <p>
            {run.status}, {stepCount} steps, {snapshot.messages.length} messages
          </p>
          <button type="button" onClick={() => client.runs.cancel(threadId, run.id)}>
            Cancel
          </button>
          <button type="button" onClick={() => answer(run)}>
            Answer
          </button>
          <button type="button" onClick={() => countSteps(run)}>
            Steps
          </button>
        </>
      )}
      <ul>
        {runs.map((listed) => (
          <li key={listed.id}>{listed.status}</li>
        ))}
      </ul>
    </section>
  )
}

mountApp(<RunPanel />)
