// The README's hooks example is the app a newcomer copies first. It is type-checked with the other
// snippets (test/node/readme-examples.test.ts); here it also runs: the block is written out as a
// module, rendered as is, and clicked through against the simulator's HTTP server (what
// `runlens-sim` serves), with no request but the client's. Its `baseURL: '/v1'` is same-origin in
// a page; jsdom has no origin, so fetch resolves the path against the server's.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { type SimulatorServer, startSimulatorServer } from '@runlens/simulator/node'
import { render, screen, waitFor } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import type { ComponentType } from 'react'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'

// (jsdom's URL cannot make a file path of import.meta.url.)
const root = `${resolve(import.meta.dirname, '../..')}/`

/** The first tsx block after the README heading `## The hooks`. */
function hooksExample(): string {
  const readme = readFileSync(`${root}README.md`, 'utf8')
  const section = readme.slice(readme.indexOf('\n## The hooks'))
  const block = /^```tsx\n([\s\S]*?)^```/m.exec(section)
  if (!block?.[1]) throw new Error('README.md: no tsx block under "## The hooks"')
  return block[1]
}

let server: SimulatorServer
const requests: string[] = []

beforeAll(async () => {
  server = await startSimulatorServer({ tokenDelayMs: 0 })
  const origin = new URL(server.url).origin
  const platformFetch = globalThis.fetch
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
    const url = new URL(input, origin)
    requests.push(`${init?.method ?? 'GET'} ${url.pathname}`)
    return platformFetch(url, init)
  })
})

afterAll(async () => {
  vi.unstubAllGlobals()
  await server?.close()
})

test("the README's hooks example runs against the simulator: a new conversation, a run, its tool call answered, the answer", {
  timeout: 15_000,
}, async () => {
  // Written under .tmp/ (ignored by git) by each DOM project in turn: one file per project, renamed
  // into place so that an import never sees half a file.
  const dir = `${root}.tmp/readme/${process.env.VITEST_POOL_ID ?? '0'}-${Date.now()}`
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${dir}/App.partial`, hooksExample())
  renameSync(`${dir}/App.partial`, `${dir}/App.tsx`)
  const { App } = (await import(/* @vite-ignore */ `${dir}/App.tsx`)) as { App: ComponentType }
  rmSync(dir, { recursive: true })

  const user = userEvent.setup()
  render(<App />)
  await user.click(screen.getByRole('button', { name: 'New conversation' }))
  await user.click(await screen.findByRole('button', { name: 'Ask' }))

  // The simulator's asst_function_call asks for get_current_weather; the example's tool handler
  // answers it, and the run completes with an answer made of that output.
  await waitFor(() => expect(screen.getByText(/The weather in Paris: .*"celsius":22/)).toBeTruthy(), {
    timeout: 10_000,
  })
  await waitFor(() => expect(document.querySelector('[data-state="completed"]')).not.toBeNull())
  expect(requests).toEqual([
    'POST /v1/threads',
    expect.stringMatching(/^POST \/v1\/threads\/thread_\w+\/runs$/),
    expect.stringMatching(/^POST \/v1\/threads\/thread_\w+\/runs\/run_\w+\/submit_tool_outputs$/),
  ])
})
