'use client'

import type { JSX, ReactNode } from 'react'
import { createContext, useContext, useMemo } from 'react'
import type { PartialLabels, RunlensLabels } from './defaultLabels.js'
import { isObject } from './read.js'

/** A partial override of the labels: any section, any key inside a section. */
export type RunlensLabelsOverride = { [S in keyof RunlensLabels]?: PartialLabels<RunlensLabels[S]> }

// The overrides only: each component merges them onto its own defaults (`useLabels`).
interface RunlensLabelsContextValue {
  labels: RunlensLabelsOverride
  locale?: string | undefined
  timeZone?: string | undefined
}

const RunlensLabelsContext = createContext<RunlensLabelsContextValue>({ labels: {} })

export interface RunlensLabelsProviderProps {
  /** Replaces any subset of the English defaults; sections merge key by key. */
  labels?: RunlensLabelsOverride
  /** BCP 47 locale for numbers and dates. Default: the runtime's (browser) locale. */
  locale?: string
  /** IANA time zone for dates. Default: the runtime's. */
  timeZone?: string
  children?: ReactNode
}

/**
 * `override` onto `base` (full labels or a partial set: nested providers merge their overrides),
 * key by key. Where both hold a plain object, the two are merged in turn, down to `depth` levels
 * of objects: a whole label set has sections (level 1) holding maps of statuses or reasons
 * (level 2), so overriding one status keeps the rest. A key the override leaves undefined keeps
 * the base's value.
 */
function mergeDeep<T extends object>(base: T, override: object | undefined, depth: number): T {
  const merged = { ...base } as Record<string, unknown>
  for (const [key, value] of Object.entries(override ?? {})) {
    if (value === undefined) continue
    const current = merged[key]
    merged[key] =
      depth > 0 && isObject(current) && isObject(value) ? mergeDeep(current, value, depth - 1) : value
  }
  return merged as T
}

/** One section's labels: its own keys, and one level below (the maps of statuses, reasons...). */
function mergeSection<T extends object>(base: T, override: PartialLabels<T> | undefined): T {
  return mergeDeep(base, override, 1)
}

/**
 * Merges an override into a set of labels (full, like `defaultLabels`, or partial); exported for
 * tests and for building label sets outside React.
 */
export function mergeLabels<T extends RunlensLabelsOverride>(
  base: T,
  override: RunlensLabelsOverride | undefined,
): T {
  return mergeDeep(base, override, 2)
}

/**
 * Supplies labels (other languages, other wording), locale and time zone to every runlens
 * component below it. Nested providers merge onto their parent's values.
 */
export function RunlensLabelsProvider({
  labels,
  locale,
  timeZone,
  children,
}: RunlensLabelsProviderProps): JSX.Element {
  const parent = useContext(RunlensLabelsContext)
  const value = useMemo(
    () => ({
      labels: mergeLabels(parent.labels, labels),
      locale: locale ?? parent.locale,
      timeZone: timeZone ?? parent.timeZone,
    }),
    [parent, labels, locale, timeZone],
  )
  return <RunlensLabelsContext.Provider value={value}>{children}</RunlensLabelsContext.Provider>
}

/** The labels of one section: its defaults, the providers' overrides, then a component's own `labels` prop. */
export function useLabels<S extends keyof RunlensLabels>(
  section: S,
  defaults: RunlensLabels[S],
  override?: PartialLabels<RunlensLabels[S]>,
): RunlensLabels[S] {
  const { labels } = useContext(RunlensLabelsContext)
  return useMemo(
    () => mergeSection(mergeSection(defaults, labels[section]), override),
    [labels, section, defaults, override],
  )
}

/** The provider's locale and time zone, with a component's own `locale` taking precedence. */
export function useLocale(locale?: string): { locale: string | undefined; timeZone: string | undefined } {
  const ctx = useContext(RunlensLabelsContext)
  return { locale: locale ?? ctx.locale, timeZone: ctx.timeZone }
}
