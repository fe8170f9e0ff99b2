import { isObject } from './isObject.js'
import type { ErrorObject } from './types.js'

/**
 * The errors form one flat tree: everything the server or the connection can cause is an
 * `APIError` (one `instanceof` catches it all), with a subclass per HTTP status a caller may want
 * to handle on its own. Mistakes in the arguments are `InvalidParamError`, a `TypeError`: they are
 * programming errors, found before any request and never retried.
 *
 * Every class sets `name` itself because minifiers rename classes.
 */
export class APIError extends Error {
  override name = 'APIError'
  /** The HTTP status; undefined when there was no response (connection, abort, stream). */
  declare readonly status: number | undefined
  /** The error object the server sent (body `error`, or the data of an `error` stream event). */
  declare readonly error: ErrorObject | undefined
  declare readonly code: string | null | undefined
  declare readonly type: string | undefined
  declare readonly param: string | null | undefined
  /** From the `x-request-id` header: quote it when reporting a problem. */
  declare readonly requestId: string | null
  declare readonly headers: Headers | undefined

  /**
   * `message` is the server's (or ours); with a status it reads like the API's:
   * "429 Rate limit reached ...". `init` takes what the error came with, as `Error` takes `cause`.
   */
  constructor(message: string, init: APIErrorInit = {}) {
    const { status, error, headers, cause } = init
    super(status ? `${status} ${message}` : message, { cause })
    this.status = status
    this.error = error
    this.code = error?.code
    this.type = error?.type
    this.param = error?.param
    this.headers = headers
    this.requestId = headers?.get('x-request-id') ?? null
  }
}

/** What an `APIError` came with; every field is optional. */
export interface APIErrorInit {
  /** The HTTP status of the response. */
  status?: number
  /** The error object the server sent. */
  error?: ErrorObject
  /** The response headers (`x-request-id` is read from them). */
  headers?: Headers
  /** What caused it: the fetch error of a connection failure, the SyntaxError of a JSON body... */
  cause?: unknown
}

export class BadRequestError extends APIError {
  override name = 'BadRequestError'
}
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError'
}
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError'
}
export class NotFoundError extends APIError {
  override name = 'NotFoundError'
}
export class ConflictError extends APIError {
  override name = 'ConflictError'
}
export class UnprocessableEntityError extends APIError {
  override name = 'UnprocessableEntityError'
}
export class RateLimitError extends APIError {
  override name = 'RateLimitError'
}
/** Any status of 500 or more. */
export class InternalServerError extends APIError {
  override name = 'InternalServerError'
}

/** No response: DNS, refused connection, reset, or a body cut before its end (`cause`: the fetch error). */
export class APIConnectionError extends APIError {
  override name = 'APIConnectionError'
}

/**
 * The server went silent: the response headers did not arrive within `timeoutMs` (per attempt,
 * retried like a connection error), or its body, JSON or stream, sent nothing for
 * `idleTimeoutMs` (not retried: the request was answered, and may have taken effect).
 */
export class APITimeoutError extends APIConnectionError {
  override name = 'APITimeoutError'
  constructor() {
    super('Request timed out.')
  }
}

/** The caller aborted: its `signal`, `stream.abort()`, or leaving a `for await` early. */
export class APIUserAbortError extends APIError {
  override name = 'APIUserAbortError'
  constructor() {
    super('Request was aborted.')
  }
}

/**
 * A response body that breaks the protocol: `invalid_json` when an event's data (or a JSON
 * body) does not parse, `invalid_body` when a JSON body parses but is not what the endpoint
 * returns (not an object, or a list without a `data` array), `invalid_event` when a known event's
 * data is not an object with an id, `event_too_large` when one event of a stream grows past
 * `maxEventSize` (the stream stops there rather than buffering it), `ended_early` when a stream
 * ends with neither `[DONE]` nor a settled run.
 */
export type StreamErrorReason =
  | 'invalid_json'
  | 'invalid_body'
  | 'invalid_event'
  | 'event_too_large'
  | 'ended_early'

export class StreamError extends APIError {
  override name = 'StreamError'
  declare readonly reason: StreamErrorReason
  constructor(reason: StreamErrorReason, message: string, init?: { cause?: unknown }) {
    super(message, init)
    this.reason = reason
  }
}

/**
 * An argument rejected before any request; `param` names it (`threadId`, `metadata`, ...), and
 * the message says what is wrong with it: "runId must be a non-empty string".
 */
export class InvalidParamError extends TypeError {
  override name = 'InvalidParamError'
  declare readonly param: string
  constructor(param: string, message: string) {
    super(message)
    this.param = param
  }
}

const byStatus: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
}

/** The typed error of a non-2xx response: the class for its status, the message the server gave. */
export async function apiErrorFor(response: Response): Promise<APIError> {
  const { status } = response
  // A body that cannot be read leaves the status as the only information.
  const text = await response.text().catch(() => '')
  let error: ErrorObject | undefined
  try {
    error = errorObject(JSON.parse(text))
  } catch {
    // Not JSON: proxies answer with HTML or plain text; the text becomes the message.
  }
  const ErrorClass = byStatus[status] ?? (status >= 500 ? InternalServerError : APIError)
  const message = error?.message ?? (text.trim().slice(0, 500) || 'status code (no body)')
  return new ErrorClass(message, { status, error, headers: response.headers })
}

/** The error object of a body or an `error` event, bare or wrapped in `error`, if it has a message. */
export function errorObject(data: unknown): ErrorObject | undefined {
  const inner = isObject(data) && isObject(data.error) ? data.error : data
  if (isObject(inner) && typeof inner.message === 'string') return inner as unknown as ErrorObject
}
