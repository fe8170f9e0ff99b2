import { connect, createServer, type Socket } from 'node:net'

/**
 * A TCP proxy on loopback for tests that need real connection faults: it forwards bytes both ways
 * between a client and `target`, and cuts a connection where the test's plan says.
 *
 * A plan per request. Node's fetch (undici) keeps connections alive and sends its next request
 * on the same connection once a response is whole (it never pipelines). So the proxy takes a
 * client chunk that arrives after response bytes went back as the start of the next request, and
 * asks the plan for each request, knowing its method and path, before forwarding it. The
 * connection itself is left as it is: forcing `connection: close` would let undici take a body
 * cut by a FIN for a whole, short one (with `close` it reads the body until the end of the
 * connection), which no real cut looks like.
 *
 * Cuts close the client's socket (a FIN, as a proxy or a load balancer going away) after the
 * bytes let through, and the connection to the target: the client sees a network error, or a
 * body that ends before its end.
 */
export interface TcpProxy {
  /** `http://127.0.0.1:<port>`, to put in front of the path (e.g. `${proxy.url}/v1`). */
  readonly url: string
  readonly port: number
  /** Sets the plan for the requests that arrive from now on (the default forwards everything). */
  plan(decide: (request: PlannedRequest) => RequestPlan): void
  /** What happened, one entry per request, in the order they arrived. */
  readonly requests: readonly RequestRecord[]
  /** The same records, by the name of the proxy's first version (a plan per connection). */
  readonly connections: readonly RequestRecord[]
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>
}

export interface PlannedRequest {
  /** 0 for the first request this proxy saw, whatever its connection. */
  index: number
  /** 0 for the first connection this proxy accepted. */
  connection: number
  /** From the request line, e.g. 'POST' and '/v1/threads/thread_1/runs'. */
  method: string
  path: string
}

export interface RequestPlan {
  /** Close the connection once the request's head arrived, without forwarding anything. */
  cutBeforeForwarding?: boolean
  /**
   * Forward the request, then let through only this many bytes of its response, counted from
   * the response's first byte (the status line: a small N cuts inside the headers), then close.
   * `0` drops the connection when the server's first byte arrives: the request was handled, no
   * answer came back. A response no longer than N passes whole.
   */
  cutResponseAfterBytes?: number
}

export interface RequestRecord extends PlannedRequest {
  /** Request bytes forwarded to the target (after the head's rewrite). */
  requestBytes: number
  /** Response bytes forwarded to the client. */
  responseBytes: number
  /** Where the proxy cut it, or null when it forwarded everything it got. */
  cut: 'before-forwarding' | 'response' | null
}

/** How much of a request head the proxy waits for before forwarding it as it is. */
const MAX_HEAD_BYTES = 64 * 1024

export interface TcpProxyOptions {
  target: { host: string; port: number }
  /**
   * Request headers the proxy removes (any case): `['idempotency-key']` turns the target into a
   * server that ignores keys, with the client at its defaults.
   */
  removeRequestHeaders?: string[]
}

export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  const removed = (options.removeRequestHeaders ?? []).map((name) => name.toLowerCase())
  const requests: RequestRecord[] = []
  const sockets = new Set<Socket>()
  let accepted = 0
  let decide: (request: PlannedRequest) => RequestPlan = () => ({})

  const server = createServer((client) => {
    const connection = accepted++
    const target = connect(options.target.port, options.target.host)
    sockets.add(client)
    sockets.add(target)
    // The request being forwarded, its plan; null while the next request's head is awaited.
    let current: { record: RequestRecord; plan: RequestPlan } | null = null
    let head = Buffer.alloc(0)

    const cut = (where: RequestRecord['cut'], record: RequestRecord) => {
      record.cut = where
      target.destroy()
      // end(), not destroy(): the bytes already written reach the client before the FIN.
      client.end()
      client.destroySoon()
    }

    client.on('close', () => {
      sockets.delete(client)
      target.destroy()
    })
    target.on('close', () => {
      sockets.delete(target)
      client.end()
    })
    client.on('error', () => client.destroy())
    target.on('error', () => client.destroy())

    client.on('data', (chunk: Buffer) => {
      // Response bytes went back: this chunk begins the next request.
      if (current !== null && current.record.responseBytes > 0) current = null
      if (current !== null) {
        current.record.requestBytes += chunk.length
        target.write(chunk)
        return
      }
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end === -1 && head.length < MAX_HEAD_BYTES) return
      const [method = '', path = ''] = head.subarray(0, head.indexOf('\r\n')).toString('latin1').split(' ')
      const planned = { index: requests.length, connection, method, path }
      const record: RequestRecord = { ...planned, requestBytes: 0, responseBytes: 0, cut: null }
      requests.push(record)
      const bytes = end === -1 ? head : withoutHeaders(head, end, removed)
      head = Buffer.alloc(0)
      current = { record, plan: decide(planned) }
      if (current.plan.cutBeforeForwarding) return cut('before-forwarding', record)
      record.requestBytes += bytes.length
      target.write(bytes)
    })

    target.on('data', (chunk: Buffer) => {
      if (current === null || current.record.cut !== null) return
      const { record, plan } = current
      const limit = plan.cutResponseAfterBytes
      const room = limit === undefined ? chunk.length : limit - record.responseBytes
      if (chunk.length <= room) {
        record.responseBytes += chunk.length
        client.write(chunk)
        return
      }
      if (room > 0) {
        record.responseBytes += room
        client.write(chunk.subarray(0, room))
      }
      cut('response', record)
    })
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address')

  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    plan(next) {
      decide = next
    },
    requests,
    connections: requests,
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

/** A request with the `removed` headers (lower case) left out of its head. */
function withoutHeaders(bytes: Buffer, headEnd: number, removed: readonly string[]): Buffer {
  if (removed.length === 0) return bytes
  const lines = bytes.subarray(0, headEnd).toString('latin1').split('\r\n')
  const kept = lines.filter(
    (line, i) => i === 0 || !removed.includes(line.slice(0, line.indexOf(':')).trim().toLowerCase()),
  )
  return Buffer.concat([Buffer.from(`${kept.join('\r\n')}\r\n\r\n`, 'latin1'), bytes.subarray(headEnd + 4)])
}
