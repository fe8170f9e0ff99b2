import { pathParam } from '../validate.js'

// The API's paths, each id checked and encoded (pathParam) as the path is built: a bad id is
// found before any request, named after the parameter.

export const threadPath = (threadId: string) => `/threads/${pathParam('threadId', threadId)}`

export const messagesPath = (threadId: string) => `${threadPath(threadId)}/messages`

export const messagePath = (threadId: string, messageId: string) =>
  `${messagesPath(threadId)}/${pathParam('messageId', messageId)}`

export const runsPath = (threadId: string) => `${threadPath(threadId)}/runs`

export const runPath = (threadId: string, runId: string) =>
  `${runsPath(threadId)}/${pathParam('runId', runId)}`

export const stepsPath = (threadId: string, runId: string) => `${runPath(threadId, runId)}/steps`

export const stepPath = (threadId: string, runId: string, stepId: string) =>
  `${stepsPath(threadId, runId)}/${pathParam('stepId', stepId)}`

export const responsePath = (responseId: string) => `/responses/${pathParam('responseId', responseId)}`
