import type { RadomeConfig } from '../core/config.js';
import type { Level2BucketSource } from '../ingest/sources/level2-bucket.js';
import type { Level3BucketSource } from '../ingest/sources/level3-bucket.js';

// The AWS SDK is the heaviest module radome loads; only commands that read a bucket load it.
export async function level2Source(config: RadomeConfig): Promise<Level2BucketSource> {
  const [{ createS3Client }, { Level2BucketSource }] = await Promise.all([import('../store/objects/s3-client.js'), import('../ingest/sources/level2-bucket.js')]);
  const { bucket, region, endpoint, forcePathStyle, anonymous } = config.level2;
  return new Level2BucketSource(createS3Client({ region, endpoint, forcePathStyle, anonymous }), bucket);
}

export async function level3Source(config: RadomeConfig): Promise<Level3BucketSource> {
  const [{ createS3Client }, { Level3BucketSource }] = await Promise.all([import('../store/objects/s3-client.js'), import('../ingest/sources/level3-bucket.js')]);
  const { bucket, region, endpoint, forcePathStyle, anonymous } = config.level3;
  return new Level3BucketSource(createS3Client({ region, endpoint, forcePathStyle, anonymous }), bucket);
}
