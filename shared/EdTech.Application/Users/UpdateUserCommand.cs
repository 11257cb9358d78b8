using EdTech.Application.Common;

namespace EdTech.Application.Users;

/// <summary>
/// PATCH body (JSON Merge Patch, RFC 7396): an absent field stays as it is; a present one replaces it (<c>roles</c> as a whole
/// list). None of these fields can be removed, so an explicit null is a 422 naming it. <c>active:false</c> deactivates the user
/// (never deletes), <c>active:true</c> reactivates. The id, creation time and anything else are not patchable.
/// </summary>
public sealed record UpdateUserCommand(Optional<string?> DisplayName, Optional<string?> Email, Optional<string[]?> Roles, Optional<bool?> Active);
