// Who the signed-in user is in a project or the organization, so pages hide controls the server
// would refuse anyway (the server still checks every request; this only spares people a 403).
import { session } from '../api.js';

const ORDER = ['Labeler', 'Reviewer', 'Lead', 'Manager'];

/** Whether the signed-in user is an organization Owner or Admin. */
export function isOrgAdmin() {
  const role = session()?.user?.orgRole;
  return role === 'Owner' || role === 'Admin';
}

/** The caller's project role (org Owners and Admins act as Manager everywhere), or ''. */
export function projectRole(project) {
  if (isOrgAdmin()) return 'Manager';
  const me = session()?.user?.email;
  return project.role || (project.assignedTo || []).find((m) => m.assignee === me)?.role || '';
}

/** Whether the caller's project role is `min` or above (Labeler < Reviewer < Lead < Manager). */
export function atLeast(project, min) { return ORDER.indexOf(projectRole(project)) >= ORDER.indexOf(min); }
