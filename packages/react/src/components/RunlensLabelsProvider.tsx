'use client'

import { createContext, type ReactNode, useContext, useMemo } from 'react'
import { defaultLabels, type PartialLabels, type RunlensLabels } from './defaultLabels.js'

/** A partial override of the labels: any section, any key inside a section. */
export type RunlensLabelsOverride = { [S in keyof RunlensLabels]?: PartialLabels<RunlensLabels[S]> }

interface RunlensLabelsContextValue {
  labels: RunlensLabels
  locale: string | undefined
  timeZone: string | undefined
}

const RunlensLabelsContext = createContext<RunlensLabelsContextValue>({
  labels: defaultLabels,
  locale: undefined,
  timeZone: undefined,
})

export interface RunlensLabelsProviderProps {
  /** Replaces any subset of the English defaults; sections merge key by key. */
  labels?: RunlensLabelsOverride
  /** BCP 47 locale for numbers and dates. Default: the runtime's (browser) locale. */
  locale?: string
  /** IANA time zone for dates. Default: the runtime's. */
  timeZone?: string
  children?: ReactNode
}

function mergeSection<T extends object>(base: T, override: PartialLabels<T> | undefined): T {
  if (!override) return base
  const merged = { ...base, ...override } as T
  // Maps of statuses/reasons are merged one level deeper, so overriding one status keeps the rest.
  for (const key of Object.keys(override) as Array<keyof T>) {
    const b = base[key]
    const o = override[key]
    if (isPlainObject(b) && isPlainObject(o)) merged[key] = { ...b, ...o } as T[keyof T]
  }
  return merged
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Merges an override into full labels; exported for tests and for building label sets outside React. */
export function mergeLabels(base: RunlensLabels, override: RunlensLabelsOverride | undefined): RunlensLabels {
  if (!override) return base
  const sections = base as unknown as Record<string, object>
  const out: Record<string, object> = { ...sections }
  for (const [section, partial] of Object.entries(override)) {
    const current = sections[section]
    if (current && partial) out[section] = mergeSection(current, partial)
  }
  return out as unknown as RunlensLabels
}

/**
 * Supplies labels (other languages, other wording), locale and time zone to every runlens
 * component below it. Nested providers merge onto their parent's values.
 */
export function RunlensLabelsProvider({ labels, locale, timeZone, children }: RunlensLabelsProviderProps) {
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

/** The labels of one section, the provider's merged with a component's own `labels` prop. */
export function useLabels<S extends keyof RunlensLabels>(
  section: S,
  override?: PartialLabels<RunlensLabels[S]>,
): RunlensLabels[S] {
  const { labels } = useContext(RunlensLabelsContext)
  return useMemo(() => mergeSection(labels[section], override), [labels, section, override])
}

/** The provider's locale and time zone, with a component's own `locale` taking precedence. */
export function useLocale(locale?: string): { locale: string | undefined; timeZone: string | undefined } {
  const ctx = useContext(RunlensLabelsContext)
  return { locale: locale ?? ctx.locale, timeZone: ctx.timeZone }
}
