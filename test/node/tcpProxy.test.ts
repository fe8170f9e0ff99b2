import { createServer } from 'node:http'
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

  it('forwards both ways, one request per connection', async () => {
    proxy.plan(() => ({}))
    const before = proxy.connections.length
    const first = await fetch(`${proxy.url}/a`, { method: 'POST', body: '{"x":1}' })
    expect(await first.json()).toEqual({ ok: true, url: '/a' })
    const second = await fetch(`${proxy.url}/b`)
    expect(await second.json()).toEqual({ ok: true, url: '/b' })
    const made = proxy.connections.slice(before)
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
    expect(proxy.connections.at(-1)).toMatchObject({
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
      expect(proxy.connections.at(-1)).toMatchObject({ cut: 'response', responseBytes: bytes })
    }
  })

  it('lets a response no longer than the cut through whole', async () => {
    proxy.plan(() => ({ cutResponseAfterBytes: 100_000 }))
    const response = await fetch(`${proxy.url}/whole`)
    expect(await response.json()).toEqual({ ok: true, url: '/whole' })
    expect(proxy.connections.at(-1)?.cut).toBe(null)
  })
})
