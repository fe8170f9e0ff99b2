import { createPagePromise, fetchList } from '../pagination.js'
import type { Transport } from '../transport.js'
import type { Message, MessagesResource } from '../types.js'
import { messagesPath } from './paths.js'

/** A thread's messages, read-only: what a run UI shows beside a run (`run_id` keeps one run's). */
export function createMessages(transport: Transport): MessagesResource {
  return {
    list: (threadId, query = {}, opts) =>
      createPagePromise(
        (pageQuery) => fetchList<Message>(transport, messagesPath(threadId), { ...pageQuery }, opts),
        query,
      ),
  }
}
