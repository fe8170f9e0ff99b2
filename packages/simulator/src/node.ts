import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ConnectionReset } from './connectionReset.js'
import { createSimulator, type Simulator, type SimulatorOptions } from './createSimulator.js'

export interface SimulatorServerOptions extends SimulatorOptions {
  /** 0 picks a free port. Default 0. */
  port?: number
  /** Default '127.0.0.1'. */
  host?: string
  /** Serve this simulator instead of creating one from the options. */
  simulator?: Simulator
}

export interface SimulatorServer {
  /** The API's base URL, e.g. `http://127.0.0.1:4010/v1`: give it to the client as `baseURL`. */
  url: string
  port: number
  simulator: Simulator
  server: Server
  /** Stops listening and ends every open connection, stalled streams included. */
  close(): Promise<void>
}

/** Node's request as a web Request; the signal aborts when the client goes away. */
async function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  const method = req.method ?? 'GET'
  let body: Uint8Array<ArrayBuffer> | undefined
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Uint8Array[] = []
    for await (const chunk of req) chunks.push(chunk as Uint8Array)
    body = new Uint8Array(Buffer.concat(chunks))
  }
  const url = new URL((req as { originalUrl?: string }).originalUrl ?? req.url ?? '/', origin)
  return new Request(url, { method, headers, body, signal })
}

/**
 * A `reset` fault before the response headers, made real: the socket is closed with a TCP RST,
 * so the client's fetch fails with ECONNRESET.
 */
function resetConnection(res: ServerResponse): void {
  const socket = res.socket
  if (socket && !socket.destroyed) socket.resetAndDestroy()
  else res.destroy()
}

/** Writes a web Response to Node, flushing each chunk (one SSE frame) as it comes. */
async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers))
  if (!response.body) {
    res.end()
    return
  }
  res.flushHeaders()
  const reader = response.body.getReader()
  // Settles once the last chunk is handed to the kernel, so a cut never drops bytes it follows.
  let written = Promise.resolve()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      written = new Promise((resolve) => res.write(value, () => resolve()))
    }
    res.end()
  } catch (error) {
    // A `reset-after-bytes` fault: the socket closes after the bytes that went, before the body's
    // end, so the client's read fails ('terminated'). No RST here: one right after data races
    // with it at the client, which may then drop those bytes or report the end differently.
    if (error instanceof ConnectionReset) await written
    // Or the client went away (or the stream was aborted): nothing more to write.
    res.destroy()
  } finally {
    reader.releaseLock()
  }
}

/** Serves one Node request with the simulator. */
export async function handleNodeRequest(
  simulator: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const controller = new AbortController()
  // 'close' on the response before it finished means the client disconnected: stop its stream.
  res.on('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  try {
    const host = req.headers.host ?? 'localhost'
    const request = await toRequest(req, `http://${host}`, controller.signal)
    const response = await simulator.handle(request)
    await writeResponse(response, res)
  } catch (error) {
    if (error instanceof ConnectionReset) resetConnection(res)
    else if (!res.headersSent && !res.destroyed) {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          error: {
            message: 'The simulator could not read the request.',
            type: 'server_error',
            param: null,
            code: null,
          },
        }),
      )
    } else res.destroy()
  }
}

type NextFunction = (error?: unknown) => void

/**
 * Connect-style middleware (Vite's `server.middlewares.use(...)`, Express): serves paths under the
 * simulator's base path and passes every other request on. Mount it without a path prefix.
 */
export function simulatorMiddleware(
  simulator: Simulator,
): (req: IncomingMessage, res: ServerResponse, next: NextFunction) => void {
  const base = simulator.basePath
  return (req, res, next) => {
    const path = ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '/').split('?')[0] ?? '/'
    if (path !== base && !path.startsWith(`${base}/`)) {
      next()
      return
    }
    void handleNodeRequest(simulator, req, res)
  }
}

/** Listens on 127.0.0.1 (or `host`) and resolves once the server accepts connections. */
export async function startSimulatorServer(options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const { port = 0, host = '127.0.0.1', simulator: given, ...simulatorOptions } = options
  const simulator = given ?? createSimulator(simulatorOptions)
  const server = createServer((req, res) => {
    void handleNodeRequest(simulator, req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const shownHost = address.address.includes(':') ? `[${address.address}]` : address.address
  return {
    url: `http://${shownHost}:${address.port}${simulator.basePath}`,
    port: address.port,
    simulator,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

export { createSimulator, type Simulator, type SimulatorOptions } from './createSimulator.js'
