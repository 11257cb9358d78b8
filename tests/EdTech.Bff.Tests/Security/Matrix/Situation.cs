namespace EdTech.Bff.Tests.Security.Matrix;

/// <summary>Who calls, relative to the resource the route names (always the home tenant's).</summary>
public enum Situation
{
    /// <summary>Home tenant; the student owns the submission; student and teacher are enrolled in the course.</summary>
    Own,

    /// <summary>A second tenant with the same user ids but none of the home tenant's resources; the platform admin's token names that school.</summary>
    ForeignTenant,

    /// <summary>Home tenant; the student is a classmate (same course), not the owner.</summary>
    Classmate,

    /// <summary>Home tenant; the student or teacher exists but is not enrolled in the course.</summary>
    NotEnrolled,
}
