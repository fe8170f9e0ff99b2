import { render, screen } from '@testing-library/react'
import { createRef } from 'react'
import { describe, expect, test } from 'vitest'
import { MessageText } from '../../src/components/index.js'
import { makeMessage } from './fixtures.js'

function announcer(container: HTMLElement) {
  return container.querySelector('[aria-live="polite"]') as HTMLElement
}

describe('MessageText', () => {
  test('renders text as paragraphs and lines', () => {
    const { container } = render(<MessageText text={'Hello\nworld\n\nSecond'} />)
    const ps = container.querySelectorAll('.rl-message__paragraph')
    expect(ps).toHaveLength(2)
    expect(ps[0]?.querySelectorAll('br')).toHaveLength(1)
    expect(ps[1]?.textContent).toBe('Second')
  })

  test('announces once, when streaming ends, not on every delta', () => {
    const { container, rerender } = render(<MessageText text="Hel" streaming />)
    const root = container.firstElementChild as HTMLElement
    expect(root.dataset.state).toBe('streaming')
    expect(root.getAttribute('aria-busy')).toBe('true')
    expect(announcer(container).textContent).toBe('')
    rerender(<MessageText text="Hello, wor" streaming />)
    expect(announcer(container).textContent).toBe('')
    rerender(<MessageText text="Hello, world." streaming={false} />)
    expect(announcer(container).textContent).toBe('Hello, world.')
    expect(root.dataset.state).toBe('complete')
    expect(root.hasAttribute('aria-busy')).toBe(false)
  })

  test('a message shown complete is not announced', () => {
    const { container } = render(<MessageText text="Old answer" />)
    expect(announcer(container).textContent).toBe('')
  })

  test('announce={false} leaves no live region', () => {
    const { container } = render(<MessageText text="x" announce={false} />)
    expect(container.querySelector('[aria-live]')).toBeNull()
  })

  test('from a message: streaming follows its status; refusal and images as text', () => {
    const message = makeMessage('Part one', {
      status: 'in_progress',
      role: 'assistant',
      content: [
        { type: 'text', text: { value: 'Part one', annotations: [] } },
        { type: 'refusal', refusal: 'I cannot do that' },
        { type: 'image_file', image_file: { file_id: 'file_img' } },
      ],
    })
    const { container, rerender } = render(<MessageText message={message} showRole />)
    const root = container.firstElementChild as HTMLElement
    expect(root.dataset.state).toBe('streaming')
    expect(root.dataset.role).toBe('assistant')
    expect(root.textContent).toContain('Assistant')
    expect(root.textContent).toContain('Refusal: I cannot do that')
    expect(root.textContent).toContain('[image file file_img]')
    expect(container.querySelector('img')).toBeNull()
    rerender(<MessageText message={{ ...message, status: 'completed' }} showRole />)
    expect(announcer(container).textContent).toContain('Part one')
  })

  test('empty while waiting for the first delta', () => {
    render(<MessageText text="" streaming />)
    expect(screen.getByText('Writing…')).toBeTruthy()
  })

  test('forwards its ref and passes unknown props through', () => {
    const ref = createRef<HTMLDivElement>()
    render(<MessageText ref={ref} text="x" data-testid="m" lang="en" />)
    expect(ref.current).toBe(screen.getByTestId('m'))
    expect(ref.current?.lang).toBe('en')
  })
})
