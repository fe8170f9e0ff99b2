import { render, screen } from '@testing-library/react'
import { createRef } from 'react'
import { describe, expect, test } from 'vitest'
import { RunlensLabelsProvider, RunUsage } from '../../src/components/index.js'

const usage = { prompt_tokens: 1200, completion_tokens: 350, total_tokens: 1550 }

describe('RunUsage', () => {
  test('prompt, completion and total as a description list', () => {
    const { container } = render(<RunUsage usage={usage} locale="en-US" />)
    const terms = [...container.querySelectorAll('dt')].map((d) => d.textContent)
    const values = [...container.querySelectorAll('dd')].map((d) => d.textContent)
    expect(terms).toEqual(['Prompt', 'Completion', 'Total'])
    expect(values).toEqual(['1,200', '350', '1,550'])
    expect(screen.queryByRole('meter')).toBeNull()
  })

  test('bars against the token limits when set', () => {
    render(<RunUsage usage={usage} maxPromptTokens={2000} maxCompletionTokens={350} locale="en-US" />)
    const [prompt, completion] = screen.getAllByRole('meter')
    expect(prompt?.getAttribute('aria-valuenow')).toBe('1200')
    expect(prompt?.getAttribute('aria-valuemax')).toBe('2000')
    expect(prompt?.getAttribute('aria-valuetext')).toBe('1,200 of 2,000 tokens')
    expect(prompt?.getAttribute('aria-label')).toBe('Prompt tokens used of the limit')
    expect(prompt?.dataset.level).toBe('normal')
    expect(completion?.dataset.level).toBe('full')
  })

  test('only the bar whose limit is set', () => {
    render(<RunUsage usage={usage} maxCompletionTokens={1000} />)
    expect(screen.getAllByRole('meter')).toHaveLength(1)
  })

  test('empty until usage is reported', () => {
    const { container } = render(<RunUsage usage={null} />)
    expect(container.querySelector<HTMLElement>('.rl-usage')?.dataset.state).toBe('empty')
    expect(screen.getByText('No usage reported yet.')).toBeTruthy()
  })

  test('numbers in the provider locale', () => {
    const { container } = render(
      <RunlensLabelsProvider locale="de-DE">
        <RunUsage usage={usage} />
      </RunlensLabelsProvider>,
    )
    expect(container.querySelector('dd')?.textContent).toBe('1.200')
  })

  test('forwards its ref and passes unknown props through', () => {
    const ref = createRef<HTMLDivElement>()
    render(<RunUsage ref={ref} usage={usage} data-testid="u" headingLevel={4} />)
    expect(ref.current).toBe(screen.getByTestId('u'))
    expect(screen.getByRole('heading', { level: 4, name: 'Token usage' })).toBeTruthy()
  })
})
