import type { ComponentPropsWithoutRef } from 'react'

/** The heading levels a component may use; pick the one that fits the page's outline. */
export type HeadingLevel = 2 | 3 | 4 | 5 | 6

export interface HeadingProps extends ComponentPropsWithoutRef<'h2'> {
  level: HeadingLevel
}

/** A heading of the given level (h2..h6). */
export function Heading({ level, ...props }: HeadingProps) {
  const Tag = `h${level}` as const
  return <Tag {...props} />
}

/** One level below, capped at h6. */
export function below(level: HeadingLevel): HeadingLevel {
  return Math.min(6, level + 1) as HeadingLevel
}
