import type { JsonResult } from './transport.js'
import type { CursorPage, CursorQuery, ListResponse, PagePromise } from './types.js'

type FetchPage<T, Q> = (query: Q) => Promise<JsonResult<ListResponse<T>>>

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
    .then(([body]): CursorPage<T> => {
      const data = body.data ?? []
      // Walking backwards (a `before` query) continues before the first item; else after the last.
      const backwards = query.before != null && query.after == null
      const cursor = backwards ? body.first_id : body.last_id
      // An empty page cannot move the cursor: stopping there keeps a confused server from looping us.
      const hasNext = !!(body.has_more && data.length && cursor != null)
      return {
        data,
        hasMore: !!body.has_more,
        body,
        nextPage: () =>
          hasNext
            ? createPagePromise(fetchPage, { ...query, [backwards ? 'before' : 'after']: cursor })
            : null,
      }
    })
  return Object.assign(first, {
    async *[Symbol.asyncIterator]() {
      for (let page: CursorPage<T> | null = await first; page; page = await page.nextPage()) yield* page.data
    },
  })
}
