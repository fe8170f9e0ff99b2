import { connect, createServer, type Socket } from 'node:net'

/**
 * A TCP proxy on loopback for tests that need real connection faults: it forwards bytes both ways
 * between a client and `target`, and cuts a connection where the test's plan says.
 *
 * One request per connection. Node's fetch (undici) keeps connections alive, so a plan made per
 * connection would otherwise apply to whichever requests happen to share it. The proxy rewrites
 * each request's head to say `connection: close`; the server then closes the connection after its
 * response, and the client opens a new one for its next request. So connection N carries exactly
 * one exchange, and the plan sees that request's method and path before anything is forwarded.
 *
 * Cuts are `destroy()`s of the client's socket (a FIN, as a proxy or a load balancer going away):
 * the client sees a network error, or a body that ends before its end.
 */
export interface TcpProxy {
  /** `http://127.0.0.1:<port>`, to put in front of the path (e.g. `${proxy.url}/v1`). */
  readonly url: string
  readonly port: number
  /** Sets the plan for the connections accepted from now on (the default forwards everything). */
  plan(decide: (connection: PlannedConnection) => ConnectionPlan): void
  /** What happened, one entry per connection, in the order they were accepted. */
  readonly connections: readonly ConnectionRecord[]
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>
}

export interface PlannedConnection {
  /** 0 for the first connection accepted by this proxy. */
  index: number
  /** From the request line, e.g. 'POST' and '/v1/threads/thread_1/runs'. */
  method: string
  path: string
}

export interface ConnectionPlan {
  /** Close the connection once the request's head arrived, without forwarding anything. */
  cutBeforeForwarding?: boolean
  /**
   * Forward the request, then let through only this many bytes of the response, counted from its
   * first byte (the status line: a small N cuts inside the headers), then close. `0` drops the
   * connection when the server's first byte arrives: the request was handled, no answer came back.
   * A response no longer than N passes whole.
   */
  cutResponseAfterBytes?: number
}

export interface ConnectionRecord extends PlannedConnection {
  /** Request bytes forwarded to the target (after the head's rewrite). */
  requestBytes: number
  /** Response bytes forwarded to the client. */
  responseBytes: number
  /** Where the proxy cut it, or null when it forwarded everything it got. */
  cut: 'before-forwarding' | 'response' | null
}

/** How much of a request head the proxy waits for before giving up on rewriting it. */
const MAX_HEAD_BYTES = 64 * 1024

export async function startTcpProxy(options: { target: { host: string; port: number } }): Promise<TcpProxy> {
  const connections: ConnectionRecord[] = []
  const sockets = new Set<Socket>()
  let decide: (connection: PlannedConnection) => ConnectionPlan = () => ({})

  const server = createServer((client) => {
    const index = connections.length
    let head = Buffer.alloc(0)
    let upstream: Socket | null = null
    let record: ConnectionRecord | null = null
    sockets.add(client)
    client.on('close', () => {
      sockets.delete(client)
      upstream?.destroy()
    })
    client.on('error', () => client.destroy())

    const open = (firstBytes: Buffer, method: string, path: string): void => {
      const planned = { index, method, path }
      const plan = decide(planned)
      record = { ...planned, requestBytes: 0, responseBytes: 0, cut: null }
      connections.push(record)
      const current = record
      if (plan.cutBeforeForwarding) {
        current.cut = 'before-forwarding'
        client.destroy()
        return
      }
      const target = connect(options.target.port, options.target.host)
      upstream = target
      sockets.add(target)
      target.on('close', () => {
        sockets.delete(target)
        client.end()
      })
      target.on('error', () => client.destroy())
      current.requestBytes += firstBytes.length
      target.write(firstBytes)
      const limit = plan.cutResponseAfterBytes
      target.on('data', (chunk: Buffer) => {
        if (limit === undefined) {
          current.responseBytes += chunk.length
          client.write(chunk)
          return
        }
        const room = limit - current.responseBytes
        if (chunk.length <= room) {
          current.responseBytes += chunk.length
          client.write(chunk)
          return
        }
        if (room > 0) {
          current.responseBytes += room
          client.write(chunk.subarray(0, room))
        }
        current.cut = 'response'
        target.destroy()
        // end(), not destroy(): the bytes already written reach the client before the FIN.
        client.end()
        client.destroySoon()
      })
    }

    client.on('data', (chunk: Buffer) => {
      if (record !== null) {
        if (upstream !== null) {
          record.requestBytes += chunk.length
          upstream.write(chunk)
        }
        return
      }
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end === -1 && head.length < MAX_HEAD_BYTES) return
      const [method = '', path = ''] = head.subarray(0, head.indexOf('\r\n')).toString('latin1').split(' ')
      open(end === -1 ? head : closeAfterResponse(head, end), method, path)
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
    connections,
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

/** The request with its `connection` header replaced by `connection: close`. */
function closeAfterResponse(bytes: Buffer, headEnd: number): Buffer {
  const lines = bytes.subarray(0, headEnd).toString('latin1').split('\r\n')
  const kept = lines.filter((line, i) => i === 0 || !/^connection\s*:/i.test(line))
  return Buffer.concat([
    Buffer.from(`${[...kept, 'connection: close'].join('\r\n')}\r\n\r\n`, 'latin1'),
    bytes.subarray(headEnd + 4),
  ])
}
