import { RunsProvider } from '@runlens/react'
import { useState } from 'react'
import { AssistantsWorkspace } from './AssistantsWorkspace.js'
import { client } from './client.js'
import { backend } from './demoSettings.js'
import { keepProtocol, type Protocol, ProtocolSwitch, protocolFromUrl } from './ProtocolSwitch.js'
import { ResponsesWorkspace } from './ResponsesWorkspace.js'
import { ThemeToggle } from './ThemeToggle.js'

/** The demo: a header (the API to drive, the backend, the theme), then that API's workspace. */
export function App() {
  const [protocol, setProtocol] = useState<Protocol>(protocolFromUrl)
  const choose = (next: Protocol) => {
    keepProtocol(next)
    setProtocol(next)
  }
  return (
    <RunsProvider client={client}>
      <div className="app">
        <header className="app-header">
          <div className="app-brand">
            <span className="app-logo" aria-hidden="true" />
            <h1>
              runlens <span className="app-subtitle">run monitor</span>
            </h1>
          </div>
          <ProtocolSwitch value={protocol} onChange={choose} />
          <span className="app-backend" data-backend={backend}>
            {backend === 'proxy' ? 'Real server via proxy' : 'Simulator'}
          </span>
          <ThemeToggle />
        </header>
        {protocol === 'responses' ? <ResponsesWorkspace /> : <AssistantsWorkspace />}
      </div>
    </RunsProvider>
  )
}
