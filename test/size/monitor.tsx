// (b) The baseline app plus the drop-in run monitor: <RunMonitor> in a <RunsProvider> with its client.
import { createRunsClient } from '@runlens/client'
import { RunMonitor, RunsProvider } from '@runlens/react'
import { mountApp } from './app.js'

const client = createRunsClient({ baseURL: '/v1' })

mountApp(
  <RunsProvider client={client}>
    <RunMonitor threadId="thread_abc" runId="run_abc" />
  </RunsProvider>,
)
