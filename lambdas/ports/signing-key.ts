/**
 * The key the "I'm handling this" links are signed and checked with (HMAC-SHA256). A function, so the key is
 * read when first needed (Secrets Manager on AWS) and not while a handler's dependencies are being built.
 */
export type SigningKeyProvider = () => Promise<Buffer>;

/** A shorter key could be guessed offline from any one link; the stack generates 64 characters. */
export const MIN_SIGNING_KEY_BYTES = 32;
