import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { previewFile, type FilePreview } from './preview-file.js';
import { recallMapping } from './remember-mapping.js';
import type { ImportDeps, StoredUpload } from './upload-store.js';

export interface UploadPreview extends FilePreview {
  upload: Omit<StoredUpload, 'path'>;
  /** True when the suggestion is the mapping this workspace used last for the same columns. */
  remembered: boolean;
}

/** First rows of an upload and the mapping to propose: the remembered one for this layout, else a suggestion. */
export async function previewUpload(ctx: Ctx, deps: ImportDeps, input: { uploadId: string; sheet?: string; hasHeader?: boolean }): Promise<UploadPreview> {
  const upload = await deps.uploads.get(requireWorkspaceId(ctx), input.uploadId);
  const preview = await previewFile(deps.reader, upload.path, { sheet: input.sheet, hasHeader: input.hasHeader });
  const remembered = preview.hasHeader ? await recallMapping(ctx, preview.headers) : null;
  const columns = remembered
    ? preview.columns.map((c, i) => ({ ...c, field: remembered[i] ?? null, confidence: 1, reason: 'remembered' as const }))
    : preview.columns;
  const { path: _path, ...uploadView } = upload;
  void _path;
  return { ...preview, columns, upload: uploadView, remembered: remembered !== null };
}
