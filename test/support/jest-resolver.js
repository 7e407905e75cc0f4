/**
 * Jest resolves packages with the `require` condition. A few of @atproto/api's dependencies (multiformats)
 * export only `import` entries; for those, resolve again with `import` (ts-jest then turns the ESM into CommonJS,
 * see transformIgnorePatterns). Everything that resolves the normal way is left alone.
 */
module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    if (request.startsWith('.') || request.startsWith('/')) throw error;
    return options.defaultResolver(request, { ...options, conditions: ['import', 'node', 'default'] });
  }
};
