/**
 * Splits text the way the recorded streams do: each piece is a word or a run of punctuation with
 * the whitespace before it ("Hello", "!", " I'm", " just"). One piece is one delta and one token.
 */
export function splitTokens(text: string): string[] {
  return text.match(/\s*(?:[\p{L}\p{N}_']+|[^\s\p{L}\p{N}_']+)|\s+/gu) ?? []
}

/** A deterministic token count: the number of pieces `splitTokens` makes. */
export function countTokens(text: string): number {
  return splitTokens(text).length
}
