/**
 * A `reset` fault, as the in-process `fetch` reports it: a `TypeError`, the way `fetch` reports a
 * network error, with the `cause` Node's fetch gives for the same fault over HTTP. Before the
 * headers `fetch` rejects with 'fetch failed' (cause code ECONNRESET: the socket was reset); in
 * the body, reading fails with 'terminated' (cause code UND_ERR_SOCKET: the socket closed before
 * the body's end). The Node server turns it back into that reset, or that close.
 */
export class ConnectionReset extends TypeError {
  constructor(where: 'before-headers' | 'in-body') {
    const cause =
      where === 'before-headers'
        ? { message: 'read ECONNRESET', code: 'ECONNRESET' }
        : { message: 'other side closed', code: 'UND_ERR_SOCKET' }
    super(where === 'before-headers' ? 'fetch failed' : 'terminated', {
      cause: Object.assign(new Error(`${cause.message} (simulated by the runlens simulator)`), {
        code: cause.code,
      }),
    })
  }
}
