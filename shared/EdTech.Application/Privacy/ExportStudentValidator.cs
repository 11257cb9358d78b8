using EdTech.Application.Common;

namespace EdTech.Application.Privacy;

public static class ExportStudentValidator
{
    public static Validation Validate(ExportStudentCommand command) => new Validation().Id(command.UserId, "userId", required: true);
}
