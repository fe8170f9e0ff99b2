import type { ListResponse } from '@runlens/client'
import type { ListQuery } from './validate.js'

/**
 * A cursor page over items kept in creation order. `after` starts right after the cursor, in the
 * requested order; `before` ends right before it. An unknown cursor gives an empty page.
 * `first_id`/`last_id` are null on an empty page, as real servers send them.
 */
export function paginate<T extends { id: string }>(items: readonly T[], query: ListQuery): ListResponse<T> {
  const ordered = query.order === 'asc' ? [...items] : [...items].reverse()
  let start = 0
  let end = ordered.length
  if (query.after !== null) {
    const at = ordered.findIndex((item) => item.id === query.after)
    start = at === -1 ? ordered.length : at + 1
  }
  if (query.before !== null) {
    const at = ordered.findIndex((item) => item.id === query.before)
    end = at === -1 ? 0 : at
  }
  let data: T[]
  let hasMore: boolean
  if (query.before !== null && query.after === null) {
    // Paging backwards: the `limit` items closest to the cursor.
    const from = Math.max(start, end - query.limit)
    data = ordered.slice(from, end)
    hasMore = from > start
  } else {
    data = ordered.slice(start, Math.min(end, start + query.limit))
    hasMore = start + query.limit < end
  }
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data[data.length - 1]?.id ?? null,
    has_more: hasMore,
  }
}
