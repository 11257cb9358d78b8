using System.Net;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;

namespace EdTech.Bff.Tests.Security.Matrix;

/// <summary>The user the unenrollment row removes from the home course (only that row touches it).</summary>
public sealed partial class MatrixWorld
{
    public string UserToRemove => "x-unenroll";

    /// <summary>Creates <see cref="UserToRemove"/> (once) and enrolls them in the home course (again, if a case removed them).</summary>
    public async Task EnrollUserToRemoveAsync()
    {
        var admin = Factory.Token(Home.Tenant, "admin1", Roles.TenantAdmin);
        var (created, body, _) = await Client.PostAsync("/api/admin/users", admin,
            new { id = UserToRemove, displayName = "To remove", email = "remove@school.example", roles = new[] { Roles.Student } });
        Assert.True(created is HttpStatusCode.Created or HttpStatusCode.OK, $"Creating {UserToRemove} failed: {created} {body}");
        var (enrolled, enrollment, _) = await Client.PostAsync($"/api/admin/courses/{Home.Course}/enrollments", admin, new { userId = UserToRemove, role = Roles.Student });
        Assert.True(enrolled is HttpStatusCode.Created or HttpStatusCode.OK, $"Enrolling {UserToRemove} failed: {enrolled} {enrollment}");
    }
}
