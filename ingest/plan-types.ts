/** An object the ingest layer will write to the object store. */
export interface PlannedObject {
  key: string;
  body: Uint8Array;
  contentType: string;
}
