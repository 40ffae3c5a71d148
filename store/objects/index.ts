export { contentTypeForKey } from './content-type.js';
export { FileObjectStore, md5ETag, type FileObjectStoreOptions } from './file-store.js';
export { objectByteLength, objectBytes, objectParts } from './object-body.js';
export { MAX_KEY_BYTES, QUARANTINE_PREFIX, validateObjectKey, validateObjectPrefix } from './key.js';
export { openObjectStore } from './open.js';
export { createS3Client, type S3ClientOptions } from './s3-client.js';
export { S3ObjectStore, type S3ObjectStoreOptions } from './s3-store.js';
