import type { CSSProperties, ReactNode } from 'react'
import { createElement } from '../peers.js'

/** The heading levels a component may use; pick the one that fits the page's outline. */
export type HeadingLevel = 2 | 3 | 4 | 5 | 6

/** A heading of the given level (h2..h6). */
export function heading(
  level: HeadingLevel,
  props: { id?: string; className?: string; style?: CSSProperties },
  children: ReactNode,
) {
  return createElement(`h${level}`, props, children)
}

/** One level below, capped at h6. */
export function below(level: HeadingLevel): HeadingLevel {
  return Math.min(6, level + 1) as HeadingLevel
}
