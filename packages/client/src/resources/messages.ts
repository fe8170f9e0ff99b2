import { createPagePromise } from '../pagination.js'
import type { Transport } from '../transport.js'
import type { MessagesResource } from '../types.js'
import { pathParam } from '../validate.js'

/** A thread's messages, read-only: what a run UI shows beside a run (`run_id` keeps one run's). */
export function createMessages([, json]: Transport): MessagesResource {
  return {
    list: (threadId, query = {}, opts) =>
      createPagePromise(
        (cursor) => json('GET', `/threads/${pathParam('threadId', threadId)}/messages`, opts, { ...cursor }),
        query,
      ),
  }
}
