/** Shapes of the lists API (docs/LEADS.md, "API"). */

export type ListVisibility = 'workspace' | 'private';

export interface LeadList {
  id: string;
  name: string;
  description: string | null;
  folderId: string | null;
  tags: string[];
  visibility: ListVisibility;
  memberIds: string[];
  createdBy: string | null;
  leadCount: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ListFolder {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface ListInput {
  name?: string;
  description?: string | null;
  folderId?: string | null;
  tags?: string[];
  visibility?: ListVisibility;
  memberIds?: string[];
}

/** Which lists the page shows: a folder (or none), archived or not, a name search. */
export interface ListsFilter {
  folderId: string | 'none' | null;
  archived: 'false' | 'true' | 'all';
  q: string;
}
