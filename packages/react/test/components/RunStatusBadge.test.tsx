import { isPollingStatus, isTerminalStatus } from '@runlens/client'
import { render, screen } from '@testing-library/react'
import { createRef } from 'react'
import { describe, expect, test } from 'vitest'
import {
  defaultLabels,
  mergeLabels,
  RunlensLabelsProvider,
  RunStatusBadge,
  statusPhase,
} from '../../src/components/index.js'

const cases = [
  ['queued', 'Queued', 'active'],
  ['in_progress', 'In progress', 'active'],
  ['cancelling', 'Cancelling', 'active'],
  ['requires_action', 'Action required', 'waiting'],
  ['completed', 'Completed', 'finished'],
  ['failed', 'Failed', 'finished'],
  ['cancelled', 'Cancelled', 'finished'],
  ['incomplete', 'Incomplete', 'finished'],
  ['expired', 'Expired', 'finished'],
] as const

describe('RunStatusBadge', () => {
  test.each(cases)('%s: data-state, phase and text', (status, text, phase) => {
    const { container } = render(<RunStatusBadge status={status} />)
    const badge = container.firstElementChild as HTMLElement
    expect(badge.dataset.state).toBe(status)
    expect(badge.dataset.phase).toBe(phase)
    expect(badge.textContent).toBe(`Run status: ${text}`)
  })

  test.each(cases)(
    "%s: the phase agrees with the client's rules (active polls, finished is terminal)",
    (status) => {
      const phase = statusPhase(status)
      expect(phase === 'active').toBe(isPollingStatus(status))
      expect(phase === 'finished').toBe(isTerminalStatus(status))
    },
  )

  test('a status the library does not know', () => {
    const { container } = render(<RunStatusBadge status="paused_by_operator" />)
    const badge = container.firstElementChild as HTMLElement
    expect(badge.dataset.state).toBe('unknown')
    expect(badge.dataset.phase).toBe('unknown')
    expect(badge).toHaveProperty('textContent', 'Run status: Unknown (paused_by_operator)')
  })

  test('no status: "Unknown", or "Loading…" and busy while it is on its way', () => {
    const { container, rerender } = render(<RunStatusBadge status={undefined} />)
    const badge = container.firstElementChild as HTMLElement
    expect(badge.dataset.state).toBe('unknown')
    expect(badge.textContent).toBe('Run status: Unknown')
    expect(badge.hasAttribute('aria-busy')).toBe(false)
    for (const status of [undefined, null]) {
      rerender(<RunStatusBadge status={status} loading />)
      expect(badge.dataset.state).toBe('loading')
      expect(badge.dataset.phase).toBe('loading')
      expect(badge.dataset.outcome).toBe('none')
      expect(badge.getAttribute('aria-busy')).toBe('true')
      expect(badge.textContent).toBe('Run status: Loading…')
    }
  })

  test('a known status wins over loading (a refetch does not hide it)', () => {
    const { container } = render(<RunStatusBadge status="completed" loading />)
    const badge = container.firstElementChild as HTMLElement
    expect(badge.dataset.state).toBe('completed')
    expect(badge.hasAttribute('aria-busy')).toBe(false)
    expect(badge.textContent).toBe('Run status: Completed')
  })

  test('the loading word is a label like the others', () => {
    render(
      <RunlensLabelsProvider labels={{ status: { prefix: 'Statut :', loading: 'Chargement…' } }}>
        <RunStatusBadge status={null} loading data-testid="fr" />
        <RunStatusBadge status={null} loading data-testid="de" labels={{ loading: 'Wird geladen…' }} />
      </RunlensLabelsProvider>,
    )
    expect(screen.getByTestId('fr').textContent).toBe('Statut : Chargement…')
    expect(screen.getByTestId('de').textContent).toBe('Statut : Wird geladen…')
  })

  test('outcomes tell success from failure', () => {
    const { container } = render(
      <>
        <RunStatusBadge status="completed" />
        <RunStatusBadge status="failed" />
        <RunStatusBadge status="cancelled" />
      </>,
    )
    const outcomes = [...container.querySelectorAll<HTMLElement>('.rl-badge')].map((b) => b.dataset.outcome)
    expect(outcomes).toEqual(['success', 'failure', 'neutral'])
  })

  test('is a live region only when asked', () => {
    const { rerender } = render(<RunStatusBadge status="queued" />)
    expect(screen.queryByRole('status')).toBeNull()
    rerender(<RunStatusBadge status="queued" live />)
    expect(screen.getByRole('status').textContent).toContain('Queued')
  })

  test('forwards its ref and passes unknown props through', () => {
    const ref = createRef<HTMLSpanElement>()
    render(<RunStatusBadge ref={ref} status="queued" data-testid="b" className="mine" title="t" />)
    expect(ref.current).toBe(screen.getByTestId('b'))
    expect(ref.current?.className).toBe('rl-badge mine')
    expect(ref.current?.title).toBe('t')
  })

  test('nested providers merge onto their parent', () => {
    render(
      <RunlensLabelsProvider labels={{ status: { prefix: 'Statut :' } }}>
        <RunlensLabelsProvider labels={{ status: { statuses: { queued: 'En attente' } } }}>
          <RunStatusBadge status="queued" data-testid="q" />
        </RunlensLabelsProvider>
      </RunlensLabelsProvider>,
    )
    expect(screen.getByTestId('q').textContent).toBe('Statut : En attente')
  })

  test('an override key left undefined keeps the label it would replace', () => {
    // As a spread of optional settings makes: `{ prefix: options.prefix }` with no prefix given.
    const merged = mergeLabels(defaultLabels, {
      status: { prefix: undefined, statuses: { queued: undefined } },
    })
    expect(merged.status.prefix).toBe('Run status:')
    expect(merged.status.statuses.queued).toBe('Queued')
    render(
      <RunlensLabelsProvider labels={{ status: { prefix: 'Statut :' } }}>
        <RunlensLabelsProvider labels={{ status: { prefix: undefined } }}>
          <RunStatusBadge status="queued" data-testid="q" labels={{ prefix: undefined }} />
        </RunlensLabelsProvider>
      </RunlensLabelsProvider>,
    )
    expect(screen.getByTestId('q').textContent).toBe('Statut : Queued')
  })

  test('the screen-reader prefix stays hidden without the stylesheet (unstyled mode)', () => {
    const { container } = render(<RunStatusBadge status="queued" />)
    const hidden = container.querySelector('.rl-badge > span:not([class])') as HTMLElement
    expect(hidden.textContent).toBe('Run status: ')
    expect(hidden.style.position).toBe('absolute')
    expect(hidden.style.clip).toBe('rect(0px, 0px, 0px, 0px)')
  })

  test('labels: prop over provider over defaults', () => {
    render(
      <RunlensLabelsProvider labels={{ status: { prefix: 'Statut :', statuses: { completed: 'Terminé' } } }}>
        <RunStatusBadge status="completed" data-testid="a" />
        <RunStatusBadge status="failed" data-testid="b" />
        <RunStatusBadge status="completed" data-testid="c" labels={{ prefix: 'État :' }} />
      </RunlensLabelsProvider>,
    )
    expect(screen.getByTestId('a').textContent).toBe('Statut : Terminé')
    // Overriding one status keeps the others.
    expect(screen.getByTestId('b').textContent).toBe('Statut : Failed')
    expect(screen.getByTestId('c').textContent).toBe('État : Terminé')
  })
})
