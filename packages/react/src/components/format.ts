// Formatting helpers shared by the components. Everything goes through Intl so that a locale
// from the provider (or a prop) changes digits, separators and dates together.

const numberFormats = new Map<string, Intl.NumberFormat>()

/** The `Intl.NumberFormat` of a locale and options, made once (they are costly to build). */
function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${locale ?? ''}|${JSON.stringify(options)}`
  let format = numberFormats.get(id)
  if (!format) {
    format = new Intl.NumberFormat(locale, options)
    numberFormats.set(id, format)
  }
  return format
}

/** An integer with the locale's grouping: 12,345. */
export function formatNumber(value: number, locale?: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value)
}

/** A score between 0 and 1 with up to three decimals. */
export function formatScore(value: number, locale?: string): string {
  return numberFormat(locale, { maximumFractionDigits: 3 }).format(value)
}

function formatUnit(value: number, unit: 'second' | 'minute' | 'hour', locale?: string): string {
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' }).format(value)
}

/** A duration in seconds, compact: 42s, 3m 5s, 1h 2m. Negative or non-finite values give "". */
export function formatDuration(seconds: number, locale?: string): string {
  if (!Number.isFinite(seconds) || seconds < 0) return ''
  const s = Math.floor(seconds)
  if (s < 60) return formatUnit(s, 'second', locale)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = s % 60
  if (h > 0) return `${formatUnit(h, 'hour', locale)} ${formatUnit(m, 'minute', locale)}`
  if (rest === 0) return formatUnit(m, 'minute', locale)
  return `${formatUnit(m, 'minute', locale)} ${formatUnit(rest, 'second', locale)}`
}

/** A countdown: m:ss, or h:mm:ss past an hour. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds))
  const pad = (n: number) => String(n).padStart(2, '0')
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const ss = pad(s % 60)
  return h > 0 ? `${h}:${pad(m)}:${ss}` : `${m}:${ss}`
}

/** Unix seconds (the wire's timestamps) as an ISO string for `<time dateTime>`. */
export function isoFromUnix(seconds: number): string {
  return new Date(seconds * 1000).toISOString()
}

/** Unix seconds as a medium date and short time in the locale and time zone. */
export function formatDateTime(seconds: number, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(seconds * 1000),
  )
}

/** Pretty-prints JSON text; text that is not JSON comes back as it was, flagged. */
export function prettyJson(text: string): { text: string; valid: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(text), null, 2), valid: true }
  } catch {
    return { text, valid: false }
  }
}
