/** Joins class names, skipping empty ones: the stylesheet's class plus the user's `className`. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ')
}
