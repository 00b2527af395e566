// Public surface of the workspaces domain.
export * from './workspaces.tables.js';
export { createWorkspace, workspaceNameSchema } from './create-workspace.js';
export { createMyWorkspace } from './create-my-workspace.js';
export { listMyWorkspaces, type MyWorkspace } from './list-my-workspaces.js';
export { getCurrentWorkspace, type CurrentWorkspace } from './get-current-workspace.js';
export { renameWorkspace } from './rename-workspace.js';
export { listMembers } from './list-members.js';
export { changeMemberRole } from './change-member-role.js';
export { removeMember } from './remove-member.js';
export { type MemberView } from './member-view.js';
export { createInvitation } from './create-invitation.js';
export { listInvitations } from './list-invitations.js';
export { revokeInvitation } from './revoke-invitation.js';
export { getInvitationByToken, type InvitationPreview } from './get-invitation-by-token.js';
export { acceptInvitation } from './accept-invitation.js';
export { INVITABLE_ROLES, INVITATION_TTL_MS, type InvitableRole, type InvitationView } from './invitation-view.js';
export { assertActorRole, actorOutranksOrEquals } from './permissions.js';
