export interface NoteView {
  id: string;
  leadId: string;
  body: string;
  author: { userId: string | null; apiKeyId: string | null; name: string | null; email: string | null };
  createdAt: string;
  updatedAt: string;
}

export interface NoteRow {
  id: string;
  leadId: string;
  body: string;
  authorUserId: string | null;
  authorApiKeyId: string | null;
  authorName: string | null;
  authorEmail: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const toNoteView = (r: NoteRow): NoteView => ({
  id: r.id,
  leadId: r.leadId,
  body: r.body,
  author: { userId: r.authorUserId, apiKeyId: r.authorApiKeyId, name: r.authorName, email: r.authorEmail },
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
