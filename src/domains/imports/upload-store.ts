/** Uploaded files waiting to be previewed and imported; the adapter keeps them under the data dir. */
export interface StoredUpload {
  uploadId: string;
  fileName: string;
  bytes: number;
  path: string;
}

/** One stored upload as the sweep sees it. */
export interface StoredUploadEntry {
  workspaceId: string;
  uploadId: string;
  path: string;
  /** When the file was last written (its upload). */
  modifiedAt: Date;
}

export interface UploadStore {
  /** Streams a file to disk; refuses (PAYLOAD_TOO_LARGE) past the size limit, leaving nothing behind. */
  save(workspaceId: string, fileName: string, content: NodeJS.ReadableStream): Promise<StoredUpload>;
  /** The upload of this workspace (NOT_FOUND for another workspace's id). */
  get(workspaceId: string, uploadId: string): Promise<StoredUpload>;
  remove(workspaceId: string, uploadId: string): Promise<void>;
  /** Every upload of every workspace (for the sweep of old uploads). */
  list(): AsyncIterable<StoredUploadEntry>;
}

/** What the imports use cases need from the outside world. */
export interface ImportDeps {
  reader: import('./table-file.js').TableFileReader;
  uploads: UploadStore;
}
