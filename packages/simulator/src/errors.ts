import type { ErrorObject } from '@runlens/client'

/**
 * A rejection the handler turns into the real API's error body:
 * `{ "error": { "message", "type", "param", "code" } }`. Handlers throw it before they change any
 * state, which is what keeps rejected requests harmless.
 */
export class SimulatorError extends Error {
  readonly status: number
  readonly type: string
  readonly param: string | null
  readonly code: string | null
  readonly headers: Record<string, string>

  constructor(
    status: number,
    message: string,
    options: {
      type?: string
      param?: string | null
      code?: string | null
      headers?: Record<string, string>
    } = {},
  ) {
    super(message)
    this.name = 'SimulatorError'
    this.status = status
    this.type = options.type ?? 'invalid_request_error'
    this.param = options.param ?? null
    this.code = options.code ?? null
    this.headers = options.headers ?? {}
  }

  toJSON(): { error: ErrorObject } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } }
  }
}

export const badRequest = (message: string, param: string | null = null, code: string | null = null) =>
  new SimulatorError(400, message, { param, code })

export const notFound = (message: string) => new SimulatorError(404, message)

export const invalidUrl = (method: string, path: string) =>
  new SimulatorError(404, `Invalid URL (${method} ${path})`)

/** The real API's text for a body that is not JSON. */
export const MALFORMED_JSON =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)"
