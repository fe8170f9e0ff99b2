import { createPagePromise, fetchList } from '../pagination.js'
import type { Transport } from '../transport.js'
import type { Message, MessagesResource } from '../types.js'
import { checkMetadata } from '../validate.js'
import { messagePath, messagesPath } from './paths.js'

/** `client.threads.messages`: a thread's messages, what a run UI shows beside a run. */
export function createMessages(transport: Transport): MessagesResource {
  const { requestJson } = transport
  return {
    async create(threadId, body, opts) {
      checkMetadata(body?.metadata)
      const request = { method: 'POST', path: messagesPath(threadId), body, options: opts } as const
      return (await requestJson<Message>(request)).data
    },
    async retrieve(threadId, messageId, opts) {
      const request = { method: 'GET', path: messagePath(threadId, messageId), options: opts } as const
      return (await requestJson<Message>(request)).data
    },
    list: (threadId, query = {}, opts) =>
      createPagePromise(
        (pageQuery) => fetchList<Message>(transport, messagesPath(threadId), { ...pageQuery }, opts),
        query,
      ),
  }
}
