'use client'

import type { ComponentPropsWithoutRef } from 'react'
import { createElement, forwardRef } from '../peers.js'

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
  // createElement itself, as the JSX of the components compiles to (h.ts): one element needs no JSX header.
  return createElement('span', { ref, style: { ...visuallyHidden, ...style }, ...props })
})
