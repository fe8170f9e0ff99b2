import { StreamError } from './errors.js'
import type { Transport } from './transport.js'
import type {
  CursorPage,
  CursorQuery,
  ListResponse,
  PagePromise,
  QueryRecord,
  RequestOptions,
} from './types.js'

/** Fetches one page of a list for a query holding the cursor (`after` or `before`). */
export type FetchPage<T, Q> = (query: Q) => Promise<ListResponse<T>>

/** One page of the list endpoint at `path`: `GET`, the body as the server sent it. */
export async function fetchList<T>(
  transport: Transport,
  path: string,
  query: QueryRecord,
  options: RequestOptions | undefined,
  assistantsBeta = true,
): Promise<ListResponse<T>> {
  const { data: body } = await transport.requestJson<ListResponse<T>>({
    method: 'GET',
    path,
    query,
    options,
    assistantsBeta,
  })
  if (!Array.isArray(body.data)) {
    throw new StreamError(
      'invalid_body',
      `The body of the GET ${path} response is not a list: it has no data array.`,
    )
  }
  return body
}

/**
 * A PagePromise: the promise of the first page, which `for await` also walks item by item,
 * page after page. The request starts at once (a microtask later), like any promise's work.
 */
export function createPagePromise<T, Q extends CursorQuery>(
  fetchPage: FetchPage<T, Q>,
  query: Q,
): PagePromise<T> {
  // Called from a `then`, so that a bad path parameter is a rejection, never a synchronous throw.
  const first = Promise.resolve(query)
    .then(fetchPage)
    .then((body) => toCursorPage(body, fetchPage, query))
  return Object.assign(first, {
    async *[Symbol.asyncIterator]() {
      let page: CursorPage<T> | null = await first
      while (page) {
        yield* page.data
        page = await page.nextPage()
      }
    },
  })
}

function toCursorPage<T, Q extends CursorQuery>(
  body: ListResponse<T>,
  fetchPage: FetchPage<T, Q>,
  query: Q,
): CursorPage<T> {
  const { data } = body
  // Walking backwards (a `before` query) continues before the first item; else after the last.
  const backwards = query.before != null && query.after == null
  const cursor = backwards ? body.first_id : body.last_id
  // An empty page cannot move the cursor: stopping there keeps a confused server from looping us.
  let nextQuery: Q | null = null
  if (body.has_more === true && data.length > 0 && cursor != null) {
    nextQuery = backwards ? { ...query, before: cursor } : { ...query, after: cursor }
  }
  return {
    data,
    hasMore: body.has_more === true,
    body,
    hasNextPage: () => nextQuery !== null,
    nextPage: () => (nextQuery === null ? null : createPagePromise(fetchPage, nextQuery)),
  }
}
