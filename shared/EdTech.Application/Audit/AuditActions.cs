namespace EdTech.Application.Audit;

/// <summary>
/// The audit log's action names (and its system actors). Deliberately constants, not an enum: the log is append-only and kept for
/// years, many features add actions to it, and exports and erasure read every entry back verbatim. An enum would make an entry
/// whose action a later version added (or a retired feature wrote) unreadable, and nothing switches on the action: it is a
/// label to store and show, an open set, not a state.
/// </summary>
public static class AuditActions
{
    public const string GradeChanged = "grade.changed";
    public const string GradeReleased = "grade.released";

    /// <summary>Cancels a grade change written ahead of a store write that then lost a race (412): the change never took effect.</summary>
    public const string GradeChangeNotApplied = "grade.change-not-applied";
    public const string RecordRead = "record.read";
    public const string StudentExported = "student.exported";
    public const string StudentErased = "student.erased";

    /// <summary>A tenant admin changed a user's name, e-mail or roles (PATCH /api/admin/users/{id}); old and new name the fields.</summary>
    public const string UserUpdated = "user.updated";

    /// <summary>A tenant admin deactivated a user (<c>active:false</c>): their tokens are refused until reactivated.</summary>
    public const string UserDeactivated = "user.deactivated";

    public const string UserReactivated = "user.reactivated";

    /// <summary>A tenant admin removed a user's enrollment in a course (resource <c>course:{courseId}</c>); the user's history stays.</summary>
    public const string EnrollmentRemoved = "enrollment.removed";

    /// <summary>The erasure marker (Privacy/Erasure/ErasureMarkers): written before anything is deleted, lifted only when the id is re-created.</summary>
    public const string StudentErasureStarted = "student.erasure-started";

    /// <summary>An item's skills changed by an accepted tagging suggestion (subject <c>item:{assessmentId}:{itemId}</c>, never a user id).</summary>
    public const string ItemSkillsChanged = "item.skills-changed";

    /// <summary>Actor of the per-tenant auto-apply of tagging suggestions (no human user).</summary>
    public const string AutoTagger = "system:auto-tagger";

    /// <summary>Actor of the automatic grading steps (no human user).</summary>
    public const string AutoGrader = "system:auto-grader";

    public static readonly IReadOnlyList<string> SystemRoles = ["system"];
}
