// Public surface of the workspaces domain.
export * from './workspaces.tables.js';
export { createWorkspace, workspaceNameSchema } from './create-workspace.js';
