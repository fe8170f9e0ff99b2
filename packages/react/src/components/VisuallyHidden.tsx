'use client'

import type { ComponentPropsWithoutRef } from 'react'
import { forwardRef } from 'react'

// Inline, not a class: text meant for screen readers only must stay hidden in unstyled mode too,
// where the stylesheet is not loaded. The usual clip pattern (as in Radix's VisuallyHidden).
export const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const

export type VisuallyHiddenProps = ComponentPropsWithoutRef<'span'>

/** Text for assistive technology only. */
export const VisuallyHidden = forwardRef<HTMLSpanElement, VisuallyHiddenProps>(function VisuallyHidden(
  { style, ...props },
  ref,
) {
  return <span ref={ref} style={{ ...visuallyHidden, ...style }} {...props} />
})
