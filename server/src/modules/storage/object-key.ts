const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Keys are path segments of [A-Za-z0-9._-]: safe as file paths and as S3 paths without escaping. */
export function assertObjectKey(key: string): void {
  if (!KEY.test(key) || key.length > 400 || key.split('/').some((p) => p === '..' || p === '.'))
    throw new Error(`not an object key: ${JSON.stringify(key)}`);
}
