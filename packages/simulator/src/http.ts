import type { SimulatorError } from './errors.js'

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

export function errorResponse(error: SimulatorError): Response {
  return json(error.toJSON(), error.status, error.headers)
}

export function sse(body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      // Tells proxies (nginx and friends) not to buffer, so each frame reaches the client at once.
      'x-accel-buffering': 'no',
    },
  })
}
