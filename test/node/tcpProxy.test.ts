import { Agent, createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.js'

describe('startTcpProxy', () => {
  const handled: string[] = []
  const server = createServer((req, res) => {
    handled.push(`${req.method} ${req.url}`)
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ ok: true, url: req.url }))
    })
  })
  let proxy: TcpProxy

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    proxy = await startTcpProxy({
      target: { host: '127.0.0.1', port: (server.address() as AddressInfo).port },
    })
  })
  afterAll(async () => {
    await proxy.close()
    await new Promise((resolve) => server.close(resolve))
  })

  it('forwards both ways, with a record per request', async () => {
    proxy.plan(() => ({}))
    const before = proxy.requests.length
    const first = await fetch(`${proxy.url}/a`, { method: 'POST', body: '{"x":1}' })
    expect(await first.json()).toEqual({ ok: true, url: '/a' })
    const second = await fetch(`${proxy.url}/b`)
    expect(await second.json()).toEqual({ ok: true, url: '/b' })
    const made = proxy.requests.slice(before)
    expect(made.map((c) => [c.method, c.path, c.cut])).toEqual([
      ['POST', '/a', null],
      ['GET', '/b', null],
    ])
    expect(made.every((c) => c.responseBytes > 0 && c.requestBytes > 0)).toBe(true)
  })

  it('cuts before forwarding: the server never sees the request', async () => {
    proxy.plan(({ path }) => ({ cutBeforeForwarding: path === '/never' }))
    await expect(fetch(`${proxy.url}/never`)).rejects.toThrow(TypeError)
    expect(handled).not.toContain('GET /never')
    expect(proxy.requests.at(-1)).toMatchObject({
      path: '/never',
      cut: 'before-forwarding',
      requestBytes: 0,
    })
  })

  it('drops the answer of a handled request (0 bytes) and cuts inside the headers or the body', async () => {
    for (const bytes of [0, 5, 40]) {
      proxy.plan(() => ({ cutResponseAfterBytes: bytes }))
      const outcome = fetch(`${proxy.url}/cut-${bytes}`).then((r) => r.text())
      await expect(outcome).rejects.toThrow(TypeError)
      expect(handled).toContain(`GET /cut-${bytes}`)
      expect(proxy.requests.at(-1)).toMatchObject({ cut: 'response', responseBytes: bytes })
    }
  })

  it('plans each request of a kept-alive connection', async () => {
    // One socket kept alive: the second request has to ride on the first one's connection.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const get = (path: string) =>
      new Promise<string>((resolve, reject) => {
        request(`${proxy.url}${path}`, { agent }, (res) => {
          let text = ''
          res.on('data', (chunk) => {
            text += chunk
          })
          res.on('end', () => resolve(text))
          res.on('error', reject)
        })
          .on('error', reject)
          .end()
      })
    proxy.plan(({ path }) => (path === '/second' ? { cutResponseAfterBytes: 10 } : {}))
    try {
      expect(JSON.parse(await get('/first'))).toEqual({ ok: true, url: '/first' })
      await expect(get('/second')).rejects.toThrow()
    } finally {
      agent.destroy()
    }
    const [first, second] = proxy.requests.slice(-2)
    expect(second).toMatchObject({
      path: '/second',
      cut: 'response',
      responseBytes: 10,
      connection: first?.connection,
    })
  })

  it('a body cut after its headers is seen as cut, not as a short whole body', async () => {
    proxy.plan(() => ({}))
    await (await fetch(`${proxy.url}/measure`)).text()
    const whole = proxy.requests.at(-1)?.responseBytes ?? 0
    proxy.plan(() => ({ cutResponseAfterBytes: whole - 3 }))
    await expect(fetch(`${proxy.url}/measure`).then((r) => r.text())).rejects.toThrow(TypeError)
  })

  it('removes the request headers it is told to, any case', async () => {
    const seen: Array<string | undefined> = []
    server.prependOnceListener('request', (req) =>
      seen.push(req.headers['idempotency-key'] as string | undefined),
    )
    const { port } = server.address() as AddressInfo
    const stripping = await startTcpProxy({
      target: { host: '127.0.0.1', port },
      removeRequestHeaders: ['Idempotency-Key'],
    })
    try {
      const response = await fetch(`${stripping.url}/keyed`, {
        method: 'POST',
        headers: { 'idempotency-key': 'k1' },
      })
      expect(await response.json()).toEqual({ ok: true, url: '/keyed' })
      expect(seen).toEqual([undefined])
    } finally {
      await stripping.close()
    }
  })

  it('lets a response no longer than the cut through whole', async () => {
    proxy.plan(() => ({ cutResponseAfterBytes: 100_000 }))
    const response = await fetch(`${proxy.url}/whole`)
    expect(await response.json()).toEqual({ ok: true, url: '/whole' })
    expect(proxy.requests.at(-1)?.cut).toBe(null)
  })
})
