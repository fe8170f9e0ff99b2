// The console guard of test/dom/setup.ts: React's warnings fail a test, and a test that provokes an
// error on purpose allows exactly that error.
import { useRunsClient } from '@runlens/react'
import { render } from '@testing-library/react'
import { Component, type ReactNode, version } from 'react'
import { describe, expect, test } from 'vitest'
import { expectConsole, takeUnexpectedConsole } from './consoleGuard.js'

// Two components: React warns once per component about a list without keys.
function Unkeyed() {
  return (
    <ul>
      {['a', 'b'].map((item) => (
        // biome-ignore lint/correctness/useJsxKeyInIterable: the missing key is the point
        <li>{item}</li>
      ))}
    </ul>
  )
}

function UnkeyedToo() {
  return (
    <ol>
      {['a', 'b'].map((item) => (
        // biome-ignore lint/correctness/useJsxKeyInIterable: the missing key is the point
        <li>{item}</li>
      ))}
    </ol>
  )
}

class Boundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null }
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  override render() {
    return this.state.error ? <p role="alert">{this.state.error.message}</p> : this.props.children
  }
}

function ClientUser() {
  useRunsClient()
  return null
}

describe('console guard', () => {
  test("records React's development warnings (here: a list without keys)", () => {
    render(<Unkeyed />)
    const recorded = takeUnexpectedConsole()
    // Taken, so this test passes; left alone, they would fail it in the setup's afterEach.
    expect(recorded).toHaveLength(1)
    expect(recorded[0]).toMatch(/^console\.error: .*unique "key" prop/s)
  })

  test('lets through the message a test expects, and only in that test', () => {
    expectConsole('error', /unique "key" prop/)
    render(<UnkeyedToo />)
    expect(takeUnexpectedConsole()).toEqual([])
  })

  test('a hook outside a RunsProvider throws an error that names the fix', () => {
    // React 19 reports an error a boundary caught on console.error: this test provokes it, so it
    // expects it. React 18 rethrows it in a DOM event of its own instead, which jsdom reports as
    // uncaught unless the page handles the error event; handled (as an app's onerror may), React
    // 18 logs nothing.
    if (version.startsWith('19.')) {
      expectConsole('error', /The above error occurred in the <ClientUser> component/)
    }
    const handled = (event: ErrorEvent) => {
      if (event.error instanceof Error && event.error.message.startsWith('runlens hooks need')) {
        event.preventDefault()
      }
    }
    window.addEventListener('error', handled)
    try {
      const view = render(
        <Boundary>
          <ClientUser />
        </Boundary>,
      )
      expect(view.getByRole('alert').textContent).toBe(
        'runlens hooks need a <RunsProvider client={...}> above them.',
      )
    } finally {
      window.removeEventListener('error', handled)
    }
  })
})
