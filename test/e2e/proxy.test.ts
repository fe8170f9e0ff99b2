import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startSimulatorServer } from '@runlens/simulator/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, type Demo, launchChromium, screenshot, startDemo, watchErrors } from './harness.js'

// Proxy mode: the page talks to same-origin /v1, the dev server forwards to OPENAI_BASE_URL and adds
// the key. An upstream stand-in records what it receives.
const key = 'sk-test-proxy-7d1e0c2b9a84'

describe('the demo in proxy mode', () => {
  const seen: { method: string | undefined; url: string | undefined; headers: IncomingHttpHeaders }[] = []
  const upstream = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, headers: req.headers })
    if (req.url?.startsWith('/api/v1/threads/thread_1/runs') && req.headers.accept === 'text/event-stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write('event: thread.run.created\ndata: {"id":"run_1","object":"thread.run"}\n\n')
      setTimeout(() => res.end('event: done\ndata: [DONE]\n\n'), 20)
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ object: 'list', data: [], first_id: null, last_id: null, has_more: false }))
  })
  let demo: Demo

  beforeAll(async () => {
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
    const { port } = upstream.address() as AddressInfo
    demo = await startDemo({ baseURL: `http://127.0.0.1:${port}/api/v1/`, apiKey: key })
  })
  afterAll(async () => {
    await demo?.close()
    await new Promise((resolve) => upstream.close(resolve))
  })

  it('forwards /v1 to OPENAI_BASE_URL with the key added server-side', async () => {
    const res = await fetch(`${demo.url}/v1/assistants?limit=100`, {
      headers: {
        authorization: 'Bearer sk-from-the-browser',
        cookie: 'session=1',
        'openai-beta': 'assistants=v2',
      },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ object: 'list' })
    const last = seen.at(-1)
    expect(last?.url).toBe('/api/v1/assistants?limit=100')
    expect(last?.headers.authorization).toBe(`Bearer ${key}`)
    expect(last?.headers.cookie).toBeUndefined()
    expect(last?.headers['openai-beta']).toBe('assistants=v2')
  })

  it('streams server-sent events through', async () => {
    const res = await fetch(`${demo.url}/v1/threads/thread_1/runs`, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ assistant_id: 'asst_1', stream: true }),
    })
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const text = await res.text()
    expect(text).toContain('event: thread.run.created')
    expect(text).toContain('data: [DONE]')
  })

  it('serves the page without the key', async () => {
    const html = await (await fetch(`${demo.url}/`)).text()
    const main = await (await fetch(`${demo.url}/src/main.tsx`)).text()
    expect(html).not.toContain(key)
    expect(main).not.toContain(key)
  })
})

// The whole app in proxy mode, in Chromium, against the simulator served over HTTP as if it were a
// real server that wants a key: every request must carry the key the dev server adds.
describe('the demo in proxy mode, in Chromium', () => {
  const serverKey = 'sk-test-upstream-51c0e2'
  let upstream: Awaited<ReturnType<typeof startSimulatorServer>>
  let demo: Demo
  let browser: Browser

  beforeAll(async () => {
    upstream = await startSimulatorServer({ port: 0, apiKey: serverKey, tokenDelayMs: 5 })
    ;[demo, browser] = await Promise.all([
      startDemo({ baseURL: upstream.url, apiKey: serverKey }),
      launchChromium(),
    ])
  })
  afterAll(async () => {
    await browser?.close()
    await demo?.close()
    await upstream?.close()
  })

  it('streams a run through the proxy, with the key added server-side', async () => {
    const page = await browser.newPage()
    const errors = watchErrors(page)
    const sentAuthorization: string[] = []
    page.on('request', (request) => {
      const header = request.headers().authorization
      if (header) sentAuthorization.push(header)
    })
    await page.goto(`${demo.url}/?theme=light&assistant=text`)
    await expect.poll(() => page.locator('.app-backend').textContent()).toBe('Real server via proxy')
    // The fault option is the simulator's; a real server would ignore it, so it is not offered.
    expect(await page.getByLabel(/Drop the stream/).count()).toBe(0)
    const start = page.getByRole('button', { name: 'Start run' })
    await expect.poll(() => start.isEnabled()).toBe(true)
    await start.click()
    const monitor = page.locator('section.rl-monitor')
    await expect.poll(() => monitor.getAttribute('data-state'), { timeout: 20_000 }).toBe('completed')
    await expect.poll(() => monitor.textContent()).toContain("Hello! I'm a simulated assistant")
    await screenshot(page, '13-proxy-mode')
    // The page never sent a key; the upstream accepted every request, so the proxy sent one.
    expect(sentAuthorization).toEqual([])
    expect(errors).toEqual([])
  })
})
