import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Run } from '@runlens/client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { main, parseArgs } from '../src/cli.js'
import { createSimulator } from '../src/index.js'
import { simulatorMiddleware, startSimulatorServer } from '../src/node.js'
import { eventually, nextTurn } from './helpers/harness.js'
import { sseReader } from './helpers/sse.js'

describe('startSimulatorServer', () => {
  const closers: Array<() => Promise<void>> = []
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()))
  })

  it('listens on 127.0.0.1 with a free port and returns the /v1 base URL', async () => {
    const server = await startSimulatorServer({ port: 0, sleep: nextTurn })
    closers.push(server.close)
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/v1`)
    const response = await fetch(`${server.url}/assistants/asst_text`)
    expect(response.status).toBe(200)
  })

  it('stops writing a stream when the client disconnects, and the run goes on', async () => {
    const server = await startSimulatorServer({ port: 0, sleep: nextTurn, tokenDelayMs: 1 })
    closers.push(server.close)
    const thread = (await (await fetch(`${server.url}/threads`, { method: 'POST' })).json()) as { id: string }
    const controller = new AbortController()
    const response = await fetch(`${server.url}/threads/${thread.id}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assistant_id: 'asst_text', stream: true }),
      signal: controller.signal,
    })
    const reader = sseReader(response)
    const first = await reader.until('thread.message.delta')
    controller.abort()
    await expect(reader.rest()).rejects.toThrow()
    const runId = (first[0]!.data as Run).id
    const run = await eventually(
      async () => (await (await fetch(`${server.url}/threads/${thread.id}/runs/${runId}`)).json()) as Run,
      (r) => r.status === 'completed',
      5000,
    )
    expect(run.status).toBe('completed')
  })

  it('close() ends stalled streams too', async () => {
    const server = await startSimulatorServer({ port: 0, sleep: nextTurn })
    const thread = (await (await fetch(`${server.url}/threads`, { method: 'POST' })).json()) as { id: string }
    const response = await fetch(`${server.url}/threads/${thread.id}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-runlens-fault': 'stall-after=1' },
      body: JSON.stringify({ assistant_id: 'asst_text', stream: true }),
    })
    const reader = sseReader(response)
    await reader.next()
    const rest = reader.rest().catch(() => 'cut' as const)
    await server.close()
    // The stall sent nothing more: the stream ends (cleanly or cut) with no further event.
    const after = await rest
    expect(after === 'cut' || after.length === 0).toBe(true)
  })
})

describe('simulatorMiddleware', () => {
  it('serves the base path and passes everything else to next()', async () => {
    const simulator = createSimulator({ sleep: nextTurn })
    const middleware = simulatorMiddleware(simulator)
    const server = createServer((req, res) => {
      middleware(req, res, () => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.end('next')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    try {
      const api = await fetch(`http://127.0.0.1:${port}/v1/assistants?limit=1`)
      expect(api.status).toBe(200)
      expect(((await api.json()) as { object: string }).object).toBe('list')
      const other = await fetch(`http://127.0.0.1:${port}/index.html`)
      expect(await other.text()).toBe('next')
      const similar = await fetch(`http://127.0.0.1:${port}/v1x`)
      expect(await similar.text()).toBe('next')
      // A raw request with a body, as Vite hands it over.
      const body = await new Promise<string>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/v1/threads',
            method: 'POST',
            headers: { 'content-type': 'application/json' },
          },
          (res) => {
            let text = ''
            res.on('data', (chunk) => {
              text += chunk
            })
            res.on('end', () => resolve(text))
          },
        )
        req.on('error', reject)
        req.end(JSON.stringify({ metadata: { from: 'middleware' } }))
      })
      expect(JSON.parse(body)).toMatchObject({ object: 'thread', metadata: { from: 'middleware' } })
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe('runlens-sim arguments', () => {
  it('reads every flag, in both spellings', () => {
    expect(
      parseArgs([
        '--port',
        '0',
        '--host=0.0.0.0',
        '--seed',
        's',
        '--token-delay-ms',
        '0',
        '--api-key',
        'k',
        '--poll-after-ms',
        '100',
        '--expires-after-ms',
        '1500',
        '--error-event-shape=bare',
        '--fault',
        'status=503;times=2',
        '--fault=method=POST;path=/threads/runs;reset=after-handling',
      ]),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      seed: 's',
      tokenDelayMs: 0,
      apiKey: 'k',
      pollAfterMs: 100,
      expiresAfterMs: 1500,
      errorEventShape: 'bare',
      faults: [
        { status: 503, times: 2 },
        { method: 'POST', path: '/threads/runs', reset: 'after-handling' },
      ],
    })
    expect(parseArgs([])).toMatchObject({ port: 4010, host: '127.0.0.1', tokenDelayMs: 25 })
    expect(parseArgs(['--help'])).toBe('help')
  })

  it.each([
    [['--port', 'abc'], "--port expects an integer from 0 to 65535, got 'abc'."],
    [['--port', '70000'], "--port expects an integer from 0 to 65535, got '70000'."],
    [['--port'], '--port needs a value.'],
    [['--seed', '--port'], '--seed needs a value.'],
    [['--colour', 'red'], "Unknown option '--colour'. Run runlens-sim --help for the options."],
    [['--token-delay-ms=-1'], "--token-delay-ms expects an integer from 0 to 60000, got '-1'."],
    [['--expires-after-ms', '1.5'], "--expires-after-ms expects an integer from 0 to 86400000, got '1.5'."],
    [['--error-event-shape', 'flat'], "--error-event-shape expects wrapped or bare, got 'flat'."],
    [['--fault', 'colour=red'], "--fault 'colour=red': unknown key 'colour'"],
    [['--fault'], '--fault needs a value.'],
  ])('rejects %j clearly', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message)
  })

  it('says clearly when the port is taken', async () => {
    const taken = await startSimulatorServer({ port: 0 })
    try {
      await expect(main(['--port', String(taken.port)])).rejects.toThrow(
        `Port ${taken.port} on 127.0.0.1 is in use: pick another with --port N (0 picks a free one).`,
      )
    } finally {
      await taken.close()
    }
  })

  it('prints the help', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    await main(['--help'])
    expect(log.mock.calls[0]?.[0]).toMatch(/^runlens-sim: /)
    log.mockRestore()
  })
})
