/** Uploaded files waiting to be previewed and imported; the adapter keeps them under the data dir. */
export interface StoredUpload {
  uploadId: string;
  fileName: string;
  bytes: number;
  path: string;
}

export interface UploadStore {
  /** Streams a file to disk; refuses (PAYLOAD_TOO_LARGE) past the size limit, leaving nothing behind. */
  save(workspaceId: string, fileName: string, content: NodeJS.ReadableStream): Promise<StoredUpload>;
  /** The upload of this workspace (NOT_FOUND for another workspace's id). */
  get(workspaceId: string, uploadId: string): Promise<StoredUpload>;
  remove(workspaceId: string, uploadId: string): Promise<void>;
}

/** What the imports use cases need from the outside world. */
export interface ImportDeps {
  reader: import('./table-file.js').TableFileReader;
  uploads: UploadStore;
}
