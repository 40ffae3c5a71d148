import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

export interface S3ClientOptions {
  /** S3-compatible endpoint (MinIO, Ceph, s3rver); unset for AWS. */
  endpoint?: string;
  /** Default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1. */
  region?: string;
  /** Bucket in the path rather than the host name; needed for most non-AWS endpoints. */
  forcePathStyle?: boolean;
  /** Send requests unsigned, for public buckets such as NOAA's; no credentials are looked up. */
  anonymous?: boolean;
  /** Explicit credentials; by default the SDK's provider chain (environment, profile, role). */
  credentials?: S3ClientConfig['credentials'];
  /** Attempts per request including retries (SDK default 3). */
  maxAttempts?: number;
}

/** Give up connecting after this long, and on a connection idle for SOCKET_IDLE_MS: never hang. */
const CONNECT_TIMEOUT_MS = 5_000;
const SOCKET_IDLE_MS = 30_000;

/**
 * An S3 client set up the way radome needs it. Checksums are computed and validated only when
 * an operation requires them: with the SDK's default, streamed uploads to S3-compatible servers
 * that do not understand aws-chunked framing store the framing inside the object.
 */
export function createS3Client(options: S3ClientOptions = {}): S3Client {
  const env = process.env;
  const config: S3ClientConfig = {
    region: options.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, socketTimeout: SOCKET_IDLE_MS },
  };
  if (options.endpoint) config.endpoint = options.endpoint;
  if (options.forcePathStyle) config.forcePathStyle = true;
  if (options.maxAttempts) config.maxAttempts = options.maxAttempts;
  if (options.anonymous) {
    // The SDK resolves an identity before signing, so it needs some; the no-op signer then
    // leaves the request without any Authorization header.
    config.credentials = { accessKeyId: '', secretAccessKey: '' };
    config.signer = { sign: async (request) => request };
  } else if (options.credentials) {
    config.credentials = options.credentials;
  }
  return new S3Client(config);
}
