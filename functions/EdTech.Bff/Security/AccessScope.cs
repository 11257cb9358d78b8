namespace EdTech.Bff.Security;

/// <summary>How far an allowed role reaches; see docs/authorization.md.</summary>
public enum AccessScope
{
    /// <summary>No token needed (health, OpenAPI documents).</summary>
    Anonymous,

    /// <summary>The role, and the token's tenant is the platform tenant.</summary>
    Platform,

    /// <summary>Any user of the token's tenant with the role.</summary>
    Tenant,

    /// <summary>The role, and enrolled in that role in the route's course (or the course of the route's assessment); else 404.</summary>
    Course,

    /// <summary>The role, and only the caller's own resources (a student's submissions); anyone else's answer 404.</summary>
    Owner,
}
