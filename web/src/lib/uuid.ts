// A random (version 4) UUID from the platform's cryptographic generator. crypto.randomUUID exists only in secure
// contexts; getRandomValues exists everywhere, so build the UUID from it.

export type RandomFill = (bytes: Uint8Array) => Uint8Array

const cryptoFill: RandomFill = (bytes) => globalThis.crypto.getRandomValues(bytes)

export function randomUuid(fill: RandomFill = cryptoFill): string {
  const b = fill(new Uint8Array(16))
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
