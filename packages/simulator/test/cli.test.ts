import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Run, RunStep } from '@runlens/client'
import { afterEach, describe, expect, it } from 'vitest'
import { parseSse } from './helpers/sse.js'

const WORKSPACE = fileURLToPath(new URL('../../../', import.meta.url))
const BIN = fileURLToPath(new URL('./helpers/runlens-sim.ts', import.meta.url))

/** Real time passes in the child: poll a little apart, never asserting how long anything took. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 25))

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await read()
    if (done(value)) return value
    await pause()
  }
  throw new Error('the child process never got there')
}

const children: ChildProcess[] = []
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
  }
})

/** Spawns runlens-sim and resolves with the base URL it prints once it listens. */
function startCli(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, '--port', '0', ...args], {
    cwd: WORKSPACE,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1]
      if (url) resolve({ url, child })
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk
    })
    child.once('exit', (code) => reject(new Error(`runlens-sim exited (${code}) before listening: ${err}`)))
  })
}

/** Runs runlens-sim to its end: the exit code and what it wrote to stderr. */
function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, ...args], {
    cwd: WORKSPACE,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  children.push(child)
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk
  })
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })))
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe('runlens-sim in a child process', () => {
  // Each test starts a process and waits on real time: a longer limit than vitest's 5 s.
  it('--expires-after-ms: a run waiting for tool outputs expires on the real clock', {
    timeout: 20_000,
  }, async () => {
    const { url, child } = await startCli(['--token-delay-ms', '0', '--expires-after-ms', '1000'])
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
    const thread = (await (await post(`${url}/threads`, {})).json()) as { id: string }
    const created = (await (
      await post(`${url}/threads/${thread.id}/runs`, { assistant_id: 'asst_function_call' })
    ).json()) as Run
    // A second after creation, in whole seconds rounded up: not the scenario's 600 s.
    expect(created.expires_at! - created.created_at).toBeLessThanOrEqual(2)
    const read = async () =>
      (await (await fetch(`${url}/threads/${thread.id}/runs/${created.id}`)).json()) as Run
    const seen = new Set<string>()
    const expired = await until(read, (run) => {
      seen.add(run.status)
      return run.status === 'expired'
    })
    expect(seen).toContain('requires_action')
    expect(expired.required_action).toBeNull()
    const steps = (await (await fetch(`${url}/threads/${thread.id}/runs/${created.id}/steps`)).json()) as {
      data: RunStep[]
    }
    expect(steps.data[0]?.status).toBe('expired')
    // SIGTERM closes the server and exits cleanly.
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  })

  it('--fault resets a chosen request; --error-event-shape bare sends the spec shape', {
    timeout: 20_000,
  }, async () => {
    const { url } = await startCli([
      '--token-delay-ms',
      '0',
      '--error-event-shape',
      'bare',
      '--fault',
      'method=POST;path=/threads;reset=after-handling;times=1',
    ])
    await expect(post(`${url}/threads`, {})).rejects.toMatchObject({
      name: 'TypeError',
      cause: { code: 'ECONNRESET' },
    })
    const thread = (await (await post(`${url}/threads`, {})).json()) as { id: string }
    const response = await post(`${url}/threads/${thread.id}/runs`, {
      assistant_id: 'asst_stream_error',
      stream: true,
    })
    const last = parseSse(await response.text()).at(-1)
    expect(last?.event).toBe('error')
    expect(last?.data).toMatchObject({ message: expect.any(String), type: 'server_error' })
    expect(last?.data).not.toHaveProperty('error')
  })

  it('serves the Responses API: a background response polled to its end, its stream resumed, a --fault on /responses', {
    timeout: 20_000,
  }, async () => {
    const { url } = await startCli([
      '--token-delay-ms',
      '1',
      '--fault',
      'method=POST;path=/responses;status=503;times=1',
    ])
    const body = { model: 'sim-reasoning', input: 'Hi', background: true }
    expect((await post(`${url}/responses`, body)).status).toBe(503)
    const queued = (await (await post(`${url}/responses`, body)).json()) as { id: string; status: string }
    expect(queued.status).toBe('queued')
    const read = async () =>
      (await (await fetch(`${url}/responses/${queued.id}`)).json()) as { status: string; output: unknown[] }
    const done = await until(read, (response) => response.status === 'completed')
    expect(done.output).toHaveLength(2)
    const resumed = parseSse(
      await (await fetch(`${url}/responses/${queued.id}?stream=true&starting_after=2`)).text(),
    )
    expect((resumed[0]!.data as { sequence_number: number }).sequence_number).toBe(3)
    expect(resumed.at(-1)?.event).toBe('response.completed')
    const models = (await (await fetch(`${url}/models`)).json()) as { data: Array<{ id: string }> }
    expect(models.data.map((model) => model.id)).toContain('sim-reasoning')
  })

  it('a bad option: its message on stderr and exit code 1', { timeout: 20_000 }, async () => {
    const { code, stderr } = await runCli(['--fault', 'reset=soon'])
    expect(code).toBe(1)
    expect(stderr.trim()).toBe(
      "--fault 'reset=soon': 'reset' must be before-handling or after-handling, got 'soon'.",
    )
  })
})
