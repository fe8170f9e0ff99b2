import { version } from '@runlens/react'
import { render, screen } from '@testing-library/react'
import { useState } from 'react'
import { expect, test } from 'vitest'

function Counter() {
  const [n] = useState(1)
  return (
    <p>
      react {version} {n}
    </p>
  )
}

test('renders', () => {
  render(<Counter />)
  expect(screen.getByText(/react/).textContent).toMatch(/react (18|19)/)
  console.log(version)
})
