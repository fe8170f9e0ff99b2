import { render, screen, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { createRef } from 'react'
import { describe, expect, test, vi } from 'vitest'
import { RunList, RunlensLabelsProvider } from '../../src/components/index.js'
import { makeRun } from './fixtures.js'

const runs = [
  makeRun({
    id: 'run_b',
    status: 'in_progress',
    completed_at: null,
    usage: null,
    created_at: 200,
    started_at: 201,
  }),
  makeRun({
    id: 'run_a',
    status: 'completed',
    model: 'gpt-4o-mini',
    created_at: 100,
    started_at: 101,
    completed_at: 106,
  }),
]

describe('RunList', () => {
  test('a row per run: status, model, created, duration, tokens', () => {
    render(<RunList runs={runs} locale="en-US" />)
    const table = screen.getByRole('table', { name: 'Runs' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(2)
    const [active, done] = rows as [HTMLElement, HTMLElement]
    expect(active.dataset.state).toBe('in_progress')
    expect(active.textContent).toContain('In progress')
    expect(active.textContent).toContain('—')
    expect(done.textContent).toContain('gpt-4o-mini')
    expect(done.textContent).toContain('73')
    const times = done.querySelectorAll('time')
    expect(times[0]?.dateTime).toBe(new Date(100_000).toISOString())
    expect(times[1]?.dateTime).toBe('PT5S')
    expect(times[1]?.textContent).toBe('5s')
  })

  test('dates and numbers in the provider locale and time zone', () => {
    const { container } = render(
      <RunlensLabelsProvider locale="en-GB" timeZone="Asia/Tokyo">
        <RunList
          runs={[
            makeRun({
              created_at: 1761861531,
              usage: { prompt_tokens: 1, completion_tokens: 1233, total_tokens: 1234 },
            }),
          ]}
        />
      </RunlensLabelsProvider>,
    )
    const created = container.querySelector('time') as HTMLTimeElement
    expect(created.textContent).toMatch(/31 Oct 2025/)
    expect(created.textContent).toMatch(/06:58/)
    expect(container.querySelector('td[data-numeric]')?.textContent).toBe('1,234')
  })

  test("each value cell carries its column's name, for the narrow layout", () => {
    render(<RunList runs={runs} labels={{ model: 'Modèle', tokens: 'Jetons' }} />)
    const [row] = within(screen.getByRole('table')).getAllByRole('row').slice(1)
    const named = [...(row as HTMLElement).querySelectorAll('td[data-label]')].map((td) =>
      td.getAttribute('data-label'),
    )
    expect(named).toEqual(['Modèle', 'Created', 'Duration', 'Jetons'])
    // The status names itself (its badge says "Run status: …"); the id is the row's header.
    expect((row as HTMLElement).querySelectorAll('td:not([data-label])')).toHaveLength(1)
  })

  test('an expired run lasted until its deadline', () => {
    const expired = makeRun({
      id: 'run_x',
      status: 'expired',
      started_at: 100,
      completed_at: null,
      expires_at: 700,
    })
    const { container } = render(<RunList runs={[expired]} locale="en-US" />)
    expect(container.querySelectorAll('time')[1]?.dateTime).toBe('PT600S')
  })

  test('rows selectable with the keyboard; the selected one is current', async () => {
    const user = userEvent.setup()
    const onSelect = vi.fn()
    render(<RunList runs={runs} onSelect={onSelect} selectedRunId="run_a" />)
    const buttons = screen.getAllByRole('button')
    expect(buttons[1]?.getAttribute('aria-current')).toBe('true')
    expect(buttons[0]?.hasAttribute('aria-current')).toBe(false)
    await user.tab()
    expect(document.activeElement).toBe(buttons[0])
    await user.keyboard('{Enter}')
    expect(onSelect).toHaveBeenCalledWith(runs[0])
  })

  test('load more: shown when there is more, ignores presses while loading', async () => {
    const user = userEvent.setup()
    const onLoadMore = vi.fn()
    const { rerender } = render(<RunList runs={runs} hasMore onLoadMore={onLoadMore} />)
    await user.click(screen.getByRole('button', { name: 'Load more' }))
    expect(onLoadMore).toHaveBeenCalledTimes(1)
    rerender(<RunList runs={runs} hasMore onLoadMore={onLoadMore} isLoadingMore />)
    const busy = screen.getByRole('button', { name: 'Loading…' })
    expect(busy.getAttribute('aria-disabled')).toBe('true')
    expect(busy.getAttribute('aria-busy')).toBe('true')
    await user.click(busy)
    expect(onLoadMore).toHaveBeenCalledTimes(1)
    rerender(<RunList runs={runs} hasMore={false} onLoadMore={onLoadMore} />)
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull()
  })

  test('empty and loading states', () => {
    const { container, rerender } = render(<RunList runs={[]} isLoading />)
    expect((container.firstElementChild as HTMLElement).dataset.state).toBe('loading')
    expect(screen.getByText('Loading runs…')).toBeTruthy()
    rerender(<RunList runs={[]} />)
    expect((container.firstElementChild as HTMLElement).dataset.state).toBe('empty')
    expect(screen.getByText('No runs yet.')).toBeTruthy()
  })

  test('forwards its ref and passes unknown props through', () => {
    const ref = createRef<HTMLDivElement>()
    render(<RunList ref={ref} runs={runs} data-testid="l" aria-label="Earlier runs" />)
    expect(ref.current).toBe(screen.getByTestId('l'))
    expect(ref.current?.getAttribute('aria-label')).toBe('Earlier runs')
  })
})
